import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupScorer, type ScorerSetup } from '../../src/classify/scorer-setup.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GOLD = join(ROOT, 'corpora-samples', 'gold', 'gold.jsonl');

let cached: ScorerSetup | null = null;
/** The bundled lexicons, rules only (loaded once per test file). */
export function rules(): ScorerSetup {
  cached ??= setupScorer(['default'], [], ROOT);
  return cached;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rehumanize-classify-'));
}

/** A seeded generator for test data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
