/**
 * Turns per-document contributions into indicator rows: per group and period, each indicator with its
 * numerator, denominator, document count, confidence interval and smoothed value. Periods with no data are
 * present as empty rows, so a gap in coverage looks like a gap.
 */

import { SHARE_MEASURES, TARGET_FIELDS, type DocumentContribution, type TargetField } from './contribution.js';
import { quantileSorted } from './stats/bootstrap.js';
import { enumeratePeriods, periodLabel, periodOf, type Period, type PeriodUnit } from './stats/periods.js';
import { createRng } from './stats/rng.js';
import { ewma, rollingMean } from './stats/smoothing.js';
import { wilsonInterval, zForConfidence } from './stats/wilson.js';

/** Names of the indicators, in output order: the share indicators, then salience and the composite index. */
export const INDICATORS = [...SHARE_MEASURES, 'outgroup_salience', 'rehumanization_index'] as const;
export type IndicatorName = (typeof INDICATORS)[number];

/** Share indicators: sentences showing the measure over all sentences (counts of successes in trials). */
export const SHARE_INDICATORS: readonly IndicatorName[] = SHARE_MEASURES;

/** The label of the row that pools every value of a grouping field. */
export const ALL_GROUPS = '(all)';
/** Period label for documents without a usable date. */
export const UNDATED = 'undated';
/** Period label for the rows that pool every period. */
export const ALL_PERIODS = 'all';

/** One row of indicators.csv. */
export interface IndicatorRow {
  readonly groups: Readonly<Record<string, string>>;
  readonly period: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly indicator: IndicatorName;
  readonly value: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly ci_method: 'wilson' | 'bootstrap' | 'wilson_deff' | 'delta' | 'none';
  readonly smoothed: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly n_documents: number;
}

/** Settings of the indicator computation. */
export interface IndicatorOptions {
  readonly period: PeriodUnit;
  readonly groupFields: readonly string[];
  readonly confidence: number;
  readonly bootstrap: number;
  readonly seed: number;
  readonly smoothing: { readonly method: 'none' | 'rolling' | 'ewma'; readonly window: number; readonly alpha: number };
  /** Whether actor lists mark sides; without sides, outgroup salience is not computed. */
  readonly sidesConfigured: boolean;
  /**
   * Cells with more documents than this use the linearised (delta-method) cluster variance instead of the
   * bootstrap; at that size the two agree and the bootstrap's cost (documents × resamples) is wasted.
   */
  readonly bootstrapMaxDocuments?: number;
}

/** Default for {@link IndicatorOptions.bootstrapMaxDocuments}. */
export const DEFAULT_BOOTSTRAP_MAX_DOCUMENTS = 2000;

/** How intervals are computed, for manifests and reports. */
export const INTERVAL_METHODS_NOTE =
  'Wilson score interval where each document contributes one sentence (sentences are then independent units). Where documents have several sentences, those are not independent: cells of up to 2,000 documents (bootstrapMaxDocuments) use a percentile cluster bootstrap that resamples whole documents; larger cells use the linearised cluster variance of the ratio, as a Wilson interval on the effective sample size for shares (wilson_deff) and a normal interval otherwise (delta). The ci_method column of indicators.csv says which was used for each row.';

/** A cell: the documents of one group in one period. */
interface Cell {
  readonly groups: Record<string, string>;
  readonly period: string;
  readonly start: string;
  readonly end: string;
  readonly docs: DocumentContribution[];
}

/** Computes every indicator row. Deterministic for a seed, whatever the order of `contributions`. */
export function computeIndicators(contributions: readonly DocumentContribution[], options: IndicatorOptions): IndicatorRow[] {
  // Order documents by id so that the bootstrap draws do not depend on arrival order (workers, shards).
  const docs = [...contributions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indicators = INDICATORS.filter((name) => name !== 'outgroup_salience' || options.sidesConfigured);

  const periodOfDoc = new Map<string, Period | null>();
  let minDate: string | null = null;
  let maxDate: string | null = null;
  for (const doc of docs) {
    const p = doc.date ? safePeriod(doc.date, options.period) : null;
    periodOfDoc.set(doc.id, p);
    if (p) {
      if (minDate === null || p.start < minDate) minDate = p.start;
      if (maxDate === null || p.end > maxDate) maxDate = p.end;
    }
  }
  const periods = minDate && maxDate ? enumeratePeriods(minDate, maxDate, options.period) : [];

  // Group combinations present in the data, plus the pooled row.
  const groupKeys = new Map<string, Record<string, string>>();
  const keyOf = (g: Readonly<Record<string, string>>): string => options.groupFields.map((f) => g[f] ?? '').join('\u0000');
  const pooled: Record<string, string> = Object.fromEntries(options.groupFields.map((f) => [f, ALL_GROUPS]));
  groupKeys.set(keyOf(pooled), pooled);
  // Grouping by a target field splits each document's numerators by target while keeping its denominator.
  const targetField = options.groupFields.find((f): f is TargetField => (TARGET_FIELDS as readonly string[]).includes(f));
  const grouped = targetField ? splitByTarget(docs, targetField) : docs;
  if (options.groupFields.length > 0) {
    for (const doc of grouped) if (!groupKeys.has(keyOf(doc.groups))) groupKeys.set(keyOf(doc.groups), { ...doc.groups });
  }
  const sortedGroups = [...groupKeys.entries()].sort(([a], [b]) => (a === keyOf(pooled) ? -1 : b === keyOf(pooled) ? 1 : a < b ? -1 : 1));

  // Documents by group, in one pass (one key per document, not one per document and group).
  const byGroup = new Map<string, DocumentContribution[]>();
  if (options.groupFields.length > 0) {
    for (const doc of grouped) {
      const key = keyOf(doc.groups);
      const list = byGroup.get(key);
      if (list) list.push(doc);
      else byGroup.set(key, [doc]);
    }
  }
  const rows: IndicatorRow[] = [];
  for (const [key, groups] of sortedGroups) {
    const isPooled = key === keyOf(pooled);
    const inGroup = isPooled ? docs : (byGroup.get(key) ?? []);
    const byPeriod = new Map<string, DocumentContribution[]>();
    const undated: DocumentContribution[] = [];
    for (const doc of inGroup) {
      const p = periodOfDoc.get(doc.id);
      if (!p) undated.push(doc);
      else {
        const list = byPeriod.get(p.start);
        if (list) list.push(doc);
        else byPeriod.set(p.start, [doc]);
      }
    }
    const cells: Cell[] = periods.map((p) => ({ groups, period: periodLabel(p, options.period), start: p.start, end: p.end, docs: byPeriod.get(p.start) ?? [] }));
    // A row for one target has the share indicators only: salience and the index are about all of the talk.
    const cellIndicators = targetField && !isPooled ? indicators.filter((i) => SHARE_INDICATORS.includes(i)) : indicators;
    const seriesRows = cells.map((cell) => rowsForCell(cell, cellIndicators, options));
    // Smoothing runs along each indicator's series and never replaces the raw value.
    for (let k = 0; k < cellIndicators.length; k++) {
      const raw = seriesRows.map((r) => r[k]!.value);
      const smooth = smoothSeries(raw, options.smoothing);
      seriesRows.forEach((r, t) => rows.push({ ...r[k]!, smoothed: smooth[t] ?? null }));
    }
    if (undated.length > 0) {
      for (const r of rowsForCell({ groups, period: UNDATED, start: '', end: '', docs: undated }, cellIndicators, options)) rows.push(r);
    }
    for (const r of rowsForCell({ groups, period: ALL_PERIODS, start: minDate ?? '', end: maxDate ?? '', docs: inGroup }, cellIndicators, options)) rows.push(r);
  }
  return rows;
}

/**
 * One part per document and target value: the document's sentence and token counts (every sentence of the
 * document is in the denominator of every target), and as numerators the sentences that show a measure toward
 * that target. Documents with no finding toward a value still count, with zero numerators.
 */
function splitByTarget(docs: readonly DocumentContribution[], field: TargetField): DocumentContribution[] {
  const prefix = `${field}=`;
  const values = new Set<string>();
  for (const d of docs) for (const key of Object.keys(d.targets ?? {})) if (key.startsWith(prefix)) values.add(key.slice(prefix.length));
  const sorted = [...values].sort();
  const out: DocumentContribution[] = [];
  for (const d of docs) {
    for (const v of sorted) {
      const counts = d.targets?.[prefix + v] ?? {};
      // Salience and the index are not split by target: their parts are zero here.
      const split: Record<string, unknown> = { ...d, groups: { ...d.groups, [field]: v }, outgroup_mentions: 0, other_sentences: 0, index_sum: 0 };
      for (const m of SHARE_MEASURES) split[m] = counts[m] ?? 0;
      out.push(split as unknown as DocumentContribution);
    }
  }
  return out;
}

function safePeriod(date: string, unit: PeriodUnit): Period | null {
  try {
    return periodOf(date, unit);
  } catch {
    return null;
  }
}

/** Numerator and denominator of each indicator for one document. */
function partsOf(doc: DocumentContribution, indicator: IndicatorName): [number, number] {
  switch (indicator) {
    case 'outgroup_salience':
      return [doc.outgroup_mentions, doc.tokens];
    case 'rehumanization_index':
      return [doc.index_sum, doc.other_sentences];
    default:
      return [doc[indicator], doc.sentences];
  }
}

const SCALE: Partial<Record<IndicatorName, number>> = { outgroup_salience: 1000 };

function rowsForCell(cell: Cell, indicators: readonly IndicatorName[], options: IndicatorOptions): IndicatorRow[] {
  const n = cell.docs.length;
  const parts = indicators.map((ind) => cell.docs.map((d) => partsOf(d, ind)));
  const large = n > (options.bootstrapMaxDocuments ?? DEFAULT_BOOTSTRAP_MAX_DOCUMENTS);
  const intervals = large ? parts.map(() => null) : bootstrapCell(parts, options, `${cell.period}|${JSON.stringify(cell.groups)}`);
  return indicators.map((indicator, k) => {
    const scale = SCALE[indicator] ?? 1;
    let numerator = 0;
    let denominator = 0;
    for (const [a, b] of parts[k]!) {
      numerator += a;
      denominator += b;
    }
    const value = denominator > 0 ? (numerator / denominator) * scale : null;
    let ciLow: number | null = null;
    let ciHigh: number | null = null;
    let method: IndicatorRow['ci_method'] = 'none';
    // One sentence per document (tweets, turns): sentences are independent units and Wilson is exact enough.
    // Several sentences per document are clustered, so the interval resamples whole documents.
    if (value !== null && SHARE_INDICATORS.includes(indicator) && denominator === n) {
      const w = wilsonInterval(numerator, denominator, options.confidence);
      if (w) {
        ciLow = w.lower;
        ciHigh = w.upper;
        method = 'wilson';
      }
    } else if (value !== null && large) {
      const interval = linearisedInterval(parts[k]!, numerator, denominator, SHARE_INDICATORS.includes(indicator), options.confidence);
      ciLow = interval.low * scale;
      ciHigh = interval.high * scale;
      method = interval.method;
    } else if (value !== null) {
      const interval = intervals[k]!;
      if (interval) {
        ciLow = interval[0] * scale;
        ciHigh = interval[1] * scale;
        method = 'bootstrap';
      }
    }
    return {
      groups: cell.groups,
      period: cell.period,
      period_start: cell.start,
      period_end: cell.end,
      indicator,
      value: round(value),
      ci_low: round(ciLow),
      ci_high: round(ciHigh),
      ci_method: method,
      smoothed: null,
      numerator: round(numerator) ?? 0,
      denominator,
      n_documents: n,
    };
  });
}

/**
 * One cluster bootstrap over the cell's documents for all indicators at once: each resample draws documents
 * with replacement and recomputes every ratio, so B resamples cost one pass, not one per indicator.
 */
function bootstrapCell(parts: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, options: IndicatorOptions, cellKey: string): Array<[number, number] | null> {
  const n = parts[0]?.length ?? 0;
  const k = parts.length;
  if (n === 0) return parts.map(() => null);
  // Flat typed arrays, document-major: one draw reads the k numerators and denominators of a document from
  // adjacent memory. This loop is the cost of the indicators (documents × resamples × indicators).
  const nums = new Float64Array(n * k);
  const dens = new Float64Array(n * k);
  for (let m = 0; m < k; m++) {
    const column = parts[m]!;
    for (let i = 0; i < n; i++) {
      nums[i * k + m] = column[i]![0];
      dens[i * k + m] = column[i]![1];
    }
  }
  const rng = createRng(`${options.seed}|${cellKey}`);
  const stats: Float64Array[] = parts.map(() => new Float64Array(options.bootstrap));
  const valid = new Int32Array(k);
  const num = new Float64Array(k);
  const den = new Float64Array(k);
  for (let b = 0; b < options.bootstrap; b++) {
    num.fill(0);
    den.fill(0);
    for (let i = 0; i < n; i++) {
      const base = rng.nextInt(n) * k;
      for (let m = 0; m < k; m++) {
        num[m] += nums[base + m]!;
        den[m] += dens[base + m]!;
      }
    }
    for (let m = 0; m < k; m++) if (den[m]! > 0) stats[m]![valid[m]!++] = num[m]! / den[m]!;
  }
  const alpha = (1 - options.confidence) / 2;
  return stats.map((all, m) => {
    const count = valid[m]!;
    if (count === 0) return null;
    // A typed array sorts numerically, and far faster than an array with a comparator.
    const s = all.subarray(0, count).sort() as unknown as number[];
    return [quantileSorted(s, alpha), quantileSorted(s, 1 - alpha)];
  });
}

/**
 * Interval of a ratio Σy/Σx over n clusters from its linearised variance,
 * Var(R) ≈ n/(n−1) · Σ(y_i − R·x_i)² / (Σx)² (the cluster-robust variance of a ratio estimator). For a share
 * the design effect d = Var / (R(1−R)/Σx) turns Σx into an effective sample size Σx/d for a Wilson
 * interval, which stays inside [0, 1] near 0 where the normal interval would not.
 */
function linearisedInterval(
  parts: ReadonlyArray<readonly [number, number]>,
  numerator: number,
  denominator: number,
  share: boolean,
  confidence: number,
): { low: number; high: number; method: 'wilson_deff' | 'delta' } {
  const n = parts.length;
  const r = numerator / denominator;
  let sum = 0;
  for (const [y, x] of parts) sum += (y - r * x) ** 2;
  const variance = n > 1 ? ((n / (n - 1)) * sum) / (denominator * denominator) : 0;
  if (share) {
    const binomial = (r * (1 - r)) / denominator;
    const deff = binomial > 0 ? Math.max(variance / binomial, 1e-6) : 1;
    const effectiveN = denominator / deff;
    const z = zForConfidence(confidence);
    const z2n = (z * z) / effectiveN;
    const centre = (r + z2n / 2) / (1 + z2n);
    const half = (z / (1 + z2n)) * Math.sqrt((r * (1 - r)) / effectiveN + (z * z) / (4 * effectiveN * effectiveN));
    return { low: Math.max(0, Math.min(r, centre - half)), high: Math.min(1, Math.max(r, centre + half)), method: 'wilson_deff' };
  }
  const z = zForConfidence(confidence);
  const half = z * Math.sqrt(variance);
  return { low: r - half, high: r + half, method: 'delta' };
}

function smoothSeries(values: readonly (number | null)[], smoothing: IndicatorOptions['smoothing']): (number | null)[] {
  if (smoothing.method === 'none') return values.map(() => null);
  const out = smoothing.method === 'ewma' ? ewma(values, smoothing.alpha) : rollingMean(values, smoothing.window);
  return out.map((v) => round(v));
}

function round(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6;
}
