/**
 * Documentation and code agree on the error codes: every code thrown or emitted in src/ is listed in
 * docs/errors.md, and every code listed there still exists in src/. Users and scripts match on these codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Codes written as string literals ('E_X', "E_X", `E_X`): what the code can throw or emit. */
function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](E_[A-Z0-9]+(?:_[A-Z0-9]+)*)['"`]/g)) if (!codes.has(m[1])) codes.set(m[1], path.relative(ROOT, file));
  }
  return codes;
}

function codesInDocs(): Set<string> {
  const text = readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
  return new Set([...text.matchAll(/^\| `(E_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
}

describe('error codes: docs/errors.md and src/ agree', () => {
  const source = codesInSource();
  const docs = codesInDocs();

  it('every code in src/ is documented', () => {
    const missing = [...source].filter(([code]) => !docs.has(code)).map(([code, file]) => `${code} (${file})`);
    console.log(`error codes: ${source.size} in src/, ${docs.size} in docs/errors.md`);
    expect(missing, 'add these to docs/errors.md with their meaning and what to do').toEqual([]);
  });

  it('every documented code exists in src/', () => {
    expect([...docs].filter((code) => !source.has(code)), 'remove these from docs/errors.md or bring the code back').toEqual([]);
  });

  it('each code is documented once, with a meaning and what to do', () => {
    const text = readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
    const rows = [...text.matchAll(/^\| `(E_[A-Z0-9_]+)` \|(.*)$/gm)];
    const seen = new Set<string>();
    for (const [, code, rest] of rows) {
      expect(seen.has(code), `${code} listed twice`).toBe(false);
      seen.add(code);
      const cells = rest.split('|').map((c) => c.trim()).filter(Boolean);
      expect(cells.length, `${code} needs a meaning and what to do`).toBeGreaterThanOrEqual(2);
    }
  });

  it('the reader codes are also in docs/errors-readers.md', () => {
    const readers = readFileSync(path.join(ROOT, 'docs', 'errors-readers.md'), 'utf8');
    const codes = readFileSync(path.join(ROOT, 'src', 'readers', 'codes.ts'), 'utf8');
    for (const m of codes.matchAll(/'(E_[A-Z0-9_]+)'/g)) expect(readers).toContain(`\`${m[1]}\``);
  });
});
