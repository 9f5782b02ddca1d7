/**
 * Whose voice the words are in. Words inside quotation marks, or in a sentence that reports someone else's
 * speech ("the minister called them vermin", "he said they were animals"), are quoted: findings keep them
 * with `quoted: true` so indicators can report all language and the author's own voice apart.
 *
 * Two cases are neither the author's nor anyone's dehumanization:
 * - counter-speech: the sentence reports or names the words in order to reject them ("calling refugees vermin
 *   is wrong", "the minister's description of migrants as a plague was condemned");
 * - mention: the word is talked about as a word ("the word cockroach was used on the radio").
 */

import { compileTrie, type CompiledTrie } from '../../lexicon/trie.js';
import type { Lexicon } from '../../lexicon/types.js';
import { FIRST_PERSON_PLURAL } from '../actors.js';
import { insideQuote, type QuoteSpan } from '../../text/quotes.js';
import { Break, type SentenceContext } from '../sentence-context.js';

/** The voice of matched words. */
export interface Voice {
  readonly quoted: boolean;
  readonly counterSpeech: boolean;
  readonly mention: boolean;
  /** The words are a lone quoted word ("'vermin'"): a mention, unless a grammatical link applies it to people. */
  readonly scareQuoted: boolean;
}

/** Sentence-level cues, computed once per sentence and reused for every match in it. */
export interface SentenceCues {
  /** Token index of each reporting verb that is not the author's own ("I said"). */
  readonly reporting: readonly number[];
  /** Token index of every reporting or labelling verb, whoever the subject ("I never said ..." included). */
  readonly framing: readonly number[];
  /** True when a labelling verb has a hypothetical subject ("whoever calls them", "anyone who refers to"). */
  readonly hypothetical: boolean;
  /** Token index of each counter-speech cue ("wrong", "condemned", "shameful"). */
  readonly counter: readonly number[];
  /** Token ranges of metalinguistic cues ("the word", "the term", "so-called"). */
  readonly mentionCues: ReadonlyArray<readonly [number, number]>;
}

/** Decides the voice of matched words. */
export interface QuotationRule {
  cues(ctx: SentenceContext): SentenceCues;
  voice(ctx: SentenceContext, cues: SentenceCues, quotes: readonly QuoteSpan[], a: number, b: number): Voice;
}

/** Gerunds that frame words as someone's act of labelling: "calling them vermin is ...". */
const LABELLING_GERUNDS = new Set(['calling', 'labelling', 'labeling', 'branding', 'describing', 'comparing', 'likening', 'referring', 'dubbing']);
/** Words before a gerund that make it the topic of the sentence: "where calling them rats leads". */
const ACT_INTRODUCERS = new Set(['where', 'how', 'that', 'by', 'about', 'of', 'against', 'stop', 'stopped', 'quit', 'avoid', 'without', 'why', 'than', 'and', 'or', 'but', 'because', 'like', 'when', 'from']);
/** Subjects that deny that anyone should do what the verb says. */
const NEGATIVE_SUBJECTS = new Set(['nobody', 'noone', 'no-one']);
const FIRST_PERSON_SINGULAR = new Set(['i', "i've", "i'd"]);
/** Verbs that apply a label to someone: with another speaker as subject, the label is reported speech. */
const LABELLING_VERBS = new Set([
  'call', 'calls', 'called', 'calling', 'label', 'labels', 'labelled', 'labeled', 'labelling', 'labeling', 'brand', 'brands', 'branded',
  'branding', 'describe', 'describes', 'described', 'describing', 'refer', 'refers', 'referred', 'referring', 'treat', 'treats', 'treating',
  'dub', 'dubs', 'dubbed', 'compare', 'compares', 'compared', 'comparing', 'liken', 'likens', 'likened', 'portray', 'portrays', 'portrayed',
  'portraying', 'depict', 'depicts', 'depicted', 'depicting', 'paint', 'paints', 'painted', 'painting', 'say', 'says', 'said', 'saying',
  // Verbs of attributed belief: "hate mongers who regarded the newcomers as scum" reports their view.
  'regard', 'regards', 'regarded', 'view', 'views', 'viewed', 'consider', 'considers', 'considered', 'deem', 'deems', 'deemed',
]);
/**
 * Nouns that introduce someone's belief or claim as their content: "the doctrine that they are subhuman",
 * "a view of Slavs as subhuman". The words after them are that belief's, not the author's.
 */
const CONTENT_NOUNS = new Set([
  'doctrine', 'doctrines', 'belief', 'beliefs', 'idea', 'ideas', 'notion', 'notions', 'claim', 'claims', 'myth', 'myths', 'ideology',
  'propaganda', 'theory', 'theories', 'narrative', 'narratives', 'rhetoric', 'trope', 'tropes', 'stereotype', 'stereotypes', 'view', 'views',
  'conviction', 'lie', 'lies', 'slander', 'smear', 'canard',
]);
const MODALS = new Set(['should', 'would', 'could', 'must', 'can', 'will', 'may', 'might', 'ever', 'never', 'still', 'even', 'just', 'really', "shouldn't", "wouldn't", "can't", 'cannot', 'not']);
/** Auxiliaries between a subject and its verb ("we have called", "I hadn't considered"). */
const AUXILIARY_VERBS = new Set(['have', 'has', 'had', "hadn't", "haven't", "hasn't", 'do', 'does', 'did', "didn't", "don't", "doesn't", "'ve", 'once', 'always', 'long', 'also', 'openly']);
/** Subjects that make the labelling hypothetical: the sentence talks about the act, it does not perform it. */
const HYPOTHETICAL_SUBJECTS = new Set(['whoever', 'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'those', 'people', 'nobody']);
const CORE_REPORTING = ['said', 'says', 'say', 'told', 'called', 'claimed', 'claims', 'wrote', 'declared'];

/** Compiles the quotation lexicons (categories `reporting_verb`, `counter_speech`, `mention`). */
export function createQuotationRule(lexicons: readonly Lexicon[]): QuotationRule {
  const entries = lexicons.flatMap((l) => l.entries);
  const reporting: CompiledTrie = compileTrie(entries.filter((e) => e.category === 'reporting_verb'));
  const counter: CompiledTrie = compileTrie(entries.filter((e) => e.category === 'counter_speech'));
  const mention: CompiledTrie = compileTrie(entries.filter((e) => e.category === 'mention'));
  const coreReporting = new Set(CORE_REPORTING);

  return {
    cues(ctx) {
      const forms = ctx.forms;
      const reportingAt = new Set<number>();
      for (const m of reporting.matchAll(forms)) reportingAt.add(m.start);
      if (reporting.size === 0) forms.forEach((f, i) => coreReporting.has(f) && reportingAt.add(i));
      const framing = new Set<number>(reportingAt);
      forms.forEach((f, i) => LABELLING_VERBS.has(f) && framing.add(i));
      let hypothetical = false;
      for (const i of framing) {
        // Skip modals and adverbs between subject and verb: "nobody should ever call them ...".
        let j = i - 1;
        while (j >= 0 && MODALS.has(forms[j]!)) j--;
        const a = forms[j] ?? '';
        const b = forms[j - 1] ?? '';
        if (HYPOTHETICAL_SUBJECTS.has(a) || (a === 'who' && HYPOTHETICAL_SUBJECTS.has(b))) hypothetical = true;
        // "Nobody on this panel should refer to them as cargo": a negative subject a few words back, in the
        // same clause, forbids the labelling rather than doing it.
        for (let k = j; k >= 0 && j - k < 5 && ctx.breaks[k] !== Break.Clause; k--) {
          if (NEGATIVE_SUBJECTS.has(forms[k]!) || (forms[k] === 'no' && forms[k + 1] === 'one')) hypothetical = true;
        }
      }
      // The subject of a verb: the word before it, past modals, auxiliaries and negators ("I hadn't considered").
      const subjectOf = (i: number): string => {
        let j = i - 1;
        while (j >= 0 && (MODALS.has(forms[j]!) || AUXILIARY_VERBS.has(forms[j]!))) j--;
        return forms[j] ?? '';
      };
      // A labelling verb with someone else as subject reports their words ("the minister branded them a plague").
      for (const i of framing) {
        if (!LABELLING_VERBS.has(forms[i]!)) continue;
        const subject = subjectOf(i);
        if (!(FIRST_PERSON_SINGULAR.has(subject) || FIRST_PERSON_PLURAL.has(subject))) reportingAt.add(i);
      }
      // "the doctrine that ...", "a view of them as ...": a content noun reports a belief that is not the author's.
      forms.forEach((f, i) => {
        const next = forms[i + 1];
        if (CONTENT_NOUNS.has(f) && (next === 'that' || next === 'of')) reportingAt.add(i);
      });
      // "I said" and "we said" are the author's own voice.
      const ownVoice = (i: number): boolean => {
        const subject = subjectOf(i);
        return FIRST_PERSON_SINGULAR.has(subject) || FIRST_PERSON_PLURAL.has(subject);
      };
      return {
        reporting: [...reportingAt].filter((i) => !ownVoice(i)).sort((x, y) => x - y),
        framing: [...framing].sort((x, y) => x - y),
        hypothetical,
        counter: counter.matchAll(forms).map((m) => m.start),
        mentionCues: mention.matchAll(forms).map((m) => [m.start, m.end] as const),
      };
    },

    voice(ctx, cues, quotes, a, b) {
      const forms = ctx.forms;
      // Mention: a metalinguistic cue right before the words ("the word 'cockroach'").
      const scareQuoted = isSingleQuotedWord(ctx, quotes, a, b);
      const isMention = cues.mentionCues.some(([, e]) => e <= a && a - e <= 2);
      const inQuotes = insideQuote(quotes, ctx.starts[a]!, ctx.ends[b - 1]!);
      let framedByGerund = false;
      let actOfLabelling = false;
      for (let j = Math.max(0, a - 6); j < a; j++) {
        if (!LABELLING_GERUNDS.has(forms[j]!)) continue;
        framedByGerund = true;
        // "Calling your neighbours cockroaches leads to ...", "history shows where comparing them to rats
        // ends": the gerund names the act as a topic; nobody in the sentence performs it.
        if (j === 0 || ACT_INTRODUCERS.has(forms[j - 1]!)) actOfLabelling = true;
      }
      const reported = cues.reporting.some((r) => r < a) || (cues.reporting.length > 0 && inQuotes) || cues.reporting.some((r) => r >= b);
      const quoted = inQuotes || reported || framedByGerund;
      // Counter-speech: the sentence reports the words and condemns them, or talks about the act of labelling
      // as something anyone might do ("whoever calls them cockroaches ...").
      const counterSpeech =
        ((quoted || isMention || scareQuoted) && cues.counter.some((c) => c < a || c >= b)) || (cues.hypothetical && !inQuotes) || (actOfLabelling && !inQuotes);
      return { quoted, counterSpeech, mention: isMention, scareQuoted };
    },
  };
}

/** A lone quoted word ("'vermin'") is a word being talked about, not a description of people. */
function isSingleQuotedWord(ctx: SentenceContext, quotes: readonly QuoteSpan[], a: number, b: number): boolean {
  const start = ctx.starts[a]!;
  const end = ctx.ends[b - 1]!;
  for (const q of quotes) {
    if (q.start <= start && end <= q.end) {
      // Only the quotation marks around the words: nothing else inside the quote.
      return start - q.start <= 1 && q.end - end <= 2;
    }
  }
  return false;
}
