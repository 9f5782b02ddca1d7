/**
 * The store through the command line, as users meet it: a run killed mid-way resumes to the same results,
 * a second run on the same store is refused, exports read back, and queries cannot write.
 */

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sampleWorkspace, scratch } from './helpers.js';

const BIN = join(ROOT, 'bin', 'rehumanize.js');

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; `waitFor` resolves when stderr matches. */
function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Result>; waitFor: (re: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...waiters]) if (w.re.test(stderr)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  });
  const done = new Promise<Result>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const waitFor = (re: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      if (re.test(stderr)) return resolve();
      waiters.push({ re, resolve });
      void done.then((r) => reject(new Error(`exited (${r.code ?? r.signal}) before ${re}: ${r.stderr}`)));
    });
  return { child, done, waitFor };
}

const run = (args: string[], env: Record<string, string> = {}): Promise<Result> => start(args, env).done;

/** True when some source file is newer than its compiled file (or has none). */
function distIsStale(): boolean {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const src = join(ROOT, 'src');
  return walk(src).some((file) => {
    const out = join(ROOT, 'dist', relative(src, file)).replace(/\.ts$/, '.js');
    return !existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs;
  });
}

beforeAll(() => {
  // The CLI runs from dist/. `npm test` builds it first; when run alone, compile what changed since (type
  // errors elsewhere in the project do not stop tsc from emitting).
  if (distIsStale()) {
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      /* the tests below fail clearly if dist is unusable */
    }
  }
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
});

describe('a killed run resumes', () => {
  it('ends with the same indicators as an uninterrupted run, and leaves only whole documents', async () => {
    const killed = sampleWorkspace();
    const first = start(['run', killed.pipeline, '--out', killed.out, '--verbose'], { REHUMANIZE_BATCH_SIZE: '5' });
    await first.waitFor(/committed batch 1 /);
    first.child.kill('SIGKILL');
    const r1 = await first.done;
    expect(r1.signal).toBe('SIGKILL');
    expect(existsSync(join(killed.out, 'store.lock'))).toBe(true);

    // What the killed run left: whole batches of whole documents.
    const db = await DuckDBInstance.create(join(killed.out, 'store.duckdb'), { access_mode: 'READ_ONLY' });
    const con = await db.connect();
    const rows = (await con.runAndReadAll(
      `SELECT count(*)::INTEGER AS docs, count(*) FILTER (WHERE d.sentences <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id))::INTEGER AS partial FROM documents d`,
    )).getRowObjectsJS() as Array<{ docs: number; partial: number }>;
    con.closeSync();
    db.closeSync();
    expect(rows[0]!.docs).toBeGreaterThanOrEqual(5);
    expect(rows[0]!.docs % 5).toBe(0);
    expect(rows[0]!.partial).toBe(0);
    const stored = rows[0]!.docs;

    const r2 = await run(['run', killed.pipeline, '--out', killed.out], { REHUMANIZE_BATCH_SIZE: '5' });
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/stale lock/);
    expect(r2.stdout).toMatch(new RegExp(`skipped ${stored} \\(already stored\\)`));
    expect(existsSync(join(killed.out, 'store.lock'))).toBe(false);

    const clean = sampleWorkspace();
    const r3 = await run(['run', clean.pipeline, '--out', clean.out]);
    expect(r3.code).toBe(0);
    for (const file of ['indicators.csv', 'changepoints.csv', 'documents.csv', 'changepoint-evidence.jsonl']) {
      expect(readFileSync(join(killed.out, file), 'utf8'), file).toBe(readFileSync(join(clean.out, file), 'utf8'));
    }
    const manifest = JSON.parse(readFileSync(join(killed.out, 'manifest.json'), 'utf8'));
    expect(manifest.store.resumed_after).toHaveLength(1);
  });
});

describe('one writer per store', () => {
  it('a second run on the same store fails with E_STORE_IN_USE while the first finishes', async () => {
    const ws = sampleWorkspace();
    // One document per transaction keeps the first run busy long enough for the second to start.
    const a = start(['run', ws.pipeline, '--out', ws.out, '--verbose'], { REHUMANIZE_BATCH_SIZE: '1' });
    await a.waitFor(/committed batch 1 /);
    const b = await run(['run', ws.pipeline, '--out', ws.out]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/E_STORE_IN_USE/);
    expect(b.stderr).toMatch(/in use by another run/);
    const ra = await a.done;
    expect(ra.code).toBe(0);
  });

  it("DuckDB's own lock (a process holding the file without our lock file) maps to E_STORE_IN_USE", async () => {
    const ws = sampleWorkspace();
    { const r0 = await run(['run', ws.pipeline, '--out', ws.out, '--quiet']); expect(r0.code, r0.stderr + r0.stdout).toBe(0); }
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { DuckDBInstance } from '@duckdb/node-api'; const db = await DuckDBInstance.create(${JSON.stringify(join(ws.out, 'store.duckdb'))}); await db.connect(); console.log('ready'); setInterval(() => {}, 1000);`],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
      const q = await run(['query', 'SELECT count(*) FROM documents', '--store', ws.out]);
      expect(q.code).toBe(2);
      expect(q.stderr).toMatch(/E_STORE_IN_USE/);
      const r = await run(['run', ws.pipeline, '--out', ws.out, '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/E_STORE_IN_USE/);
      expect(existsSync(join(ws.out, 'store.lock'))).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('export and query', () => {
  let out: string;
  beforeAll(async () => {
    const ws = sampleWorkspace();
    out = ws.out;
    { const r0 = await run(['run', ws.pipeline, '--out', ws.out, '--quiet']); expect(r0.code, r0.stderr + r0.stdout).toBe(0); }
  });

  async function readBack(sql: string): Promise<Array<Record<string, unknown>>> {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    try {
      return (await con.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
    } finally {
      con.closeSync();
      db.closeSync();
    }
  }

  it('Parquet exports read back with the same rows and columns', async () => {
    const dir = scratch('export-');
    // Through the CLI once per format, the other tables in-process (same code, less process start-up).
    const a = await run(['export', out, '--table', 'documents', '--format', 'parquet', '--out', join(dir, 'documents.parquet')]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/wrote 290 documents row/);
    const b = await run(['export', join(out, 'store.duckdb'), '--table', 'indicators', '--format', 'csv', '--out', join(dir, 'indicators.csv')]);
    expect(b.code, b.stderr).toBe(0);
    const { exportTable } = await import('../../src/store/export.js');
    const { Store } = await import('../../src/store/store.js');
    const store = await Store.open(join(out, 'store.duckdb'), { readOnly: true });
    try {
      for (const table of ['documents', 'findings', 'indicators', 'changepoints', 'comparisons'] as const) {
        if (table !== 'documents') await exportTable(store, table, 'parquet', join(dir, `${table}.parquet`));
        if (table !== 'indicators') await exportTable(store, table, 'csv', join(dir, `${table}.csv`));
      }
    } finally {
      store.close();
    }
    for (const table of ['documents', 'findings', 'indicators', 'changepoints', 'comparisons']) {
      const pq = join(dir, `${table}.parquet`);
      const csv = join(dir, `${table}.csv`);
      const [p] = await readBack(`SELECT count(*)::INTEGER AS n FROM read_parquet('${pq}')`);
      const [c] = await readBack(`SELECT count(*)::INTEGER AS n FROM read_csv('${csv}', header = true, all_varchar = true)`);
      expect(p!.n, table).toBe(c!.n);
      const pqColumns = (await readBack(`DESCRIBE SELECT * FROM read_parquet('${pq}')`)).map((r) => r.column_name);
      const csvHeader = readFileSync(csv, 'utf8').split('\n')[0]!.split(',');
      expect(pqColumns, table).toEqual(csvHeader);
    }
    const [docs] = await readBack(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(dir, 'documents.parquet')}')`);
    expect(docs!.n).toBe(290);
    // The indicators export is the run's indicators.csv.
    expect(readFileSync(join(dir, 'indicators.csv'), 'utf8')).toBe(readFileSync(join(out, 'indicators.csv'), 'utf8'));
    const types = await readBack(`DESCRIBE SELECT value, numerator FROM read_parquet('${join(dir, 'indicators.parquet')}')`);
    expect(types.map((t) => t.column_type)).toEqual(['DOUBLE', 'DOUBLE']);
  });

  it('filters by dates, group and measure', async () => {
    const dir = scratch('export-');
    const file = join(dir, 'f.jsonl');
    const r = await run(['export', out, '--table', 'findings', '--format', 'jsonl', '--out', file, '--from', '2025-06-01', '--to', '2025-08', '--group', 'source=Veloria Daily Herald', '--measure', 'dehumanization']);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const f of rows) {
      expect(f.measure).toBe('dehumanization');
      expect(f.date >= '2025-06-01' && f.date <= '2025-08-31').toBe(true);
      expect(f.document).toMatch(/^VDH-/);
    }
    const ind = join(dir, 'i.csv');
    expect((await run(['export', out, '--table', 'indicators', '--out', ind, '--from', '2025-03', '--to', '2025-03', '--measure', 'acknowledgement'])).code).toBe(0);
    const lines = readFileSync(ind, 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(5); // four outlets and (all)
    expect(lines.every((l) => l.includes(',2025-03,') && l.includes(',acknowledgement,'))).toBe(true);
    const bad = await run(['export', out, '--table', 'indicators', '--out', ind, '--measure', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/E_EXPORT_MEASURE/);
  });

  it('query reads and refuses to write', async () => {
    const q = await run(['query', "SELECT count(*) AS n, min(date) AS first FROM documents", '--store', out, '--format', 'jsonl']);
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual({ n: 290, first: '2025-01-01' });
    const t = await run(['query', 'SELECT version FROM schema_version WHERE version = 1', '--store', out]);
    expect(t.stdout).toMatch(/version\n-+\n\s*1\n\(1 row\)/);
    const w = await run(['query', 'DELETE FROM documents', '--store', out]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/E_QUERY_READ_ONLY/);
    const { runQuery } = await import('../../src/store/query.js');
    for (const sql of ['DROP TABLE documents', "COPY documents TO '/tmp/x.csv'", 'SELECT 1; DELETE FROM documents', "ATTACH 'x.duckdb'", 'CREATE TABLE t (a INT)']) {
      await expect(runQuery(join(out, 'store.duckdb'), sql, 'table', () => {}), sql).rejects.toMatchObject({ code: expect.stringMatching(/^E_QUERY_(READ_ONLY|STATEMENTS)$/) });
    }
    const n = await run(['query', 'SELECT count(*) AS n FROM documents', '--store', out, '--format', 'csv']);
    expect(n.stdout).toBe('n\n290\n');
  });
});

describe('lock file', () => {
  it('refuses a live holder and takes over a dead one with a notice', async () => {
    const { acquireLock } = await import('../../src/store/lock.js');
    const dir = scratch('lock-');
    const path = join(dir, 'store.lock');
    writeFileSync(path, `${process.pid}\n`);
    expect(() => acquireLock(path, join(dir, 'store.duckdb'))).toThrow(/in use/);
    try {
      acquireLock(path, join(dir, 'store.duckdb'));
    } catch (error) {
      expect((error as { code: string }).code).toBe('E_STORE_IN_USE');
    }
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.on('close', resolve));
    writeFileSync(path, `${pid}\n`);
    const notices: string[] = [];
    const lock = acquireLock(path, join(dir, 'store.duckdb'), (m) => notices.push(m));
    expect(notices.join()).toMatch(new RegExp(`stale lock .* process ${pid}`));
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
  });
});
