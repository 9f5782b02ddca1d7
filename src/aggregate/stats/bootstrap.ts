/**
 * Percentile bootstrap intervals, resampling whole documents (or participants).
 *
 * Why resample documents and not sentences: sentences of one article share an author, a topic
 * and a framing, so they are not independent. Treating them as independent makes intervals far
 * too narrow. The cluster bootstrap keeps each document's sentences together, so the interval
 * reflects how much the indicator would move with a different sample of documents.
 */

import { createRng, type Rng, type Seed } from './rng.js';

/** Options shared by every bootstrap here. */
export interface BootstrapOptions {
  /** Number of resamples B. Default 1000 (enough for stable 95 % percentile bounds). */
  readonly iterations?: number;
  /** Two-sided confidence level. Default 0.95. */
  readonly confidence?: number;
  /** Seed for the resampling stream; the same seed and data always give the same interval. Default 1. */
  readonly seed?: Seed;
}

/** A point estimate with a percentile bootstrap interval. */
export interface BootstrapInterval {
  /** The statistic on the original data; null when it is undefined (no data, zero denominator). */
  readonly estimate: number | null;
  /** Percentile bounds; null when no resample gave a defined statistic. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confidence: number;
  /** B as requested. */
  readonly iterations: number;
  /** Resamples with a defined statistic (a ratio resample whose documents all have denominator 0 is undefined). */
  readonly validIterations: number;
  readonly seed: Seed;
}

/** Default number of bootstrap resamples. */
export const DEFAULT_BOOTSTRAP_ITERATIONS = 1000;
/** Default confidence level of every interval in this module. */
export const DEFAULT_CONFIDENCE = 0.95;
/** Default seed, so that a report without an explicit seed is still reproducible. */
export const DEFAULT_SEED: Seed = 1;

/**
 * Cluster bootstrap for a ratio indicator Σ numerator / Σ denominator (for example sentences
 * showing dehumanization / all sentences), resampling documents with replacement.
 *
 * @param numerators - per-document numerators (e.g. sentences showing the measure).
 * @param denominators - per-document denominators (e.g. sentences), same length, non-negative.
 */
export function bootstrapRatio(
  numerators: readonly number[],
  denominators: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  if (numerators.length !== denominators.length) {
    throw new RangeError(`numerators (${numerators.length}) and denominators (${denominators.length}) differ in length`);
  }
  assertFinite(numerators, 'numerators');
  assertFinite(denominators, 'denominators');
  if (denominators.some((d) => d < 0)) throw new RangeError('denominators must be non-negative');
  const { iterations, confidence, seed } = resolve(options);
  const n = numerators.length;
  const estimate = ratio(sum(numerators), sum(denominators));
  const rng = createRng(seed);
  const stats: number[] = [];
  if (n > 0) {
    for (let b = 0; b < iterations; b++) {
      let num = 0;
      let den = 0;
      for (let i = 0; i < n; i++) {
        const j = rng.nextInt(n);
        num += numerators[j];
        den += denominators[j];
      }
      const r = ratio(num, den);
      if (r !== null) stats.push(r);
    }
  }
  return finish(estimate, stats, iterations, confidence, seed);
}

/**
 * Bootstrap for the difference of two independent means, mean(b) − mean(a), resampling each
 * group separately (stratified), so both groups keep their sizes as in the study.
 *
 * @param a - values of the first group (e.g. pre, or the comparison outlet).
 * @param b - values of the second group (e.g. post).
 */
export function bootstrapMeanDifference(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  assertFinite(a, 'a');
  assertFinite(b, 'b');
  const { iterations, confidence, seed } = resolve(options);
  const estimate = a.length > 0 && b.length > 0 ? mean(b) - mean(a) : null;
  const rng = createRng(seed);
  const stats: number[] = [];
  if (estimate !== null) {
    for (let i = 0; i < iterations; i++) stats.push(resampledMean(b, rng) - resampledMean(a, rng));
  }
  return finish(estimate, stats, iterations, confidence, seed);
}

/**
 * Bootstrap for the mean of paired differences, mean(post_i − pre_i), resampling pairs (units)
 * so that each participant's two measurements stay together.
 *
 * @param pre - first measurement per unit.
 * @param post - second measurement per unit, same order and length.
 */
export function bootstrapPairedDifference(
  pre: readonly number[],
  post: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  if (pre.length !== post.length) throw new RangeError(`pre (${pre.length}) and post (${post.length}) differ in length`);
  assertFinite(pre, 'pre');
  assertFinite(post, 'post');
  const diffs = post.map((v, i) => v - pre[i]);
  const { iterations, confidence, seed } = resolve(options);
  const estimate = diffs.length > 0 ? mean(diffs) : null;
  const rng = createRng(seed);
  const stats: number[] = [];
  if (estimate !== null) {
    for (let i = 0; i < iterations; i++) stats.push(resampledMean(diffs, rng));
  }
  return finish(estimate, stats, iterations, confidence, seed);
}

/**
 * Quantile of sorted values with linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy), so that our bounds match what researchers get elsewhere.
 *
 * @param sorted - ascending values, at least one.
 * @param q - probability in [0, 1].
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${q}`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Several type 7 quantiles of unsorted values, equal bit for bit to {@link quantileSorted} on the sorted
 * values, found by selection rather than a full sort: a percentile interval needs four order statistics of
 * B resamples, and selecting them costs O(B) where sorting costs O(B log B). Reorders `values` in place.
 *
 * The result is the same number because each quantile reads the same two order statistics, and the k-th
 * smallest value does not depend on how the others are arranged. (Selection does not put −0 before +0 as a
 * sort does, but the interpolation gives the same number whichever zero it reads: +0 from two zeros, and the
 * other value's own difference from one.) NaN has no place in the order `<` sees, so values holding NaN are
 * sorted as before.
 *
 * @param values - at least one value; reordered.
 * @param probabilities - probabilities in [0, 1]; ascending ones reuse the previous selection.
 */
export function quantilesInPlace(values: Float64Array, probabilities: readonly number[]): number[] {
  const count = values.length;
  if (count === 0) throw new RangeError('quantile of no values');
  for (const q of probabilities) if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${q}`);
  const { min, max, nan } = range(values);
  if (nan) {
    const sorted = values.sort() as unknown as number[];
    return probabilities.map((q) => quantileSorted(sorted, q));
  }
  // All equal (a bootstrap over one document): every order statistic is that value.
  if (min === max) return probabilities.map((q) => interpolate(min, max, (count - 1) * q));
  // After a selection of rank r, nothing before r exceeds anything from r on, so a larger rank is selected
  // among values[r..] alone.
  let selected = 0;
  return probabilities.map((q) => {
    const h = (count - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, count - 1);
    selectInPlace(values, lo >= selected ? selected : 0, count - 1, lo);
    selected = lo;
    const low = values[lo];
    // After the selection every value past `lo` is at least values[lo]: their minimum is order statistic lo + 1.
    const high = hi === lo ? low : minimumOf(values, hi, count);
    return interpolate(low, high, h);
  });
}

// ---- internals ------------------------------------------------------------------------------

function resolve(options: BootstrapOptions): { iterations: number; confidence: number; seed: Seed } {
  const iterations = options.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return { iterations, confidence, seed: options.seed ?? DEFAULT_SEED };
}

function finish(estimate: number | null, stats: number[], iterations: number, confidence: number, seed: Seed): BootstrapInterval {
  if (stats.length === 0) {
    return { estimate, lower: null, upper: null, confidence, iterations, validIterations: 0, seed };
  }
  stats.sort((x, y) => x - y);
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: quantileSorted(stats, alpha / 2),
    upper: quantileSorted(stats, 1 - alpha / 2),
    confidence,
    iterations,
    validIterations: stats.length,
    seed,
  };
}

function resampledMean(values: readonly number[], rng: Rng): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[rng.nextInt(values.length)];
  return s / values.length;
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

function assertFinite(values: readonly number[], name: string): void {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite numbers, found ${v}`);
}

/** Between order statistics ⌊h⌋ and ⌊h⌋ + 1: the expression of quantileSorted, term for term, so that the rounding is the same. */
function interpolate(low: number, high: number, h: number): number {
  return low + (h - Math.floor(h)) * (high - low);
}

/** Smallest and largest value, and whether any is NaN (which neither comparison sees). */
function range(values: Float64Array): { min: number; max: number; nan: boolean } {
  let min = values[0];
  let max = values[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) return { min, max, nan: true };
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return { min, max, nan: false };
}

function minimumOf(values: Float64Array, from: number, to: number): number {
  let m = values[from];
  for (let i = from + 1; i < to; i++) if (values[i] < m) m = values[i];
  return m;
}

/**
 * Moves the k-th smallest of values[left..right] (inclusive) to index k, with nothing larger before it and
 * nothing smaller after it (Hoare's selection with a median-of-three pivot, as in Numerical Recipes' select).
 * Values equal to the pivot stop both scans, so many ties (small cells repeat the same ratios) stay linear.
 */
function selectInPlace(values: Float64Array, left: number, right: number, k: number): void {
  let l = left;
  let r = right;
  for (;;) {
    if (r <= l + 1) {
      if (r === l + 1 && values[r] < values[l]) swap(values, l, r);
      return;
    }
    swap(values, (l + r) >>> 1, l + 1);
    if (values[l] > values[r]) swap(values, l, r);
    if (values[l + 1] > values[r]) swap(values, l + 1, r);
    if (values[l] > values[l + 1]) swap(values, l, l + 1);
    // values[l] <= pivot <= values[r] now guard both scans.
    const pivot = values[l + 1];
    let i = l + 1;
    let j = r;
    for (;;) {
      do i++;
      while (values[i] < pivot);
      do j--;
      while (values[j] > pivot);
      if (j < i) break;
      swap(values, i, j);
    }
    values[l + 1] = values[j];
    values[j] = pivot;
    if (j >= k) r = j - 1;
    if (j <= k) l = i;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
}
