/**
 * The Redis work queue shared by `rehumanize run --queue` (the coordinator) and `rehumanize worker`: its URL,
 * its name, the timings that decide when a job of a vanished worker is handed to another, and what a job
 * carries each way.
 */

import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConnectionOptions } from 'bullmq';
import type { DocumentContribution } from '../aggregate/contribution.js';
import type { ModelRefs } from '../classify/setup.js';
import { UserError } from '../core/errors.js';
import type { DatePrecision, DocumentResult, FieldValue } from '../core/types.js';

/** Default queue name: one pool of workers serves every pipeline, since each job carries its scorer. */
export const DEFAULT_QUEUE_NAME = 'rehumanize';

/** Documents per job by default: large enough to amortise a round trip, small enough to retry cheaply. */
export const DEFAULT_BATCH_DOCUMENTS = 50;

/** Timings and retries; each can be set by an option or an environment variable (tests use short ones). */
export interface QueueTimings {
  /** How long a worker's lock on a job lasts without renewal (ms); a killed worker's job is free after this. */
  readonly lockDuration: number;
  /** How often workers look for jobs whose lock expired (ms). */
  readonly stalledInterval: number;
  /** How often a job may stall (its worker vanished) before it counts as failed. */
  readonly maxStalledCount: number;
  /** Attempts per job, the first included, before the run gives up on it. */
  readonly attempts: number;
  /** Wait before a failed attempt is retried (ms). */
  readonly backoff: number;
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UserError('E_USAGE', `${name}=${raw}: expected a positive whole number`);
  return n;
}

/** Timings from options, else REHUMANIZE_QUEUE_* environment variables, else defaults. */
export function queueTimings(options: Partial<QueueTimings> = {}, env: NodeJS.ProcessEnv = process.env): QueueTimings {
  return {
    lockDuration: options.lockDuration ?? envNumber(env, 'REHUMANIZE_QUEUE_LOCK_MS', 30_000),
    stalledInterval: options.stalledInterval ?? envNumber(env, 'REHUMANIZE_QUEUE_STALLED_MS', 30_000),
    maxStalledCount: options.maxStalledCount ?? envNumber(env, 'REHUMANIZE_QUEUE_MAX_STALLED', 3),
    attempts: options.attempts ?? envNumber(env, 'REHUMANIZE_QUEUE_ATTEMPTS', 3),
    backoff: options.backoff ?? envNumber(env, 'REHUMANIZE_QUEUE_BACKOFF_MS', 1000),
  };
}

/** A parsed queue URL: the Redis connection and how to show it without its password. */
export interface QueueTarget {
  readonly connection: ConnectionOptions;
  readonly shown: string;
}

/** Parses `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
export function parseQueueUrl(url: string): QueueTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError('E_QUEUE_URL', `--queue ${url}: expected a Redis URL such as redis://127.0.0.1:6379`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new UserError('E_QUEUE_URL', `--queue ${url}: expected redis:// or rediss://, found ${u.protocol}//`);
  }
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new UserError('E_QUEUE_URL', `--queue ${url}: the database after the port must be a number`);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = u.port ? Number(u.port) : 6379;
  const connection: ConnectionOptions = {
    host,
    port,
    db,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires this to be null so a slow reply is not an error.
    maxRetriesPerRequest: null,
  };
  return { connection, shown: `${u.protocol}//${host}:${port}${db ? `/${db}` : ''}` };
}

/** Waits for a BullMQ object's connection, or fails with a message a user can act on. */
export async function connected<T>(ready: Promise<T>, shown: string, timeoutMs = envNumber(process.env, 'REHUMANIZE_QUEUE_CONNECT_MS', 10_000)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UserError('E_QUEUE_CONNECT', `cannot reach Redis at ${shown} within ${timeoutMs / 1000} s`, { hint: 'start redis-server there, or check host, port and password in --queue', exitCode: 1 })),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes a BullMQ queue, worker or event listener without hanging: when Redis went away (or was never there)
 * a graceful close may wait for a reconnection that never comes, so after `ms` the connection is dropped.
 */
export async function closeQuietly(target: { close(): Promise<void>; disconnect(): Promise<void> }, ms = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([target.close().then(() => 'closed' as const), late]);
    if (outcome === 'late') await Promise.race([target.disconnect(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  } catch {
    await target.disconnect().catch(() => undefined);
  } finally {
    clearTimeout(timer);
  }
}

/** This process as a worker: host and process id. */
export function workerId(): string {
  return process.env.REHUMANIZE_WORKER_ID ?? `${hostname()}:${process.pid}`;
}

/** How a worker builds the scorer: the arguments of `setupScorer`, as the pipeline gives them. */
export interface JobScorerRefs {
  readonly lexicons: readonly string[];
  readonly actors: readonly string[];
  /** Folder relative references resolve against (the pipeline's folder on the coordinator's machine). */
  readonly baseDir: string;
  readonly models: ModelRefs | 'defaults';
}

/** A document as it travels to a worker. */
export interface JobDocument {
  readonly id: string;
  readonly text: string;
  readonly date?: string;
  readonly datePrecision?: DatePrecision;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

/** What a job carries to a worker. */
export interface BatchJobData {
  readonly format: 1;
  readonly pipeline: string;
  readonly refs: JobScorerRefs;
  /** The scorer version the coordinator expects; a worker that builds another one refuses the job. */
  readonly scorer: string;
  readonly attributes: readonly string[];
  readonly documents: readonly JobDocument[];
}

/** One scored document in a job's result. */
export interface ScoredDocument {
  readonly id: string;
  /** Scores, mentions and findings; sentence texts are empty (they are the document text between start and end). */
  readonly result: DocumentResult;
  readonly contribution: DocumentContribution;
}

/** What a worker returns for a job. */
export interface BatchJobResult {
  readonly worker: string;
  readonly scorer: string;
  /** Milliseconds the worker spent scoring the batch. */
  readonly ms: number;
  readonly documents: readonly ScoredDocument[];
}

/**
 * The job id of a batch: a hash of the scorer and of each document's id and content, so enqueueing the same
 * batch again (a coordinator restarted) finds the job already there instead of scoring it twice, while a
 * changed document or scorer makes a new job.
 */
export function batchJobId(scorer: string, documents: ReadonlyArray<{ id: string; hash: string }>): string {
  const h = createHash('sha256').update(scorer);
  for (const d of documents) h.update('\u0000').update(d.id).update('\u0001').update(d.hash);
  return `b-${h.digest('hex').slice(0, 32)}`;
}
