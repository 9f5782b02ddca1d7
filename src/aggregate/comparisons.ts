/**
 * Pre/post comparisons for evaluators: did the workshop move its participants? Overall (paired by
 * participant when the same people appear in both phases) and per participant (their turns before against
 * their turns after).
 */

import type { DocumentContribution } from './contribution.js';
import { type IndicatorName } from './indicators.js';
import { comparePhases, type PhaseComparison, type UnitObservation } from './stats/compare.js';

/** The indicators compared: shares per unit and the composite index. */
export const COMPARED_INDICATORS: readonly IndicatorName[] = [
  'dehumanization',
  'victimhood_exclusive',
  'victimhood_inclusive',
  'acknowledgement',
  'rehumanization_index',
];

/** One row of comparisons.csv. */
export interface ComparisonRow {
  /** `overall`, or the unit (participant) the row is about. */
  readonly scope: string;
  readonly indicator: IndicatorName;
  readonly design: 'paired' | 'unpaired';
  readonly unit_of_analysis: string;
  readonly n_before: number;
  readonly n_after: number;
  readonly n_pairs: number;
  readonly documents_before: number;
  readonly documents_after: number;
  readonly value_before: number | null;
  readonly value_after: number | null;
  readonly difference: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly effect_size: number | null;
  readonly effect_size_kind: string;
  readonly p_value: number | null;
  readonly test: string;
}

/** What to compare. */
export interface ComparisonSettings {
  readonly field: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly unit?: string;
  readonly confidence: number;
  readonly bootstrap: number;
  readonly seed: number;
}

function parts(doc: DocumentContribution, indicator: IndicatorName): [number, number] {
  if (indicator === 'rehumanization_index') return [doc.index_sum, doc.other_sentences];
  if (indicator === 'outgroup_salience') return [doc.outgroup_mentions, doc.tokens];
  return [doc[indicator], doc.sentences];
}

/** A unit's value in a phase: its pooled numerator over its pooled denominator. */
function unitValues(docs: readonly DocumentContribution[], unitOf: (d: DocumentContribution) => string, indicator: IndicatorName): UnitObservation[] {
  const sums = new Map<string, [number, number]>();
  for (const d of docs) {
    const [a, b] = parts(d, indicator);
    const key = unitOf(d);
    const s = sums.get(key) ?? [0, 0];
    s[0] += a;
    s[1] += b;
    sums.set(key, s);
  }
  const out: UnitObservation[] = [];
  for (const [unit, [a, b]] of sums) if (b > 0) out.push({ unit, value: a / b });
  return out;
}

/** Compares the two phases overall and, when a unit field is set, per unit. */
export function compareIndicators(contributions: readonly DocumentContribution[], settings: ComparisonSettings): ComparisonRow[] {
  const phaseOf = (d: DocumentContribution): 'before' | 'after' | null => {
    const v = d.groups[settings.field] ?? '';
    if (settings.before.includes(v)) return 'before';
    if (settings.after.includes(v)) return 'after';
    return null;
  };
  const before = contributions.filter((d) => phaseOf(d) === 'before');
  const after = contributions.filter((d) => phaseOf(d) === 'after');
  const unitField = settings.unit;
  const unitOf = unitField ? (d: DocumentContribution) => d.groups[unitField] ?? '' : (d: DocumentContribution) => d.id;
  const options = { confidence: settings.confidence, bootstrapIterations: settings.bootstrap };
  const rows: ComparisonRow[] = [];

  for (const indicator of COMPARED_INDICATORS) {
    const pre = unitValues(before, unitOf, indicator);
    const post = unitValues(after, unitOf, indicator);
    const paired = unitField !== undefined && pre.some((p) => post.some((q) => q.unit === p.unit));
    const overall = comparePhases(pre, post, { ...options, paired, seed: `${settings.seed}|overall|${indicator}` });
    rows.push(toRow('overall', indicator, overall, unitField ?? 'document', before.length, after.length));

    if (!unitField) continue;
    const units = [...new Set([...before, ...after].map(unitOf))].filter((u) => u !== '').sort();
    for (const unit of units) {
      const b = before.filter((d) => unitOf(d) === unit);
      const a = after.filter((d) => unitOf(d) === unit);
      if (b.length === 0 || a.length === 0) continue;
      // Within one participant the observations are their documents (turns), compared as two groups.
      const cmp = comparePhases(unitValues(b, (d) => d.id, indicator), unitValues(a, (d) => d.id, indicator), {
        ...options,
        paired: false,
        seed: `${settings.seed}|${unit}|${indicator}`,
      });
      rows.push(toRow(unit, indicator, cmp, 'document', b.length, a.length));
    }
  }
  return rows;
}

function toRow(scope: string, indicator: IndicatorName, c: PhaseComparison, unit: string, docsBefore: number, docsAfter: number): ComparisonRow {
  return {
    scope,
    indicator,
    design: c.design,
    unit_of_analysis: unit,
    n_before: c.n_pre,
    n_after: c.n_post,
    n_pairs: c.n_pairs,
    documents_before: docsBefore,
    documents_after: docsAfter,
    value_before: round(c.meanPre),
    value_after: round(c.meanPost),
    difference: round(c.difference),
    ci_low: round(c.ci.lower),
    ci_high: round(c.ci.upper),
    effect_size: round(c.effectSize.value),
    effect_size_kind: c.effectSize.kind === 'g_av' ? 'hedges_g_av' : 'hedges_g_s',
    p_value: round(c.test?.p ?? null),
    test: c.test ? `${c.test.method}${c.test.exact ? ' (exact)' : ` (${c.test.permutations} permutations)`}` : 'none (too few units)',
  };
}

function round(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6;
}
