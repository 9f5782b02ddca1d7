/** Shared setup for store tests: a private copy of the sample news corpus and a pipeline over it. */

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parsePipeline, type PipelineConfig } from '../../src/pipeline/config.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SAMPLE_CSV = join(ROOT, 'corpora-samples', 'news', 'articles.csv');

/** A fresh folder with `articles.csv` (a copy of the sample) and `pipeline.yaml`. */
export function sampleWorkspace(options: { extraYaml?: string; actors?: boolean } = {}): { dir: string; csv: string; pipeline: string; out: string } {
  const base = join(ROOT, 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'store-'));
  const csv = join(dir, 'articles.csv');
  copyFileSync(SAMPLE_CSV, csv);
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, pipelineYaml(options.actors ?? true, options.extraYaml ?? ''));
  return { dir, csv, pipeline, out: join(dir, 'out') };
}

/** The pipeline text: media monitoring by outlet and month, fewer resamples to keep tests quick. */
export function pipelineYaml(actors: boolean, extra = ''): string {
  return `name: store-test
inputs:
  - path: articles.csv
    format: csv
    fields:
      id: id
      date: date
      source: outlet
      text: [title, body]
lexicons: [default]
actors: [${actors ? 'actors-sample-conflict' : ''}]
period: month
groups: [source]
indicators:
  bootstrap: 200
  seed: 11
changepoints:
  evidence: 5
${extra}`;
}

/** Loads a pipeline file. */
export function load(path: string): PipelineConfig {
  return parsePipeline(readFileSync(path, 'utf8'), path);
}

/** A scratch folder under test/.tmp. */
export function scratch(prefix: string): string {
  const base = join(ROOT, 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

export { tmpdir };
