/**
 * Features for the trained classifiers: what the rules saw (scores, findings and their flags, categories,
 * candidates the rules turned down), cues of stance (negation, hedges, "we" against "they", length), and
 * word unigrams and bigrams, all in one signed hashed space of 2^bits dimensions.
 *
 * Words are generalised before they are hashed, because a model learns from a few hundred hand-written
 * sentences and must read text by other writers about other conflicts: a word inside a group mention becomes
 * `<group>` (the Velorians of the gold set and the Dravani of a user's corpus are the same kind of thing), and
 * every other word is reduced to its Porter stem ("buried", "burying", "burial" share one feature). Names stay
 * words: a `<name>` placeholder was tried and made acknowledgement fire on news full of names for no gain.
 *
 * Compiled once from the lexicons. Per text it walks the explained sentences of the rule scorer and the
 * token forms the tokenizer already produced, hashing strings in place and summing into a reusable scratch
 * array; it allocates no object per token.
 */

import { MEASURES, type MeasureName } from '../core/types.js';
import { compileTrie } from '../lexicon/trie.js';
import type { Lexicon } from '../lexicon/types.js';
import { FIRST_PERSON_PLURAL, THIRD_PERSON_PLURAL } from '../measures/actors.js';
import { createNegationRule } from '../measures/rules/negation.js';
import type { ExplainedSentence } from '../measures/scorer.js';
import { combineHashes, fmix32, hashString } from './hash.js';
import { sentenceTokens } from './sentence-tokens.js';
import { stemOf } from './stem.js';

/** Version of the feature definitions. A model trained on another version cannot be used: its weights mean other things. */
export const FEATURE_VERSION = 'rehumanize-features/2';
/** Default size of the hashed space: 2^18 dimensions. */
export const DEFAULT_BITS = 18;

/** What the feature set is, as recorded in a model file. */
export interface FeatureSetInfo {
  readonly version: string;
  readonly bits: number;
  readonly groups: readonly string[];
}

/** The feature groups of {@link FEATURE_VERSION}, for the model's provenance. */
export const FEATURE_GROUPS = [
  'rule score per measure',
  'findings, negated, quoted, counter-speech/mention and turned-down candidates per measure',
  'categories of findings and of all lexicon candidates per measure',
  'negators, hedges, boosters, first-person plural, third-person plural, length',
  'frame cue classes present in the sentence, their pairs, and each with we / they / a named group present; several groups',
  'word unigrams and bigrams (Porter stems; group mentions as <group>; count / sqrt(tokens))',
] as const;

/** A sparse feature vector; indices are unique, in no particular order. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A sparse vector with the names of the features behind each index, for `explain`. */
export interface NamedVector extends SparseVector {
  readonly names: ReadonlyMap<number, readonly string[]>;
}

/** Turns explained sentences into feature vectors. */
export interface FeatureExtractor {
  readonly info: FeatureSetInfo;
  readonly dim: number;
  /** Features of one text, given the rule scorer's explanation of its sentences (one or several). */
  extract(sentences: readonly ExplainedSentence[]): SparseVector;
  /** The same vector, with feature names kept (slower; for `explain`). */
  extractNamed(sentences: readonly ExplainedSentence[]): NamedVector;
}

const GROUP_WORD = '<group>';
const NEGATOR = 1;
const WE = 2;
const THEY = 4;
/** Past this many distinct forms the word cache starts again, so memory stays flat over any corpus. */
const MAX_VOCABULARY = 200_000;

/** A word form as the features see it. */
interface WordInfo {
  readonly stem: string;
  /** Hash of the stem (bigrams combine two of these). */
  readonly raw: number;
  /** Hash of the unigram feature. */
  readonly unigram: number;
  /** NEGATOR | WE | THEY. */
  readonly flags: number;
}
const UNIGRAM_SEED = 0x2f1a3c5d;
const BIGRAM_SEED = 0x6b43a9b5;
const NAMED_SEED = 0x1b873593;

/** Compiles the extractor. `lexicons` are those of the rule scorer (the hedge and negation lists are read here). */
export function createFeatureExtractor(lexicons: readonly Lexicon[], bits = DEFAULT_BITS): FeatureExtractor {
  if (!Number.isInteger(bits) || bits < 8 || bits > 24) throw new RangeError(`feature bits must be an integer in 8..24, got ${bits}`);
  const dim = 2 ** bits;
  const mask = dim - 1;
  const hedgeEntries = lexicons.filter((l) => l.info.measure === 'hedge').flatMap((l) => l.entries);
  const negation = createNegationRule(lexicons.filter((l) => l.info.measure === 'negation'));

  const scratch = new Float64Array(dim);
  const mark = new Uint8Array(dim);
  let touched = new Int32Array(1024);
  let nTouched = 0;
  let names: Map<number, string[]> | null = null;

  const nameCache = new Map<string, number>();
  const named = (name: string): number => {
    let h = nameCache.get(name);
    if (h === undefined) nameCache.set(name, (h = hashString(name, NAMED_SEED)));
    return h;
  };
  // The frame rules' cue classes (suffering, both sides, shared, exclusivity, wrongdoing, apology, roles ...),
  // matched anywhere in the sentence: the model sees which kinds of cue meet, not only the rules' strict
  // combinations, so it can learn the looser ways people put them together.
  const frameEntries = lexicons.filter((l) => l.info.measure === 'frame').flatMap((l) => l.entries);
  // One trie for hedges and frame cues: one pass over the tokens finds both (their categories differ).
  const cueTrie = compileTrie([...hedgeEntries, ...frameEntries]);
  const hedgeCategories = new Set(hedgeEntries.map((e) => e.category));
  // Cue classes are known now: their feature hashes (alone, in pairs, with who is present) are computed once,
  // and a sentence's cue classes are a bit set, so the hot path builds no strings.
  const cueClasses = [...new Set(frameEntries.map((e) => e.category))].sort();
  const cueIndex = new Map(cueClasses.map((c, i) => [c, i]));
  const WHO = ['we', 'they', 'group'] as const;
  const cueHash = cueClasses.map((a) => named(`cue:${a}`));
  const cuePairHash = cueClasses.map((a, i) => cueClasses.map((b, j) => (j > i ? named(`cue:${a}&${b}`) : 0)));
  const cueWhoHash = cueClasses.map((a) => WHO.map((w) => named(`cue:${a}&${w}`)));
  const cuesSeen = new Uint8Array(cueClasses.length);
  const perMeasure = Object.fromEntries(
    MEASURES.map((m) => [
      m,
      {
        score: named(`${m}:score`),
        findings: named(`${m}:findings`),
        negated: named(`${m}:negated`),
        quoted: named(`${m}:quoted`),
        counter: named(`${m}:counter_or_mention`),
        rejected: named(`${m}:turned_down`),
      },
    ]),
  ) as Record<MeasureName, Record<'score' | 'findings' | 'negated' | 'quoted' | 'counter' | 'rejected', number>>;
  const global = { negators: named('negators'), hedges: named('hedges'), boosters: named('boosters'), we: named('we'), they: named('they'), length: named('length') };
  const categoryHash = (kind: 'category' | 'candidate', measure: string, category: string): number => named(`${measure}:${kind}:${category}`);

  function add(hash: number, value: number, name?: () => string): void {
    if (value === 0) return;
    const index = hash & mask;
    scratch[index]! += hash >>> 31 ? -value : value;
    if (!mark[index]) {
      mark[index] = 1;
      if (nTouched === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[nTouched++] = index;
    }
    if (names && name) {
      const list = names.get(index);
      const n = name();
      if (!list) names.set(index, [n]);
      else if (!list.includes(n)) list.push(n);
    }
  }

  function build(sentences: readonly ExplainedSentence[]): void {
    const maxScore: Record<string, number> = {};
    const counts: Record<string, number[]> = {};
    for (const m of MEASURES) {
      maxScore[m] = 0;
      counts[m] = [0, 0, 0, 0, 0];
    }
    const categories = new Set<string>();
    const candidates = new Set<string>();
    let totalTokens = 0;
    for (const s of sentences) totalTokens += s.tokens;
    const ngramScale = 1 / Math.sqrt(Math.max(1, totalTokens));
    let negators = 0;
    let hedgeCount = 0;
    let boosterCount = 0;
    let we = 0;
    let they = 0;
    let groupMentions = 0;
    cuesSeen.fill(0);

    for (const s of sentences) {
      for (const m of MEASURES) if (s[m] > maxScore[m]!) maxScore[m] = s[m];
      for (const f of s.findings) {
        const c = counts[f.measure]!;
        c[0]!++;
        if (f.negated) c[1]!++;
        if (f.quoted) c[2]!++;
        if (f.rule === 'counter_speech' || f.rule === 'mention') c[3]!++;
        categories.add(`${f.measure}\t${f.category}`);
        candidates.add(`${f.measure}\t${f.category}`);
      }
      for (const r of s.rejected) {
        counts[r.measure]![4]!++;
        candidates.add(`${r.measure}\t${r.category}`);
      }
      const { forms, starts } = sentenceTokens(s);
      if (cueTrie.size > 0) {
        for (const c of cueTrie.matchAll(forms)) {
          const category = c.entry.category;
          if (hedgeCategories.has(category)) {
            if (category === 'booster') boosterCount++;
            else hedgeCount++;
          } else cuesSeen[cueIndex.get(category)!] = 1;
        }
      }
      for (const m of s.mentions) if (m.category !== 'pronoun') groupMentions++;
      const words = generalisedWords(s, forms, starts);
      let previous = 0;
      for (let i = 0; i < forms.length; i++) {
        const word = words[i]!;
        if (word.flags & NEGATOR) negators++;
        if (word.flags & WE) we++;
        else if (word.flags & THEY) they++;
        // No name closures on the hot path unless names are asked for (explain).
        if (names) {
          add(word.unigram, ngramScale, () => `word:${word.stem}`);
          if (i > 0) add(combineHashes(previous, word.raw, BIGRAM_SEED), ngramScale, () => `bigram:${words[i - 1]!.stem} ${word.stem}`);
        } else {
          add(word.unigram, ngramScale);
          if (i > 0) add(combineHashes(previous, word.raw, BIGRAM_SEED), ngramScale);
        }
        previous = word.raw;
      }
    }

    for (const m of MEASURES) {
      const h = perMeasure[m];
      const c = counts[m]!;
      add(h.score, maxScore[m]!, () => `${m}:score`);
      add(h.findings, Math.log1p(c[0]!), () => `${m}:findings`);
      add(h.negated, Math.log1p(c[1]!), () => `${m}:negated`);
      add(h.quoted, Math.log1p(c[2]!), () => `${m}:quoted`);
      add(h.counter, Math.log1p(c[3]!), () => `${m}:counter_or_mention`);
      add(h.rejected, Math.log1p(c[4]!), () => `${m}:turned_down`);
    }
    for (const key of categories) {
      const [m, cat] = key.split('\t') as [string, string];
      add(categoryHash('category', m, cat), 1, () => `${m}:category:${cat}`);
    }
    for (const key of candidates) {
      const [m, cat] = key.split('\t') as [string, string];
      add(categoryHash('candidate', m, cat), 1, () => `${m}:candidate:${cat}`);
    }
    // Cue classes, their pairs, and each with who is in the sentence (we, they, a named group).
    const present = [we > 0, they > 0, groupMentions > 0];
    for (let i = 0; i < cueClasses.length; i++) {
      if (!cuesSeen[i]) continue;
      const a = cueClasses[i]!;
      add(cueHash[i]!, 1, () => `cue:${a}`);
      for (let j = i + 1; j < cueClasses.length; j++) if (cuesSeen[j]) add(cuePairHash[i]![j]!, 1, () => `cue:${a}&${cueClasses[j]}`);
      for (let w = 0; w < WHO.length; w++) if (present[w]) add(cueWhoHash[i]![w]!, 1, () => `cue:${a}&${WHO[w]}`);
    }
    if (groupMentions > 1) add(named('groups:several'), 1, () => 'groups:several');
    add(global.negators, Math.log1p(negators), () => 'negators');
    add(global.hedges, Math.log1p(hedgeCount), () => 'hedges');
    add(global.boosters, Math.log1p(boosterCount), () => 'boosters');
    add(global.we, Math.log1p(we), () => 'we');
    add(global.they, Math.log1p(they), () => 'they');
    add(global.length, Math.log1p(totalTokens) / Math.log(100), () => 'length');
  }

  // Everything the n-gram and stance features need of a word form, computed once per form: its stem, the stem's
  // hashes and whether it is a negator or a plural pronoun. A corpus repeats a small vocabulary, so the hot path
  // is one map lookup per token, not a stemmer call and two string hashes.
  const vocabulary = new Map<string, WordInfo>();
  const infoOf = (stem: string, flags: number): WordInfo => {
    const raw = hashString(stem);
    return { stem, raw, unigram: fmix32((raw ^ UNIGRAM_SEED) >>> 0), flags };
  };
  const groupWord = infoOf(GROUP_WORD, 0);
  function wordOf(form: string): WordInfo {
    let info = vocabulary.get(form);
    if (info === undefined) {
      const flags = (negation.isNegator(form) ? NEGATOR : 0) | (FIRST_PERSON_PLURAL.has(form) ? WE : THIRD_PERSON_PLURAL.has(form) ? THEY : 0);
      info = infoOf(stemOf(form), flags);
      if (vocabulary.size >= MAX_VOCABULARY) vocabulary.clear();
      vocabulary.set(form, info);
    }
    return info;
  }
  let wordBuffer: WordInfo[] = [];

  /** The words as the n-gram features see them: `<group>` inside a group mention, else the stem of the form. */
  function generalisedWords(s: ExplainedSentence, forms: readonly string[], starts: readonly number[]): readonly WordInfo[] {
    if (wordBuffer.length < forms.length) wordBuffer = new Array<WordInfo>(forms.length * 2);
    const words = wordBuffer;
    for (let i = 0; i < forms.length; i++) words[i] = wordOf(forms[i]!);
    for (const m of s.mentions) {
      if (m.category === 'pronoun') continue; // "they" and "we" are stance cues, kept as words
      const from = m.start - s.start;
      const to = m.end - s.start;
      for (let i = 0; i < forms.length; i++) {
        // The group word keeps the form's stance flags ("we Velorians" stays first person).
        if (starts[i]! >= from && starts[i]! < to) words[i] = words[i]!.flags === 0 ? groupWord : { ...groupWord, flags: words[i]!.flags };
      }
    }
    return words;
  }

  function collect(): SparseVector {
    const indices = new Int32Array(nTouched);
    const values = new Float64Array(nTouched);
    let k = 0;
    for (let t = 0; t < nTouched; t++) {
      const index = touched[t]!;
      const v = scratch[index]!;
      scratch[index] = 0;
      mark[index] = 0;
      if (v === 0) continue; // signed collisions can cancel out
      indices[k] = index;
      values[k++] = v;
    }
    nTouched = 0;
    return { indices: indices.subarray(0, k), values: values.subarray(0, k) };
  }

  return {
    info: { version: FEATURE_VERSION, bits, groups: FEATURE_GROUPS },
    dim,
    extract(sentences) {
      names = null;
      build(sentences);
      return collect();
    },
    extractNamed(sentences) {
      const kept = new Map<number, string[]>();
      names = kept;
      try {
        build(sentences);
      } finally {
        names = null;
      }
      const vector = collect();
      return { ...vector, names: kept };
    },
  };
}
