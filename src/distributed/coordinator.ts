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

import { Queue, QueueEvents } from 'bullmq';
import { UserError } from '../core/errors.js';
import type { InputDocument, ReaderEvent } from '../core/types.js';
import type { PipelineConfig } from '../pipeline/config.js';
import { runPipelineWith, type RunSummary } from '../pipeline/run.js';
import { readInputs } from '../readers/read-inputs.js';
import { BatchWriter, contentHash, staleDocuments, storedKeys, type ScorerIdentity } from '../store/documents.js';
import { batchSizeFrom, type IngestCounts } from '../store/ingest.js';
import type { Store } from '../store/store.js';
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
  const target = parseQueueUrl(options.queue);
  const timings = queueTimings(options.timings);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const startedMs = Date.now();

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
  let ticker: NodeJS.Timeout | undefined;
  try {
    await connected(events.waitUntilReady(), target.shown);
    const summary = await runPipelineWith(config, options, async ({ store, runId, identity, setup, attributeFields }) => {
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

      const inputEvents = readInputs(config.inputs, { baseDir: config.baseDir, strict: options.strict ?? config.strict });
      const counts = await queueIngest(store, inputEvents, {
        runId,
        identity,
        sidesConfigured: setup.sidesConfigured,
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
      const manifest = {
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
      };
      return { counts, manifest };
    });
    return { ...summary, queue: stats, seconds: (Date.now() - startedMs) / 1000 };
  } finally {
    if (ticker) clearInterval(ticker);
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
