// How long computeIndicators takes on the AllSides news corpus, grouped by month × source with the options of
// the end-to-end bench (bench/run-bench.mjs, stage e2e-1), and what it produces, so that a speed-up can be
// checked byte for byte against the rows of the code before it.
//
// Scoring the corpus takes minutes and is not what is measured here, so the contributions are computed once
// with the built scorer and cached as JSON in the temp folder; later runs read the cache. The cache is keyed
// by nothing but its path: pass --rescore after a change to scoring (src/measures, lexicons) to rebuild it.
// Comparing two versions of computeIndicators on the same cache is what makes the comparison fair, so keep
// the cache between a before and an after run.
//
// Run (after `npm run build`):
//   node bench/indicators-speed.mjs [--out rows.json] [--dist path/to/dist] [--cache file.json] [--repeats 3] [--rescore]
// --dist loads computeIndicators from another build (e.g. a copy of dist/ taken before a change); scoring
// always uses this checkout's dist/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const DATA = path.resolve(root, '../shared/data/allsides-news/articles.jsonl.gz');
// The same reading spec, lexicons, actors and grouping as bench/run-bench.mjs.
const SPEC = { path: 'articles.jsonl', format: 'jsonl', fields: { id: 'ID', text: 'content_original', date: 'date_iso', source: 'source' } };
const LEXICONS = ['default'];
const ACTORS = [];
const GROUP_FIELDS = ['source'];

function parseArgs(argv) {
  const args = { out: null, dist: path.join(root, 'dist'), cache: path.join(tmpdir(), 'rehumanize-indicator-contribs.json'), repeats: 3, rescore: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} expects a value`);
      return v;
    };
    if (a === '--out') args.out = path.resolve(next());
    else if (a === '--dist') args.dist = path.resolve(next());
    else if (a === '--cache') args.cache = path.resolve(next());
    else if (a === '--repeats') args.repeats = Number(next());
    else if (a === '--rescore') args.rescore = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/indicators-speed.mjs [--out rows.json] [--dist dist] [--cache contribs.json] [--repeats 3] [--rescore]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(args.repeats) || args.repeats < 1) throw new Error('--repeats expects a positive integer');
  return args;
}

/** Scores the corpus with this checkout's build and returns every document's contribution, in corpus order. */
async function scoreCorpus() {
  const dist = path.join(root, 'dist');
  const load = (p) => import(pathToFileURL(path.join(dist, p)).href);
  const { readByteStream } = await load('readers/read-inputs.js');
  const { openByteStream } = await load('readers/gzip.js');
  const { scoreInParallel } = await load('parallel/pool.js');
  const { contributionOf } = await load('aggregate/contribution.js');
  const { setupScorer } = await load('classify/scorer-setup.js');
  const { sidesConfigured } = setupScorer(LEXICONS, ACTORS, root);
  async function* documents() {
    for await (const event of readByteStream(openByteStream(DATA), SPEC)) if (event.kind === 'document') yield event.document;
  }
  const contributions = [];
  // Scoring is deterministic whatever the number of workers, so every core is used to make the cache quickly.
  for await (const { doc, result } of scoreInParallel(documents(), { workers: availableParallelism(), lexicons: LEXICONS, actors: ACTORS, baseDir: root })) {
    contributions.push(contributionOf(result, doc, GROUP_FIELDS, sidesConfigured));
  }
  return { sidesConfigured, contributions };
}

async function cachedContributions(args) {
  if (!args.rescore && existsSync(args.cache)) {
    console.log(`contributions: ${args.cache} (cached; --rescore to rebuild)`);
    return JSON.parse(readFileSync(args.cache, 'utf8'));
  }
  console.log('scoring the corpus once to cache the contributions…');
  const t = performance.now();
  const scored = await scoreCorpus();
  writeFileSync(args.cache, JSON.stringify(scored));
  console.log(`scored ${scored.contributions.length} documents in ${((performance.now() - t) / 1000).toFixed(1)} s; cached in ${args.cache}`);
  return scored;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(DATA)) {
    console.log(`indicators-speed skipped: ${DATA} is not present (the shared corpus folder ../shared is absent)`);
    return;
  }
  if (!existsSync(path.join(args.dist, 'aggregate', 'indicators.js')) || !existsSync(path.join(root, 'dist', 'parallel', 'pool.js'))) {
    console.log('indicators-speed skipped: dist/ is missing; run `npm run build` first');
    process.exitCode = 1;
    return;
  }
  const { sidesConfigured, contributions } = await cachedContributions(args);
  const { computeIndicators } = await import(pathToFileURL(path.join(args.dist, 'aggregate', 'indicators.js')).href);
  // The options of the e2e-1 stage of bench/run-bench.mjs.
  const options = {
    period: 'month',
    groupFields: GROUP_FIELDS,
    confidence: 0.95,
    bootstrap: 1000,
    seed: 20250101,
    smoothing: { method: 'ewma', window: 3, alpha: 0.3 },
    sidesConfigured,
  };
  const seconds = [];
  let rows = null;
  for (let r = 0; r < args.repeats; r++) {
    const t = performance.now();
    rows = computeIndicators(contributions, options);
    seconds.push((performance.now() - t) / 1000);
  }
  console.log(`computeIndicators (${args.dist}): ${contributions.length} documents → ${rows.length} rows; runs ${seconds.map((s) => s.toFixed(3)).join(', ')} s; best ${Math.min(...seconds).toFixed(3)} s`);
  if (args.out) {
    writeFileSync(args.out, `${JSON.stringify(rows)}\n`);
    console.log(`rows written to ${args.out}`);
  }
}

await main();
