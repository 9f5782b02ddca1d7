/**
 * Scoring on all cores: a pool of worker threads, each with its own scorer built from the same lexicon
 * references, fed batches of documents and giving results back in input order.
 *
 * Why batches: a message between threads costs tens of microseconds, a short news article is scored in about
 * as long, so documents travel in batches (64 documents or about a million characters, whichever comes first).
 * Why a bound: results must come out in input order, and a slow consumer (a store writing to disk) must slow
 * the readers down rather than let batches pile up; at most `inFlight` batches are out at any time, so memory
 * stays flat however large the corpus is.
 *
 * `workers: 1` scores in the calling thread, without worker threads, one document at a time.
 */

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentResult, InputDocument } from '../core/types.js';
import type { Scorer } from '../measures/scorer.js';
import { isPacked, unpackResults, type PackedResults } from './packed.js';
import { buildScorer, restoreTexts, scoreBatchWith, type BatchTask, type FaultHooks, type ScorerRefs, type WorkerReply } from './wire.js';

export type { FaultHooks, ScorerRefs } from './wire.js';

/** What the pool needs of a document. */
export interface ScoreInput {
  readonly id: string;
  readonly text: string;
}

/** Settings of a scoring pool. */
export interface PoolOptions extends ScorerRefs {
  /** Threads scoring in parallel; 1 scores in the calling thread. Default: {@link workersFrom}. */
  readonly workers?: number;
  /** Most documents per batch sent to a worker. Default 64. */
  readonly batchDocuments?: number;
  /** A batch is sent once its texts reach this many characters. Default 1,000,000. */
  readonly batchChars?: number;
  /** Most batches out at once (scoring, or scored and waiting for their turn). Default 2 × workers. */
  readonly inFlight?: number;
  /** With `workers: 1`, a scorer already built from the same references, to avoid building it twice. */
  readonly scorer?: Scorer;
  /** Test-only fault injection. */
  readonly hooks?: FaultHooks;
}

/** One item and its result; `result` is null for items that were not documents to score. */
export interface ScoredItem<T> {
  readonly item: T;
  readonly result: DocumentResult | null;
}

/** A running pool. Close it when done; scoring after close throws. */
export interface ScoringPool {
  /** Threads scoring (1: the calling thread). */
  readonly workers: number;
  /**
   * Scores what `docOf` picks out of `items` and yields every item with its result, in input order. Items for
   * which `docOf` returns null (rejects, duplicates, documents already stored) pass through in their place,
   * with `result: null`. `docOf` is called once per item, in order, as items are read.
   */
  scoreItems<T>(items: AsyncIterable<T> | Iterable<T>, docOf: (item: T) => ScoreInput | null | undefined): AsyncGenerator<ScoredItem<T>>;
  /** Scores one batch (any size) and resolves with its results in order. */
  scoreBatch(docs: readonly ScoreInput[]): Promise<DocumentResult[]>;
  /** Stops the worker threads. Safe to call twice. */
  close(): Promise<void>;
}

/** Settings of {@link scoreInParallel}. */
export type ParallelOptions = PoolOptions;

/**
 * The number of workers: an explicit option, else `REHUMANIZE_WORKERS`, else one per core Node may use; on one
 * core that means scoring in-process. Since results travel packed (packed.ts) the main thread's share is small:
 * bench/RESULTS.md shows two worker threads on two cores about 1.3 times as fast as scoring in-process.
 */
export function workersFrom(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const fallback = Math.max(1, availableParallelism());
  const raw = option ?? (env.REHUMANIZE_WORKERS ? Number(env.REHUMANIZE_WORKERS) : fallback);
  return Number.isInteger(raw) && raw > 0 ? raw : fallback;
}

/** The compiled worker module. From source (tests run the .ts files), the build in dist/ is used. */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts') ? here.replace(/[\\/]src[\\/]parallel[\\/]pool\.ts$/, `${sep}dist${sep}parallel${sep}worker.js`) : join(dirname(here), 'worker.js');
  if (!existsSync(file)) throw new Error(`scoring pool: compiled worker ${file} not found; run \`npm run build\` first`);
  return file;
}

const BATCH_DOCUMENTS = 64;
const BATCH_CHARS = 1_000_000;
/** A batch is also closed after this many items, so long runs of pass-through items do not wait for a document. */
const BATCH_ITEMS = 4096;

/** Starts a pool. With more than one worker, the threads start at once and build their scorers on first batch. */
export function createScoringPool(options: PoolOptions): ScoringPool {
  const workers = workersFrom(options.workers);
  const refs: ScorerRefs = { lexicons: [...options.lexicons], actors: [...(options.actors ?? [])], baseDir: options.baseDir, ...(options.models !== undefined ? { models: options.models } : {}) };
  const batchDocuments = Math.max(1, options.batchDocuments ?? BATCH_DOCUMENTS);
  const batchChars = Math.max(1, options.batchChars ?? BATCH_CHARS);
  const inFlight = Math.max(1, options.inFlight ?? 2 * workers);
  const hooks = options.hooks;
  let closed = false;

  if (workers === 1) {
    const scorer = options.scorer ?? buildScorer(refs);
    const scoreOne = (doc: ScoreInput): DocumentResult => scoreBatchWith(scorer, { refs, ids: [doc.id], texts: [doc.text], hooks }, false)[0]!;
    return {
      workers,
      async *scoreItems(items, docOf) {
        for await (const item of items) {
          if (closed) throw new Error('scoring pool is closed');
          const doc = docOf(item);
          yield { item, result: doc ? scoreOne(doc) : null };
        }
      },
      async scoreBatch(docs) {
        if (closed) throw new Error('scoring pool is closed');
        return docs.map(scoreOne);
      },
      async close() {
        closed = true;
      },
    };
  }

  const threads = new ThreadPool(workerFile(), workers);

  async function runBatch(docs: readonly ScoreInput[]): Promise<DocumentResult[]> {
    if (closed) throw new Error('scoring pool is closed');
    if (docs.length === 0) return [];
    const task: BatchTask = { refs, ids: docs.map((d) => d.id), texts: docs.map((d) => d.text), ...(hooks ? { hooks } : {}) };
    const reply = await threads.run(task);
    if (isPacked(reply)) {
      if (reply.ids.length !== docs.length) throw new Error('scoring pool: a worker returned a malformed batch');
      return unpackResults(reply, task.texts);
    }
    const results = reply;
    if (!Array.isArray(results) || results.length !== docs.length) throw new Error('scoring pool: a worker returned a malformed batch');
    for (let i = 0; i < docs.length; i++) restoreTexts(results[i]!, docs[i]!.text);
    return results;
  }

  return {
    workers,
    async *scoreItems<T>(items: AsyncIterable<T> | Iterable<T>, docOf: (item: T) => ScoreInput | null | undefined): AsyncGenerator<ScoredItem<T>> {
      interface Pending {
        readonly items: T[];
        readonly docs: Array<ScoreInput | null>;
        readonly results: Promise<DocumentResult[]>;
      }
      const queue: Pending[] = [];
      let items_: T[] = [];
      let docs_: Array<ScoreInput | null> = [];
      let batch: ScoreInput[] = [];
      let chars = 0;
      const dispatch = (): void => {
        const results = runBatch(batch);
        // Awaited in order below; until then a failure must not count as unhandled.
        results.catch(() => undefined);
        queue.push({ items: items_, docs: docs_, results });
        items_ = [];
        docs_ = [];
        batch = [];
        chars = 0;
      };
      async function* head(): AsyncGenerator<ScoredItem<T>> {
        const p = queue.shift()!;
        const results = await p.results;
        let k = 0;
        for (let i = 0; i < p.items.length; i++) yield { item: p.items[i]!, result: p.docs[i] ? results[k++]! : null };
      }
      for await (const item of items) {
        const doc = docOf(item) ?? null;
        items_.push(item);
        docs_.push(doc);
        if (doc) {
          batch.push(doc);
          chars += doc.text.length;
        }
        if (batch.length >= batchDocuments || chars >= batchChars || items_.length >= BATCH_ITEMS) {
          dispatch();
          while (queue.length >= inFlight) yield* head();
        }
      }
      if (items_.length > 0) dispatch();
      while (queue.length > 0) yield* head();
    },
    scoreBatch: runBatch,
    async close() {
      if (closed) return;
      closed = true;
      await threads.destroy();
    },
  };
}

/**
 * Scores documents on `workers` threads and yields each with its result, in input order. The pool is started
 * for this call and stopped when the generator finishes, fails, or is left early.
 */
export async function* scoreInParallel(docs: AsyncIterable<InputDocument> | Iterable<InputDocument>, options: ParallelOptions): AsyncGenerator<{ doc: InputDocument; result: DocumentResult }> {
  const pool = createScoringPool(options);
  try {
    for await (const { item, result } of pool.scoreItems(docs, (d) => d)) yield { doc: item, result: result! };
  } finally {
    await pool.close();
  }
}

interface Job {
  readonly task: BatchTask;
  readonly resolve: (results: DocumentResult[] | PackedResults) => void;
  readonly reject: (error: Error) => void;
}

/** Jobs a worker holds at once: one it scores and one waiting in its port, so it never waits for the main thread. */
const JOBS_PER_WORKER = 2;

/**
 * A fixed set of worker threads, each with up to {@link JOBS_PER_WORKER} batches, queued jobs in arrival order.
 * A worker answers its jobs in the order it got them. A worker that fails (an uncaught error, an exit) rejects
 * the jobs it held and is replaced, so no job ever waits forever.
 */
class ThreadPool {
  private readonly held = new Map<Worker, Job[]>();
  private readonly queue: Job[] = [];
  private destroyed = false;

  constructor(
    private readonly file: string,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  run(task: BatchTask): Promise<DocumentResult[] | PackedResults> {
    if (this.destroyed) return Promise.reject(new Error('scoring pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    const workers = [...this.held.keys()];
    const closed = new Error('scoring pool is closed');
    for (const job of this.queue.splice(0)) job.reject(closed);
    for (const jobs of this.held.values()) for (const job of jobs) job.reject(closed);
    this.held.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(this.file);
    this.held.set(worker, []);
    const fail = (error: Error): void => {
      const jobs = this.held.get(worker);
      if (!jobs) return; // already handled (an error is followed by an exit)
      this.held.delete(worker);
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      for (const job of jobs) job.reject(error);
      if (!this.destroyed) {
        this.spawn();
        this.pump();
      }
    };
    worker.on('message', (reply: WorkerReply) => {
      const job = this.held.get(worker)?.shift();
      if (!job) return;
      if (reply.ok) job.resolve(reply.results);
      else job.reject(Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}, reply.stack ? { workerStack: reply.stack } : {}));
      this.pump();
    });
    worker.on('error', (error) => fail(new Error(`scoring worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`scoring worker stopped unexpectedly (exit code ${code})`)));
  }

  /** Hands queued jobs to the least loaded workers. */
  private pump(): void {
    while (this.queue.length > 0) {
      let best: Worker | null = null;
      let bestLoad = JOBS_PER_WORKER;
      for (const [worker, jobs] of this.held) {
        if (jobs.length < bestLoad) {
          best = worker;
          bestLoad = jobs.length;
        }
      }
      if (!best) return;
      const job = this.queue.shift()!;
      this.held.get(best)!.push(job);
      best.postMessage(job.task);
    }
  }
}
