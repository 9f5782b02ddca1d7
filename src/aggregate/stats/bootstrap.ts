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
