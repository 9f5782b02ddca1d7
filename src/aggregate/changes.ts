/**
 * Change points per indicator and group, read off the indicator rows. Shares use the binomial detector on
 * the sentence counts; the index and salience, which are not counts of successes, use the Gaussian detector
 * on the period values weighted by their documents.
 */

import { ALL_PERIODS, SHARE_INDICATORS, UNDATED, type IndicatorName, type IndicatorRow } from './indicators.js';
import { detectChangePoints, detectChangePointsGaussian, type ChangePointResult } from './stats/changepoints.js';

/** One row of changepoints.csv. */
export interface ChangePointRow {
  readonly id: string;
  readonly groups: Readonly<Record<string, string>>;
  readonly indicator: IndicatorName;
  /** First day of the first period at the new level. */
  readonly date: string;
  /** Label of that period, such as `2025-06`. */
  readonly period: string;
  /** Last day of the segment at the new level, so evidence can be drawn from it. */
  readonly segment_end: string;
  /** The earliest date the shift may have begun (differs when empty periods precede it). */
  readonly earliest_date: string;
  readonly level_before: number;
  readonly level_after: number;
  readonly direction: 'up' | 'down';
  readonly strength: number;
  readonly penalty: number;
}

/** Settings of the detection. */
export interface ChangePointSettings {
  readonly sensitivity: number;
  readonly minSegment: number;
}

const COUNT_INDICATORS = new Set<IndicatorName>(SHARE_INDICATORS);

/** Finds change points in every (group, indicator) series of the indicator rows. */
export function detectIndicatorChanges(rows: readonly IndicatorRow[], settings: ChangePointSettings): ChangePointRow[] {
  const series = new Map<string, IndicatorRow[]>();
  for (const row of rows) {
    if (row.period === UNDATED || row.period === ALL_PERIODS) continue;
    const key = `${JSON.stringify(row.groups)}|${row.indicator}`;
    const list = series.get(key);
    if (list) list.push(row);
    else series.set(key, [row]);
  }
  const out: ChangePointRow[] = [];
  for (const list of series.values()) {
    list.sort((a, b) => (a.period_start < b.period_start ? -1 : 1));
    const first = list[0]!;
    const options = { sensitivity: settings.sensitivity, minSegmentLength: settings.minSegment };
    let result: ChangePointResult;
    if (COUNT_INDICATORS.has(first.indicator)) {
      result = detectChangePoints(
        list.map((r) => r.numerator),
        list.map((r) => r.denominator),
        options,
      );
    } else {
      result = detectChangePointsGaussian(
        list.map((r) => r.value),
        list.map((r) => (r.value === null ? 0 : r.n_documents)),
        options,
      );
    }
    for (const change of result.changePoints) {
      const at = list[change.index]!;
      const segment = result.segments.find((s) => s.start === change.index);
      const segmentEnd = segment ? list[segment.end]!.period_end : at.period_end;
      out.push({
        id: `${first.indicator}:${Object.values(first.groups).join('/') || 'all'}:${at.period}`,
        groups: first.groups,
        indicator: first.indicator,
        date: at.period_start,
        period: at.period,
        segment_end: segmentEnd,
        earliest_date: list[change.earliestIndex]!.period_start,
        level_before: round(change.levelBefore),
        level_after: round(change.levelAfter),
        direction: change.levelAfter >= change.levelBefore ? 'up' : 'down',
        strength: round(change.strength),
        penalty: round(result.penalty),
      });
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
