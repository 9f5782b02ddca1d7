// How fast rehumanize scores a real news corpus, and whether memory stays flat as the corpus grows.
//
// Over the AllSides news corpus (../shared/data/allsides-news/articles.jsonl.gz), measured in one run on the
// same text:
//   bare     read + tokenize (src/text/tokenize.ts) + one Map lookup per token: the floor any scorer pays
//   wink     read + wink-nlp over every sentence (one instance, readDoc per document; sentences, tokens, POS,
//            negation flags): what a general NLP pipeline would cost
//   e2e-1    our pipeline end to end in one thread: read, score, contributionOf, write documents.csv and
//            findings.jsonl to a temp folder, computeIndicators at the end
//   e2e-N    the same with N worker threads (default: every core); e2e-1 and e2e-N score with the rules alone
//   e2e-default-N  the same on N threads with the shipped models where models/defaults.json turns them on: what
//            `rehumanize run` does when a pipeline names no models
//   mem-x1 / mem-x10   the streaming part (read, score on N threads, write) over the corpus and over the
//            corpus ten times (a generator re-reads the file; nothing extra is written to disk)
// Every stage runs in its own child process, so each peak RSS (getrusage maxRSS, plus 100 ms samples) belongs
// to that stage alone. Results go to bench/results.json and bench/RESULTS.md.
//
// Run: npm run bench [-- --limit-mb 60] [--workers 2] [--times 10] [--skip-wink] [--skip-memory] [--no-write]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const checkout = path.resolve(here, '..');
// Stages run against a snapshot of dist/ and the lexicons taken when the bench starts, so a rebuild in the
// shared checkout halfway through cannot make two stages measure different code.
let root = checkout;
let dist = path.join(checkout, 'dist');
const DATA = path.resolve(root, '../shared/data/allsides-news/articles.jsonl.gz');
const SPEC = { path: 'articles.jsonl', format: 'jsonl', fields: { id: 'ID', text: 'content_original', date: 'date_iso', source: 'source' } };
const LEXICONS = ['default'];
const ACTORS = [];
/** Text held in memory by the pool-only stage. */
const POOL_MB = 40;

function parseArgs(argv) {
  const args = { limitMb: Infinity, workers: availableParallelism(), times: 10, skipWink: false, skipMemory: false, write: true, stage: null, snapshot: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--limit-mb') args.limitMb = Number(next());
    else if (a === '--workers') args.workers = Number(next());
    else if (a === '--times') args.times = Number(next());
    else if (a === '--skip-wink') args.skipWink = true;
    else if (a === '--skip-memory') args.skipMemory = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--stage') args.stage = next();
    else if (a === '--snapshot') args.snapshot = next();
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run-bench.mjs [--limit-mb MB] [--workers N] [--times 10] [--skip-wink] [--skip-memory] [--no-write]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!(args.limitMb > 0)) throw new Error('--limit-mb expects a positive number');
  if (!Number.isInteger(args.workers) || args.workers < 1) throw new Error('--workers expects a positive integer');
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (args.snapshot) {
  root = args.snapshot;
  dist = path.join(root, 'dist');
}

if (!existsSync(DATA)) {
  console.log(`bench skipped: ${DATA} is not present (the shared corpus folder ../shared is absent)`);
  process.exit(0);
}
if (!existsSync(path.join(checkout, 'dist', 'parallel', 'pool.js'))) {
  console.log('bench skipped: dist/ is missing or stale; run `npm run build` first (npm run bench does)');
  process.exit(1);
}


// ---------------------------------------------------------------------------------------------------------
// Stages (each in its own process)

async function runStage(stage, args) {
  const { readByteStream } = await import(path.join(dist, 'readers/read-inputs.js'));
  const { openByteStream } = await import(path.join(dist, 'readers/gzip.js'));

  let peakSampled = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peakSampled) peakSampled = rss;
  };
  const timer = setInterval(sample, 100);
  timer.unref();

  /** Documents of the corpus, up to the text limit, `times` times over (ids repeat; nothing deduplicates). */
  async function* documents(times = 1, counter = { bytes: 0, docs: 0 }) {
    for (let pass = 0; pass < times; pass++) {
      let passBytes = 0;
      for await (const event of readByteStream(openByteStream(DATA), SPEC)) {
        if (event.kind !== 'document') continue;
        const bytes = Buffer.byteLength(event.document.text);
        counter.bytes += bytes;
        counter.docs++;
        passBytes += bytes;
        yield event.document;
        if (passBytes >= args.limitMb * 1e6) break;
      }
    }
  }

  const counter = { bytes: 0, docs: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const extra = await STAGES[stage](documents, counter, args);
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  sample();
  clearInterval(timer);
  const mb = counter.bytes / 1e6;
  const result = {
    stage,
    documents: counter.docs,
    text_mb: round(mb, 2),
    seconds: round(secs, 2),
    mb_per_s: round(mb / secs, 2),
    docs_per_s: round(counter.docs / secs, 1),
    cpu_seconds: round((cpu.user + cpu.system) / 1e6, 2),
    mb_per_cpu_s: round(mb / ((cpu.user + cpu.system) / 1e6), 2),
    peak_rss_mb: round(Math.max(process.resourceUsage().maxRSS * 1024, peakSampled) / 1e6, 1),
    ...extra,
  };
  process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
}

const STAGES = {
  /** Read, tokenize, one Map lookup per token. */
  async bare(documents, counter) {
    const { tokenize } = await import(path.join(dist, 'text/tokenize.js'));
    const { DEFAULT_LEXICON_IDS, loadLexicons } = await import(path.join(dist, 'lexicon/load.js'));
    const words = new Map();
    for (const lexicon of loadLexicons([...DEFAULT_LEXICON_IDS], root)) for (const e of lexicon.entries) for (const el of e.elements) if (el.type === 'word') words.set(el.value, e);
    let tokens = 0;
    let hits = 0;
    for await (const doc of documents(1, counter)) {
      const { forms } = tokenize(doc.text);
      tokens += forms.length;
      for (let i = 0; i < forms.length; i++) if (words.get(forms[i]) !== undefined) hits++;
    }
    return { tokens, lexicon_hits: hits };
  },

  /** Read, wink-nlp on every document: sentences, tokens, POS, negation flags. */
  async wink(documents, counter) {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    // Only the steps asked for (sentence boundaries, negation, POS); the default pipeline measured the same here.
    const nlp = winkNLP(model, ['sbd', 'negation', 'pos']);
    const its = nlp.its;
    let sentences = 0;
    let tokens = 0;
    let negated = 0;
    for await (const doc of documents(1, counter)) {
      const d = nlp.readDoc(doc.text);
      d.sentences().each((s) => {
        sentences++;
        const t = s.tokens();
        const pos = t.out(its.pos);
        const flags = t.out(its.negationFlag);
        tokens += pos.length;
        for (const f of flags) if (f) negated++;
      });
    }
    return { sentences, tokens, negated_tokens: negated };
  },

  /**
   * The pool alone: the first POOL_MB of text held in memory, scored with 1 and with N workers, alternating,
   * three times each; the best run of each counts, so a busy neighbour on a shared machine matters less.
   */
  async pool(documents, counter, args) {
    const { createScoringPool } = await import(path.join(dist, 'parallel/pool.js'));
    const docs = [];
    let held = 0;
    for await (const doc of documents(1, { bytes: 0, docs: 0 })) {
      docs.push({ id: doc.id, text: doc.text });
      held += Buffer.byteLength(doc.text);
      if (held >= Math.min(POOL_MB, args.limitMb) * 1e6) break;
    }
    const best = { 1: 0, [args.workers]: 0 };
    const runs = { 1: [], [args.workers]: [] };
    const pools = { 1: createScoringPool({ workers: 1, lexicons: LEXICONS, actors: ACTORS, baseDir: root }), [args.workers]: createScoringPool({ workers: args.workers, lexicons: LEXICONS, actors: ACTORS, baseDir: root }) };
    try {
      // Warm both (worker start-up and JIT), then measure.
      for (const w of Object.keys(pools)) for await (const _ of pools[w].scoreItems(docs.slice(0, 200), (d) => d));
      for (let rep = 0; rep < 3; rep++) {
        for (const w of [1, args.workers]) {
          const t = performance.now();
          for await (const _ of pools[w].scoreItems(docs, (d) => d));
          const rate = held / 1e6 / ((performance.now() - t) / 1000);
          runs[w].push(round(rate, 2));
          best[w] = Math.max(best[w], rate);
        }
      }
    } finally {
      await Promise.all(Object.values(pools).map((p) => p.close()));
    }
    counter.bytes = held * 6;
    counter.docs = docs.length * 6;
    return { held_mb: round(held / 1e6, 2), runs_mb_per_s: runs, best_1_mb_per_s: round(best[1], 2), best_N_mb_per_s: round(best[args.workers], 2), workers: args.workers };
  },

  /**
   * The machine's own ceiling: the first POOL_MB of text scored by 1 thread, then by N threads at once, each
   * thread scoring all of it with its own scorer and sending nothing until it is done. No pool, no messages,
   * no shared work: whatever N threads fall short of N times one thread here is the machine (shared caches,
   * memory bandwidth, the garbage collector's helper threads, neighbours), not the pipeline.
   */
  async ceiling(documents, counter, args) {
    const { Worker } = await import('node:worker_threads');
    const texts = [];
    let held = 0;
    for await (const doc of documents(1, { bytes: 0, docs: 0 })) {
      texts.push(doc.text);
      held += Buffer.byteLength(doc.text);
      if (held >= Math.min(POOL_MB, args.limitMb) * 1e6) break;
    }
    const runThreads = async (n) => {
      const workers = Array.from({ length: n }, () => new Worker(path.join(here, 'ceiling-worker.mjs'), { workerData: { dist, root, texts, lexicons: LEXICONS, actors: ACTORS } }));
      try {
        await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
        const t0 = performance.now();
        const done = workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); }));
        for (const w of workers) w.postMessage('go');
        const replies = await Promise.all(done);
        return { wall: (performance.now() - t0) / 1000, threadSeconds: replies.map((r) => round(r.seconds, 2)) };
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    };
    const best = { 1: Infinity, N: Infinity };
    const runs = { 1: [], N: [] };
    for (let rep = 0; rep < 2; rep++) {
      const one = await runThreads(1);
      const many = await runThreads(args.workers);
      runs[1].push(round(one.wall, 2));
      runs.N.push(round(many.wall, 2));
      best[1] = Math.min(best[1], one.wall);
      best.N = Math.min(best.N, many.wall);
    }
    counter.bytes = held * 2 * (1 + args.workers);
    counter.docs = texts.length * 2 * (1 + args.workers);
    // Throughput of N threads over that of one: N x the text in the time N threads took, over 1 x in one's time.
    return { held_mb: round(held / 1e6, 2), runs_wall_seconds: runs, threads: args.workers, ceiling_N_over_1: round((args.workers * best[1]) / best.N, 3) };
  },

  'e2e-1': (documents, counter, args) => endToEnd(documents, counter, { ...args, workers: 1 }, { keepContributions: true, times: 1 }),
  'e2e-N': (documents, counter, args) => endToEnd(documents, counter, args, { keepContributions: true, times: 1 }),
  'e2e-default-N': (documents, counter, args) => endToEnd(documents, counter, { ...args, models: 'defaults' }, { keepContributions: true, times: 1 }),
  'mem-x1': (documents, counter, args) => endToEnd(documents, counter, args, { keepContributions: false, times: 1 }),
  'mem-xT': (documents, counter, args) => endToEnd(documents, counter, args, { keepContributions: false, times: args.times }),
};

/**
 * The pipeline as a run does it: read, score (in order, on `workers` threads), contribution per document,
 * a documents.csv row and findings.jsonl lines per document; indicators at the end when contributions are kept.
 * The memory stages write each contribution into its row instead of keeping it (in a run they go to the store).
 */
async function endToEnd(documents, counter, args, { keepContributions, times }) {
  const { scoreInParallel } = await import(path.join(dist, 'parallel/pool.js'));
  const { contributionOf } = await import(path.join(dist, 'aggregate/contribution.js'));
  const { computeIndicators } = await import(path.join(dist, 'aggregate/indicators.js'));
  const { csvLine } = await import(path.join(dist, 'core/csv-format.js'));
  const { LineWriter } = await import(path.join(dist, 'pipeline/outputs.js'));
  const { setupScorer } = await import(path.join(dist, 'classify/scorer-setup.js'));
  const { MEASURES } = await import(path.join(dist, 'core/types.js'));

  // Rules alone unless the stage asks for the shipped models (args.models = 'defaults').
  const { scorer, sidesConfigured } = setupScorer(LEXICONS, ACTORS, root, args.models);
  const out = mkdtempSync(path.join(tmpdir(), 'rehumanize-bench-'));
  const documentsOut = new LineWriter(path.join(out, 'documents.csv'));
  const findingsOut = new LineWriter(path.join(out, 'findings.jsonl'));
  await documentsOut.write(csvLine(['id', 'date', 'source', 'sentences', 'tokens', ...MEASURES.map((m) => `${m}_sentences`), 'other_sentences', 'index_sum', ...MEASURES.map((m) => `${m}_max`)]));
  const contributions = [];
  const started = performance.now();
  let sentences = 0;
  let findings = 0;
  try {
    for await (const { doc, result } of scoreInParallel(documents(times, counter), { workers: args.workers, lexicons: LEXICONS, actors: ACTORS, baseDir: root, ...(args.models ? { models: args.models } : {}), ...(args.workers === 1 ? { scorer } : {}) })) {
      sentences += result.sentences.length;
      const c = contributionOf(result, doc, ['source'], sidesConfigured);
      if (keepContributions) contributions.push(c);
      await documentsOut.write(csvLine([doc.id, doc.date ?? '', doc.fields.source ?? '', c.sentences, c.tokens, ...MEASURES.map((m) => c[m]), c.other_sentences, c.index_sum, ...MEASURES.map((m) => result.scores[m])]));
      for (const s of result.sentences) {
        for (const f of s.findings) {
          findings++;
          await findingsOut.write(`${JSON.stringify({ document: doc.id, date: doc.date ?? null, sentence: s.index, ...f, context: s.text.length > 400 ? `${s.text.slice(0, 400)}…` : s.text })}\n`);
        }
      }
    }
    await Promise.all([documentsOut.close(), findingsOut.close()]);
    const streamSeconds = (performance.now() - started) / 1000;
    let indicatorRows = null;
    let indicatorSeconds = null;
    if (keepContributions) {
      const t = performance.now();
      indicatorRows = computeIndicators(contributions, {
        period: 'month',
        groupFields: ['source'],
        confidence: 0.95,
        bootstrap: 1000,
        seed: 20250101,
        smoothing: { method: 'ewma', window: 3, alpha: 0.3 },
        sidesConfigured,
      }).length;
      indicatorSeconds = round((performance.now() - t) / 1000, 2);
    }
    return {
      workers: args.workers,
      times,
      sentences,
      findings,
      // Read, score, contribution, write: everything but the indicators at the end.
      stream_seconds: round(streamSeconds, 2),
      stream_mb_per_s: round(counter.bytes / 1e6 / streamSeconds, 2),
      indicator_rows: indicatorRows,
      indicator_seconds: indicatorSeconds,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Orchestration

function runChild(stage, args) {
  const childArgs = [fileURLToPath(import.meta.url), '--stage', stage, '--workers', String(args.workers), '--times', String(args.times), '--snapshot', args.snapshot];
  if (Number.isFinite(args.limitMb)) childArgs.push('--limit-mb', String(args.limitMb));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, childArgs, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
      if (code !== 0 || !line) return reject(new Error(`stage ${stage} failed (exit ${code}):\n${stdout}`));
      resolve(JSON.parse(line.slice('@@RESULT '.length)));
    });
  });
}

function machine() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1].trim();
  } catch {
    // not Linux
  }
  return { nproc: availableParallelism(), cpu: cpuModel, node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() };
}

/** Copies what the stages load (dist, lexicons, models, package.json) into .bench/; node_modules is linked. */
function takeSnapshot() {
  const snap = path.join(checkout, '.bench', `snapshot-${process.pid}`);
  rmSync(snap, { recursive: true, force: true });
  mkdirSync(snap, { recursive: true });
  for (const name of ['dist', 'lexicons', 'models', 'package.json']) if (existsSync(path.join(checkout, name))) cpSync(path.join(checkout, name), path.join(snap, name), { recursive: true });
  symlinkSync(path.join(checkout, 'node_modules'), path.join(snap, 'node_modules'), 'dir');
  return snap;
}

function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: checkout, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'lexicons', 'models'], { cwd: checkout, encoding: 'utf8' }).trim().length > 0;
    return { commit, uncommitted_changes_in_src: dirty };
  } catch {
    return null;
  }
}

async function orchestrate(args) {
  args.snapshot = takeSnapshot();
  try {
    await orchestrateStages(args);
  } finally {
    rmSync(args.snapshot, { recursive: true, force: true });
  }
}

async function orchestrateStages(args) {
  const stages = ['bare', ...(args.skipWink ? [] : ['wink']), 'e2e-1', 'e2e-N', 'e2e-default-N', 'pool', 'ceiling', ...(args.skipMemory ? [] : ['mem-x1', 'mem-xT'])];
  const label = (s) => (s === 'e2e-N' ? `e2e-${args.workers}` : s === 'e2e-default-N' ? `e2e-default-${args.workers}` : s === 'mem-xT' ? `mem-x${args.times}` : s);
  const info = machine();
  console.log(`rehumanize bench: ${DATA}${Number.isFinite(args.limitMb) ? `, first ${args.limitMb} MB of text` : ', full corpus'}, ${args.workers} workers; ${info.nproc} cores, ${info.cpu}, node ${info.node}`);
  const results = {};
  const load = { before: loadavg().map((x) => round(x, 2)) };
  for (const stage of stages) {
    const la = loadavg()[0];
    const r = await runChild(stage, args);
    r.load_1m = round(la, 2);
    results[label(stage)] = r;
    console.log(
      `${label(stage).padEnd(9)} ${String(r.text_mb).padStart(8)} MB  ${String(r.mb_per_s).padStart(6)} MB/s  ${String(r.docs_per_s).padStart(7)} docs/s  ` +
        `${String(r.mb_per_cpu_s).padStart(6)} MB/cpu-s  peak RSS ${String(r.peak_rss_mb).padStart(6)} MB  (load ${r.load_1m})`,
    );
  }
  load.after = loadavg().map((x) => round(x, 2));

  const e1 = results['e2e-1'];
  const eN = results[label('e2e-N')];
  const bare = results.bare;
  const wink = results.wink;
  const best = eN.mb_per_s >= e1.mb_per_s ? eN : e1;
  const ratios = {
    e2e_1_over_bare: round(e1.mb_per_s / bare.mb_per_s, 3),
    e2e_N_over_bare: round(eN.mb_per_s / bare.mb_per_s, 3),
    e2e_1_over_wink: wink ? round(e1.mb_per_s / wink.mb_per_s, 2) : null,
    e2e_N_over_wink: wink ? round(eN.mb_per_s / wink.mb_per_s, 2) : null,
    workers_N_over_1: round(eN.mb_per_s / e1.mb_per_s, 3),
    // The default scorer (rules + shipped models) against the rules alone, both on N threads.
    default_N_over_rules_N: results[label('e2e-default-N')] ? round(results[label('e2e-default-N')].mb_per_s / eN.mb_per_s, 3) : null,
    default_N_over_bare: results[label('e2e-default-N')] ? round(results[label('e2e-default-N')].mb_per_s / bare.mb_per_s, 3) : null,
    // Without the serial computeIndicators at the end: read, score, contribution, write.
    stream_1_over_bare: round(e1.stream_mb_per_s / bare.mb_per_s, 3),
    stream_N_over_bare: round(eN.stream_mb_per_s / bare.mb_per_s, 3),
    stream_N_over_wink: wink ? round(eN.stream_mb_per_s / wink.mb_per_s, 2) : null,
    stream_workers_N_over_1: round(eN.stream_mb_per_s / e1.stream_mb_per_s, 3),
    // Scoring only, text in memory, best of three alternating runs each: the pool's own scaling.
    pool_workers_N_over_1: results.pool ? round(results.pool.best_N_mb_per_s / results.pool.best_1_mb_per_s, 3) : null,
    // N independent threads with nothing shared: the most N threads can give on this machine.
    ceiling_threads_N_over_1: results.ceiling ? results.ceiling.ceiling_N_over_1 : null,
    workers_N_over_1_cpu: round(eN.mb_per_cpu_s / e1.mb_per_cpu_s, 3),
    peak_rss_xT_over_x1: args.skipMemory ? null : round(results[label('mem-xT')].peak_rss_mb / results['mem-x1'].peak_rss_mb, 3),
  };
  const peakRss = Math.max(...Object.values(results).filter((r) => r.stage !== 'wink' && r.stage !== 'ceiling').map((r) => r.peak_rss_mb));
  const targets = {
    'end to end >= 0.5 x bare baseline': { value: Math.max(ratios.e2e_1_over_bare, ratios.e2e_N_over_bare), target: 0.5, met: Math.max(ratios.e2e_1_over_bare, ratios.e2e_N_over_bare) >= 0.5 },
    'end to end >= 5 x wink over every sentence': { value: wink ? round(best.mb_per_s / wink.mb_per_s, 2) : null, target: 5, met: wink ? best.mb_per_s / wink.mb_per_s >= 5 : null },
    [`${args.workers} workers >= 1.7 x one worker`]: { value: ratios.workers_N_over_1, target: 1.7, met: ratios.workers_N_over_1 >= 1.7 },
    'peak RSS < 500 MB (our stages)': { value: peakRss, target: 500, met: peakRss < 500 },
    [`peak RSS x${args.times} within 1.2 x of x1`]: { value: ratios.peak_rss_xT_over_x1, target: 1.2, met: ratios.peak_rss_xT_over_x1 === null ? null : ratios.peak_rss_xT_over_x1 <= 1.2 },
  };
  // Every scoring stage saw the same text with the same code, so the same findings (x times for the repeat).
  const findingCounts = [e1.findings, eN.findings, ...(results[label('e2e-default-N')] ? [results[label('e2e-default-N')].findings] : []), ...(args.skipMemory ? [] : [results['mem-x1'].findings, results[label('mem-xT')].findings / args.times])];
  const consistent = findingCounts.every((n) => n === findingCounts[0]);
  console.log(`same findings in every scoring stage: ${consistent} (${findingCounts.join(', ')})`);
  const report = { machine: info, code: gitState(), same_findings_in_every_stage: consistent, corpus: { file: path.relative(root, DATA), limit_mb: Number.isFinite(args.limitMb) ? args.limitMb : null }, workers: args.workers, times: args.times, load_average: load, stages: results, ratios, targets };
  console.log('ratios', ratios);
  for (const [name, t] of Object.entries(targets)) console.log(`${t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS'} ${name}: ${t.value}`);
  if (args.write) {
    writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(here, 'RESULTS.md'), markdown(report, label));
    console.log('wrote bench/results.json and bench/RESULTS.md');
  }
}

function markdown(r, label) {
  const rows = Object.entries(r.stages).map(
    ([name, s]) => `| ${name} | ${s.documents} | ${s.text_mb} | ${s.seconds} | ${s.mb_per_s} | ${s.docs_per_s} | ${s.mb_per_cpu_s} | ${s.peak_rss_mb} | ${s.load_1m} | ${s.stream_mb_per_s ?? ''} | ${s.indicator_seconds ?? ''} |`,
  );
  const t = Object.entries(r.targets).map(([name, x]) => `| ${name} | ${x.value ?? 'n/a'} | ${x.met === null ? 'not measured' : x.met ? 'met' : '**missed**'} |`);
  return `# Benchmark results

Produced by \`npm run bench\` (bench/run-bench.mjs) on ${r.machine.date}.

- Machine: ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}, ${r.machine.platform}
- Node ${r.machine.node}
- Code: commit ${r.code?.commit ?? 'unknown'}${r.code?.uncommitted_changes_in_src ? ' plus uncommitted changes in src/ (the build measured is the one in dist/ when the bench started; every stage used a snapshot of it)' : ''}
- Corpus: \`${r.corpus.file}\`${r.corpus.limit_mb ? `, first ${r.corpus.limit_mb} MB of text` : ' (all of it)'}; MB are megabytes of document text (UTF-8)
- Workers for the parallel stages: ${r.workers}
- Load average (1, 5, 15 min) before: ${r.load_average.before.join(', ')}; after: ${r.load_average.after.join(', ')}. The machine is shared: a load above the
  core count means other processes took CPU time from these stages, which lowers wall-clock figures (MB/s) but
  not CPU-time figures (MB per CPU-second) much.

## Stages

Each stage runs in its own process over the same text; peak RSS is that process' high-water mark (worker threads included).

| stage | documents | MB | seconds | MB/s | documents/s | MB per CPU-second | peak RSS MB | load (1 min) | stream MB/s | indicators s |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

- **bare**: read + tokenize + one Map lookup per token (the floor).
- **wink**: read + wink-nlp (sbd, negation, pos) over every sentence, one instance, \`readDoc\` per document.
- **e2e-1 / e2e-${r.workers}**: read, score with the rules alone (a pipeline with \`models: {}\`), \`contributionOf\`, write documents.csv and findings.jsonl, then \`computeIndicators\` (month x source, 1,000 bootstrap resamples) — in one thread, and on ${r.workers} worker threads.
- **e2e-default-${r.workers}**: the same on ${r.workers} worker threads with the shipped models where \`models/defaults.json\` turns them on — what \`rehumanize run\` does for a pipeline that names no models (features and a linear model per sentence on top of the rules).
- **pool**: scoring only, the first ${Math.min(40, r.corpus.limit_mb ?? 40)} MB of text held in memory, 1 worker and ${r.workers} workers alternating three times each; the ratio uses the best run of each (its MB/s column is not meaningful).
- **ceiling**: the first ${Math.min(40, r.corpus.limit_mb ?? 40)} MB held in memory and scored by 1 thread, then by ${r.workers} threads at once, each with its own scorer over all of it, nothing sent between threads until done (best of two): how far ${r.workers} threads can scale on this machine at all (its MB/s column is not meaningful).
- **stream MB/s**: the e2e stages without the final \`computeIndicators\` (which runs once, in one thread, after all documents); **indicators s** is its time.
- **mem-x1 / mem-x${r.times}**: the streaming part on ${r.workers} worker threads over the corpus and over it ${r.times} times (re-read by a generator, nothing extra on disk). Contributions are written per row instead of being kept; in a run they go to the store. Keeping them in memory for \`computeIndicators\` is the one part that grows with the corpus (a few hundred bytes per document).

Findings found: ${r.stages['e2e-1'].findings} in e2e-1; the same in every scoring stage: ${r.same_findings_in_every_stage}.

## Ratios and targets

| ratio | value |
|---|---:|
${Object.entries(r.ratios)
  .map(([k, v]) => `| ${k.replaceAll('_N_', `_${r.workers}_`).replace('xT', `x${r.times}`)} | ${v ?? 'n/a'} |`)
  .join('\n')}

| target | measured | |
|---|---:|---|
${t.join('\n')}
`;
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// Last, so every declaration above is initialised.
if (args.stage) await runStage(args.stage, args);
else await orchestrate(args);
