/**
 * Run records and the derived tables. Indicators, change points, their evidence and comparisons are
 * recomputed from every stored document each run and replaced in one transaction, so the store never shows
 * half of one run's results next to half of another's.
 */

import type { ChangePointRow } from '../aggregate/changes.js';
import type { ComparisonRow } from '../aggregate/comparisons.js';
import type { IndicatorRow } from '../aggregate/indicators.js';
import type { ScorerIdentity } from './documents.js';
import type { Store } from './store.js';

/** One row of the change point evidence. */
import type { EvidenceRow } from '../aggregate/evidence.js';
export type { EvidenceRow };

/** A run as the store remembers it. */
export interface RunRecord {
  readonly run_id: string;
  /** `running` also for a run that was killed: it never got to say otherwise. */
  readonly status: 'running' | 'done' | 'failed';
  readonly pipeline: string;
  readonly config_hash: string;
  readonly scorer_version: string;
  readonly started_at: string;
  readonly manifest: Record<string, unknown> | null;
}

/** Records the start of a run (status `running` until {@link finishRun}) and its scorer. */
export async function beginRun(store: Store, run: { runId: string; pipeline: string; configHash: string; scorer: ScorerIdentity; startedAt: Date }): Promise<void> {
  await store.transaction(async () => {
    await store.connection.run(`INSERT INTO runs VALUES ($1, $2::TIMESTAMP, NULL, 'running', $3, $4, $5, NULL)`, [
      run.runId,
      run.startedAt.toISOString(),
      run.pipeline,
      run.configHash,
      run.scorer.version,
    ]);
    await store.connection.run(`INSERT INTO scorers SELECT $1, $2::JSON, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM scorers WHERE scorer_version = $1)`, [
      run.scorer.version,
      JSON.stringify({ lexicons: run.scorer.lexicons, models: run.scorer.models }),
      run.scorer.tool,
      run.runId,
    ]);
  });
}

/** The runs before this one, newest first. */
export async function previousRuns(store: Store, exceptRunId?: string): Promise<RunRecord[]> {
  const rows = await store.allJson<Omit<RunRecord, 'manifest'> & { manifest: string | null }>(
    `SELECT run_id, status, pipeline, config_hash, scorer_version, strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at, manifest::VARCHAR AS manifest FROM runs ORDER BY started_at DESC, run_id DESC`,
  );
  return rows.filter((r) => r.run_id !== exceptRunId).map((r) => ({ ...r, manifest: r.manifest ? (JSON.parse(r.manifest) as Record<string, unknown>) : null }));
}

/** How many documents each scorer version scored, for the manifest. */
export async function scorerCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.all<{ scorer_version: string; n: number }>('SELECT scorer_version, count(*)::INTEGER AS n FROM documents GROUP BY 1 ORDER BY 1');
  return Object.fromEntries(rows.map((r) => [r.scorer_version, r.n]));
}

/** Replaces indicators, change points, evidence and comparisons with this run's, in one transaction. */
export async function replaceResults(
  store: Store,
  runId: string,
  results: { indicators: readonly IndicatorRow[]; changes: readonly ChangePointRow[]; evidence: readonly EvidenceRow[]; comparisons: readonly ComparisonRow[] },
): Promise<void> {
  await store.transaction(async () => {
    for (const table of ['indicators', 'changepoints', 'changepoint_evidence', 'comparisons']) await store.connection.run(`DELETE FROM ${table}`);
    await store.append(
      'indicators',
      results.indicators.map((r, i) => [
        runId,
        i,
        JSON.stringify(r.groups),
        r.period,
        r.period_start,
        r.period_end,
        r.indicator,
        r.value,
        r.ci_low,
        r.ci_high,
        r.ci_method,
        r.smoothed,
        r.numerator,
        r.denominator,
        r.n_documents,
      ]),
    );
    await store.append(
      'changepoints',
      results.changes.map((r, i) => [
        runId,
        i,
        r.id,
        JSON.stringify(r.groups),
        r.indicator,
        r.date,
        r.period,
        r.earliest_date,
        r.segment_end,
        r.level_before,
        r.level_after,
        r.direction,
        r.strength,
        r.penalty,
      ]),
    );
    await store.append(
      'changepoint_evidence',
      results.evidence.map((e, i) => [runId, i, e.changepoint, e.indicator, e.document, e.date, e.measure, e.category, e.rule, e.match, e.target, e.quoted, e.weight, e.context, e.context_offset]),
    );
    await store.append(
      'comparisons',
      results.comparisons.map((r, i) => [
        runId,
        i,
        r.scope,
        r.indicator,
        r.design,
        r.unit_of_analysis,
        r.n_before,
        r.n_after,
        r.n_pairs,
        r.documents_before,
        r.documents_after,
        r.value_before,
        r.value_after,
        r.difference,
        r.ci_low,
        r.ci_high,
        r.effect_size,
        r.effect_size_kind,
        r.p_value,
        r.test,
      ]),
    );
  });
}

/** Marks a run done and stores its manifest. */
export async function finishRun(store: Store, runId: string, manifest: unknown): Promise<void> {
  await store.connection.run(`UPDATE runs SET status = 'done', finished_at = now()::TIMESTAMP, manifest = $2::JSON WHERE run_id = $1`, [runId, JSON.stringify(manifest)]);
}

/** Marks a run that stopped on an error (a --strict stop, an unreadable input) as failed, with the reason. */
export async function failRun(store: Store, runId: string, reason: string): Promise<void> {
  await store.connection.run(`UPDATE runs SET status = 'failed', finished_at = now()::TIMESTAMP, manifest = $2::JSON WHERE run_id = $1`, [runId, JSON.stringify({ error: reason })]);
}
