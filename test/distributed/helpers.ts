import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers.js';

/** The fixture pipeline: reads `corpus.jsonl` next to it, groups by outlet per month, compares pre/post by speaker. */
export const SAMPLES_PIPELINE = join(ROOT, 'test', 'distributed', 'fixtures', 'samples.yaml');

/** The output files that must not depend on where documents were scored. */
export const RESULT_FILES = ['indicators.csv', 'changepoints.csv', 'comparisons.csv'] as const;

/**
 * Writes the workshop turns and news articles of corpora-samples as one JSONL corpus in `dir` (each line with
 * `text`; articles as title + body), mixed so every shard holds both, split into `shards` files, plus the last
 * shard repeating the first document of the first shard (a document seen twice must count once). Also writes
 * `corpus.jsonl` (all shards in order) and copies the fixture pipeline to `dir/samples.yaml`.
 */
export function writeSampleCorpus(dir: string, shards = 3): { pipeline: string; corpus: string; shardFiles: string[]; documents: number } {
  const turns = readFileSync(join(ROOT, 'corpora-samples', 'workshop', 'turns.jsonl'), 'utf8').trim().split('\n');
  const articles = readFileSync(join(ROOT, 'corpora-samples', 'news', 'articles.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const { title, body, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ ...rest, text: `${String(title)}\n\n${String(body)}` });
    });
  const lines = [...turns, ...articles];
  const mixed = lines.map((l, i) => [(i * 7919) % lines.length, l] as const).sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  const size = Math.ceil(mixed.length / shards);
  const parts = Array.from({ length: shards }, (_, k) => mixed.slice(k * size, (k + 1) * size));
  parts[shards - 1]!.push(parts[0]![0]!);
  const shardFiles = parts.map((p, k) => {
    const file = join(dir, `shard-${k + 1}.jsonl`);
    writeFileSync(file, `${p.join('\n')}\n`);
    return file;
  });
  const corpus = join(dir, 'corpus.jsonl');
  writeFileSync(corpus, `${parts.flat().join('\n')}\n`);
  const pipeline = join(dir, 'samples.yaml');
  copyFileSync(SAMPLES_PIPELINE, pipeline);
  return { pipeline, corpus, shardFiles, documents: lines.length };
}
