/**
 * The rule scorer: lexicons plus context rules, per sentence, with the evidence of every call.
 *
 * Following the plugin model of unified/retext, {@link createScorer} validates and compiles everything once
 * and returns small functions that run per document. Per sentence it runs a cheap pass (tokens, actor
 * mentions, one trie walk for all measure lexicons); only sentences where a trigger fired get the context
 * rules (target, negation, voice). A sentence without a trigger cannot get a finding, so skipping the rules
 * there changes no result (the cascade test checks this).
 */

import {
  MEASURES,
  PRESENCE_THRESHOLD,
  type ActorMention,
  type DocumentResult,
  type Finding,
  type MeasureName,
  type SentenceResult,
} from '../core/types.js';
import { createStartMasker } from '../lexicon/start-filter.js';
import { compileTrie, type TrieMatch } from '../lexicon/trie.js';
import type { Lexicon, LexiconEntry, Slot } from '../lexicon/types.js';
import { findQuoteSpans, type QuoteSpan } from '../text/quotes.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize, type Tokens } from '../text/tokenize.js';
import { createActorFinder, type TokenMention } from './actors.js';
import { createFrameRule, FRAME_TRIGGER_CATEGORIES } from './rules/frames.js';
import { createNegationRule } from './rules/negation.js';
import { createQuotationRule } from './rules/quotation.js';
import { linkPredicate, linkVehicle, linkVerb, type TargetLink, type VerbAttachment } from './rules/target.js';
import { computeBreaks, type SentenceContext } from './sentence-context.js';

/** Options of the rule scorer. */
export interface ScorerOptions {
  /** All lexicons to use: measure lexicons, actor lists and cue lists, told apart by their `measure` header. */
  readonly lexicons: readonly Lexicon[];
  /**
   * Run the context rules on every sentence, not only where a trigger fired. Slower; exists so tests can
   * prove that the cascade changes nothing.
   */
  readonly deepOnEverySentence?: boolean;
}

/** A candidate the rules looked at and did not apply, for `explain`. */
export interface RejectedCandidate {
  readonly measure: MeasureName;
  readonly match: string;
  readonly category: string;
  readonly reason: string;
}

/** A sentence result with the candidates the rules turned down (only when asked for). */
export interface ExplainedSentence extends SentenceResult {
  readonly rejected: readonly RejectedCandidate[];
}

/** Why a candidate was turned down when no human group or person is its target ("rats in the kitchen"). */
export const NO_HUMAN_TARGET = 'not applied to a human group or person';

/** The compiled scorer. */
export interface Scorer {
  /** Scores one document's text. */
  scoreDocument(id: string, text: string): DocumentResult;
  /** Scores one document and keeps the turned-down candidates, for `explain`. */
  explainDocument(text: string): ExplainedSentence[];
  /** `id@version` of every lexicon in use. */
  readonly lexiconVersions: readonly string[];
}

const NO_MENTIONS = new Int32Array(0);
const NO_SLOT_STARTS = new Uint8Array(0);

/** Writes into `at[0, tokens)` the index of the mention covering each token, or -1; returns `at`. */
function indexMentionsInto(at: Int32Array, mentions: readonly TokenMention[], tokens: number): Int32Array {
  at.fill(-1, 0, tokens);
  for (let mi = 0; mi < mentions.length; mi++) {
    const m = mentions[mi]!;
    for (let t = m.start; t < m.end; t++) at[t] = mi;
  }
  return at;
}

/** Target rules that apply a word to people by grammar, so even a lone quoted word is used, not mentioned. */
const APPLYING_RULES = new Set(['copula', 'object_complement', 'modifier', 'verb_subject', 'verb_object', 'of_phrase', 'apposition', 'predicate', 'slot', 'relative_who']);

/** Determiners a slot may take before its mention. */
const SLOT_DETERMINERS = new Set(['the', 'these', 'those', 'some', 'many', 'most', 'all', 'ordinary', 'other']);

/** Verb categories whose human link is the object ("exterminate them"), not the subject ("they swarm"). */
const OBJECT_VERB_CATEGORIES = new Set(['extermination', 'purge', 'elimination', 'removal']);
const MEASURE_SET = new Set<string>(MEASURES);
/** Lexicon category of fixed expressions that neutralise the vehicle word inside them. */
const IDIOM = 'idiom';
/** Bits of the per-token start mask. */
const ACTOR_BIT = 1;
const MEASURE_BIT = 2;

/** Builds a scorer from lexicons. Throws when no measure lexicon is given. */
export function createScorer(options: ScorerOptions): Scorer {
  const byKind = (kind: string): Lexicon[] => options.lexicons.filter((l) => l.info.measure === kind);
  const measureEntries = options.lexicons.filter((l) => MEASURE_SET.has(l.info.measure)).flatMap((l) => l.entries);
  if (measureEntries.length === 0) throw new Error('createScorer: no measure lexicon given');
  // Suffering cues join the one trie of the cheap pass, so a sentence with only a frame cue still reaches the rules.
  const frameTriggers = byKind('frame').flatMap((l) => l.entries).filter((e) => FRAME_TRIGGER_CATEGORIES.has(e.category));
  const trie = compileTrie([...measureEntries, ...frameTriggers]);
  const findActors = createActorFinder(byKind('actors'));
  // One lookup per token tells which tokens may start an actor term or pronoun, and which a measure term.
  const masker = createStartMasker([
    { roots: findActors.roots, bit: ACTOR_BIT },
    { roots: trie.roots, bit: MEASURE_BIT },
  ]);
  let mask = new Uint8Array(256);
  let mentionBuffer = new Int32Array(256);
  let slotBuffer = new Uint8Array(256);
  const actorStarts = { mask, bit: ACTOR_BIT };
  const measureStarts = { mask, bit: MEASURE_BIT };
  const negation = createNegationRule(byKind('negation'));
  const quotation = createQuotationRule(byKind('quotation'));
  const frames = createFrameRule(byKind('frame'), negation);
  const lexiconVersions = options.lexicons.map((l) => `${l.info.id}@${l.info.version}`);
  const deepEverywhere = options.deepOnEverySentence ?? false;

  function scoreSentence(
    text: string,
    index: number,
    start: number,
    end: number,
    quotes: readonly QuoteSpan[],
    rejected: RejectedCandidate[] | null,
  ): SentenceResult {
    const { starts, ends, forms } = expandContractions(tokenize(text, start, end));
    if (forms.length > mask.length) {
      mask = new Uint8Array(Math.max(forms.length, 2 * mask.length));
      actorStarts.mask = measureStarts.mask = mask;
    }
    masker(forms, mask);
    const mentions = dropCountryUs(
      findActors(
        forms,
        (t) => {
          const c = text.charCodeAt(starts[t]!);
          return c >= 65 && c <= 90;
        },
        actorStarts,
      ),
      text,
      starts,
    );
    // Most sentences name no group: they need no per-token mention index and no slot starts.
    // The per-token mention index and slot starts live in buffers reused from sentence to sentence: most
    // sentences name someone (a pronoun at least), and a fresh array for each was a good part of the garbage.
    if (forms.length > mentionBuffer.length) {
      mentionBuffer = new Int32Array(Math.max(forms.length, 2 * mentionBuffer.length));
      slotBuffer = new Uint8Array(mentionBuffer.length);
    }
    const mentionAt = mentions.length > 0 || deepEverywhere ? indexMentionsInto(mentionBuffer, mentions, forms.length) : NO_MENTIONS;
    const resolveSlot = (slot: Slot, token: number): number => {
      if (mentions.length === 0) return -1;
      let mi = mentionAt[token]!;
      // "why the Karsks are afraid": a slot takes a determiner with the mention that follows it.
      if (mi < 0 && SLOT_DETERMINERS.has(forms[token]!) && token + 1 < forms.length) {
        mi = mentionAt[token + 1]!;
        if (mi < 0 || mentions[mi]!.start !== token + 1) return -1;
        token = token + 1;
      }
      if (mi < 0) return -1;
      const m = mentions[mi]!;
      if (m.start !== token) return -1;
      if (slot === '<group>') return m.end;
      if (slot === '<self>') return m.person === 'self' ? m.end : -1;
      return m.person !== 'self' ? m.end : -1; // <other>
    };
    // Slots can start only at a mention or at a determiner right before one.
    const slotStarts = mentions.length > 0 ? slotBuffer.fill(0, 0, forms.length) : NO_SLOT_STARTS;
    for (const m of mentions) {
      slotStarts[m.start] = 1;
      if (m.start > 0 && SLOT_DETERMINERS.has(forms[m.start - 1]!)) slotStarts[m.start - 1] = 1;
    }
    const matches = trie.matchAll(forms, resolveSlot, slotStarts, measureStarts);
    const actorMentions = mentions.map((m) => toActorMention(text, starts, ends, m));
    if (matches.length === 0 && !deepEverywhere) {
      return emptySentence(text, index, start, end, forms.length, actorMentions);
    }

    const ctx: SentenceContext = {
      text,
      forms,
      starts,
      ends,
      breaks: computeBreaks(text, starts, ends),
      mentions,
      // A view of exactly the sentence's length: rules read past the end as "no mention".
      mentionAt: mentionAt.length > 0 ? mentionAt.subarray(0, forms.length) : indexMentionsInto(new Int32Array(forms.length), mentions, forms.length),
      quotedToken: new Uint8Array(0),
    };
    const cues = quotation.cues(ctx);
    const findings: Finding[] = [];
    let triggeredFrames = false;
    for (const match of dropContained(matches)) {
      const entry = match.entry;
      if (entry.lexicon.measure === 'frame') {
        triggeredFrames = true;
        continue;
      }
      // An idiom ("black sheep") only exists to hide the vehicle inside it (dropContained kept the longer).
      if (entry.category === IDIOM) {
        rejected?.push({ measure: entry.lexicon.measure as MeasureName, match: text.slice(starts[match.start]!, ends[match.end - 1]!), category: entry.category, reason: 'an idiom: the word inside says nothing about people' });
        continue;
      }
      const measure = entry.lexicon.measure as MeasureName;
      const matchText = text.slice(starts[match.start]!, ends[match.end - 1]!);
      const link = linkFor(ctx, match, measure);
      if (!link) {
        rejected?.push({ measure, match: matchText, category: entry.category, reason: NO_HUMAN_TARGET });
        continue;
      }
      const voice = quotation.voice(ctx, cues, quotes, match.start, match.end);
      const ownNegation = entry.elements.some((e) => e.type === 'word' && negation.isNegator(e.value));
      const negated =
        !ownNegation &&
        (negation.isNegated(ctx, match.start, match.end, entry.pos === 'verb' ? 3 : 4) ||
          // "I never said the refugees were a swarm": the negated verb that reports or frames the words.
          (measure === 'dehumanization' && link.mention !== null && cues.framing.some((v) => v < link.mention!.start && negation.isNegated(ctx, v, v + 1, 2))) ||
          // "It is false that the Orenites spread like a virus": the whole claim is declared false.
          (measure === 'dehumanization' && negation.isClaimDenied(ctx, match.start)));
      let rule = link.rule;
      let weight = entry.weight * link.strength;
      // A lone quoted word is talked about as a word, unless grammar applies it to people:
      // 'candidates claimed that Karsks had "infested" the suburbs' quotes the word as used.
      const mention = voice.mention || (voice.scareQuoted && !APPLYING_RULES.has(link.rule));
      if (measure === 'dehumanization' && mention) {
        rule = 'mention';
        weight = 0;
      } else if (measure === 'dehumanization' && voice.counterSpeech) {
        rule = 'counter_speech';
        weight = 0;
      }
      if (negated) weight = 0;
      const target = link.mention;
      findings.push({
        measure,
        category: entry.category,
        rule,
        match: matchText,
        start: starts[match.start]!,
        end: ends[match.end - 1]!,
        target: target ? text.slice(starts[target.start]!, ends[target.end - 1]!) : null,
        targetSide: target?.side,
        targetCategory: target?.category,
        negated,
        quoted: voice.quoted,
        lexicon: `${entry.lexicon.id}@${entry.lexicon.version}`,
        weight: round(weight),
      });
    }
    const correction = rehumanizingCorrection(ctx, findings, matches);
    if (correction) findings.push(correction);
    if (triggeredFrames || deepEverywhere) {
      for (const frame of frames(ctx)) {
        // A fixed phrase that already shows the measure is the same evidence; a weak one is not enough.
        const from = starts[frame.start]!;
        const to = ends[frame.end - 1]!;
        if (findings.some((f) => f.measure === frame.measure && f.weight >= PRESENCE_THRESHOLD)) continue;
        const target = frame.mention;
        findings.push({
          measure: frame.measure,
          category: frame.category,
          rule: 'frame',
          match: text.slice(from, to),
          start: from,
          end: to,
          target: target ? text.slice(starts[target.start]!, ends[target.end - 1]!) : null,
          targetSide: target?.side,
        targetCategory: target?.category,
          negated: false,
          quoted: quotation.voice(ctx, cues, quotes, frame.start, frame.end).quoted,
          lexicon: frame.lexicon,
          weight: frame.weight,
        });
      }
    }
    return summarise(text, index, start, end, forms.length, actorMentions, resolveConflicts(findings));
  }

  function linkFor(ctx: SentenceContext, match: TrieMatch, measure: MeasureName): { rule: string; mention: TokenMention | null; strength: number } | null {
    const entry = match.entry;
    if (measure === 'dehumanization') {
      // A phrase with a group slot ("wipe <group> out") names its target itself.
      const slotStart = match.slotStarts[0];
      if (slotStart !== undefined) {
        // The slot may begin at a determiner before its mention ("the Karsks").
        const mi = ctx.mentionAt[slotStart]! >= 0 ? ctx.mentionAt[slotStart]! : (ctx.mentionAt[slotStart + 1] ?? -1);
        if (mi >= 0 && ctx.mentions[mi]!.person !== 'self') return { rule: 'slot', mention: ctx.mentions[mi]!, strength: 1 };
      }
      let link: TargetLink | null;
      if (entry.pos === 'verb') {
        const attachment: VerbAttachment = OBJECT_VERB_CATEGORIES.has(entry.category) ? 'object' : 'subject';
        link = linkVerb(ctx, match.start, match.end, attachment);
      } else if (entry.pos === 'phrase' && entry.elements.length > 1) {
        link = linkPredicate(ctx, match.start) ?? linkVehicle(ctx, match.start, match.end, entry.weight, entry.pos);
      } else {
        link = linkVehicle(ctx, match.start, match.end, entry.weight, entry.pos);
        // Many vehicles are verbs too: "they swarm", "migrants flood in", "refugees plague our towns".
        if (!link && entry.pos === 'noun') link = linkVerb(ctx, match.start, match.end, 'subject');
      }
      return link;
    }
    // Victimhood and acknowledgement: a slot in the term already names the group; otherwise the phrase
    // carries the meaning itself, and a lone word needs people in the sentence to be about them.
    const slotStart = match.slotStarts[0];
    if (slotStart !== undefined) {
      const mi = ctx.mentionAt[slotStart]!;
      return { rule: 'slot', mention: mi >= 0 ? ctx.mentions[mi]! : null, strength: 1 };
    }
    const nearest = nearestMention(ctx, match.start);
    if (entry.elements.length === 1 && entry.pos !== 'phrase') {
      return nearest ? { rule: 'cooccurrence', mention: nearest, strength: 1 } : null;
    }
    return { rule: 'phrase', mention: nearest, strength: 1 };
  }

  return {
    lexiconVersions,
    scoreDocument(id, text) {
      const quotes = findQuoteSpans(text);
      return summariseDocument(
        id,
        splitSentences(text).map((span, index) => scoreSentence(text, index, span.start, span.end, quotes, null)),
      );
    },
    explainDocument(text) {
      const quotes = findQuoteSpans(text);
      return splitSentences(text).map((span, index) => {
        const rejected: RejectedCandidate[] = [];
        const sentence = scoreSentence(text, index, span.start, span.end, quotes, rejected);
        return { ...sentence, rejected };
      });
    },
  };
}

/** "US" in capitals is the country, not the pronoun "us" (our side): "US troops", "the US economy". */
function dropCountryUs(mentions: TokenMention[], text: string, starts: readonly number[]): TokenMention[] {
  for (const m of mentions) {
    if (m.label === 'us' && m.category === 'pronoun' && text.startsWith('US', starts[m.start]!)) return mentions.filter((x) => !(x.label === 'us' && x.category === 'pronoun' && text.startsWith('US', starts[x.start]!)));
  }
  return mentions;
}

/** Mentions that restate people as people: "they are not animals; they are human beings". */
const HUMANITY_LABELS = new Set(['people', 'peoples', 'persons', 'humans', 'human beings', 'families', 'human']);

/**
 * Explicit rehumanization: the author denies a dehumanizing label and says what the people are instead —
 * "they are not animals; they are parents and teachers", "not a mob of animals but a crowd of nurses". The
 * negated finding stays as evidence of no dehumanization; the restatement is acknowledgement of their humanity.
 * Needs the author's own voice, a target that is not our side, and after the label either people named as
 * people or an everyday role (the frame lexicon's role nouns, the acknowledgement lexicon's humanizing terms).
 */
function rehumanizingCorrection(ctx: SentenceContext, findings: readonly Finding[], matches: readonly TrieMatch[]): Finding | null {
  const denied = findings.find((f) => f.measure === 'dehumanization' && f.negated && !f.quoted && f.targetSide !== 'ingroup' && f.target !== null);
  if (!denied) return null;
  const after = (start: number): boolean => start >= denied.end;
  const role = matches.find((m) => after(ctx.starts[m.start]!) && (m.entry.category === 'role_noun' || m.entry.category === 'humanizing'));
  const restated = ctx.mentions.find((m) => after(ctx.starts[m.start]!) && HUMANITY_LABELS.has(m.label));
  if (!role && !restated) return null;
  const end = role ? ctx.ends[role.end - 1]! : ctx.ends[restated!.end - 1]!;
  return {
    measure: 'acknowledgement',
    category: 'humanity_affirmed',
    rule: 'negated_dehumanization',
    match: ctx.text.slice(denied.start, end),
    start: denied.start,
    end,
    target: denied.target,
    targetSide: denied.targetSide,
    targetCategory: denied.targetCategory,
    negated: false,
    quoted: false,
    lexicon: denied.lexicon,
    weight: 0.75,
  };
}

/**
 * Acknowledgement words inside a statement that denies or dehumanizes do not acknowledge: "their losses are
 * nothing compared with ours" is exclusive victimhood, "those people are human garbage" is dehumanization.
 * Such acknowledgement findings stay as evidence with weight 0 and the rule that overrode them.
 */
function resolveConflicts(findings: Finding[]): Finding[] {
  const counted = (f: Finding) => f.weight > 0 && !f.negated;
  const blockers = findings.filter((f) => counted(f) && (f.measure === 'victimhood_exclusive' || (f.measure === 'dehumanization' && !f.quoted)));
  if (blockers.length === 0) return findings;
  return findings.map((f) => {
    if (f.measure !== 'acknowledgement' || !counted(f)) return f;
    const blocker = blockers.find((b) => b.start < f.end + 40 && f.start < b.end + 40);
    return blocker ? { ...f, weight: 0, rule: `overridden_by_${blocker.measure}` } : f;
  });
}

/** Measures whose phrases compete for the same words: "their suffering is exaggerated" is not acknowledgement. */
const FRAMING_MEASURES = new Set<string>(['victimhood_exclusive', 'victimhood_inclusive', 'acknowledgement']);

/**
 * A match inside a longer one is the same evidence: keep the longer. Within a measure always; across the
 * victimhood and acknowledgement measures too, because the longer phrase decides what the words mean.
 */
function dropContained(matches: readonly TrieMatch[]): TrieMatch[] {
  const competes = (a: string, b: string): boolean => a === b || (FRAMING_MEASURES.has(a) && FRAMING_MEASURES.has(b));
  return matches.filter(
    (m) =>
      !matches.some(
        (o) =>
          o !== m &&
          competes(o.entry.lexicon.measure, m.entry.lexicon.measure) &&
          o.start <= m.start &&
          o.end >= m.end &&
          (o.end - o.start > m.end - m.start || (o.end - o.start === m.end - m.start && o.entry.weight > m.entry.weight)),
      ),
  );
}

/** Pronoun contractions split into pronoun and verb, so "they're vermin" reads as "they are vermin". */
const CONTRACTION_VERBS: Record<string, string> = { "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would', "'m": 'am' };
const CONTRACTED_PRONOUNS = new Set(['we', 'they', 'you', 'i']);

function expandContractions(tokens: Tokens): Tokens {
  const { starts, ends, forms } = tokens;
  let changed = false;
  for (const f of forms) {
    const apostrophe = f.indexOf("'");
    if (apostrophe > 0 && CONTRACTED_PRONOUNS.has(f.slice(0, apostrophe)) && CONTRACTION_VERBS[f.slice(apostrophe)]) {
      changed = true;
      break;
    }
  }
  if (!changed) return tokens;
  const out: Tokens = { starts: [], ends: [], forms: [] };
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i]!;
    const apostrophe = f.indexOf("'");
    const verb = apostrophe > 0 ? CONTRACTION_VERBS[f.slice(apostrophe)] : undefined;
    if (verb && CONTRACTED_PRONOUNS.has(f.slice(0, apostrophe))) {
      out.starts.push(starts[i]!, starts[i]! + apostrophe);
      out.ends.push(starts[i]! + apostrophe, ends[i]!);
      out.forms.push(f.slice(0, apostrophe), verb);
    } else {
      out.starts.push(starts[i]!);
      out.ends.push(ends[i]!);
      out.forms.push(f);
    }
  }
  return out;
}

function nearestMention(ctx: SentenceContext, token: number): TokenMention | null {
  let best: TokenMention | null = null;
  let bestDistance = Infinity;
  for (const m of ctx.mentions) {
    const d = m.start >= token ? m.start - token : token - m.end;
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}

function toActorMention(text: string, starts: readonly number[], ends: readonly number[], m: TokenMention): ActorMention {
  const start = starts[m.start]!;
  const end = ends[m.end - 1]!;
  return { text: text.slice(start, end), label: m.label, category: m.category, side: m.side, start, end };
}

function emptySentence(text: string, index: number, start: number, end: number, tokens: number, mentions: ActorMention[]): SentenceResult {
  return {
    index,
    start,
    end,
    text: text.slice(start, end),
    dehumanization: 0,
    victimhood_exclusive: 0,
    victimhood_inclusive: 0,
    acknowledgement: 0,
    dehumanization_own_voice: 0,
    dehumanization_quoted: 0,
    tokens,
    mentions,
    findings: [],
  };
}

/** Combines the evidence of a sentence: independent cues add up as 1 - Π(1 - w). */
function summarise(
  text: string,
  index: number,
  start: number,
  end: number,
  tokens: number,
  mentions: ActorMention[],
  findings: Finding[],
): SentenceResult {
  const combine = (filter: (f: Finding) => boolean): number => {
    let keep = 1;
    for (const f of findings) if (f.weight > 0 && filter(f)) keep *= 1 - f.weight;
    return round(1 - keep);
  };
  return {
    index,
    start,
    end,
    text: text.slice(start, end),
    dehumanization: combine((f) => f.measure === 'dehumanization'),
    victimhood_exclusive: combine((f) => f.measure === 'victimhood_exclusive'),
    victimhood_inclusive: combine((f) => f.measure === 'victimhood_inclusive'),
    acknowledgement: combine((f) => f.measure === 'acknowledgement'),
    dehumanization_own_voice: combine((f) => f.measure === 'dehumanization' && !f.quoted),
    dehumanization_quoted: combine((f) => f.measure === 'dehumanization' && f.quoted),
    tokens,
    mentions,
    findings,
  };
}

/** Document-level scores: the strongest sentence per measure, and how many sentences show each. */
export function summariseDocument(id: string, sentences: readonly SentenceResult[]): DocumentResult {
  const scores = {} as Record<MeasureName, number>;
  const counts = {} as Record<MeasureName, number>;
  let tokens = 0;
  for (const measure of MEASURES) {
    scores[measure] = 0;
    counts[measure] = 0;
  }
  for (const s of sentences) {
    tokens += s.tokens;
    for (const measure of MEASURES) {
      if (s[measure] > scores[measure]) scores[measure] = s[measure];
      if (s[measure] >= PRESENCE_THRESHOLD) counts[measure]++;
    }
  }
  return { id, sentences, tokens, scores, counts };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export type { LexiconEntry };
