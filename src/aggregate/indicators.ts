/**
 * Turns per-document contributions into indicator rows: per group and period, each indicator with its
 * numerator, denominator, document count, confidence interval and smoothed value. Periods with no data are
 * present as empty rows, so a gap in coverage looks like a gap.
 */

import { SHARE_MEASURES, TARGET_FIELDS, type DocumentContribution, type ShareMeasure, type TargetField } from './contribution.js';
import { bootstrapRatios } from './stats/cluster-bootstrap.js';
import { enumeratePeriods, periodLabel, periodOf, type Period, type PeriodUnit } from './stats/periods.js';
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
  // Labelled once, not once per group.
  const periodLabels = periods.map((p) => periodLabel(p, options.period));

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
    const cells: Cell[] = periods.map((p, t) => ({ groups, period: periodLabels[t]!, start: p.start, end: p.end, docs: byPeriod.get(p.start) ?? [] }));
    // A row for one target has the share indicators only: salience and the index are about all of the talk.
    const cellIndicators = targetField && !isPooled ? indicators.filter((i) => SHARE_INDICATORS.includes(i)) : indicators;
    const seriesRows = cells.map((cell) => rowsForCell(cell, cellIndicators, options));
    // Smoothing runs along each indicator's series and never replaces the raw value. The rows are ours and
    // not yet handed out, so the smoothed value is filled in rather than each row copied.
    for (let k = 0; k < cellIndicators.length; k++) {
      const raw = seriesRows.map((r) => r[k]!.value);
      const smooth = smoothSeries(raw, options.smoothing);
      seriesRows.forEach((r, t) => {
        r[k]!.smoothed = smooth[t] ?? null;
        rows.push(r[k]!);
      });
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

/** Contribution fields that indicators are ratios of. */
type CountField = ShareMeasure | 'sentences' | 'tokens' | 'outgroup_mentions' | 'other_sentences' | 'index_sum';

/** The fields of an indicator's numerator and denominator. */
function fieldsOf(indicator: IndicatorName): readonly [CountField, CountField] {
  switch (indicator) {
    case 'outgroup_salience':
      return ['outgroup_mentions', 'tokens'];
    case 'rehumanization_index':
      return ['index_sum', 'other_sentences'];
    default:
      return [indicator, 'sentences'];
  }
}

/**
 * A cell's per-document numerators and denominators, one column per indicator in document order, read from
 * the contributions once for the sums, the intervals and every resample. Indicators whose parts are the same
 * field share one column (the six shares all divide by sentences), which the bootstrap then sums once.
 */
interface CellParts {
  readonly numerators: readonly Float64Array[];
  readonly denominators: readonly Float64Array[];
}

/** The column of every part of an empty cell (most group × period cells are empty). */
const NO_DOCUMENTS = new Float64Array(0);

function cellParts(docs: readonly DocumentContribution[], indicators: readonly IndicatorName[]): CellParts {
  if (docs.length === 0) return { numerators: indicators.map(() => NO_DOCUMENTS), denominators: indicators.map(() => NO_DOCUMENTS) };
  const columns = new Map<CountField, Float64Array>();
  const column = (field: CountField): Float64Array => {
    let values = columns.get(field);
    if (!values) {
      values = new Float64Array(docs.length);
      for (let i = 0; i < docs.length; i++) values[i] = docs[i]![field];
      columns.set(field, values);
    }
    return values;
  };
  const fields = indicators.map(fieldsOf);
  return { numerators: fields.map(([num]) => column(num)), denominators: fields.map(([, den]) => column(den)) };
}

/** Σ values in index order: the order of the documents, as every sum of the rows is taken. */
function sumInOrder(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

const SCALE: Partial<Record<IndicatorName, number>> = { outgroup_salience: 1000 };

/** A row while it is being built: the smoothed value is set once the whole series is known. */
type RowInProgress = { -readonly [K in keyof IndicatorRow]: IndicatorRow[K] };

function rowsForCell(cell: Cell, indicators: readonly IndicatorName[], options: IndicatorOptions): RowInProgress[] {
  const n = cell.docs.length;
  const parts = cellParts(cell.docs, indicators);
  const large = n > (options.bootstrapMaxDocuments ?? DEFAULT_BOOTSTRAP_MAX_DOCUMENTS);
  // One cluster bootstrap for all indicators of the cell: B resamples cost one pass, not one per indicator.
  // An empty cell has nothing to resample (and skipping it skips building its seed text).
  const intervals =
    large || n === 0
      ? indicators.map(() => null)
      : bootstrapRatios(parts.numerators, parts.denominators, { iterations: options.bootstrap, confidence: options.confidence, seed: `${options.seed}|${cell.period}|${JSON.stringify(cell.groups)}` });
  return indicators.map((indicator, k) => {
    const scale = SCALE[indicator] ?? 1;
    const numerator = sumInOrder(parts.numerators[k]!);
    const denominator = sumInOrder(parts.denominators[k]!);
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
      const interval = linearisedInterval(parts.numerators[k]!, parts.denominators[k]!, numerator, denominator, SHARE_INDICATORS.includes(indicator), options.confidence);
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
 * Interval of a ratio Σy/Σx over n clusters from its linearised variance,
 * Var(R) ≈ n/(n−1) · Σ(y_i − R·x_i)² / (Σx)² (the cluster-robust variance of a ratio estimator). For a share
 * the design effect d = Var / (R(1−R)/Σx) turns Σx into an effective sample size Σx/d for a Wilson
 * interval, which stays inside [0, 1] near 0 where the normal interval would not.
 */
function linearisedInterval(
  ys: Float64Array,
  xs: Float64Array,
  numerator: number,
  denominator: number,
  share: boolean,
  confidence: number,
): { low: number; high: number; method: 'wilson_deff' | 'delta' } {
  const n = ys.length;
  const r = numerator / denominator;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (ys[i]! - r * xs[i]!) ** 2;
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
