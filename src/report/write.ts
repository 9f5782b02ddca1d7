/** Reads what the report shows from the store and writes report.html. */

import { rename, writeFile } from 'node:fs/promises';
import type { Store } from '../store/store.js';
import { buildReport, type ReportChange, type ReportComparison, type ReportEvidence, type ReportIndicator } from './html.js';

export { REPORT_FILE } from './files.js';

/** What the run knows that the store does not say by itself. */
export interface ReportContext {
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly groups: readonly string[];
  readonly period: string;
  /** True when the pipeline compares phases. */
  readonly comparison: boolean;
  /** False when the pipeline turned change point detection off. */
  readonly changepoints?: boolean;
}

const parseGroups = <T extends { groups: unknown }>(rows: T[]): Array<T & { groups: Record<string, string> }> =>
  rows.map((r) => ({ ...r, groups: JSON.parse(String(r.groups)) as Record<string, string> }));

/** Loads the report's data from the store. */
export async function loadReportData(store: Store): Promise<{ indicators: ReportIndicator[]; changes: ReportChange[]; evidence: ReportEvidence[]; comparisons: ReportComparison[] }> {
  const indicators = parseGroups(
    await store.all<ReportIndicator & { groups: string }>(
      'SELECT groups::VARCHAR AS groups, period, period_start, indicator, value, ci_low, ci_high, ci_method, n_documents FROM indicators ORDER BY seq',
    ),
  );
  const changes = parseGroups(
    await store.all<ReportChange & { groups: string }>('SELECT id, groups::VARCHAR AS groups, indicator, date, period, level_before, level_after, direction FROM changepoints ORDER BY seq'),
  );
  const evidence = await store.all<ReportEvidence>(
    'SELECT changepoint, document_id AS document, date, category, match, quoted, weight, context, context_offset FROM changepoint_evidence ORDER BY seq',
  );
  const comparisons = await store.all<ReportComparison>(
    'SELECT scope, indicator, design, unit_of_analysis, n_before, n_after, value_before, value_after, difference, ci_low, ci_high, p_value, test FROM comparisons ORDER BY seq',
  );
  return { indicators, changes, evidence, comparisons };
}

/** Writes the report to `file` (via a temporary file, so a reader never sees half of it). */
export async function writeReport(store: Store, file: string, context: ReportContext): Promise<void> {
  const data = await loadReportData(store);
  const name = (context.manifest.pipeline as { name?: string } | undefined)?.name;
  const text = await buildReport({
    title: name ? `rehumanize report: ${name}` : 'rehumanize report',
    manifest: context.manifest,
    groupFields: context.groups,
    period: context.period,
    ...data,
    comparisonConfigured: context.comparison,
    changepointsEnabled: context.changepoints ?? true,
  });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}
