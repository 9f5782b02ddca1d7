/**
 * `rehumanize worker --queue redis://host:port`: takes batches of documents from the queue, scores them with
 * the scorer each job names, and returns scores, findings and contributions. Run as many as you like, on as
 * many machines as can reach the Redis server; a worker that dies mid-batch loses nothing, since its job goes
 * back to the queue once its lock expires. SIGINT or SIGTERM finishes the batches in hand, then exits.
 */

import { fileURLToPath } from 'node:url';
import { Worker, type Job } from 'bullmq';
import { scoreBatch } from './batch.js';
import { closeQuietly, connected, DEFAULT_QUEUE_NAME, parseQueueUrl, queueTimings, workerId, type BatchJobData, type BatchJobResult, type QueueTimings } from './queue.js';

/** Options of a worker. */
export interface WorkerOptions {
  readonly queue: string;
  readonly queueName?: string;
  /** Batches scored at once; above 1 each in its own worker thread. */
  readonly concurrency?: number;
  readonly timings?: Partial<QueueTimings>;
  /** Exit after this many seconds without a job (default: run until stopped). */
  readonly idleExit?: number;
  readonly log: (line: string) => void;
}

/** Runs a worker until it is stopped (signal) or idle for `idleExit` seconds. Resolves when it has closed. */
export async function runWorker(options: WorkerOptions): Promise<{ jobs: number; documents: number }> {
  const target = parseQueueUrl(options.queue);
  const timings = queueTimings(options.timings);
  const concurrency = options.concurrency ?? 1;
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const id = workerId();
  process.env.REHUMANIZE_WORKER_ID = id;
  let jobs = 0;
  let documents = 0;
  const processor =
    concurrency > 1
      ? fileURLToPath(new URL('./processor.js', import.meta.url))
      : async (job: Job<BatchJobData, BatchJobResult>): Promise<BatchJobResult> => scoreBatch(job.data);
  const worker = new Worker<BatchJobData, BatchJobResult>(name, processor, {
    connection: target.connection,
    concurrency,
    useWorkerThreads: concurrency > 1,
    lockDuration: timings.lockDuration,
    stalledInterval: timings.stalledInterval,
    maxStalledCount: timings.maxStalledCount,
    autorun: false,
  });
  let lastActivity = Date.now();
  worker.on('active', (job) => {
    lastActivity = Date.now();
    options.log(`worker ${id}: batch ${job.id} started (${job.data.documents.length} documents, attempt ${job.attemptsMade + 1})`);
  });
  worker.on('completed', (job, result) => {
    lastActivity = Date.now();
    jobs++;
    documents += result.documents.length;
    options.log(`worker ${id}: batch ${job.id} done, ${result.documents.length} documents in ${result.ms} ms`);
  });
  worker.on('failed', (job, error) => {
    lastActivity = Date.now();
    options.log(`worker ${id}: batch ${job?.id ?? '?'} failed: ${error.message}`);
  });
  let lastError = '';
  worker.on('error', (error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    options.log(`worker ${id}: ${error.message}`);
  });

  try {
    await connected(worker.waitUntilReady(), target.shown);
  } catch (error) {
    await closeQuietly(worker, 1000);
    throw error;
  }
  options.log(`worker ${id}: ready on queue "${name}" at ${target.shown}, ${concurrency} batch(es) at a time`);

  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    options.log(`worker ${id}: ${why}; finishing the batches in hand`);
    await worker.close();
  };
  const onSignal = (signal: string) => (): void => void stop(`${signal} received`);
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  let idleTimer: NodeJS.Timeout | undefined;
  if (options.idleExit) {
    const idleMs = options.idleExit * 1000;
    idleTimer = setInterval(() => {
      if (Date.now() - lastActivity >= idleMs && (worker.isRunning() ? true : false)) void stop(`idle for ${options.idleExit} s`);
    }, Math.min(1000, idleMs));
  }
  try {
    await worker.run();
  } finally {
    if (idleTimer) clearInterval(idleTimer);
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    if (!stopping) await worker.close();
  }
  options.log(`worker ${id}: stopped after ${jobs} batch(es), ${documents} documents`);
  return { jobs, documents };
}
