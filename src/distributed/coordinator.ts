/**
 * `rehumanize run <pipeline> --queue redis://host:port`: the local run with its scoring handed to workers.
 *
 * The coordinator reads the inputs, decides what the store lacks (exactly as the local run does), sends the
 * documents to score in batches through the queue, and writes each returned document into the store as the
 * local run writes the documents it scores itself. Then everything after scoring is the local run's: the
 * indicators, change points, evidence and comparisons are computed from every stored document and exported
 * the same way, so the output files are the ones a local run would write.
 *
 * Retries are the queue's: a job that fails or whose worker vanished (lock expired) is tried again, up to its
 * attempts. A document is written at most once per run however often its batch was scored (results are taken
 * by document id), and a job id is a hash of the batch's documents and scorer, so re-enqueueing the same
 * batch finds the job already there.
 */

import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { detectIndicatorChanges } from '../aggregate/changes.js';
import { compareIndicators, type ComparisonRow } from '../aggregate/comparisons.js';
import { computeIndicators } from '../aggregate/indicators.js';
import { UserError } from '../core/errors.js';
import type { InputDocument, ReaderEvent } from '../core/types.js';
import type { PipelineConfig } from '../pipeline/config.js';
import { OUTPUT_FILES, prepareOutputDir } from '../pipeline/outputs.js';
import { storePathOf, type RunSummary } from '../pipeline/run.js';
import { setupScorer } from '../pipeline/scorer-setup.js';
import { TOOL_VERSION } from '../pipeline/version.js';
import { describeInputFiles, readInputs } from '../readers/read-inputs.js';
import { writeReport, REPORT_FILE } from '../report/write.js';
import { BatchWriter, contentHash, scorerIdentity, staleDocuments, storedContributions, storedKeys, type ScorerIdentity } from '../store/documents.js';
import { collectEvidence } from '../store/evidence.js';
import { STORE_FILE } from '../store/export.js';
import { batchSizeFrom, type IngestCounts } from '../store/ingest.js';
import { beginRun, finishRun, previousRuns, replaceResults, scorerCounts } from '../store/results.js';
import { exportRunOutputs } from '../store/run-outputs.js';
import { SCHEMA_VERSION } from '../store/schema.js';
import { Store } from '../store/store.js';
import {
  batchJobId,
  closeQuietly,
  connected,
  DEFAULT_BATCH_DOCUMENTS,
  DEFAULT_QUEUE_NAME,
  parseQueueUrl,
  queueTimings,
  type BatchJobData,
  type BatchJobResult,
  type QueueTimings,
} from './queue.js';
import { attributeFieldsOf } from './results.js';

/** Options of a queued run. */
export interface QueuedRunOptions {
  /** Redis URL of the queue. */
  readonly queue: string;
  readonly queueName?: string;
  readonly outDir?: string;
  readonly strict?: boolean;
  /** Documents per job (default 50). */
  readonly batchDocuments?: number;
  /** Most jobs out at once (default 64): bounds the coordinator's memory however large the corpus. */
  readonly inFlight?: number;
  /** Documents per store transaction. */
  readonly batchSize?: number;
  readonly timings?: Partial<QueueTimings>;
  /** Milliseconds between progress lines (default 2000; REHUMANIZE_QUEUE_PROGRESS_MS). */
  readonly progressEvery?: number;
  /** Progress lines (stderr); none when absent. */
  readonly onProgress?: (line: string) => void;
  readonly onNotice?: (message: string) => void;
}

/** What one worker did for this run. */
export interface WorkerStats {
  readonly worker: string;
  batches: number;
  documents: number;
  /** Milliseconds it spent scoring, as it reported. */
  busyMs: number;
  firstAt: number;
  lastAt: number;
}

/** Queue counts of a run. */
export interface QueueStats {
  queued: number;
  running: number;
  done: number;
  /** Failed attempts (each retried by the queue until its attempts are used up). */
  failedAttempts: number;
  stalled: number;
  /** Results of a batch taken a second time (a retried batch that had already come back): ignored. */
  repeated: number;
  readonly workers: Map<string, WorkerStats>;
}

/** A queued run's summary: the local run's plus the queue's. */
export interface QueuedRunSummary extends RunSummary {
  readonly queue: QueueStats;
  readonly seconds: number;
}

interface Pending {
  readonly doc: InputDocument;
  readonly hash: string;
  readonly replaces: boolean;
}

type Settled = { readonly jobId: string; readonly ok: true; readonly value: BatchJobResult } | { readonly jobId: string; readonly ok: false; readonly error: Error };

/** Runs a pipeline with its documents scored by queue workers. */
export async function runQueued(config: PipelineConfig, options: QueuedRunOptions): Promise<QueuedRunSummary> {
  const startedAt = new Date();
  const target = parseQueueUrl(options.queue);
  const timings = queueTimings(options.timings);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const outDir = prepareOutputDir(options.outDir ?? join(process.cwd(), config.output.dir === 'out' ? join('out', config.name) : config.output.dir));
  const { lexicons, sidesConfigured, models } = setupScorer(config.lexicons, config.actors, config.baseDir, config.models ?? 'defaults');
  const identity = scorerIdentity(lexicons, TOOL_VERSION, models);
  const attributeFields = attributeFieldsOf(config);
  const metadataFields = collectMetadataFields(config, attributeFields);

  const queue = new Queue<BatchJobData, BatchJobResult>(queueName, { connection: target.connection });
  let firstError = '';
  queue.on('error', (error) => {
    if (error.message === firstError) return;
    firstError = error.message;
    options.onNotice?.(`queue at ${target.shown}: ${error.message}`);
  });
  try {
    // Reach Redis before anything else listens on it: a listener that never connected cannot be closed cleanly.
    await connected(queue.waitUntilReady(), target.shown);
  } catch (error) {
    await closeQuietly(queue);
    throw error;
  }
  queue.removeAllListeners('error');
  const events = new QueueEvents(queueName, { connection: target.connection });
  // Every batch in flight waits on the queue's events; that many listeners is by design, not a leak.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  // Connection trouble is reported once; the connection retries by itself, and a lasting outage ends the
  // run with E_QUEUE_CONNECT at the start, or leaves batches waiting (visible in the progress lines).
  let lastError = '';
  const onError = (error: Error): void => {
    if (error.message === lastError) return;
    lastError = error.message;
    options.onNotice?.(`queue at ${target.shown}: ${error.message}`);
  };
  queue.on('error', onError);
  events.on('error', onError);
  const stats: QueueStats = { queued: 0, running: 0, done: 0, failedAttempts: 0, stalled: 0, repeated: 0, workers: new Map() };
  let store: Store | null = null;
  let ticker: NodeJS.Timeout | undefined;
  try {
    await connected(events.waitUntilReady(), target.shown);
    store = await Store.open(storePathOf(config, outDir), { onNotice: options.onNotice });
    const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
    const earlier = await previousRuns(store);
    const previous = earlier.find((r) => r.status === 'done') ?? null;
    const interrupted = earlier.filter((r) => r.status === 'running').map((r) => r.run_id);
    await beginRun(store, { runId, pipeline: config.name, configHash: config.configHash, scorer: identity, startedAt });

    const ours = new Set<string>();
    const running = new Set<string>();
    events.on('active', ({ jobId }) => {
      if (ours.has(jobId)) running.add(jobId);
    });
    events.on('failed', ({ jobId, failedReason }) => {
      if (!ours.has(jobId)) return;
      running.delete(jobId);
      stats.failedAttempts++;
      options.onProgress?.(`queue: batch ${jobId} failed an attempt: ${failedReason}`);
    });
    events.on('stalled', ({ jobId }) => {
      if (!ours.has(jobId)) return;
      running.delete(jobId);
      stats.stalled++;
      options.onProgress?.(`queue: batch ${jobId} stalled (its worker stopped answering); it goes back to the queue`);
    });
    const every = options.progressEvery ?? Number(process.env.REHUMANIZE_QUEUE_PROGRESS_MS ?? 2000);
    if (options.onProgress && every > 0) {
      ticker = setInterval(() => {
        stats.running = running.size;
        options.onProgress?.(progressLine(stats));
      }, every);
      ticker.unref();
    }

    let bytes = 0;
    const inputEvents = readInputs(config.inputs, { baseDir: config.baseDir, strict: options.strict ?? config.strict, onBytes: (n) => (bytes += n) });
    const counts = await queueIngest(store, inputEvents, {
      runId,
      identity,
      sidesConfigured,
      batchSize: batchSizeFrom(options.batchSize),
      batchDocuments: options.batchDocuments ?? DEFAULT_BATCH_DOCUMENTS,
      inFlight: options.inFlight ?? 64,
      timings,
      queue,
      events,
      stats,
      ours,
      running,
      data: (documents) => ({
        format: 1,
        pipeline: config.name,
        refs: { lexicons: config.lexicons, actors: config.actors, baseDir: config.baseDir, models: config.models ?? 'defaults' },
        scorer: identity.version,
        attributes: attributeFields,
        documents: documents.map((p) => ({ id: p.doc.id, text: p.doc.text, date: p.doc.date, datePrecision: p.doc.datePrecision, fields: p.doc.fields })),
      }),
    });
    if (ticker) clearInterval(ticker);
    ticker = undefined;
    stats.running = 0;
    options.onProgress?.(progressLine(stats));
    void bytes;

    // From here on, exactly the local run: everything is computed from every stored document.
    const contributions = await storedContributions(store, attributeFields);
    const indicatorRows = computeIndicators(contributions, {
      period: config.period,
      groupFields: config.groups,
      confidence: config.indicators.confidence,
      bootstrap: config.indicators.bootstrap,
      seed: config.indicators.seed,
      smoothing: config.indicators.smoothing,
      sidesConfigured,
    });
    const changes = config.changepoints.enabled ? detectIndicatorChanges(indicatorRows, config.changepoints) : [];
    const evidence = await collectEvidence(store, changes, contributions, { groups: config.groups, period: config.period, limit: config.changepoints.evidence });
    let comparisons: ComparisonRow[] = [];
    if (config.comparison) {
      const c = config.comparison;
      comparisons = compareIndicators(contributions, {
        field: c.field,
        before: typeof c.before === 'string' ? [c.before] : c.before,
        after: typeof c.after === 'string' ? [c.after] : c.after,
        unit: c.unit,
        confidence: config.indicators.confidence,
        bootstrap: config.indicators.bootstrap,
        seed: config.indicators.seed,
      });
    }
    await replaceResults(store, runId, { indicators: indicatorRows, changes, evidence, comparisons });

    const storedSentences = contributions.reduce((n, c) => n + c.sentences, 0);
    const outputs = [
      ...Object.values(OUTPUT_FILES).filter((f) => f !== OUTPUT_FILES.comparisons || config.comparison),
      REPORT_FILE,
      ...(config.store?.path ? [] : [STORE_FILE]),
    ];
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
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
      queue: {
        url: target.shown,
        name: queueName,
        documents_per_batch: options.batchDocuments ?? DEFAULT_BATCH_DOCUMENTS,
        batches: stats.queued,
        failed_attempts: stats.failedAttempts,
        stalled: stats.stalled,
        repeated_results_ignored: stats.repeated,
        timings,
        workers: [...stats.workers.values()].map((w) => ({ worker: w.worker, batches: w.batches, documents: w.documents, busy_ms: w.busyMs, documents_per_second: rate(w.documents, w.busyMs) })),
      },
      indicators: {
        period: config.period,
        groups: config.groups,
        confidence: config.indicators.confidence,
        intervals:
          'Wilson score interval where each document contributes one sentence (sentences are then independent units); otherwise a percentile cluster bootstrap that resamples whole documents, because sentences of one document are not independent. The ci_method column of indicators.csv says which was used for each row.',
        bootstrap_resamples: config.indicators.bootstrap,
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
    await exportRunOutputs(store, outDir, runId, { metadata: metadataFields, groups: config.groups }, config.comparison !== undefined);
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
      queue: stats,
      seconds,
    };
  } finally {
    if (ticker) clearInterval(ticker);
    store?.close();
    await Promise.allSettled([closeQuietly(events), closeQuietly(queue)]);
  }
}

interface QueueIngestOptions {
  readonly runId: string;
  readonly identity: ScorerIdentity;
  readonly sidesConfigured: boolean;
  readonly batchSize: number;
  readonly batchDocuments: number;
  readonly inFlight: number;
  readonly timings: QueueTimings;
  readonly queue: Queue<BatchJobData, BatchJobResult>;
  readonly events: QueueEvents;
  readonly stats: QueueStats;
  /** Job ids of this run, for the progress events. */
  readonly ours: Set<string>;
  readonly running: Set<string>;
  readonly data: (documents: readonly Pending[]) => BatchJobData;
}

/** The local run's ingest, with scoring sent to the queue in batches and results written as they return. */
async function queueIngest(store: Store, events: AsyncIterable<ReaderEvent>, o: QueueIngestOptions): Promise<IngestCounts> {
  const known = await storedKeys(store);
  const seen = new Set<string>();
  const writer = new BatchWriter(store, o.runId, o.identity, o.sidesConfigured, o.batchSize);
  const counts: IngestCounts = { read: 0, scored: 0, skipped: 0, rejected: 0, duplicates: 0, replaced: 0, sentences: 0, rescoredFromStore: 0, batches: 0 };
  const written = new Set<string>();
  const batches = new Map<string, Pending[]>();
  const outstanding = new Map<string, Promise<Settled>>();
  let batch: Pending[] = [];

  const settleOne = async (): Promise<void> => {
    const settled = await Promise.race(outstanding.values());
    outstanding.delete(settled.jobId);
    o.running.delete(settled.jobId);
    const docs = batches.get(settled.jobId) ?? [];
    batches.delete(settled.jobId);
    if (!settled.ok) {
      throw new UserError('E_QUEUE_BATCH_FAILED', `batch ${settled.jobId} (${docs.length} documents from ${docs[0]?.doc.id ?? '?'}) failed on every attempt: ${settled.error.message}`, {
        hint: 'see the workers\' output; a worker that builds another scorer than the coordinator needs the same lexicon files, models and rehumanize version',
        exitCode: 1,
      });
    }
    const value = (typeof settled.value === 'string' ? JSON.parse(settled.value) : settled.value) as BatchJobResult;
    if (value.scorer !== o.identity.version) {
      throw new UserError('E_QUEUE_SCORER', `batch ${settled.jobId} was scored by ${value.scorer} on ${value.worker}, but this run scores with ${o.identity.version}`, { exitCode: 1 });
    }
    o.stats.done++;
    const now = Date.now();
    const w = o.stats.workers.get(value.worker) ?? { worker: value.worker, batches: 0, documents: 0, busyMs: 0, firstAt: now, lastAt: now };
    w.batches++;
    w.documents += value.documents.length;
    w.busyMs += value.ms;
    w.lastAt = now;
    o.stats.workers.set(value.worker, w);
    const byId = new Map(value.documents.map((d) => [d.id, d]));
    for (const p of docs) {
      if (written.has(p.doc.id)) {
        o.stats.repeated++;
        continue;
      }
      const scored = byId.get(p.doc.id);
      if (!scored) throw new UserError('E_QUEUE_RESULT', `batch ${settled.jobId} came back without document ${p.doc.id}`, { exitCode: 1 });
      written.add(p.doc.id);
      for (const s of scored.result.sentences) (s as { text: string }).text = p.doc.text.slice(s.start, s.end);
      counts.sentences += scored.result.sentences.length;
      await writer.addDocument(p.doc, scored.result, p.hash, p.replaces);
    }
    // The results are in the store's writer now; the job has done its work.
    await o.queue.remove(settled.jobId).catch(() => 0);
  };

  const dispatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    const jobId = batchJobId(o.identity.version, docs.map((p) => ({ id: p.doc.id, hash: p.hash })));
    if (batches.has(jobId)) {
      // The very same batch is already out: its result covers these documents.
      o.stats.repeated += docs.length;
      return;
    }
    batches.set(jobId, docs);
    o.ours.add(jobId);
    // A job left failed by an earlier run is given another chance rather than failing this run at once.
    const existing = await o.queue.getJob(jobId);
    if (existing && (await existing.isFailed())) await existing.retry('failed');
    const job = await o.queue.add('score', o.data(docs), {
      jobId,
      attempts: o.timings.attempts,
      backoff: { type: 'fixed', delay: o.timings.backoff },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    });
    o.stats.queued++;
    outstanding.set(
      jobId,
      job.waitUntilFinished(o.events).then(
        (value: BatchJobResult) => ({ jobId, ok: true as const, value }),
        (error: unknown) => ({ jobId, ok: false as const, error: error instanceof Error ? error : new Error(String(error)) }),
      ),
    );
    while (outstanding.size >= o.inFlight) await settleOne();
  };

  const enqueue = async (doc: InputDocument, hash: string, replaces: boolean): Promise<void> => {
    batch.push({ doc, hash, replaces });
    if (batch.length >= o.batchDocuments) await dispatch();
  };

  for await (const event of events) {
    counts.read++;
    if (event.kind === 'reject') {
      counts.rejected++;
      writer.addReject(event.reject, counts.read);
      continue;
    }
    if (event.kind === 'duplicate') {
      counts.duplicates++;
      writer.addDuplicate(event.id, event.duplicateOf, event.origin, counts.read);
      continue;
    }
    const doc = event.document;
    seen.add(doc.id);
    const hash = contentHash(doc);
    const stored = known.get(doc.id);
    if (stored && stored.hash === hash && stored.scorer === o.identity.version) {
      counts.skipped++;
      continue;
    }
    counts.scored++;
    if (stored) counts.replaced++;
    await enqueue(doc, hash, stored !== undefined);
  }
  await dispatch();
  while (outstanding.size > 0) await settleOne();

  // Stored documents scored by another scorer are scored again, so the indicators never mix two scorers.
  const stale: InputDocument[] = [];
  for await (const doc of staleDocuments(store, o.identity.version, seen)) stale.push(doc);
  for (const doc of stale) {
    counts.rescoredFromStore++;
    await enqueue(doc, contentHash(doc), true);
  }
  await dispatch();
  while (outstanding.size > 0) await settleOne();

  await writer.flush();
  counts.batches = writer.batches;
  return counts;
}

function rate(documents: number, ms: number): number | null {
  return ms > 0 ? Math.round((documents / (ms / 1000)) * 10) / 10 : null;
}

/** One progress line: batches by state and each worker's documents and rate. */
export function progressLine(stats: QueueStats): string {
  const waiting = Math.max(0, stats.queued - stats.done - stats.running);
  const workers = [...stats.workers.values()]
    .sort((a, b) => (a.worker < b.worker ? -1 : 1))
    .map((w) => `${w.worker} ${w.documents} docs @ ${rate(w.documents, w.busyMs) ?? '-'}/s`)
    .join(', ');
  return `queue: ${stats.queued} batches queued, ${waiting} waiting, ${stats.running} running, ${stats.done} done, ${stats.failedAttempts} failed attempt(s), ${stats.stalled} stalled${workers ? ` | workers: ${workers}` : ''}`;
}

/** Metadata columns of documents.csv, as the local run chooses them. */
function collectMetadataFields(config: PipelineConfig, attributeFields: readonly string[]): string[] {
  const names = new Set<string>();
  for (const input of config.inputs) {
    for (const key of Object.keys(input.fields ?? {})) if (key !== 'text' && key !== 'id' && key !== 'date') names.add(key);
    for (const key of Object.keys(input.defaults ?? {})) names.add(key);
  }
  for (const f of attributeFields) names.add(f);
  return [...names];
}
