import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputDocument } from '../../src/core/types.js';
import { readByteStream, readInputs } from '../../src/readers/read-inputs.js';
import { openByteStream } from '../../src/readers/gzip.js';
import type { InputSpec } from '../../src/readers/input-spec.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ALLSIDES = join(ROOT, '..', 'shared', 'data', 'allsides-news', 'articles.jsonl.gz');

/** The bundled samples with the lexicons their pipelines use. */
export const SAMPLES: ReadonlyArray<{ name: string; spec: InputSpec }> = [
  { name: 'news', spec: { path: 'corpora-samples/news/articles.jsonl', format: 'jsonl', fields: { id: 'id', date: 'date', source: 'outlet', text: ['title', 'body'] } } },
  { name: 'workshop', spec: { path: 'corpora-samples/workshop/turns.jsonl', format: 'jsonl', fields: { id: 'id', date: 'date', speaker: 'speaker', text: 'text' } } },
  { name: 'speeches', spec: { path: 'corpora-samples/speeches/speeches.jsonl.gz', format: 'jsonl', fields: { id: 'id', date: 'year', country: 'country', text: 'text' } } },
];
export const LEXICONS = ['default'];
export const ACTORS = ['actors-sample-conflict'];

/** Every document of an input, in order. */
export async function readDocs(spec: InputSpec): Promise<InputDocument[]> {
  const docs: InputDocument[] = [];
  for await (const e of readInputs([spec], { baseDir: ROOT })) if (e.kind === 'document') docs.push(e.document);
  return docs;
}

/** The first `limit` documents of the AllSides corpus. */
export async function readAllSides(limit: number): Promise<InputDocument[]> {
  const spec: InputSpec = { path: 'articles.jsonl', format: 'jsonl', fields: { id: 'ID', text: 'content_original', date: 'date_iso', source: 'source' } };
  const docs: InputDocument[] = [];
  for await (const e of readByteStream(openByteStream(ALLSIDES), spec)) {
    if (e.kind !== 'document') continue;
    docs.push(e.document);
    if (docs.length >= limit) break;
  }
  return docs;
}

function newestSource(dir: string): { stale: boolean } {
  let stale = false;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const out = join(ROOT, 'dist', relative(join(ROOT, 'src'), p)).replace(/\.ts$/, '.js');
        if (!existsSync(out) || statSync(out).mtimeMs < statSync(p).mtimeMs) stale = true;
      }
    }
  };
  walk(dir);
  return { stale };
}

/** Worker threads run the compiled worker from dist/: build when it is missing or older than the sources. */
export function ensureBuilt(): void {
  if (!newestSource(join(ROOT, 'src')).stale) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'pipe' });
  } catch {
    // Type errors elsewhere in the tree do not stop tsc from emitting; the check below is what matters.
  }
  if (!existsSync(join(ROOT, 'dist', 'parallel', 'worker.js'))) throw new Error('dist/parallel/worker.js is missing after the build');
}
