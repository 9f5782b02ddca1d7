/**
 * Crash and resume: a run killed with SIGKILL at random moments, then run again until it finishes, ends with
 * exactly the indicators, change points and documents of an uninterrupted run: no document counted twice,
 * none missing.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/aggregate/stats/rng.js';
import { CLI, ROOT, runCli, tempDir } from '../cli/helpers.js';

const TRIALS = 20;
const PIPELINE = join(ROOT, 'pipelines', 'media-monitor.yaml');

/** Starts a run with small store transactions and kills it after `delayMs`; resolves when it is gone. */
function killedRun(out: string, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', PIPELINE, '--out', out, '--quiet', '--workers', '1'], {
      env: { ...process.env, REHUMANIZE_BATCH_SIZE: '7' },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
}

function outputsOf(out: string): Record<string, string> {
  const files = ['indicators.csv', 'changepoints.csv', 'documents.csv'];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

describe('crash and resume', () => {
  let reference: Record<string, string> = {};
  let referenceMs = 1000;

  beforeAll(async () => {
    const out = tempDir('rehumanize-ref-');
    const started = Date.now();
    const r = await runCli(['run', PIPELINE, '--out', out, '--quiet']);
    referenceMs = Date.now() - started;
    expect(r.code).toBe(0);
    reference = outputsOf(out);
  }, 120_000);

  it(`ends with the uninterrupted run's results after SIGKILL at ${TRIALS} random moments`, async () => {
    const rng = createRng('crash-resume');
    const outcomes: string[] = [];
    let killedMidRun = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      let out = tempDir('rehumanize-crash-');
      // Kill anywhere from start-up to the end of an uninterrupted run, as timed on this machine just now.
      let delay = 100 + rng.nextInt(Math.max(200, Math.round(referenceMs * 1.1)));
      let how = await killedRun(out, delay);
      // A run that finished before the kill (a fast moment on a shared machine) tests nothing: start again
      // in a fresh folder with half the delay, so the kills happen whatever the machine's speed.
      while (how !== 'SIGKILL' && delay > 60) {
        out = tempDir('rehumanize-crash-');
        delay = Math.floor(delay / 2);
        how = await killedRun(out, delay);
      }
      if (how === 'SIGKILL') {
        killedMidRun++;
        const stored = existsSync(join(out, 'store.duckdb'))
          ? await runCli(['query', 'SELECT count(*) AS n FROM documents', '--store', out, '--format', 'csv'])
          : null;
        outcomes.push(`${stored?.code === 0 ? stored.stdout.trim().split('\n')[1] : 0} stored`);
      } else outcomes.push(how);
      // Sometimes kill the resumed run as well, before letting it finish.
      if (rng.next() < 0.3) outcomes.push(await killedRun(out, 150 + rng.nextInt(800)));
      const resumed = await runCli(['run', PIPELINE, '--out', out, '--quiet']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(existsSync(join(out, 'store.lock'))).toBe(false);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.counts.read).toBe(manifest.counts.scored + manifest.counts.skipped + manifest.counts.rejected + manifest.counts.duplicates);
      expect(manifest.store.documents).toBe(290);
      const got = outputsOf(out);
      for (const f of Object.keys(reference)) expect(got[f], `trial ${trial} (killed after ${delay} ms): ${f}`).toBe(reference[f]);
    }
    console.log(`crash-resume: ${TRIALS} trials, ${killedMidRun} killed by SIGKILL before finishing (documents in the store when killed: ${outcomes.join(', ')}), all resumed to the uninterrupted results`);
    expect(killedMidRun).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 600_000);
});
