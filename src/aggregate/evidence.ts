/**
 * The evidence behind each change point: the strongest findings of the indicator's measure in the group's
 * documents over the new segment, so a monitor can read what happened. One selection, whether the findings
 * stream from the store (a local or queued run) or come from scored shards (`rehumanize aggregate`).
 */

import type { MeasureName } from '../core/types.js';
import type { ChangePointRow } from './changes.js';
import type { DocumentContribution } from './contribution.js';
import { periodOf, type PeriodUnit } from './stats/periods.js';

/** The measure whose findings explain an indicator; null for composites (any measure). */
export const MEASURE_OF_INDICATOR: Record<string, MeasureName | null> = {
  dehumanization: 'dehumanization',
  dehumanization_own_voice: 'dehumanization',
  dehumanization_quoted: 'dehumanization',
  victimhood_exclusive: 'victimhood_exclusive',
  victimhood_inclusive: 'victimhood_inclusive',
  acknowledgement: 'acknowledgement',
  rehumanization_index: null,
  outgroup_salience: null,
};

/** A finding with its document's id and date, as evidence needs it. */
export interface EvidenceFinding {
  readonly document: string;
  readonly date: string | null;
  readonly measure: string;
  readonly category: string;
  readonly rule: string;
  readonly match: string;
  readonly target: string | null;
  /** Side and kind of group of the target, for change points of one target side or group. */
  readonly target_side?: string | null;
  readonly target_group?: string | null;
  readonly quoted: boolean;
  readonly weight: number;
  readonly context: string;
  /** Where the match starts in `context`. */
  readonly context_offset: number;
}

/** One row of changepoint-evidence.jsonl. */
export interface EvidenceRow extends EvidenceFinding {
  readonly changepoint: string;
  readonly indicator: string;
}

/** Settings: grouping fields, the period unit, and how many findings to keep per change point. */
export interface EvidenceOptions {
  readonly groups: readonly string[];
  readonly period: PeriodUnit;
  readonly limit: number;
}

/**
 * Picks the top findings for every change point from findings in a stable order (document, sentence,
 * position): positive weight, dated, the indicator's measure and voice, the change's group, inside the new
 * segment; strongest first, ties kept in input order.
 */
export async function selectEvidence(
  changes: readonly ChangePointRow[],
  contributions: readonly DocumentContribution[],
  findings: AsyncIterable<EvidenceFinding> | Iterable<EvidenceFinding>,
  options: EvidenceOptions,
): Promise<EvidenceRow[]> {
  if (changes.length === 0 || options.limit === 0) return [];
  const docById = new Map(contributions.map((c) => [c.id, c]));
  const best = new Map<string, EvidenceFinding[]>();
  for await (const f of findings) {
    if (f.weight <= 0 || !f.date) continue;
    const doc = docById.get(f.document);
    if (!doc) continue;
    const day = dayOf(f.date, options.period);
    if (!day) continue;
    for (const change of changes) {
      const measure = MEASURE_OF_INDICATOR[change.indicator];
      if (measure && measure !== f.measure) continue;
      if (change.indicator === 'dehumanization_own_voice' && f.quoted) continue;
      if (change.indicator === 'dehumanization_quoted' && !f.quoted) continue;
      if (!options.groups.every((g) => change.groups[g] === '(all)' || change.groups[g] === groupOfFinding(g, f, doc.groups))) continue;
      if (day < change.date || day > change.segment_end) continue;
      const list = best.get(change.id) ?? [];
      list.push(f);
      list.sort((a, b) => b.weight - a.weight);
      if (list.length > options.limit) list.length = options.limit;
      best.set(change.id, list);
    }
  }
  const out: EvidenceRow[] = [];
  for (const change of changes) {
    for (const f of best.get(change.id) ?? []) {
      out.push({
        changepoint: change.id,
        indicator: change.indicator,
        document: f.document,
        date: f.date,
        measure: f.measure,
        category: f.category,
        rule: f.rule,
        match: f.match,
        target: f.target,
        target_side: f.target_side ?? null,
        target_group: f.target_group ?? null,
        quoted: f.quoted,
        weight: f.weight,
        context: f.context,
        context_offset: f.context_offset,
      });
    }
  }
  return out;
}

/** A finding's value of a grouping field: its target's side or group for target fields, else its document's. */
function groupOfFinding(field: string, f: EvidenceFinding, docGroups: Readonly<Record<string, string>>): string {
  if (field === 'target_side') return f.target_side ?? 'unspecified';
  if (field === 'target_group') return f.target_group ?? 'none';
  return docGroups[field] ?? '';
}

function dayOf(date: string, period: PeriodUnit): string | null {
  try {
    return periodOf(date, 'day')?.start ?? periodOf(date, period)?.start ?? null;
  } catch {
    return null;
  }
}
