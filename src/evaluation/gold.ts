/**
 * Evaluation against the project's hand-written gold set (corpora-samples/gold/gold.jsonl).
 *
 * Each gold sentence is scored as a one-sentence document (the strongest sentence counts, in case the
 * splitter cuts it) and compared with the four 0/1 labels at the presence threshold. Reported per split
 * (dev, test, all): P/R/F1/kappa per measure; per hard case: accuracy and false positives / negatives per
 * measure; for dehumanization, whether quoted items were told apart from the author's own voice.
 */
import { readFileSync } from 'node:fs';
import { MEASURES, type MeasureName } from '../core/types.js';
import { binaryReport, type BinaryReport } from './metrics.js';
import { present, type EvalSystem } from './systems.js';

/** Hard cases of the gold set (besides `none`). */
export const HARD_CASES = ['negation', 'quotation', 'non_human', 'counter_speech', 'mention', 'homonym', 'paraphrase'] as const;
export type HardCase = (typeof HARD_CASES)[number];
export const SPLITS = ['dev', 'test', 'heldout', 'heldout2', 'all'] as const;
/**
 * Where a gold sentence belongs: tuned on (dev), read after tuning (test), or kept sealed from rule writers
 * (heldout). Files say one of those three; `heldout2` is given in memory to the second sealed set, so the two
 * held-out sets are reported apart.
 */
export type GoldSplit = 'dev' | 'test' | 'heldout' | 'heldout2';
export type SplitName = (typeof SPLITS)[number];

/** One gold sentence. */
export interface GoldItem {
  readonly id: string;
  readonly text: string;
  readonly labels: Readonly<Record<MeasureName, 0 | 1>>;
  readonly quoted: boolean;
  readonly hardCase: HardCase | 'none';
  readonly category: string;
  readonly split: GoldSplit;
  /** 1-based line in the gold file. */
  readonly line: number;
}

/** Thrown when gold lines are malformed; lists every problem with its line. */
export class GoldFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ReadonlyArray<{ readonly line: number; readonly message: string }>,
  ) {
    super(`${file}: ${problems.length} malformed gold line(s):\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`);
    this.name = 'GoldFormatError';
  }
}

const HARD_SET = new Set<string>(['none', ...HARD_CASES]);

/** Parses gold JSONL text. Blank lines are skipped; every malformed line is reported with its number. */
export function parseGold(text: string, file = 'gold.jsonl'): GoldItem[] {
  const items: GoldItem[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      problems.push({ line, message: `not valid JSON (${(e as Error).message})` });
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      problems.push({ line, message: 'expected a JSON object' });
      return;
    }
    const o = obj as Record<string, unknown>;
    const bad: string[] = [];
    if (typeof o.id !== 'string' || o.id === '') bad.push('"id" must be a non-empty string');
    else if (ids.has(o.id)) bad.push(`duplicate id "${o.id}"`);
    if (typeof o.text !== 'string' || o.text.trim() === '') bad.push('"text" must be a non-empty string');
    for (const m of MEASURES) if (o[m] !== 0 && o[m] !== 1) bad.push(`"${m}" must be 0 or 1`);
    if (typeof o.quoted !== 'boolean') bad.push('"quoted" must be true or false');
    if (typeof o.hard_case !== 'string' || !HARD_SET.has(o.hard_case)) bad.push(`"hard_case" must be one of ${[...HARD_SET].join(', ')}`);
    if (typeof o.category !== 'string') bad.push('"category" must be a string');
    if (o.split !== 'dev' && o.split !== 'test' && o.split !== 'heldout') bad.push('"split" must be "dev", "test" or "heldout"');
    if (bad.length > 0) {
      problems.push({ line, message: bad.join('; ') });
      return;
    }
    ids.add(o.id as string);
    const labels = {} as Record<MeasureName, 0 | 1>;
    for (const m of MEASURES) labels[m] = o[m] as 0 | 1;
    items.push({
      id: o.id as string,
      text: o.text as string,
      labels,
      quoted: o.quoted as boolean,
      hardCase: o.hard_case as HardCase | 'none',
      category: o.category as string,
      split: o.split as GoldSplit,
      line,
    });
  });
  if (problems.length > 0) throw new GoldFormatError(file, problems);
  return items;
}

/** Reads and parses a gold file. */
export function loadGold(path: string): GoldItem[] {
  return parseGold(readFileSync(path, 'utf8'), path);
}

/** A gold sentence with what a system said. */
export interface GoldPrediction {
  readonly item: GoldItem;
  readonly scores: Readonly<Record<MeasureName, number>>;
  readonly ownVoice: number;
  readonly quotedVoice: number;
  readonly evidence: readonly string[];
}

/** Per measure within a hard case. */
export interface HardCaseMeasure {
  readonly accuracy: number;
  readonly fp: number;
  readonly fn: number;
}

export interface HardCaseReport {
  readonly n: number;
  readonly measures: Readonly<Record<MeasureName, HardCaseMeasure>>;
}

/**
 * "Quoted separable": among gold dehumanization=1 sentences, how often the system's own-voice vs quoted
 * split matches gold `quoted`. Gold quoted=true matches when quoted dehumanization is present and own-voice
 * is not; gold quoted=false matches when own-voice dehumanization is present. A sentence the system misses
 * altogether is a mismatch; `detected` / `matchedAmongDetected` separate that from wrong attribution.
 */
export interface QuotedSeparable {
  readonly n: number;
  readonly nQuoted: number;
  readonly matched: number;
  readonly accuracy: number;
  readonly detected: number;
  readonly matchedAmongDetected: number;
  /** Gold quoted=true items: how many were attributed to quoted speech only. */
  readonly quotedMatched: number;
}

/** One sentence where at least one measure was wrong, for people to inspect. */
export interface GoldError {
  readonly id: string;
  readonly split: GoldSplit;
  readonly hard_case: string;
  readonly category: string;
  readonly text: string;
  readonly wrong: MeasureName[];
  readonly expected: Record<MeasureName, 0 | 1> & { quoted: boolean };
  readonly got: Record<MeasureName, number> & { dehumanization_own_voice: number; dehumanization_quoted: number };
  readonly findings: readonly string[];
}

export interface SplitReport {
  readonly n: number;
  readonly measures: Readonly<Record<MeasureName, BinaryReport>>;
  readonly hardCases: Readonly<Record<HardCase | 'none', HardCaseReport>>;
  readonly quotedSeparable: QuotedSeparable;
  readonly errors: readonly GoldError[];
}

/** The full gold evaluation of one system. */
export interface GoldEvaluation {
  readonly system: string;
  readonly splits: Readonly<Record<SplitName, SplitReport>>;
}

/** Scores every gold item with a system. */
export function predictGold(items: readonly GoldItem[], system: EvalSystem): GoldPrediction[] {
  return items.map((item) => {
    const s = system.score(item.text);
    return { item, scores: s.max, ownVoice: s.dehumanizationOwnVoice, quotedVoice: s.dehumanizationQuoted, evidence: s.evidence };
  });
}

function splitReport(preds: readonly GoldPrediction[]): SplitReport {
  const measures = {} as Record<MeasureName, BinaryReport>;
  for (const m of MEASURES) {
    measures[m] = binaryReport(
      preds.map((p) => p.item.labels[m] === 1),
      preds.map((p) => present(p.scores[m])),
    );
  }
  const hardCases = {} as Record<HardCase | 'none', HardCaseReport>;
  for (const hc of ['none', ...HARD_CASES] as const) {
    const sub = preds.filter((p) => p.item.hardCase === hc);
    const ms = {} as Record<MeasureName, HardCaseMeasure>;
    for (const m of MEASURES) {
      const r = binaryReport(
        sub.map((p) => p.item.labels[m] === 1),
        sub.map((p) => present(p.scores[m])),
      );
      ms[m] = { accuracy: r.accuracy, fp: r.fp, fn: r.fn };
    }
    hardCases[hc] = { n: sub.length, measures: ms };
  }
  const dehum = preds.filter((p) => p.item.labels.dehumanization === 1);
  let matched = 0;
  let detected = 0;
  let matchedDetected = 0;
  let quotedMatched = 0;
  for (const p of dehum) {
    const own = present(p.ownVoice);
    const quoted = present(p.quotedVoice);
    const ok = p.item.quoted ? quoted && !own : own;
    if (ok) matched++;
    if (own || quoted) {
      detected++;
      if (ok) matchedDetected++;
    }
    if (p.item.quoted && ok) quotedMatched++;
  }
  const errors: GoldError[] = [];
  for (const p of preds) {
    const wrong = MEASURES.filter((m) => (p.item.labels[m] === 1) !== present(p.scores[m]));
    if (wrong.length === 0) continue;
    errors.push({
      id: p.item.id,
      split: p.item.split,
      hard_case: p.item.hardCase,
      category: p.item.category,
      text: p.item.text,
      wrong,
      expected: { ...p.item.labels, quoted: p.item.quoted },
      got: { ...p.scores, dehumanization_own_voice: p.ownVoice, dehumanization_quoted: p.quotedVoice },
      findings: p.evidence,
    });
  }
  return {
    n: preds.length,
    measures,
    hardCases,
    quotedSeparable: {
      n: dehum.length,
      nQuoted: dehum.filter((p) => p.item.quoted).length,
      matched,
      accuracy: dehum.length === 0 ? 0 : matched / dehum.length,
      detected,
      matchedAmongDetected: matchedDetected,
      quotedMatched,
    },
    errors,
  };
}

/** Evaluates predictions already made, per split. */
export function evaluatePredictions(system: string, preds: readonly GoldPrediction[]): GoldEvaluation {
  return {
    system,
    splits: {
      dev: splitReport(preds.filter((p) => p.item.split === 'dev')),
      test: splitReport(preds.filter((p) => p.item.split === 'test')),
      heldout: splitReport(preds.filter((p) => p.item.split === 'heldout')),
      heldout2: splitReport(preds.filter((p) => p.item.split === 'heldout2')),
      all: splitReport(preds),
    },
  };
}

/** Scores the gold items with a system and evaluates it, in process. */
export function evaluateGold(items: readonly GoldItem[], system: EvalSystem): GoldEvaluation {
  return evaluatePredictions(system.name, predictGold(items, system));
}
