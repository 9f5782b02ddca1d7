/**
 * The scoring pool gives the same results as scoring in one thread, in input order, and fails loudly: a
 * document that throws, or a worker thread that dies, ends the run with an error naming the document rather
 * than a hang. Speed is measured by `npm run bench`, never asserted here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult, InputDocument } from '../../src/core/types.js';
import { createScoringPool, scoreInParallel, workersFrom, type PoolOptions } from '../../src/parallel/pool.js';
import { ACTORS, ensureBuilt, LEXICONS, readDocs, ROOT, SAMPLES } from './helpers.js';

const REFS: PoolOptions = { lexicons: LEXICONS, actors: ACTORS, baseDir: ROOT };

let docs: InputDocument[];

beforeAll(async () => {
  ensureBuilt();
  docs = [];
  for (const sample of SAMPLES) docs.push(...(await readDocs(sample.spec)));
}, 300_000);

async function collect(input: AsyncIterable<InputDocument> | Iterable<InputDocument>, options: PoolOptions): Promise<Array<{ doc: InputDocument; result: DocumentResult }>> {
  const out: Array<{ doc: InputDocument; result: DocumentResult }> = [];
  for await (const r of scoreInParallel(input, options)) out.push(r);
  return out;
}

/** Yields documents with pauses, so batches complete out of order. */
async function* trickle(items: readonly InputDocument[]): AsyncGenerator<InputDocument> {
  for (let i = 0; i < items.length; i++) {
    if (i % 17 === 0) await new Promise((r) => setTimeout(r, 1));
    yield items[i]!;
  }
}

describe('scoreInParallel', () => {
  it('gives identical results with 1, 2 and 3 workers on every sample, in input order', async () => {
    const one = await collect(docs, { ...REFS, workers: 1 });
    expect(one.map((r) => r.doc)).toEqual(docs);
    for (const workers of [2, 3]) {
      const many = await collect(docs, { ...REFS, workers });
      expect(many.map((r) => r.doc.id)).toEqual(docs.map((d) => d.id));
      expect(many.map((r) => r.result)).toStrictEqual(one.map((r) => r.result));
      // Written out, the results are byte-identical too (key order kept across threads).
      expect(JSON.stringify(many.map((r) => r.result))).toBe(JSON.stringify(one.map((r) => r.result)));
    }
  }, 300_000);

  it('keeps input order with small, uneven batches and few batches in flight', async () => {
    // Long and short documents alternate, so later batches often finish first.
    const mixed = docs.slice(0, 200).sort((a, b) => (a.id < b.id ? -1 : 1));
    const out = await collect(trickle(mixed), { ...REFS, workers: 3, batchDocuments: 3, batchChars: 4000, inFlight: 2 });
    expect(out.map((r) => r.doc.id)).toEqual(mixed.map((d) => d.id));
    for (const { doc, result } of out) expect(result.id).toBe(doc.id);
  }, 120_000);

  it('handles an empty input', async () => {
    expect(await collect([], { ...REFS, workers: 2 })).toEqual([]);
  });

  it('stops its workers when the consumer leaves early', async () => {
    let seen = 0;
    for await (const _ of scoreInParallel(docs, { ...REFS, workers: 2, batchDocuments: 4 })) if (++seen === 5) break;
    expect(seen).toBe(5);
  }, 60_000);
});

describe('scoring pool', () => {
  it('passes non-document items through in their place', async () => {
    const pool = createScoringPool({ ...REFS, workers: 2, batchDocuments: 5 });
    try {
      const items = docs.slice(0, 40).map((doc, i) => (i % 3 === 0 ? { kind: 'skip' as const, n: i } : { kind: 'doc' as const, n: i, doc }));
      const out = [];
      for await (const r of pool.scoreItems(items, (it) => (it.kind === 'doc' ? it.doc : null))) out.push(r);
      expect(out.map((r) => r.item.n)).toEqual(items.map((it) => it.n));
      for (const { item, result } of out) {
        if (item.kind === 'skip') expect(result).toBeNull();
        else expect(result?.id).toBe(item.doc.id);
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('surfaces a document that throws in a worker as an error naming it', async () => {
    const bad = docs[57]!.id;
    await expect(collect(docs, { ...REFS, workers: 2, batchDocuments: 8, hooks: { throwOnId: bad } })).rejects.toThrow(new RegExp(`scoring document "${bad}" failed`));
  }, 60_000);

  it('surfaces a document that throws in-process as the same error', async () => {
    const bad = docs[3]!.id;
    await expect(collect(docs, { ...REFS, workers: 1, hooks: { throwOnId: bad } })).rejects.toThrow(new RegExp(`scoring document "${bad}" failed`));
  }, 60_000);

  it('surfaces a worker thread that dies as an error, not a hang', async () => {
    const bad = docs[21]!.id;
    await expect(collect(docs, { ...REFS, workers: 2, batchDocuments: 8, hooks: { exitOnId: bad } })).rejects.toThrow();
  }, 60_000);

  it('replaces a worker that died, so later batches are still scored', async () => {
    const bad = docs[0]!.id;
    const pool = createScoringPool({ ...REFS, workers: 2, hooks: { exitOnId: bad } });
    try {
      const batches = [docs.slice(0, 3), docs.slice(3, 6), docs.slice(6, 9), docs.slice(9, 12)];
      const settled = await Promise.allSettled(batches.map((b) => pool.scoreBatch(b)));
      expect(settled[0]!.status).toBe('rejected');
      const after = await pool.scoreBatch(docs.slice(12, 20));
      expect(after.map((r) => r.id)).toEqual(docs.slice(12, 20).map((d) => d.id));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('yields the results before a failing batch, then the error', async () => {
    const bad = docs[50]!.id;
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const r of scoreInParallel(docs, { ...REFS, workers: 2, batchDocuments: 10, hooks: { throwOnId: bad } })) seen.push(r.doc.id);
      })(),
    ).rejects.toThrow(/failed/);
    expect(seen).toEqual(docs.slice(0, 50).map((d) => d.id));
  }, 60_000);

  it('shuts down cleanly, twice, and refuses work afterwards', async () => {
    const pool = createScoringPool({ ...REFS, workers: 2 });
    const results = await pool.scoreBatch(docs.slice(0, 5));
    expect(results.map((r) => r.id)).toEqual(docs.slice(0, 5).map((d) => d.id));
    await pool.close();
    await pool.close();
    await expect(pool.scoreBatch(docs.slice(0, 1))).rejects.toThrow(/closed/);
  }, 60_000);

  it('reads the worker count from the option, then REHUMANIZE_WORKERS, then the cores less one', () => {
    expect(workersFrom(3, {})).toBe(3);
    expect(workersFrom(undefined, { REHUMANIZE_WORKERS: '2' })).toBe(2);
    expect(workersFrom(undefined, { REHUMANIZE_WORKERS: 'lots' })).toBeGreaterThanOrEqual(1);
    expect(workersFrom(undefined, {})).toBeGreaterThanOrEqual(1);
  });
});
