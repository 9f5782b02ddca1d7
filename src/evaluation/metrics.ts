/**
 * Evaluation metrics shared by the rule scorer's evaluation and by trained classifiers.
 *
 * Conventions (read these before comparing numbers across reports):
 *
 * - **Precision, recall, F1 with 0/0.** Precision is undefined when nothing was predicted
 *   positive, recall when the gold has no positives, F1 when both are empty. These functions
 *   return the `zeroDivision` value in those cases, **0 by default** (the scikit-learn
 *   default), so an empty class never inflates an average. Pass `zeroDivision: NaN` to see the
 *   gap instead. F1 is computed as `2tp / (2tp + fp + fn)`, which equals the harmonic mean of
 *   precision and recall whenever both are defined, and is 0 when `tp = 0` but there were errors.
 * - **Accuracy** of an empty set is the `zeroDivision` value too.
 * - **Cohen's kappa, correlations and ROC AUC** return `NaN` when undefined: kappa when the
 *   chance agreement is 1 (both raters used a single, identical class), Pearson/Spearman when
 *   either variable is constant or there are fewer than 2 pairs, AUC when one class is absent.
 *   `NaN` is the honest value there; report formatters should print it as "n/a".
 * - Binary inputs are booleans; numbers are accepted and read as `value >= threshold`
 *   (default 0.5, the project's presence threshold).
 */
import { createRng, type Seed } from '../aggregate/stats/rng.js';

/** A label or a score read against a threshold. */
export type BinaryInput = boolean | number;

/** Counts of a binary confusion matrix. */
export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** What to return for 0/0 in precision, recall, F1 and accuracy. */
export interface ZeroDivisionOption {
  /** Default 0. */
  readonly zeroDivision?: number;
}

function asBool(v: BinaryInput, threshold: number): boolean {
  return typeof v === 'boolean' ? v : v >= threshold;
}

function sameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: arrays differ in length (${a.length} vs ${b.length})`);
}

/**
 * Count true/false positives/negatives.
 *
 * @param gold - gold labels (booleans, or numbers read as `>= threshold`).
 * @param predicted - predictions, same length.
 * @param threshold - for numeric inputs; default 0.5.
 */
export function confusion(gold: readonly BinaryInput[], predicted: readonly BinaryInput[], threshold = 0.5): Confusion {
  sameLength(gold, predicted, 'confusion');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = asBool(gold[i], threshold);
    const p = asBool(predicted[i], threshold);
    if (g && p) tp++;
    else if (!g && p) fp++;
    else if (g && !p) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

/** Add confusion matrices (e.g. across folds, for micro averages). */
export function addConfusion(...cs: readonly Confusion[]): Confusion {
  return cs.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn, tn: a.tn + c.tn }), { tp: 0, fp: 0, fn: 0, tn: 0 });
}

function div(num: number, den: number, opts?: ZeroDivisionOption): number {
  return den === 0 ? (opts?.zeroDivision ?? 0) : num / den;
}

/** tp / (tp + fp); 0/0 (nothing predicted) gives `zeroDivision` (default 0). */
export function precision(c: Confusion, opts?: ZeroDivisionOption): number {
  return div(c.tp, c.tp + c.fp, opts);
}

/** tp / (tp + fn); 0/0 (no gold positives) gives `zeroDivision` (default 0). */
export function recall(c: Confusion, opts?: ZeroDivisionOption): number {
  return div(c.tp, c.tp + c.fn, opts);
}

/** 2tp / (2tp + fp + fn); 0/0 (no gold and no predicted positives) gives `zeroDivision` (default 0). */
export function f1(c: Confusion, opts?: ZeroDivisionOption): number {
  return div(2 * c.tp, 2 * c.tp + c.fp + c.fn, opts);
}

/** (tp + tn) / n; an empty set gives `zeroDivision` (default 0). */
export function accuracy(c: Confusion, opts?: ZeroDivisionOption): number {
  return div(c.tp + c.tn, c.tp + c.fp + c.fn + c.tn, opts);
}

/**
 * Cohen's kappa from a binary confusion matrix: (po − pe) / (1 − pe).
 * NaN when pe = 1 (both raters used one identical class throughout) or the matrix is empty.
 */
export function kappaFromConfusion(c: Confusion): number {
  const n = c.tp + c.fp + c.fn + c.tn;
  if (n === 0) return NaN;
  const po = (c.tp + c.tn) / n;
  const pe = ((c.tp + c.fp) * (c.tp + c.fn) + (c.fn + c.tn) * (c.fp + c.tn)) / (n * n);
  if (pe === 1) return NaN;
  return (po - pe) / (1 - pe);
}

/**
 * Cohen's kappa between two raters over any categorical labels (strings, numbers, booleans).
 * NaN when the chance agreement is 1 or the arrays are empty.
 */
export function cohenKappa<T extends string | number | boolean>(a: readonly T[], b: readonly T[]): number {
  sameLength(a, b, 'cohenKappa');
  const n = a.length;
  if (n === 0) return NaN;
  const ca = new Map<T, number>();
  const cb = new Map<T, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  let pe = 0;
  for (const [k, v] of ca) pe += (v / n) * ((cb.get(k) ?? 0) / n);
  const po = agree / n;
  if (pe === 1) return NaN;
  return (po - pe) / (1 - pe);
}

/** Everything about a binary prediction at once. */
export interface BinaryReport extends Confusion {
  readonly n: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
  readonly kappa: number;
}

/** Confusion counts plus precision, recall, F1, accuracy and kappa (conventions as above). */
export function binaryReport(
  gold: readonly BinaryInput[],
  predicted: readonly BinaryInput[],
  opts?: ZeroDivisionOption & { readonly threshold?: number },
): BinaryReport {
  const c = confusion(gold, predicted, opts?.threshold ?? 0.5);
  return reportFromConfusion(c, opts);
}

/** {@link binaryReport} from counts already made. */
export function reportFromConfusion(c: Confusion, opts?: ZeroDivisionOption): BinaryReport {
  return {
    ...c,
    n: c.tp + c.fp + c.fn + c.tn,
    precision: precision(c, opts),
    recall: recall(c, opts),
    f1: f1(c, opts),
    accuracy: accuracy(c, opts),
    kappa: kappaFromConfusion(c),
  };
}

/**
 * 1-based ranks, ties given the average of the ranks they span (`[10, 20, 20, 30]` → `[1, 2.5, 2.5, 4]`).
 * NaN values are not allowed (filter them first).
 */
export function averageRanks(values: readonly number[]): number[] {
  const idx = values.map((v, i) => {
    if (Number.isNaN(v)) throw new RangeError(`averageRanks: NaN at index ${i}`);
    return i;
  });
  idx.sort((i, j) => values[i] - values[j]);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && values[idx[j + 1]] === values[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Pearson's r. NaN with fewer than 2 pairs or when either variable is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  sameLength(x, y, 'pearson');
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Spearman's rho: Pearson's r of average ranks (correct with ties). NaN as for {@link pearson}. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  sameLength(x, y, 'spearman');
  if (x.length < 2) return NaN;
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * ROC AUC via the Mann–Whitney U statistic: the probability that a random positive scores
 * above a random negative, ties counting one half. NaN when either class is absent.
 */
export function rocAuc(gold: readonly BinaryInput[], scores: readonly number[], threshold = 0.5): number {
  sameLength(gold, scores, 'rocAuc');
  const ranks = averageRanks(scores);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < gold.length; i++) {
    if (asBool(gold[i], threshold)) {
      nPos++;
      rankSum += ranks[i];
    }
  }
  const nNeg = gold.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  const u = rankSum - (nPos * (nPos + 1)) / 2;
  return u / (nPos * nNeg);
}

/** One fold: indices into the original array, each sorted ascending. */
export interface Fold {
  readonly train: number[];
  readonly test: number[];
}

/**
 * Stratified k-fold split. Each class's indices are shuffled with a seeded generator and dealt
 * round-robin over the folds, continuing the deal across classes, so every class is spread as
 * evenly as possible and fold sizes differ by at most one. Same labels, k and seed → same folds.
 * A class with fewer than k members simply leaves some folds without it.
 *
 * @param labels - class of each item (any string, number or boolean).
 * @param k - number of folds, 2 ≤ k ≤ labels.length.
 * @param seed - seed for the shuffle (default 1).
 */
export function stratifiedKFold(labels: readonly (string | number | boolean)[], k: number, seed: Seed = 1): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`stratifiedKFold: k must be an integer >= 2, got ${k}`);
  if (k > labels.length) throw new RangeError(`stratifiedKFold: k (${k}) exceeds the number of items (${labels.length})`);
  const rng = createRng(seed);
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const key = `${typeof l}:${String(l)}`;
    const arr = byClass.get(key);
    if (arr) arr.push(i);
    else byClass.set(key, [i]);
  });
  // Deterministic class order regardless of first appearance.
  const keys = [...byClass.keys()].sort();
  const testSets: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const key of keys) {
    const arr = byClass.get(key)!.slice();
    for (let i = arr.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    for (const idx of arr) {
      testSets[next].push(idx);
      next = (next + 1) % k;
    }
  }
  return testSets.map((test) => {
    const inTest = new Set(test);
    const train: number[] = [];
    for (let i = 0; i < labels.length; i++) if (!inTest.has(i)) train.push(i);
    return { train, test: test.slice().sort((a, b) => a - b) };
  });
}
