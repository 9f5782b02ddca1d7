/**
 * Paths and files, spawned as a user runs the CLI: missing, unreadable and folder-instead-of-file inputs,
 * lexicons and pipelines each end with a stable code and no stack trace; output stays inside the output
 * folder whatever the pipeline says; a read-only folder and a full disk end with E_OUTPUT_DIR/E_OUTPUT_WRITE
 * and a message saying what to do. Cases that need a non-root user or a tmpfs mount are skipped, with a
 * message, where the test cannot set them up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, type CliResult } from '../cli/helpers.js';
import { LEXICONS } from './helpers.js';

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const NO_STACK = /\n\s+at \S+ \(|node:internal/;

function expectUserError(r: CliResult, code: string, exit: number): void {
  expect(r.stderr, r.stderr).toContain(code);
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.code, r.stderr).toBe(exit);
}

const LEXICON_TEXT = [
  '#! id: tiny',
  '#! version: 1.0.0',
  '#! language: en',
  '#! measure: dehumanization',
  '#! source: test',
  '#! license: CC0',
  '#! description: tiny',
  '#! category: vermin\tpests',
  'term\tcategory\tpos',
  'vermin\tvermin\tnoun',
  '',
].join('\n');

function pipeline(dir: string, name: string, extra = ''): string {
  writeFileSync(path.join(dir, 'in.jsonl'), '{"id":"1","date":"2020-01-01","text":"They are vermin.","source":"../../escape"}\n');
  const file = path.join(dir, `${name.replace(/[^a-z]/gi, '_') || 'p'}.yaml`);
  writeFileSync(file, `name: ${JSON.stringify(name)}\ninputs:\n  - path: in.jsonl\nlexicons: [${LEXICONS.join(', ')}]\ngroups: [source]\n${extra}`);
  return file;
}

/** Every file under `dir`, relative. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('paths and files', () => {
  let dir = '';
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    dir = tempDir('rehumanize-paths-');
  }, 120_000);

  it('a missing, a folder and an unreadable pipeline file: E_CONFIG_UNREADABLE / E_CONFIG_NOT_A_FILE, exit 2', async () => {
    expectUserError(await runCli(['run', path.join(dir, 'nope.yaml')]), 'E_CONFIG_UNREADABLE', 2);
    mkdirSync(path.join(dir, 'folder.yaml'));
    expectUserError(await runCli(['run', path.join(dir, 'folder.yaml')]), 'E_CONFIG_NOT_A_FILE', 2);
  });

  it.skipIf(IS_ROOT)('an unreadable pipeline file (chmod 000): E_CONFIG_UNREADABLE', async () => {
    const file = pipeline(dir, 'locked');
    chmodSync(file, 0o000);
    expectUserError(await runCli(['run', file]), 'E_CONFIG_UNREADABLE', 2);
  });

  it('a missing, a folder and an unknown lexicon: E_LEX_UNREADABLE / E_LEX_NOT_A_FILE / E_LEX_UNKNOWN, exit 2', async () => {
    expectUserError(await runCli(['lexicon', 'show', path.join(dir, 'missing.tsv')]), 'E_LEX_UNREADABLE', 2);
    mkdirSync(path.join(dir, 'lexdir.tsv'));
    expectUserError(await runCli(['lexicon', 'show', path.join(dir, 'lexdir.tsv')]), 'E_LEX_NOT_A_FILE', 2);
    expectUserError(await runCli(['lexicon', 'show', 'no-such-lexicon']), 'E_LEX_UNKNOWN', 2);
    expectUserError(await runCli(['score', '--lexicon', path.join(dir, 'missing.tsv')], { input: '{"text":"x"}\n' }), 'E_LEX_UNREADABLE', 2);
  });

  it.skipIf(IS_ROOT)('an unreadable lexicon (chmod 000): E_LEX_UNREADABLE', async () => {
    const file = path.join(dir, 'locked.tsv');
    writeFileSync(file, LEXICON_TEXT);
    chmodSync(file, 0o000);
    expectUserError(await runCli(['lexicon', 'show', file]), 'E_LEX_UNREADABLE', 2);
  });

  it('missing and folder inputs of a pipeline become rejects with E_FILE_MISSING / E_NOT_A_FILE, and the run ends with exit 1', async () => {
    const sub = tempDir('rehumanize-inputs-');
    mkdirSync(path.join(sub, 'data.jsonl'));
    const file = pipeline(sub, 'inputs');
    writeFileSync(file, `name: inputs\ninputs:\n  - path: in.jsonl\n  - path: gone.jsonl\n  - path: data.jsonl\n    format: jsonl\nlexicons: [${LEXICONS.join(', ')}]\n`);
    const r = await runCli(['run', file, '--out', path.join(sub, 'out'), '--quiet']);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.code, r.stderr).toBe(1);
    const rejects = tree(path.join(sub, 'out')).includes('rejects.jsonl')
      ? (await import('node:fs')).readFileSync(path.join(sub, 'out', 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
      : [];
    expect(rejects.map((x: { code: string }) => x.code).sort()).toEqual(['E_FILE_MISSING', 'E_NOT_A_FILE']);
  }, 60_000);

  it('score with a missing file or a folder: E_FILE_UNREADABLE on stderr, exit 1, no stack', async () => {
    const r = await runCli(['score', ...LEXICONS.flatMap((l) => ['--lexicon', l]), path.join(dir, 'missing.jsonl'), dir]);
    expect(r.stderr).toContain('E_FILE_UNREADABLE');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.code).toBe(1);
  });

  it('a pipeline name with ../ is refused, and field values with ../ create nothing outside --out', async () => {
    const sub = tempDir('rehumanize-escape-');
    const bad = pipeline(sub, '../../escaped');
    expectUserError(await runCli(['run', bad], { cwd: sub }), 'E_CONFIG_INVALID', 2);
    expect(existsSync(path.join(sub, '..', 'escaped'))).toBe(false);

    const work = path.join(sub, 'work');
    mkdirSync(work);
    const ok = pipeline(work, 'fine');
    const out = path.join(work, 'out');
    const r = await runCli(['run', ok, '--out', out, '--quiet'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    // Only the pipeline, its input and the output folder are in the work folder; nothing appeared beside it.
    expect(readdirSync(work).sort()).toEqual(['fine.yaml', 'in.jsonl', 'out']);
    expect(readdirSync(sub).filter((f) => !f.endsWith('.yaml')).sort()).toEqual(['in.jsonl', 'work']);
    expect(tree(out).every((f) => !f.includes('..'))).toBe(true);
  }, 60_000);

  it('an output folder that cannot be made (a file in the way): E_OUTPUT_DIR with what to do', async () => {
    const sub = tempDir('rehumanize-outdir-');
    const file = pipeline(sub, 'blocked');
    writeFileSync(path.join(sub, 'blocker'), 'a file, not a folder');
    const r = await runCli(['run', file, '--out', path.join(sub, 'blocker', 'out'), '--quiet']);
    expectUserError(r, 'E_OUTPUT_DIR', 2);
    expect(r.stderr).toMatch(/hint: .*--out/);
  }, 60_000);

  it.skipIf(IS_ROOT)('a read-only output folder: E_OUTPUT_DIR or E_OUTPUT_WRITE with what to do', async () => {
    const sub = tempDir('rehumanize-readonly-');
    const file = pipeline(sub, 'readonly');
    const out = path.join(sub, 'ro');
    mkdirSync(out);
    chmodSync(out, 0o500);
    const r = await runCli(['run', file, '--out', out, '--quiet']);
    expect(r.stderr).toMatch(/E_OUTPUT_(DIR|WRITE)/);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.code).not.toBe(0);
  }, 60_000);

  it('a full disk: E_OUTPUT_WRITE saying the disk is full (tmpfs of 64 KB; skipped when mounting is not allowed)', async () => {
    const mnt = tempDir('rehumanize-full-');
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { encoding: 'utf8' });
    if (mount.status !== 0) {
      console.log(`full-disk case skipped: cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || '').trim()})`);
      return;
    }
    try {
      const sub = tempDir('rehumanize-fullsrc-');
      const big = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: String(i), date: '2020-01-01', text: `They are vermin, number ${i}. ${'Words fill the disk. '.repeat(5)}` })).join('\n');
      const file = pipeline(sub, 'full');
      writeFileSync(path.join(sub, 'in.jsonl'), `${big}\n`);
      const r = await runCli(['run', file, '--out', path.join(mnt, 'out'), '--quiet']);
      expect(r.stderr).toMatch(/E_OUTPUT_(WRITE|DIR)|E_STORE_/);
      expect(r.stderr).toMatch(/disk is full|ENOSPC|space/);
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(r.code).not.toBe(0);
    } finally {
      spawnSync('umount', [mnt]);
    }
  }, 120_000);

  it('running as root: the chmod cases above are skipped, because root reads and writes through chmod 000', () => {
    if (IS_ROOT) console.log('running as root: unreadable-file and read-only-folder cases skipped (chmod does not stop root)');
    expect(true).toBe(true);
  });
});
