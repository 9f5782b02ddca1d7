/**
 * Scoring in shards anywhere and aggregating here must give the indicators a local run gives: the same
 * indicators.csv, changepoints.csv and comparisons.csv, byte for byte, from scored JSONL or from partials.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/helpers.js';
import { RESULT_FILES, writeSampleCorpus } from './helpers.js';

describe('rehumanize score --pipeline → rehumanize aggregate', () => {
  const dir = tempDir('rehumanize-aggregate-');
  let sample: ReturnType<typeof writeSampleCorpus>;
  const scored: string[] = [];
  const partials: string[] = [];

  beforeAll(async () => {
    sample = writeSampleCorpus(dir, 3);
    const local = await runCli(['run', sample.pipeline, '--out', join(dir, 'local'), '--quiet']);
    expect(local.code, local.stderr).toBe(0);
    for (const [k, shard] of sample.shardFiles.entries()) {
      const partial = join(dir, `partial-${k + 1}.json`);
      const out = await runCli(['score', '--pipeline', sample.pipeline, '--partial', partial, '--sentences', shard]);
      expect(out.code, out.stderr).toBe(0);
      const file = join(dir, `scored-${k + 1}.jsonl`);
      writeFileSync(file, out.stdout);
      scored.push(file);
      partials.push(partial);
    }
  }, 120_000);

  it('adds each document\'s contribution to its scored line, keeping the existing fields', () => {
    const first = JSON.parse(readFileSync(scored[0]!, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(first).toHaveProperty('scores');
    expect(first).toHaveProperty('counts');
    expect(first).toHaveProperty('sentence_count');
    const c = first.contribution as Record<string, unknown>;
    expect(c.id).toBe(first.id);
    expect(Object.keys(c.groups as object)).toEqual(['outlet', 'phase', 'speaker']);
    for (const key of ['sentences', 'tokens', 'dehumanization', 'acknowledgement', 'other_sentences', 'index_sum']) expect(typeof c[key]).toBe('number');
  });

  it('gives the local run\'s files from scored shards, with the evidence when sentences were kept', async () => {
    const out = join(dir, 'from-scored');
    const r = await runCli(['aggregate', '--pipeline', sample.pipeline, '--out', out, ...scored]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${sample.documents} documents (1 seen again in a later shard, counted once`);
    for (const f of [...RESULT_FILES, 'changepoint-evidence.jsonl']) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
  });

  it('gives the local run\'s files from partial aggregates, and says why evidence is missing', async () => {
    const out = join(dir, 'from-partials');
    const r = await runCli(['aggregate', '--pipeline', sample.pipeline, '--out', out, ...partials.reverse()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('change point evidence not written');
    for (const f of RESULT_FILES) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
  });

  it('mixes scored shards and partials, counting a document in both once', async () => {
    const out = join(dir, 'mixed');
    const r = await runCli(['aggregate', '--pipeline', sample.pipeline, '--out', out, scored[0]!, partials[0]!, ...partials.slice(1)]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of RESULT_FILES) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
  });

  it('refuses shards scored without a pipeline, and partials cut by another period', async () => {
    const plain = await runCli(['score', sample.shardFiles[0]!]);
    const file = join(dir, 'plain.jsonl');
    writeFileSync(file, plain.stdout);
    const r = await runCli(['aggregate', '--pipeline', sample.pipeline, '--out', join(dir, 'bad'), file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_AGGREGATE_NO_CONTRIBUTION');

    const yearly = join(dir, 'yearly.yaml');
    writeFileSync(yearly, readFileSync(sample.pipeline, 'utf8').replace('period: month', 'period: year'));
    const m = await runCli(['aggregate', '--pipeline', yearly, '--out', join(dir, 'bad2'), partials[0]!]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('E_AGGREGATE_MISMATCH');

    const u = await runCli(['score', '--partial', join(dir, 'x.json'), sample.shardFiles[0]!]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('--partial needs --pipeline');
  });
});
