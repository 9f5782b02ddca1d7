/**
 * The main job: read a pipeline's inputs, store and score what the store does not have yet, recompute
 * indicators, change points and comparisons from every stored document, and write the output files, the
 * HTML report and a manifest into the output folder.
 *
 * Accounting is strict: every record read is scored, skipped (already stored with the same content and
 * scorer), rejected, or counted as a duplicate, and the manifest and summary show
 * read = scored + skipped + rejected + duplicates.
 */

import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RejectRecord } from '../core/types.js';
import { INTERVAL_METHODS_NOTE } from '../aggregate/indicators.js';
import { describeInputFiles, readInputs } from '../readers/read-inputs.js';
import { REPORT_FILE } from '../report/files.js';
import { scorerIdentity, storedContributions, type ScorerIdentity } from '../store/documents.js';
import { collectEvidence } from '../store/evidence.js';
import { STORE_FILE } from '../store/export.js';
import { batchSizeFrom, ingest, type IngestCounts } from '../store/ingest.js';
import { beginRun, failRun, finishRun, previousRuns, replaceResults, scorerCounts, type RunRecord } from '../store/results.js';
import { exportRunOutputs } from '../store/run-outputs.js';
import { SCHEMA_VERSION } from '../store/schema.js';
import { Store } from '../store/store.js';
import type { PipelineConfig } from './config.js';
import { OUTPUT_FILES, prepareOutputDir } from './outputs.js';
import { createScoringPool } from '../parallel/pool.js';
import { attributeFieldsOf, computeResults } from './results.js';
import { setupScorer, type ScorerSetup } from '../classify/scorer-setup.js';
import { TOOL_VERSION } from '../core/version.js';

/** Options of a run beyond the pipeline file. */
export interface RunOptions {
  /** Output folder; overrides the pipeline's `output.dir`. */
  readonly outDir?: string;
  /** Stop at the first bad record. */
  readonly strict?: boolean;
  /** Called with a line of progress now and then. */
  readonly onProgress?: (documents: number, bytes: number) => void;
  /** Told about every chunk of input bytes and every record read, to draw a progress bar. */
  readonly progress?: { addBytes(n: number): void; addDocuments(n?: number): void };
  /** Documents per store transaction (default: REHUMANIZE_BATCH_SIZE, else 500). */
  readonly batchSize?: number;
  /** Called after each batch of documents is committed to the store. */
  readonly onBatch?: (batch: number, documents: number) => void;
  /** Called with notices, such as a stale store lock taken over. */
  readonly onNotice?: (message: string) => void;
  /** Scoring threads; 1 scores in this thread (default: REHUMANIZE_WORKERS, else one per core). */
  readonly workers?: number;
}

/** What a run did, for the summary and the exit code. */
export interface RunSummary {
  readonly outDir: string;
  readonly read: number;
  readonly scored: number;
  /** Documents already in the store with the same content and scorer, so not scored again. */
  readonly skipped: number;
  readonly rejected: number;
  readonly duplicates: number;
  /** Sentences of the documents scored by this run. */
  readonly sentences: number;
  /** Documents in the store after the run: what the indicators are computed from. */
  readonly storedDocuments: number;
  readonly indicatorRows: number;
  readonly changePoints: number;
  readonly comparisons: number;
  readonly files: readonly string[];
}

/** Where the pipeline's store is: `store.path` (relative to the pipeline file), else store.duckdb in the output folder. */
export function storePathOf(config: PipelineConfig, outDir: string): string {
  return config.store?.path ? resolve(config.baseDir, config.store.path) : join(outDir, STORE_FILE);
}

/** What the scoring step of a run sees: the open store, the run, and the scorer it must use. */
export interface RunContext {
  readonly config: PipelineConfig;
  readonly store: Store;
  readonly runId: string;
  readonly outDir: string;
  readonly setup: ScorerSetup;
  readonly identity: ScorerIdentity;
  /** Metadata fields each contribution keeps (grouping, comparison field and unit). */
  readonly attributeFields: readonly string[];
}

/** The part of a run that reads the inputs and stores what is new: scored here, or by queue workers. */
export type ScoringStep = (context: RunContext) => Promise<{ counts: IngestCounts; manifest?: Record<string, unknown> }>;

/** Runs a pipeline end to end, scoring in this process. */
export function runPipeline(config: PipelineConfig, options: RunOptions = {}): Promise<RunSummary> {
  return runPipelineWith(config, options, async ({ store, runId, setup, identity }) => {
    let bytes = 0;
    const onBytes = (n: number): void => {
      bytes += n;
      options.progress?.addBytes(n);
    };
    const events = readInputs(config.inputs, { baseDir: config.baseDir, strict: options.strict ?? config.strict, onBytes });
    const pool = createScoringPool({
      workers: options.workers,
      lexicons: config.lexicons,
      actors: config.actors,
      baseDir: config.baseDir,
      models: config.models ?? 'defaults',
      scorer: setup.scorer,
    });
    try {
      const counts = await ingest(store, events, {
        runId,
        pool,
        identity,
        sidesConfigured: setup.sidesConfigured,
        batchSize: batchSizeFrom(options.batchSize),
        onProgress: options.onProgress ? (docs) => options.onProgress?.(docs, bytes) : undefined,
        onRead: options.progress ? () => options.progress?.addDocuments(1) : undefined,
        onBatch: options.onBatch,
      });
      return { counts, manifest: { scoring: { workers: pool.workers } } };
    } finally {
      await pool.close();
    }
  });
}

/**
 * A run around a scoring step: opens the store and records the run, lets the step store what is new, then
 * computes indicators, change points, evidence and comparisons from every stored document and writes the
 * output files, the report and the manifest. A run that fails is recorded as failed; whole batches it stored
 * stay, and the next run skips them.
 */
export async function runPipelineWith(config: PipelineConfig, options: Pick<RunOptions, 'outDir' | 'onNotice'>, step: ScoringStep): Promise<RunSummary> {
  const startedAt = new Date();
  const outDir = prepareOutputDir(options.outDir ?? join(process.cwd(), config.output.dir === 'out' ? join('out', config.name) : config.output.dir));
  const setup = setupScorer(config.lexicons, config.actors, config.baseDir, config.models ?? 'defaults');
  const identity = scorerIdentity(setup.lexicons, TOOL_VERSION, setup.models);
  const attributeFields = attributeFieldsOf(config);
  const store = await Store.open(storePathOf(config, outDir), { onNotice: options.onNotice });
  try {
    const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
    const earlier = await previousRuns(store);
    const previous = earlier.find((r) => r.status === 'done') ?? null;
    const interrupted = earlier.filter((r) => r.status === 'running').map((r) => r.run_id);
    await beginRun(store, { runId, pipeline: config.name, configHash: config.configHash, scorer: identity, startedAt });
    try {
      const { counts, manifest: extra } = await step({ config, store, runId, outDir, setup, identity, attributeFields });
      return await finish(store, runId, counts, extra ?? {}, previous, interrupted);
    } catch (error) {
      await failRun(store, runId, error instanceof Error ? error.message : String(error)).catch(() => {});
      throw error;
    }
  } finally {
    store.close();
  }

  async function finish(
    store: Store,
    runId: string,
    counts: IngestCounts,
    extra: Record<string, unknown>,
    previous: RunRecord | null,
    interrupted: readonly string[],
  ): Promise<RunSummary> {
    const { lexicons, sidesConfigured, models } = setup;
    // Everything below is computed from every stored document, not only this run's.
    const contributions = await storedContributions(store, attributeFields);
    const { indicators: indicatorRows, changes, comparisons } = computeResults(config, contributions, sidesConfigured);
    const evidence = await collectEvidence(store, changes, contributions, { groups: config.groups, period: config.period, limit: config.changepoints.evidence });
    await replaceResults(store, runId, { indicators: indicatorRows, changes, evidence, comparisons });

    const storedSentences = contributions.reduce((n, c) => n + c.sentences, 0);
    const outputs = [
      ...Object.values(OUTPUT_FILES).filter((f) => f !== OUTPUT_FILES.comparisons || config.comparison),
      REPORT_FILE,
      ...(config.store?.path ? [] : [STORE_FILE]),
    ];
    const manifest = {
      tool: TOOL_VERSION,
      run_id: runId,
      pipeline: { name: config.name, file: config.file, config_hash: config.configHash, previous_config_hash: previous?.config_hash ?? null },
      lexicons: lexicons.map((l) => ({ id: l.info.id, version: l.info.version, measure: l.info.measure, sha256: l.info.sha256, file: l.info.file, entries: l.entries.length })),
      models,
      scorer: {
        version: identity.version,
        previous_version: previous?.scorer_version ?? null,
        changed: previous !== null && previous.scorer_version !== identity.version,
        previous_lexicons: previous ? ((previous.manifest?.lexicons as unknown[] | undefined) ?? null) : null,
      },
      inputs: await describeInputFiles(config.inputs, config.baseDir),
      counts: {
        read: counts.read,
        scored: counts.scored,
        skipped: counts.skipped,
        rejected: counts.rejected,
        duplicates: counts.duplicates,
        replaced: counts.replaced,
        rescored_from_store: counts.rescoredFromStore,
        sentences: counts.sentences,
        balanced: counts.read === counts.scored + counts.skipped + counts.rejected + counts.duplicates,
      },
      store: {
        path: store.path,
        schema_version: SCHEMA_VERSION,
        documents: contributions.length,
        sentences: storedSentences,
        documents_by_scorer: await scorerCounts(store),
        batches: counts.batches,
        resumed_after: interrupted,
        previous_run: previous?.run_id ?? null,
      },
      ...extra,
      indicators: {
        period: config.period,
        groups: config.groups,
        confidence: config.indicators.confidence,
        intervals: INTERVAL_METHODS_NOTE,
        bootstrap_resamples: config.indicators.bootstrap,
        bootstrap_max_documents: config.indicators.bootstrapMaxDocuments,
        seed: config.indicators.seed,
        smoothing: config.indicators.smoothing,
        sides_configured: sidesConfigured,
        computed_from: 'every document in the store',
        rows: indicatorRows.length,
      },
      changepoints: { ...config.changepoints, found: changes.length },
      comparison: config.comparison ?? null,
      outputs,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      node: process.version,
    };
    await finishRun(store, runId, manifest);
    await exportRunOutputs(store, outDir, runId, { metadata: collectMetadataFields(config, attributeFields), groups: config.groups }, config.comparison !== undefined);
    // Loaded here, not at startup: vega is only needed when a run writes its report.
    const { writeReport } = await import('../report/write.js');
    await writeReport(store, join(outDir, REPORT_FILE), {
      manifest,
      groups: config.groups,
      period: config.period,
      comparison: config.comparison !== undefined,
      changepoints: config.changepoints.enabled,
    });
    await writeFile(join(outDir, OUTPUT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);

    return {
      outDir,
      read: counts.read,
      scored: counts.scored,
      skipped: counts.skipped,
      rejected: counts.rejected,
      duplicates: counts.duplicates,
      sentences: counts.sentences,
      storedDocuments: contributions.length,
      indicatorRows: indicatorRows.length,
      changePoints: changes.length,
      comparisons: comparisons.length,
      files: outputs,
    };
  }
}

/** Metadata columns of documents.csv: the fields the inputs map, plus grouping and comparison fields. */
export function collectMetadataFields(config: PipelineConfig, attributeFields: readonly string[]): string[] {
  const names = new Set<string>();
  for (const input of config.inputs) {
    for (const key of Object.keys(input.fields ?? {})) if (key !== 'text' && key !== 'id' && key !== 'date') names.add(key);
    for (const key of Object.keys(input.defaults ?? {})) names.add(key);
  }
  for (const f of attributeFields) names.add(f);
  return [...names];
}

export type { RejectRecord };
