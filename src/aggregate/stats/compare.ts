/**
 * Pre/post and group comparisons for evaluators of dialogue workshops and campaigns.
 *
 * Why permutation tests and bootstrap intervals rather than t-tests: evaluation groups are small
 * (8–30 participants), and per-participant indicator values are bounded, skewed and often
 * zero-inflated (most texts contain no dehumanization at all). Permutation p values are exact
 * under the null of exchangeability whatever the distribution, and are enumerated exactly when
 * the group is small enough, so a workshop of 10 gets an exact answer instead of an approximation.
 */

import { bootstrapMeanDifference, bootstrapPairedDifference, DEFAULT_BOOTSTRAP_ITERATIONS, DEFAULT_CONFIDENCE, DEFAULT_SEED } from './bootstrap.js';
import { createRng, type Seed } from './rng.js';

/** One measurement of one unit (a participant or a document) in one phase. */
export interface UnitObservation {
  readonly unit: string;
  readonly value: number;
}

/** Options of {@link comparePhases}. */
export interface CompareOptions {
  /** Match units by id across phases (participants measured twice). Default false (independent groups). */
  readonly paired?: boolean;
  /** Two-sided confidence level of the bootstrap interval. Default 0.95. */
  readonly confidence?: number;
  /** Bootstrap resamples. Default 1000. */
  readonly bootstrapIterations?: number;
  /** Random permutations when exact enumeration is too large. Default {@link DEFAULT_PERMUTATIONS}. */
  readonly permutations?: number;
  /** Enumerate all arrangements when there are at most this many. Default {@link DEFAULT_EXACT_LIMIT}. */
  readonly exactLimit?: number;
  /** Seed for bootstrap and permutations (each gets its own derived stream). Default 1. */
  readonly seed?: Seed;
}

/** Result of a permutation test. */
export interface PermutationResult {
  /** Two-sided p value. */
  readonly p: number;
  /** True when every arrangement was enumerated (p is exact); false for a Monte Carlo estimate. */
  readonly exact: boolean;
  /** Arrangements evaluated. */
  readonly permutations: number;
}

/** What {@link comparePhases} reports. All differences are post − pre. */
export interface PhaseComparison {
  readonly design: 'paired' | 'unpaired';
  /** Distinct units measured before. */
  readonly n_pre: number;
  /** Distinct units measured after. */
  readonly n_post: number;
  /** Units measured in both phases (the units a paired analysis uses). */
  readonly n_pairs: number;
  /** Mean before, over the units the analysis used (null when none). */
  readonly meanPre: number | null;
  readonly meanPost: number | null;
  /** Paired: mean of per-unit differences; unpaired: difference of group means. */
  readonly difference: number | null;
  readonly ci: { readonly lower: number | null; readonly upper: number | null; readonly confidence: number; readonly iterations: number };
  /**
   * Standardised effect. Paired designs report Hedges' g_av (difference over the average of the
   * two phases' SDs, bias-corrected), comparable with between-group effects and with published
   * workshop studies; d_z (difference over the SD of differences), which drives the test's power,
   * is given alongside. Unpaired designs report Hedges' g_s.
   */
  readonly effectSize: { readonly kind: 'g_av' | 'g_s'; readonly value: number | null; readonly d_z: number | null };
  /** Permutation test: sign-flip of paired differences, or label shuffle between groups. Null with too little data. */
  readonly test: (PermutationResult & { readonly method: 'sign-flip' | 'label-shuffle' }) | null;
  /** Units that had more than one observation in a phase; their values were averaged (the unit is what is compared). */
  readonly unitsAveraged: number;
  readonly seed: Seed;
}

/** Default number of random permutations: 5 000 keeps the Monte Carlo error of a p value near 0.05 at about ±0.003 (SD). */
export const DEFAULT_PERMUTATIONS = 5000;
/** Default ceiling for exact enumeration: 2^16 arrangements (16 pairs; small unpaired groups). */
export const DEFAULT_EXACT_LIMIT = 65536;

/**
 * Compare an indicator between two phases (or two groups).
 *
 * Observations are first averaged per unit within each phase. Paired: only units present in both
 * phases are analysed; the difference is the mean of post − pre per unit, its interval a
 * bootstrap over units, its p value a sign-flip permutation test. Unpaired: each phase's units
 * form a group; the difference is mean(post) − mean(pre), with a stratified bootstrap and a
 * label-shuffle permutation test.
 */
export function comparePhases(
  pre: readonly UnitObservation[],
  post: readonly UnitObservation[],
  options: CompareOptions = {},
): PhaseComparison {
  const seed = options.seed ?? DEFAULT_SEED;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const iterations = options.bootstrapIterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const a = averageByUnit(pre, 'pre');
  const b = averageByUnit(post, 'post');
  const common = [...a.values.keys()].filter((u) => b.values.has(u)).sort(compareCodeUnits);
  const base = { n_pre: a.values.size, n_post: b.values.size, n_pairs: common.length, unitsAveraged: a.averaged + b.averaged, seed };
  const permOptions = { permutations: options.permutations, exactLimit: options.exactLimit, seed: `${String(seed)}/permutation` };
  const bootOptions = { iterations, confidence, seed: `${String(seed)}/bootstrap` };

  if (options.paired) {
    const x = common.map((u) => a.values.get(u) as number);
    const y = common.map((u) => b.values.get(u) as number);
    const boot = bootstrapPairedDifference(x, y, bootOptions);
    const diffs = y.map((v, i) => v - x[i]);
    return {
      design: 'paired',
      ...base,
      meanPre: x.length ? mean(x) : null,
      meanPost: y.length ? mean(y) : null,
      difference: boot.estimate,
      ci: { lower: boot.lower, upper: boot.upper, confidence, iterations },
      effectSize: { kind: 'g_av', value: hedgesGav(x, y), d_z: cohenDz(x, y) },
      test: diffs.length >= 2 ? { method: 'sign-flip', ...signFlipTest(diffs, permOptions) } : null,
      seed,
    };
  }
  const x = sortedValues(a.values);
  const y = sortedValues(b.values);
  const boot = bootstrapMeanDifference(x, y, bootOptions);
  return {
    design: 'unpaired',
    ...base,
    meanPre: x.length ? mean(x) : null,
    meanPost: y.length ? mean(y) : null,
    difference: boot.estimate,
    ci: { lower: boot.lower, upper: boot.upper, confidence, iterations },
    effectSize: { kind: 'g_s', value: hedgesG(x, y), d_z: null },
    test: x.length >= 1 && y.length >= 1 && x.length + y.length >= 3 ? { method: 'label-shuffle', ...labelShuffleTest(x, y, permOptions) } : null,
    seed,
  };
}

/**
 * Hedges' g_s for two independent groups, (mean(b) − mean(a)) / s_pooled · J with
 * s_pooled² = ((n_a − 1)s_a² + (n_b − 1)s_b²) / (n_a + n_b − 2) and the usual approximation
 * J = 1 − 3 / (4(n_a + n_b) − 9) (Hedges & Olkin 1985; Lakens 2013, eq. 4).
 *
 * @returns null when a group has fewer than 2 values or both have no spread.
 */
export function hedgesG(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2 || b.length < 2) return null;
  const pooled = Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2));
  if (!(pooled > 0)) return null;
  return ((mean(b) - mean(a)) / pooled) * (1 - 3 / (4 * (a.length + b.length) - 9));
}

/**
 * Hedges' g_av for paired data: mean(post − pre) / ((s_pre + s_post) / 2) · J, with the same
 * correction as {@link hedgesG} at n_a = n_b = n (J = 1 − 3/(8n − 9)), as in Lakens (2013),
 * whose movie-rating example gives d_av = 1.13 and g_av = 1.08.
 *
 * @returns null with fewer than 2 pairs or no spread in either phase.
 */
export function hedgesGav(pre: readonly number[], post: readonly number[]): number | null {
  assertPaired(pre, post);
  const n = pre.length;
  if (n < 2) return null;
  const sav = (Math.sqrt(variance(pre)) + Math.sqrt(variance(post))) / 2;
  if (!(sav > 0)) return null;
  return ((mean(post) - mean(pre)) / sav) * (1 - 3 / (8 * n - 9));
}

/**
 * Cohen's d_z for paired data: mean(post − pre) / SD(post − pre), uncorrected (Lakens 2013, eq. 6).
 *
 * @returns null with fewer than 2 pairs or identical differences.
 */
export function cohenDz(pre: readonly number[], post: readonly number[]): number | null {
  assertPaired(pre, post);
  if (pre.length < 2) return null;
  const d = post.map((v, i) => v - pre[i]);
  const sd = Math.sqrt(variance(d));
  return sd > 0 ? mean(d) / sd : null;
}

/** Options of the permutation tests. */
export interface PermutationOptions {
  /** Random arrangements when not enumerating; default {@link DEFAULT_PERMUTATIONS}. */
  readonly permutations?: number;
  /** Enumerate when there are at most this many arrangements; default {@link DEFAULT_EXACT_LIMIT}. */
  readonly exactLimit?: number;
  readonly seed?: Seed;
}

/**
 * Two-sided sign-flip permutation test of mean(d) = 0 for paired differences: under the null
 * that nothing changed, each unit's difference is as likely to have either sign.
 * Exact over all 2^n sign patterns when 2^n ≤ exactLimit; otherwise Monte Carlo with
 * p = (1 + #{|S*| ≥ |S|}) / (M + 1), which is never 0 and keeps the test valid (Phipson & Smyth 2010).
 */
export function signFlipTest(diffs: readonly number[], options: PermutationOptions = {}): PermutationResult {
  const { permutations, exactLimit, seed } = resolvePerm(options);
  const n = diffs.length;
  if (n === 0) throw new RangeError('signFlipTest needs at least one difference');
  const observed = Math.abs(sum(diffs));
  const tol = 1e-9 * (1 + diffs.reduce((s, v) => s + Math.abs(v), 0));
  if (n <= 30 && 2 ** n <= exactLimit) {
    const total = 2 ** n;
    let extreme = 0;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mask & (1 << i) ? -diffs[i] : diffs[i];
      if (Math.abs(s) >= observed - tol) extreme++;
    }
    return { p: extreme / total, exact: true, permutations: total };
  }
  const rng = createRng(seed);
  let extreme = 0;
  for (let m = 0; m < permutations; m++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rng.next() < 0.5 ? -diffs[i] : diffs[i];
    if (Math.abs(s) >= observed - tol) extreme++;
  }
  return { p: (1 + extreme) / (1 + permutations), exact: false, permutations };
}

/**
 * Two-sided label-shuffle permutation test of mean(b) − mean(a) = 0 for independent groups:
 * under the null, which units ended up in which group is arbitrary. Exact over all
 * C(n_a + n_b, n_b) splits when that is at most exactLimit; otherwise Monte Carlo as in
 * {@link signFlipTest}.
 */
export function labelShuffleTest(a: readonly number[], b: readonly number[], options: PermutationOptions = {}): PermutationResult {
  const { permutations, exactLimit, seed } = resolvePerm(options);
  const all = [...a, ...b];
  const N = all.length;
  const nb = b.length;
  const na = a.length;
  if (na === 0 || nb === 0) throw new RangeError('labelShuffleTest needs values in both groups');
  const total = sum(all);
  const stat = (sumB: number): number => sumB / nb - (total - sumB) / na;
  const observed = Math.abs(stat(sum(b)));
  const tol = 1e-9 * (1 + all.reduce((s, v) => s + Math.abs(v), 0));
  const splits = binomialCoefficient(N, nb);
  if (splits <= exactLimit) {
    let extreme = 0;
    let count = 0;
    // Walk all nb-subsets in lexicographic order of indices.
    const idx = Array.from({ length: nb }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (const i of idx) s += all[i];
      count++;
      if (Math.abs(stat(s)) >= observed - tol) extreme++;
      let j = nb - 1;
      while (j >= 0 && idx[j] === N - nb + j) j--;
      if (j < 0) break;
      idx[j]++;
      for (let k = j + 1; k < nb; k++) idx[k] = idx[k - 1] + 1;
    }
    return { p: extreme / count, exact: true, permutations: count };
  }
  const rng = createRng(seed);
  const work = [...all];
  let extreme = 0;
  for (let m = 0; m < permutations; m++) {
    // Partial Fisher–Yates: the first nb slots become a uniformly random group b.
    let s = 0;
    for (let i = 0; i < nb; i++) {
      const j = i + rng.nextInt(N - i);
      const t = work[i];
      work[i] = work[j];
      work[j] = t;
      s += work[i];
    }
    if (Math.abs(stat(s)) >= observed - tol) extreme++;
  }
  return { p: (1 + extreme) / (1 + permutations), exact: false, permutations };
}

// ---- internals ------------------------------------------------------------------------------

function resolvePerm(options: PermutationOptions): { permutations: number; exactLimit: number; seed: Seed } {
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be a positive integer, got ${permutations}`);
  if (!(exactLimit >= 0)) throw new RangeError(`exactLimit must be non-negative, got ${exactLimit}`);
  return { permutations, exactLimit, seed: options.seed ?? DEFAULT_SEED };
}

function averageByUnit(obs: readonly UnitObservation[], phase: string): { values: Map<string, number>; averaged: number } {
  const acc = new Map<string, { s: number; n: number }>();
  for (const o of obs) {
    if (!Number.isFinite(o.value)) throw new RangeError(`${phase} value of unit "${o.unit}" must be finite, got ${o.value}`);
    const cur = acc.get(o.unit);
    if (cur) {
      cur.s += o.value;
      cur.n++;
    } else acc.set(o.unit, { s: o.value, n: 1 });
  }
  const values = new Map<string, number>();
  let averaged = 0;
  for (const [u, { s, n }] of acc) {
    values.set(u, s / n);
    if (n > 1) averaged++;
  }
  return { values, averaged };
}

/** Values ordered by unit id, so results do not depend on the order rows arrived in. */
function sortedValues(values: Map<string, number>): number[] {
  return [...values.keys()].sort(compareCodeUnits).map((u) => values.get(u) as number);
}

/** Locale-independent ordering: the same on every machine, unlike localeCompare. */
function compareCodeUnits(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function binomialCoefficient(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) {
    r = (r * (n - k + i)) / i;
    if (r > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return Math.round(r);
}

function assertPaired(pre: readonly number[], post: readonly number[]): void {
  if (pre.length !== post.length) throw new RangeError(`pre (${pre.length}) and post (${post.length}) differ in length`);
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length;
}

/** Sample variance (n − 1). */
function variance(xs: readonly number[]): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}
