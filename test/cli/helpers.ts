import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project root and the CLI as a user runs it (built by `npm test`'s pretest step). */
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'rehumanize.js');

/** Result of running the CLI. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `rehumanize args...` with optional stdin, as a user or a script would. */
export function runCli(args: readonly string[], options: { input?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'rehumanize-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
