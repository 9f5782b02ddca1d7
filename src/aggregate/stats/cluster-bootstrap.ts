/**
 * The percentile cluster bootstrap of many ratios over the same documents at once, as the indicator cells
 * need it: each resample draws n documents with replacement and recomputes every ratio Σ numerator /
 * Σ denominator. This is the cost of the indicators (documents × resamples × ratios), so it is written for
 * speed, under one constraint: every number must be the one the plain algorithm gives, that is drawing each
 * document with `rng.nextInt(n)` and adding its parts in draw order, then sorting the resampled ratios and
 * reading type 7 quantiles. Reports print these intervals next to their seed; a faster version that moved
 * the last digit would make old reports irreproducible.
 *
 * How it stays the same while doing less:
 * - the draws are the same: `Rng.fillInts` returns nextInt's numbers, many resamples per call;
 * - a column shared by several ratios (the six shares all divide by sentences) is summed once per resample;
 * - an integer column (counts, as contributions are) is summed from how often each document was drawn,
 *   Σ count_j · value_j: over its non-zero entries when it is mostly zero (most documents show no
 *   dehumanization), as one sequential sweep otherwise, into four interleaved partial sums. Integers whose
 *   sums stay below 2^53 are added exactly, so neither the order nor the grouping of the terms can change
 *   the total. Other columns (fractions, or integers that large) are added in draw order;
 * - one document resamples to itself, so its B identical resamples are computed once;
 * - the quantiles are found by selection, which reads the same order statistics as a sort.
 */

import { quantilesInPlace } from './bootstrap.js';
import { createRng, type Seed } from './rng.js';

/** Settings of {@link bootstrapRatios}. */
export interface RatioBootstrapOptions {
  /** Number of resamples B. */
  readonly iterations: number;
  /** Two-sided confidence level in (0, 1). */
  readonly confidence: number;
  /** Seed of the resampling stream. */
  readonly seed: Seed;
}

/**
 * Percentile intervals of the ratios Σ numerators[m] / Σ denominators[m] under resampling of whole documents.
 * Resamples whose denominator sum is not positive are left out of that ratio's interval.
 *
 * @param numerators - one column per ratio, a value per document; all columns have the same length n > 0.
 * @param denominators - one column per ratio; pass the same array for ratios with the same denominator, so
 *   that it is summed once per resample.
 * @returns per ratio the [lower, upper] bounds, or null when no resample had a positive denominator.
 */
export function bootstrapRatios(
  numerators: readonly Float64Array[],
  denominators: readonly Float64Array[],
  options: RatioBootstrapOptions,
): Array<[number, number] | null> {
  const n = numerators[0]?.length ?? 0;
  if (n === 0) throw new RangeError('bootstrapRatios needs at least one document');
  if (denominators.length !== numerators.length) throw new RangeError('one denominator column per numerator column');
  if ([...numerators, ...denominators].some((c) => c.length !== n)) throw new RangeError('every column needs one value per document');
  const columns = [...new Set([...numerators, ...denominators])];
  const numeratorSlot = Int32Array.from(numerators, (c) => columns.indexOf(c));
  const denominatorSlot = Int32Array.from(denominators, (c) => columns.indexOf(c));
  const stats = resampledRatios(planSums(columns), numeratorSlot, denominatorSlot, n, options);
  const alpha = (1 - options.confidence) / 2;
  return stats.map((values): [number, number] | null => {
    if (values.length === 0) return null;
    const [low, high] = quantilesInPlace(values, [alpha, 1 - alpha]);
    return [low!, high!];
  });
}

/** Draws per call of the generator: many small resamples per call, and a buffer that stays in cache. */
const DRAWS_PER_BATCH = 16384;

/** For each ratio, its value in every resample that has a positive denominator, in resample order. */
function resampledRatios(
  plan: SumPlan,
  numeratorSlot: Int32Array,
  denominatorSlot: Int32Array,
  n: number,
  options: RatioBootstrapOptions,
): Float64Array[] {
  const k = numeratorSlot.length;
  const iterations = options.iterations;
  // Ratio m's values are ratios[m·B … m·B + valid[m] − 1]: one allocation per cell, not one per ratio.
  const ratios = new Float64Array(k * iterations);
  const valid = new Int32Array(k);
  const sums = new Float64Array(plan.slots);
  const counts = new Int32Array(n);
  const rng = createRng(options.seed);
  // One document resamples to itself: every draw is 0 and every resample the same, so one is computed and
  // repeated below. The generator is this call's own, so leaving its draws undrawn changes nothing else.
  const resamples = n === 1 ? Math.min(1, iterations) : iterations;
  const batch = Math.max(1, Math.min(resamples, Math.floor(DRAWS_PER_BATCH / n)));
  const draws = new Int32Array(n * batch);
  for (let first = 0; first < resamples; first += batch) {
    const size = Math.min(batch, resamples - first);
    // Resample b takes draws b·n … b·n + n − 1: the order in which n calls of nextInt per resample come.
    rng.fillInts(n, size === batch ? draws : draws.subarray(0, n * size));
    for (let r = 0; r < size; r++) {
      sumResample(plan, draws, r * n, r * n + n, counts, sums);
      for (let m = 0; m < k; m++) {
        const den = sums[denominatorSlot[m]];
        if (den > 0) ratios[m * iterations + valid[m]++] = sums[numeratorSlot[m]] / den;
      }
    }
  }
  if (resamples < iterations) repeatFirstResample(ratios, valid, iterations);
  return Array.from({ length: k }, (_, m) => ratios.subarray(m * iterations, m * iterations + valid[m]));
}

/** Makes the one resample computed of a one-document cell all B of them, as drawing them would have. */
function repeatFirstResample(ratios: Float64Array, valid: Int32Array, iterations: number): void {
  for (let m = 0; m < valid.length; m++) {
    if (valid[m] === 0) continue;
    ratios.fill(ratios[m * iterations], m * iterations, (m + 1) * iterations);
    valid[m] = iterations;
  }
}

/**
 * How the columns are summed over a resample, by kind of column:
 * - sparse: exact in any order (see {@link exactInAnyOrder}) and zero for most documents; the non-zero
 *   entries of all of them are concatenated (`at` the document, `values` the value), column c ending at
 *   `sparseEnd[c]`, and summed as Σ count · value into slot `sparseSlot[c]`;
 * - dense: exact in any order, mostly non-zero (sentences, tokens); Σ count · value over every document, a
 *   sequential sweep, into `denseSlot[c]`;
 * - ordered: the others (fractional values); added over the draws in draw order into `orderedSlot[c]`.
 */
interface SumPlan {
  readonly slots: number;
  /** Whether any column is summed from the counts of draws per document. */
  readonly counts: boolean;
  readonly sparseSlot: Int32Array;
  readonly sparseEnd: Int32Array;
  readonly at: Int32Array;
  readonly values: Float64Array;
  readonly denseSlot: Int32Array;
  readonly dense: readonly Float64Array[];
  readonly orderedSlot: Int32Array;
  readonly ordered: readonly Float64Array[];
}

function planSums(columns: readonly Float64Array[]): SumPlan {
  const sparse: number[] = [];
  const dense: number[] = [];
  const ordered: number[] = [];
  columns.forEach((column, slot) => {
    if (!exactInAnyOrder(column)) ordered.push(slot);
    // A sparse term reads three arrays (document, value, count), a swept one two: past half non-zero, sweep.
    else if (nonZeroCount(column) <= column.length / 2) sparse.push(slot);
    else dense.push(slot);
  });
  const at: number[] = [];
  const values: number[] = [];
  const sparseEnd = new Int32Array(sparse.length);
  sparse.forEach((slot, c) => {
    const column = columns[slot];
    // A zero term leaves an exact sum as it is: only the non-zero entries are added.
    for (let i = 0; i < column.length; i++) {
      if (column[i] !== 0) {
        at.push(i);
        values.push(column[i]);
      }
    }
    sparseEnd[c] = at.length;
  });
  return {
    slots: columns.length,
    counts: sparse.length + dense.length > 0,
    sparseSlot: Int32Array.from(sparse),
    sparseEnd,
    at: Int32Array.from(at),
    values: Float64Array.from(values),
    denseSlot: Int32Array.from(dense),
    dense: dense.map((slot) => columns[slot]),
    orderedSlot: Int32Array.from(ordered),
    ordered: ordered.map((slot) => columns[slot]),
  };
}

/**
 * True when any order of adding the column's values over a resample gives the same number, so that it can be
 * summed from counts: all are integers and no partial sum can leave the range where doubles hold every
 * integer exactly. A resample adds n values, so a partial sum is at most n times the largest magnitude.
 */
function exactInAnyOrder(column: Float64Array): boolean {
  let largest = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (!Number.isInteger(v)) return false;
    largest = Math.max(largest, Math.abs(v));
  }
  return column.length * largest <= Number.MAX_SAFE_INTEGER;
}

function nonZeroCount(column: Float64Array): number {
  let count = 0;
  for (let i = 0; i < column.length; i++) if (column[i] !== 0) count++;
  return count;
}

/** Sums every column over the documents draws[from … to − 1] into `sums`. `counts` is all zero before and after. */
function sumResample(plan: SumPlan, draws: Int32Array, from: number, to: number, counts: Int32Array, sums: Float64Array): void {
  if (plan.counts) for (let i = from; i < to; i++) counts[draws[i]]++;
  for (let c = 0, start = 0; c < plan.sparseSlot.length; c++) {
    const end = plan.sparseEnd[c];
    sums[plan.sparseSlot[c]] = sparseCountedSum(counts, plan.at, plan.values, start, end);
    start = end;
  }
  for (let c = 0; c < plan.dense.length; c++) sums[plan.denseSlot[c]] = denseCountedSum(counts, plan.dense[c]);
  for (let c = 0; c < plan.ordered.length; c++) sums[plan.orderedSlot[c]] = drawOrderSum(plan.ordered[c], draws, from, to);
  if (plan.counts) clearCounts(counts, draws, from, to);
}

/** Sets the counts back to zero: by the draws in a small cell, where a call of fill costs more than the loop. */
function clearCounts(counts: Int32Array, draws: Int32Array, from: number, to: number): void {
  if (counts.length < 64) for (let i = from; i < to; i++) counts[draws[i]] = 0;
  else counts.fill(0);
}

// The counted sums add into four accumulators: one running sum waits for each addition to finish before the
// next, four overlap. Their terms are exact integers (exactInAnyOrder), so grouping them differently cannot
// change the total.

/** Σ counts[at[j]] · values[j] over j in [start, end). */
function sparseCountedSum(counts: Int32Array, at: Int32Array, values: Float64Array, start: number, end: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = start;
  for (; j + 3 < end; j += 4) {
    s0 += counts[at[j]] * values[j];
    s1 += counts[at[j + 1]] * values[j + 1];
    s2 += counts[at[j + 2]] * values[j + 2];
    s3 += counts[at[j + 3]] * values[j + 3];
  }
  for (; j < end; j++) s0 += counts[at[j]] * values[j];
  return s0 + s1 + (s2 + s3);
}

/** Σ counts[j] · column[j] over every document. */
function denseCountedSum(counts: Int32Array, column: Float64Array): number {
  const n = column.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += counts[j] * column[j];
    s1 += counts[j + 1] * column[j + 1];
    s2 += counts[j + 2] * column[j + 2];
    s3 += counts[j + 3] * column[j + 3];
  }
  for (; j < n; j++) s0 += counts[j] * column[j];
  return s0 + s1 + (s2 + s3);
}

/** Σ column[draws[i]] over i in [from, to), in draw order: the definition, for values whose order matters. */
function drawOrderSum(column: Float64Array, draws: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += column[draws[i]];
  return sum;
}
