/**
 * Charts of the report as vega-lite specs, rendered to SVG at build time in Node (vega View with renderer
 * 'none'), so the report needs no script and no network to show them.
 */

import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

/** One point of an indicator series. */
export interface SeriesPoint {
  readonly group: string;
  readonly date: string;
  readonly value: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly n_documents: number;
}

/** A change point to mark on a series chart. */
export interface ChangeMark {
  readonly group: string;
  readonly date: string;
  readonly label: string;
}

/** One row of a pre/post chart. */
export interface ComparisonPoint {
  readonly scope: string;
  readonly difference: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly value_before: number | null;
  readonly value_after: number | null;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  // Legend symbols as solid strokes: the bands' transparency would otherwise make them hard to see.
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3, symbolSize: 180 },
};

/** A colour-blind-safe palette (Okabe–Ito), black reserved for the pooled "all groups" series. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

/** Renders a vega-lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vega = compile(spec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Inline SVG in HTML needs no namespace declarations; dropping them keeps the file free of URLs.
    return svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
  } finally {
    view.finalize();
  }
}

/** Axis label format for a period unit. */
function timeFormat(period: string): string {
  if (period === 'year') return '%Y';
  if (period === 'month' || period === 'quarter') return '%b %Y';
  return '%d %b %Y';
}

/**
 * A time series by group: the interval as a band, the value as a line with points, change points as dashed
 * rules in the group's colour.
 */
export function seriesSpec(title: string, points: readonly SeriesPoint[], changes: readonly ChangeMark[], groups: readonly string[], period: string, yTitle: string): TopLevelSpec {
  const colors = groups.map((g, i) => (g === ALL_LABEL ? '#222222' : PALETTE[i % PALETTE.length]!));
  const color = { field: 'group', type: 'nominal' as const, title: 'Group', scale: { domain: [...groups], range: colors }, sort: [...groups] };
  const x = { field: 'date', type: 'temporal' as const, title: null, scale: { type: 'utc' as const }, axis: { format: timeFormat(period), labelAngle: 0, labelOverlap: true } };
  return {
    width: 700,
    height: 240,
    description: title,
    config: CONFIG,
    layer: [
      {
        // Empty periods stay in the data as nulls and break the band and the line: a gap must look like a gap.
        data: { values: points as never[] },
        mark: { type: 'area', opacity: 0.12, invalid: 'break-paths-show-domains' },
        encoding: { x, y: { field: 'ci_low', type: 'quantitative', title: yTitle }, y2: { field: 'ci_high' }, color },
      },
      {
        data: { values: points as never[] },
        mark: { type: 'line', point: { size: 22 }, strokeWidth: 1.8, invalid: 'break-paths-show-domains' },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: yTitle }, color },
      },
      ...(changes.length > 0
        ? [
            {
              data: { values: changes as never[] },
              mark: { type: 'rule' as const, strokeDash: [5, 3], strokeWidth: 1.6 },
              encoding: { x, color },
            },
            {
              data: { values: changes as never[] },
              mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, dy: 2, fontSize: 10, y: 0 },
              encoding: { x, text: { field: 'label', type: 'nominal' as const }, color },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}

/** The label of the pooled group in charts. */
export const ALL_LABEL = 'All groups';

/** Pre/post: the change (after − before) per participant and overall, dot with its interval as error bar. */
export function comparisonSpec(title: string, rows: readonly ComparisonPoint[], xTitle: string): TopLevelSpec {
  const order = rows.map((r) => r.scope);
  const y = { field: 'scope', type: 'nominal' as const, title: null, sort: order, axis: { labelLimit: 220 } };
  const withCi = rows.filter((r) => r.ci_low !== null && r.ci_high !== null);
  const withValue = rows.filter((r) => r.difference !== null);
  const colour = { condition: { test: "datum.scope === 'overall'", value: '#222222' }, value: '#0072B2' };
  return {
    width: 560,
    height: { step: 20 },
    description: title,
    config: CONFIG,
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [3, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      {
        data: { values: withCi as never[] },
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { y, x: { field: 'ci_low', type: 'quantitative', title: xTitle }, x2: { field: 'ci_high' }, color: colour },
      },
      {
        data: { values: withCi as never[] },
        mark: { type: 'tick', orient: 'vertical', thickness: 2, size: 10 },
        encoding: { y, x: { field: 'ci_low', type: 'quantitative' }, color: colour },
      },
      {
        data: { values: withCi as never[] },
        mark: { type: 'tick', orient: 'vertical', thickness: 2, size: 10 },
        encoding: { y, x: { field: 'ci_high', type: 'quantitative' }, color: colour },
      },
      {
        data: { values: withValue as never[] },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { y, x: { field: 'difference', type: 'quantitative', title: xTitle }, color: colour },
      },
    ],
  } as TopLevelSpec;
}
