/**
 * Keyword baseline: the same lexicon terms, matched anywhere, with no context rules.
 *
 * A sentence is positive for a measure when any term of that measure's lexicons occurs in it — no target
 * check, no negation, no quotation, counter-speech or mention handling, and every weight treated as 1.
 * Slots (`<self>`, `<other>`, `<group>`, `<any>`) match any run of 1 to 3 tokens, so "from <other> point of
 * view" matches "from their point of view" and "from the Karsks' point of view". It uses the project's
 * tokenizer, sentence splitter and trie, so the only difference from the rule scorer is the rules.
 */
import { MEASURES, type MeasureName } from '../core/types.js';
import { compileTrie, type CompiledTrie } from '../lexicon/trie.js';
import type { Lexicon, LexiconEntry, TermElement } from '../lexicon/types.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { zeroRecord, type DocScores, type EvalSystem } from './systems.js';

/** Longest token run a slot stands for in the baseline. */
export const BASELINE_SLOT_MAX_TOKENS = 3;

const MEASURE_SET = new Set<string>(MEASURES);
const ANY: TermElement = { type: 'slot', value: '<any>' };

/** Every way of writing an entry with each slot replaced by 1..max `<any>` elements. */
export function expandSlots(entry: LexiconEntry, max = BASELINE_SLOT_MAX_TOKENS): LexiconEntry[] {
  let variants: TermElement[][] = [[]];
  for (const el of entry.elements) {
    if (el.type === 'slot') {
      const next: TermElement[][] = [];
      for (const v of variants) for (let k = 1; k <= max; k++) next.push([...v, ...Array<TermElement>(k).fill(ANY)]);
      variants = next;
    } else {
      variants = variants.map((v) => [...v, el]);
    }
  }
  return variants.map((elements) => ({ ...entry, elements }));
}

/** One baseline hit. */
export interface KeywordHit {
  readonly measure: MeasureName;
  readonly category: string;
  readonly term: string;
  readonly match: string;
}

/** The keyword baseline, compiled once. */
export interface KeywordBaseline extends EvalSystem {
  /** Hits per sentence of a text. */
  sentenceHits(text: string): KeywordHit[][];
  /** Number of lexicon entries used (before slot expansion). */
  readonly entries: number;
}

/** Builds the baseline from the measure lexicons among `lexicons` (actor and cue lists are ignored). */
export function createKeywordBaseline(lexicons: readonly Lexicon[], name = 'keywords'): KeywordBaseline {
  const entries = lexicons.filter((l) => MEASURE_SET.has(l.info.measure)).flatMap((l) => l.entries);
  if (entries.length === 0) throw new Error('createKeywordBaseline: no measure lexicon given');
  const trie: CompiledTrie = compileTrie(entries.flatMap((e) => expandSlots(e)));

  function sentenceHits(text: string): KeywordHit[][] {
    return splitSentences(text).map((span) => {
      const { starts, ends, forms } = tokenize(text, span.start, span.end);
      return trie.matchAll(forms).map((m) => ({
        measure: m.entry.lexicon.measure as MeasureName,
        category: m.entry.category,
        term: m.entry.term,
        match: text.slice(starts[m.start], ends[m.end - 1]),
      }));
    });
  }

  return {
    name,
    entries: entries.length,
    sentenceHits,
    score(text): DocScores {
      const sentences = sentenceHits(text);
      const max = zeroRecord();
      const share = zeroRecord();
      const evidence: string[] = [];
      let tokens = 0;
      for (const hits of sentences) {
        const seen = new Set<MeasureName>();
        for (const h of hits) {
          seen.add(h.measure);
          evidence.push(`${h.measure}/${h.category} "${h.match}" term="${h.term}"`);
        }
        for (const m of seen) {
          max[m] = 1;
          share[m] += 1;
        }
      }
      for (const span of splitSentences(text)) tokens += tokenize(text, span.start, span.end).forms.length;
      const n = sentences.length;
      for (const m of MEASURES) share[m] = n === 0 ? 0 : share[m] / n;
      // No quotation handling: everything counts as the author's own voice.
      return { max, share, dehumanizationOwnVoice: max.dehumanization, dehumanizationQuoted: 0, sentences: n, tokens, evidence };
    },
  };
}
