import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run.js';
import { Store } from '../../src/store/store.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { load, pipelineYaml, sampleWorkspace } from './helpers.js';

async function tableCounts(path: string): Promise<Record<string, number>> {
  const store = await Store.open(path, { readOnly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of ['documents', 'sentences', 'findings', 'indicators', 'runs']) {
      out[t] = (await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t}`))[0]!.n;
    }
    return out;
  } finally {
    store.close();
  }
}

describe('incremental runs through the store', () => {
  it('stores everything once, skips it all on a repeated run, and scores exactly a new document', async () => {
    const ws = sampleWorkspace();
    const config = load(ws.pipeline);
    const first = await runPipeline(config, { outDir: ws.out });
    expect(first.scored).toBe(first.read);
    expect(first.skipped).toBe(0);
    expect(first.read).toBe(first.scored + first.skipped + first.rejected + first.duplicates);
    const storePath = join(ws.out, 'store.duckdb');
    expect(existsSync(storePath)).toBe(true);
    expect(existsSync(join(ws.out, 'store.lock'))).toBe(false);
    const before = await tableCounts(storePath);
    expect(before.documents).toBe(first.scored);
    const indicatorsBefore = readFileSync(join(ws.out, 'indicators.csv'), 'utf8');

    // The same inputs again: nothing is scored, nothing is added.
    const second = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(second.scored).toBe(0);
    expect(second.skipped).toBe(first.scored);
    expect(second.read).toBe(second.scored + second.skipped + second.rejected + second.duplicates);
    const after = await tableCounts(storePath);
    expect({ ...after, runs: 0 }).toEqual({ ...before, runs: 0 });
    expect(after.runs).toBe(2);
    expect(readFileSync(join(ws.out, 'indicators.csv'), 'utf8')).toBe(indicatorsBefore);
    const manifest = JSON.parse(readFileSync(join(ws.out, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ scored: 0, skipped: first.scored, balanced: true });
    expect(manifest.scorer.changed).toBe(false);

    // One new article, dated in a month that has others, full of dehumanizing words.
    appendFileSync(ws.csv, `NEW-001,2025-03-14,Veloria Daily Herald,Border,"They are vermin. They are animals and filth. The Karsks are rats."\n`);
    const third = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(third.scored).toBe(1);
    expect(third.skipped).toBe(first.scored);
    expect((await tableCounts(storePath)).documents).toBe(first.scored + 1);
    const indicatorsAfter = readFileSync(join(ws.out, 'indicators.csv'), 'utf8');
    expect(indicatorsAfter).not.toBe(indicatorsBefore);
    const march = (csv: string): string | undefined => csv.split('\n').find((l) => l.startsWith('Veloria Daily Herald,2025-03,') && l.includes(',dehumanization,'));
    expect(march(indicatorsAfter)).not.toBe(march(indicatorsBefore));
    // documents.csv is re-exported from the whole store.
    expect(readFileSync(join(ws.out, 'documents.csv'), 'utf8')).toContain('NEW-001,');
  });

  it('rescores what a scorer change affects and records the old and new versions', async () => {
    const ws = sampleWorkspace();
    const first = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    // Drop the actor list that marks sides: another lexicon set, so another scorer version.
    writeFileSync(ws.pipeline, pipelineYaml(false));
    const second = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(second.scored).toBe(first.scored);
    expect(second.skipped).toBe(0);
    const manifest = JSON.parse(readFileSync(join(ws.out, 'manifest.json'), 'utf8'));
    expect(manifest.scorer.changed).toBe(true);
    expect(manifest.scorer.previous_version).not.toBe(manifest.scorer.version);
    expect(manifest.scorer.previous_version).toContain('actors-sample-conflict@');
    expect(manifest.pipeline.previous_config_hash).not.toBe(manifest.pipeline.config_hash);
    expect(manifest.counts.replaced).toBe(first.scored);
    expect(Object.keys(manifest.store.documents_by_scorer)).toEqual([manifest.scorer.version]);
  });

  it('rescores stored documents the current inputs no longer name when the scorer changes, from their stored text', async () => {
    const ws = sampleWorkspace();
    const first = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    // Keep only the header and the first record in the input, and change the scorer.
    const lines = readFileSync(ws.csv, 'utf8').split('\n');
    const end = lines.findIndex((l, i) => i > 1 && /^[A-Z]+-\d+,/.test(l));
    writeFileSync(ws.csv, `${lines.slice(0, end).join('\n')}\n`);
    writeFileSync(ws.pipeline, pipelineYaml(false));
    const second = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(second.read).toBe(1);
    expect(second.scored).toBe(1);
    expect(second.storedDocuments).toBe(first.scored);
    const manifest = JSON.parse(readFileSync(join(ws.out, 'manifest.json'), 'utf8'));
    expect(manifest.counts.rescored_from_store).toBe(first.scored - 1);
    expect(Object.keys(manifest.store.documents_by_scorer)).toEqual([manifest.scorer.version]);
  });

  it('records a run stopped by --strict as failed and releases the store', async () => {
    const ws = sampleWorkspace();
    appendFileSync(ws.csv, 'BAD-1,2025-02-02,Veloria Daily Herald,only title\n');
    await expect(runPipeline(load(ws.pipeline), { outDir: ws.out, strict: true })).rejects.toMatchObject({ name: 'UserError' });
    expect(existsSync(join(ws.out, 'store.lock'))).toBe(false);
    const again = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(again.rejected).toBe(1);
    const store = await Store.open(join(ws.out, 'store.duckdb'), { readOnly: true });
    try {
      expect((await store.all<{ status: string }>('SELECT status FROM runs ORDER BY started_at')).map((r) => r.status)).toEqual(['failed', 'done']);
    } finally {
      store.close();
    }
  });

  it('applies each migration once', async () => {
    const ws = sampleWorkspace();
    const path = join(ws.dir, 'm.duckdb');
    for (let i = 0; i < 2; i++) (await Store.open(path)).close();
    const store = await Store.open(path, { readOnly: true });
    try {
      const expected = Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 }));
      expect(await store.all('SELECT version FROM schema_version ORDER BY version')).toEqual(expected);
    } finally {
      store.close();
    }
  });

  it('a changed document is rescored and replaced, not added twice', async () => {
    const ws = sampleWorkspace();
    const first = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    const text = readFileSync(ws.csv, 'utf8').replace('Airspace row after training flight', 'They are vermin said nobody');
    writeFileSync(ws.csv, text);
    const second = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(second.scored).toBe(1);
    expect(second.skipped).toBe(first.scored - 1);
    const store = await Store.open(join(ws.out, 'store.duckdb'), { readOnly: true });
    try {
      const [row] = await store.all<{ n: number; d: number }>(`SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS d FROM documents`);
      expect(row).toEqual({ n: first.scored, d: first.scored });
      const [s] = await store.all<{ bad: number }>(
        `SELECT count(*)::INTEGER AS bad FROM documents d WHERE d.sentences <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)`,
      );
      expect(s!.bad).toBe(0);
      expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    } finally {
      store.close();
    }
  });

  it('keeps rejects of every run in the store, and honours store.path', async () => {
    const ws = sampleWorkspace({ extraYaml: 'store:\n  path: elsewhere/my.duckdb\n' });
    appendFileSync(ws.csv, 'BAD-1,2025-02-02,Veloria Daily Herald,only title\n');
    const first = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(first.rejected).toBe(1);
    await runPipeline(load(ws.pipeline), { outDir: ws.out });
    expect(existsSync(join(ws.dir, 'elsewhere', 'my.duckdb'))).toBe(true);
    expect(existsSync(join(ws.out, 'store.duckdb'))).toBe(false);
    const store = await Store.open(join(ws.dir, 'elsewhere', 'my.duckdb'), { readOnly: true });
    try {
      const rows = await store.all<{ runs: number; n: number }>('SELECT count(DISTINCT run_id)::INTEGER AS runs, count(*)::INTEGER AS n FROM rejects');
      expect(rows[0]).toEqual({ runs: 2, n: 2 });
    } finally {
      store.close();
    }
    expect(readFileSync(join(ws.out, 'rejects.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
