// Reading speed and memory of the readers on the AllSides news corpus: once, then the same data
// ten times over through a concatenating generator (nothing is written to disk). Memory should stay
// flat when the input grows ten-fold; the ratio of peak RSS shows whether it does.
// Run: npm run build && node bench/read-memory.mjs
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = path.resolve(here, '../../shared/data/allsides-news/articles.jsonl.gz');
if (!existsSync(data)) {
  console.log(`skipped: ${data} is not present (the shared corpus folder ../shared is absent)`);
  process.exit(0);
}
const dist = path.resolve(here, '../dist/readers/read-inputs.js');
if (!existsSync(dist)) {
  console.log('skipped: dist/readers/read-inputs.js is missing; run `npm run build` first');
  process.exit(0);
}
const { readByteStream } = await import(dist);
const { openByteStream } = await import(path.resolve(here, '../dist/readers/gzip.js'));

const spec = { path: 'articles.jsonl', format: 'jsonl', fields: { id: 'ID', text: 'content_original', date: 'date_iso', source: 'source' } };

let peak = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peak) peak = rss;
};
const timer = setInterval(sample, 50);

async function* repeated(times, counter) {
  for (let i = 0; i < times; i++) {
    for await (const chunk of openByteStream(data)) {
      counter.bytes += chunk.length;
      yield chunk;
    }
  }
}

async function run(times) {
  global.gc?.();
  peak = 0;
  sample();
  const counter = { bytes: 0 };
  const counts = { document: 0, reject: 0, duplicate: 0 };
  const t0 = performance.now();
  for await (const e of readByteStream(repeated(times, counter), spec)) {
    counts[e.kind]++;
    if ((counts.document & 4095) === 0) sample();
  }
  const secs = (performance.now() - t0) / 1000;
  sample();
  const mb = counter.bytes / 1e6;
  return { times, mb, secs, rate: mb / secs, peakMB: peak / 1e6, counts };
}

console.log(`input: ${data} (${(statSync(data).size / 1e6).toFixed(1)} MB gzipped)`);
const results = [];
for (const times of [1, 10]) {
  const r = await run(times);
  results.push(r);
  console.log(
    `x${times}: ${r.mb.toFixed(0)} MB decompressed in ${r.secs.toFixed(1)} s = ${r.rate.toFixed(1)} MB/s, ` +
      `peak RSS ${r.peakMB.toFixed(0)} MB, documents ${r.counts.document}, rejects ${r.counts.reject}, duplicates ${r.counts.duplicate}`,
  );
}
clearInterval(timer);
console.log(`peak RSS ratio x10/x1: ${(results[1].peakMB / results[0].peakMB).toFixed(2)}; throughput ratio: ${(results[1].rate / results[0].rate).toFixed(2)}`);
