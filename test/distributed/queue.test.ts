/**
 * The real thing: a redis-server on a free local port, a coordinator and three worker processes spawned as a
 * user would, one worker killed with SIGKILL in the middle of a batch. The indicators must equal those of a
 * local single-process run, and nothing may be left running afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchJobId } from '../../src/distributed/queue.js';
import { CLI, ROOT, runCli, tempDir } from '../cli/helpers.js';
import { RESULT_FILES, writeSampleCorpus } from './helpers.js';

const hasRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasRedis && !process.env.CI) {
  console.warn('test/distributed/queue.test.ts: skipped, redis-server is not installed (apt-get install -y redis-server); CI installs it and runs these tests');
}

/** A free TCP port on 127.0.0.1, found by binding port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A spawned process and everything it wrote to stderr (and stdout). */
interface Proc {
  readonly child: ChildProcess;
  out: string;
  err: string;
  readonly exited: Promise<number | null>;
}

const children: Proc[] = [];

function start(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = {
    child,
    out: '',
    err: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (proc.out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (proc.err += d));
  children.push(proc);
  return proc;
}

const running = (p: Proc): boolean => p.child.exitCode === null && p.child.signalCode === null;

/** Waits until `test` holds, checking every 50 ms, for at most `ms`. */
async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stops a process: SIGTERM, then SIGKILL if it has not exited within `ms`. */
async function stop(p: Proc, ms = 5000): Promise<void> {
  if (!running(p)) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => running(p) && p.child.kill('SIGKILL'), ms);
  await p.exited;
  clearTimeout(timer);
}

describe.skipIf(!hasRedis && !process.env.CI)('rehumanize run --queue with workers on Redis', () => {
  const dir = tempDir('rehumanize-queue-');
  let redis: Proc;
  let url = '';
  let sample: ReturnType<typeof writeSampleCorpus>;

  beforeAll(async () => {
    if (!hasRedis) throw new Error('redis-server is not installed, and CI is set: .ci/run should have installed it');
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    await until(() => redis.out.includes('Ready to accept connections') || !running(redis), 10_000, 'redis-server to start');
    expect(running(redis), redis.out + redis.err).toBe(true);
    sample = writeSampleCorpus(dir, 1);
    const local = await runCli(['run', sample.pipeline, '--out', join(dir, 'local'), '--quiet']);
    expect(local.code, local.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    // Workers first, Redis last, and always: no process of this test outlives it.
    await Promise.all(children.filter((p) => p !== redis).map((p) => stop(p)));
    if (redis) await stop(redis);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('gives the local run\'s indicators with three workers, one of them killed mid-batch', async () => {
    const env = {
      // Slow each document a little, so there is a batch in hand to kill; short locks, so its batch is free soon.
      REHUMANIZE_TEST_WORKER_DELAY_MS: '15',
      REHUMANIZE_QUEUE_LOCK_MS: '1500',
      REHUMANIZE_QUEUE_STALLED_MS: '1000',
    };
    const workers = [1, 2, 3].map(() => start(process.execPath, [CLI, 'worker', '--queue', url, '--idle-exit', '90'], env));
    await until(() => workers.every((w) => w.err.includes('ready on queue')), 20_000, 'three workers to be ready');

    const coordinator = start(process.execPath, [CLI, 'run', sample.pipeline, '--queue', url, '--out', join(dir, 'queued'), '--batch-docs', '20'], {
      REHUMANIZE_QUEUE_PROGRESS_MS: '500',
    });
    // Kill the first worker while it is scoring its second batch.
    const victim = workers[0]!;
    const startedBatches = (): string[] => [...victim.err.matchAll(/batch (\S+) started/g)].map((m) => m[1]!);
    await until(() => startedBatches().length >= 2 || !running(coordinator), 30_000, 'the first worker to start its second batch');
    const killed = startedBatches()[1];
    expect(killed, `coordinator ended first:\n${coordinator.out}\n${coordinator.err}`).toBeDefined();
    await new Promise((r) => setTimeout(r, 100));
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(victim.err).not.toContain(`batch ${killed} done`);

    const timer = setTimeout(() => running(coordinator) && coordinator.child.kill('SIGKILL'), 90_000);
    const code = await coordinator.exited;
    clearTimeout(timer);
    expect(code, `${coordinator.out}\n${coordinator.err}`).toBe(0);

    // The killed worker's batch was taken up by another worker and every document counted once.
    expect(workers.slice(1).some((w) => w.err.includes(`batch ${killed} done`)), workers.map((w) => w.err).join('\n')).toBe(true);
    expect(coordinator.out).toContain(`read ${sample.documents + 1} = scored ${sample.documents} + skipped 0 (already stored) + rejected 0 + duplicates 1`);
    expect(coordinator.err).toMatch(/queue: \d+ batches queued, \d+ waiting, \d+ running, \d+ done/);
    expect(coordinator.out).toMatch(/worker \S+: \d+ batches, \d+ documents, [\d.]+ documents\/s/);
    for (const f of [...RESULT_FILES, 'changepoint-evidence.jsonl', 'documents.csv']) {
      expect(readFileSync(join(dir, 'queued', f), 'utf8'), f).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'queued', 'manifest.json'), 'utf8')) as { store: { documents: number }; queue: { batches: number } };
    expect(manifest.store.documents).toBe(sample.documents);
    expect(manifest.queue.batches).toBe(Math.ceil(sample.documents / 20));
  }, 120_000);

  it('a second queued run into the same store scores nothing again and changes no indicator', async () => {
    const again = start(process.execPath, [CLI, 'run', sample.pipeline, '--queue', url, '--out', join(dir, 'queued'), '--quiet']);
    const timer = setTimeout(() => running(again) && again.child.kill('SIGKILL'), 60_000);
    const code = await again.exited;
    clearTimeout(timer);
    expect(code, again.err).toBe(0);
    expect(again.out).toContain(`scored 0 + skipped ${sample.documents}`);
    for (const f of RESULT_FILES) expect(readFileSync(join(dir, 'queued', f), 'utf8'), f).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
  }, 90_000);

  it('stops the workers it started when asked, finishing what they hold', async () => {
    const alive = children.filter((p) => p !== redis && running(p));
    expect(alive.length).toBeGreaterThan(0);
    await Promise.all(alive.map((p) => stop(p, 10_000)));
    for (const p of alive) expect(p.err).toMatch(/stopped after \d+ batch\(es\)/);
  }, 30_000);
});

describe('rehumanize run --queue without Redis', () => {
  it('stops with E_QUEUE_CONNECT instead of waiting forever', async () => {
    const dir = tempDir('rehumanize-noredis-');
    try {
      const sample = writeSampleCorpus(dir, 1);
      const port = await freePort();
      const run = start(process.execPath, [CLI, 'run', sample.pipeline, '--queue', `redis://127.0.0.1:${port}`, '--out', join(dir, 'out')], { REHUMANIZE_QUEUE_CONNECT_MS: '1500' });
      const timer = setTimeout(() => running(run) && run.child.kill('SIGKILL'), 30_000);
      const code = await run.exited;
      clearTimeout(timer);
      expect(code, run.err).toBe(1);
      expect(run.err).toContain('E_QUEUE_CONNECT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe('queue job ids', () => {
  it('are the same for the same batch and scorer, and differ when a document or the scorer changes', () => {
    const docs = [
      { id: 'a', hash: '1' },
      { id: 'b', hash: '2' },
    ];
    expect(batchJobId('s1', docs)).toBe(batchJobId('s1', [...docs]));
    expect(batchJobId('s1', docs)).not.toBe(batchJobId('s2', docs));
    expect(batchJobId('s1', docs)).not.toBe(batchJobId('s1', [docs[0]!, { id: 'b', hash: '3' }]));
    expect(batchJobId('s1', docs)).toMatch(/^b-[0-9a-f]{32}$/);
  });
});
