import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEASURES } from '../../src/core/types.js';
import { ROOT, runCli, tempDir } from './helpers.js';

describe('rehumanize CLI, spawned as a user runs it', () => {
  it('prints help for every command and exits 0', async () => {
    for (const args of [['--help'], ['run', '--help'], ['score', '--help'], ['explain', '--help'], ['lexicon', 'lint', '--help']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: rehumanize/);
    }
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['run', '--no-such-flag', 'x.yaml'])).code).toBe(2);
  });

  it('score --sentences prints one line per input line with the contract fields', async () => {
    const input = [
      { id: 'a', text: 'The minister called the migrants vermin.', source: 'Herald' },
      { id: 'b', text: 'Rats spread through the kitchen.' },
      { text: 'Mothers on both sides have buried their children.' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const r = await runCli(['score', '--sentences'], { input: `${input}\n` });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'stdin:3']);
    expect(lines[0].source).toBe('Herald');
    const s = lines[0].sentences[0];
    for (const key of ['index', 'start', 'end', 'text', ...MEASURES, 'findings']) expect(s).toHaveProperty(key);
    for (const m of MEASURES) expect(s[m]).toBeGreaterThanOrEqual(0);
    expect(s.dehumanization).toBeGreaterThanOrEqual(0.5);
    const f = s.findings.find((x: { measure: string }) => x.measure === 'dehumanization');
    for (const key of ['measure', 'category', 'rule', 'match', 'start', 'end', 'target', 'negated', 'quoted', 'lexicon']) expect(f).toHaveProperty(key);
    expect(f.quoted).toBe(true);
    // A non-human referent: below the presence threshold (the default model gives a small probability, not 0).
    expect(lines[1].sentences[0].dehumanization).toBeLessThan(0.5);
  });

  it('score keeps output aligned with input when a line is bad, and exits 1', async () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.jsonl');
    const r = await runCli(['score', '--rejects', rejects], { input: '{"text":"They are people."}\nnot json\n{"id":5}\n{"text":"ok"}\n' });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[1].error.code).toBe('E_JSON_PARSE');
    expect(lines[2].error.code).toBe('E_NO_TEXT_FIELD');
    expect(r.stderr).toMatch(/<stdin>:2: E_JSON_PARSE/);
    const rejected = readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejected.map((x) => x.line)).toEqual([2, 3]);
  });

  it('explain shows the evidence and the reasons', async () => {
    const r = await runCli(['explain', 'They are not animals. Rats spread through the kitchen. The minister called them vermin.']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/NEGATED/);
    expect(r.stdout).toMatch(/not applied to a human group/);
    expect(r.stdout).toMatch(/QUOTED/);
    expect(r.stdout).toMatch(/rule object_complement/);
  });

  it('lexicon lint passes on the bundled lexicons and fails with file:line on a broken one', async () => {
    expect((await runCli(['lexicon', 'lint'])).code).toBe(0);
    const dir = tempDir();
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, '#! id: bad\n#! version: 1\nterm\tcategory\nrats\tpests\n');
    const r = await runCli(['lexicon', 'lint', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/bad\.tsv:4: E_LEX_CATEGORY/);
    expect(r.stdout).toMatch(/E_LEX_VERSION/);
  });

  it('reports a bad pipeline with every problem and exit 2, without a stack trace', async () => {
    const dir = tempDir();
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'name: p\ninputs:\n  - path: x.csv\n    formt: csv\nperiod: fortnight\n');
    const r = await runCli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.yaml:5:\d+: E_CONFIG_INVALID period/);
    expect(r.stderr).toMatch(/formt/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a missing pipeline file with exit 2', async () => {
    const r = await runCli(['run', 'no/such/pipeline.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_CONFIG_UNREADABLE/);
  });
});

describe('rehumanize run on the bundled samples', () => {
  const out = tempDir('rehumanize-run-');
  let summary = '';
  beforeAll(async () => {
    const r = await runCli(['run', 'pipelines/media-monitor.yaml', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    summary = r.stdout;
  }, 120_000);

  it('writes every output and accounts for every record', () => {
    for (const f of ['documents.csv', 'findings.jsonl', 'indicators.csv', 'changepoints.csv', 'manifest.json']) {
      expect(readFileSync(join(out, f), 'utf8').length, f).toBeGreaterThan(0);
    }
    // The samples are clean: the rejects file exists and is empty.
    expect(readFileSync(join(out, 'rejects.jsonl'), 'utf8')).toBe('');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const c = manifest.counts;
    expect(c.read).toBe(c.scored + c.rejected + c.duplicates + (c.skipped ?? 0));
    expect(c.scored).toBeGreaterThan(200);
    expect(summary).toContain(`read ${c.read} = scored`);
    expect(manifest.lexicons.length).toBeGreaterThanOrEqual(8);
    for (const l of manifest.lexicons) expect(l).toMatchObject({ id: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.tool).toMatch(/^rehumanize@/);
    expect(manifest.pipeline.config_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.inputs[0]).toMatchObject({ bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const docs = parse(readFileSync(join(out, 'documents.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(docs).toHaveLength(c.scored);
  });

  it('has an indicator row for every period, group and indicator, empty periods included', () => {
    const rows = parse(readFileSync(join(out, 'indicators.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(['source', 'period', 'period_start', 'period_end', 'indicator', 'value', 'ci_low', 'ci_high', 'ci_method', 'smoothed', 'numerator', 'denominator', 'n_documents']);
    const sources = new Set(rows.map((r) => r.source));
    expect(sources).toContain('(all)');
    expect(sources.size).toBe(5);
    const months = new Set(rows.filter((r) => /^\d{4}-\d{2}$/.test(r.period!)).map((r) => r.period));
    expect(months.size).toBe(12);
    for (const source of sources) {
      for (const indicator of ['dehumanization', 'victimhood_exclusive', 'victimhood_inclusive', 'acknowledgement', 'rehumanization_index', 'outgroup_salience']) {
        const series = rows.filter((r) => r.source === source && r.indicator === indicator && /^\d{4}-\d{2}$/.test(r.period!));
        expect(series, `${source} ${indicator}`).toHaveLength(12);
      }
    }
    for (const r of rows.filter((x) => x.value !== '')) {
      expect(Number(r.ci_low)).toBeLessThanOrEqual(Number(r.value) + 1e-9);
      expect(Number(r.ci_high)).toBeGreaterThanOrEqual(Number(r.value) - 1e-9);
    }
  });

  it('finds the planted step in the hard-line outlet', () => {
    const rows = parse(readFileSync(join(out, 'changepoints.csv')), { columns: true }) as Array<Record<string, string>>;
    const step = rows.find((r) => r.source === 'Veloria Daily Herald' && r.indicator === 'dehumanization' && r.direction === 'up');
    expect(step, JSON.stringify(rows.slice(0, 5))).toBeDefined();
    expect(['2025-06-01', '2025-07-01', '2025-05-01']).toContain(step!.date);
  });
});

describe('rehumanize run with bad input', () => {
  it('keeps good records flowing, rejects the bad ones with file and line, and exits 1', async () => {
    const dir = tempDir('rehumanize-bad-');
    writeFileSync(
      join(dir, 'news.csv'),
      [
        'id,date,outlet,text',
        'a1,2025-01-03,Herald,"Migrants are vermin, the column said."',
        'a2,2025-01-04,Herald,', // empty text
        'a3,2025-01-05,Herald,"Mothers on both sides have buried their children.",extra', // wrong width
        'a4,not-a-date,Post,"They are not animals."',
        'a5,2025-02-01,Post,"Rats spread through the kitchen."',
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'p.yaml'), 'name: bad\ninputs:\n  - path: news.csv\n    fields: { source: outlet }\ngroups: [source]\n');
    const out = join(dir, 'out');
    const r = await runCli(['run', join(dir, 'p.yaml'), '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const c = manifest.counts;
    expect(c.read).toBe(5);
    expect(c.scored + c.rejected + c.duplicates + (c.skipped ?? 0)).toBe(5);
    expect(c.rejected).toBe(2);
    const rejects = readFileSync(join(out, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((x) => [x.line, x.code]).sort()).toEqual([
      [3, 'E_EMPTY_TEXT'],
      [4, 'E_CSV_WIDTH'],
    ]);
    for (const x of rejects) expect(x.file).toMatch(/news\.csv$/);
    expect(r.stdout).toMatch(/2 record\(s\) could not be used/);
    // The record with an unreadable date is kept, undated, and its raw date is carried along.
    const docs = parse(readFileSync(join(out, 'documents.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(docs.map((d) => d.id).sort()).toEqual(['a1', 'a4', 'a5']);
  });

  it('stops at the first bad record with --strict and exit 1', async () => {
    const dir = tempDir('rehumanize-strict-');
    writeFileSync(join(dir, 'n.jsonl'), '{"id":"1","text":"fine"}\n{broken\n{"id":"3","text":"fine too"}\n');
    writeFileSync(join(dir, 'p.yaml'), 'name: strict\ninputs:\n  - path: n.jsonl\n');
    const r = await runCli(['run', join(dir, 'p.yaml'), '--out', join(dir, 'out'), '--strict', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/n\.jsonl:2/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('rehumanize run with worker threads', () => {
  it('writes the same documents, findings and indicators with 1 and 2 scoring threads', async () => {
    const one = tempDir('rehumanize-w1-');
    const two = tempDir('rehumanize-w2-');
    expect((await runCli(['run', 'pipelines/workshop-evaluation.yaml', '--out', one, '--quiet', '--workers', '1'])).code).toBe(0);
    expect((await runCli(['run', 'pipelines/workshop-evaluation.yaml', '--out', two, '--quiet', '--workers', '2'])).code).toBe(0);
    for (const f of ['documents.csv', 'findings.jsonl', 'indicators.csv', 'comparisons.csv']) {
      expect(readFileSync(join(two, f), 'utf8'), f).toBe(readFileSync(join(one, f), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(two, 'manifest.json'), 'utf8')).scoring.workers).toBe(2);
  }, 120_000);
});

describe('the same corpus in two formats', () => {
  it('gives the same documents, scores and indicators from the news sample as CSV and as JSONL', async () => {
    const dir = tempDir('rehumanize-formats-');
    const samples = join(ROOT, 'corpora-samples', 'news');
    const pipeline = (file: string, format: string) =>
      `name: formats-${format}\ninputs:\n  - path: ${join(samples, file)}\n    format: ${format}\n    fields: { id: id, date: date, source: outlet, text: [title, body] }\nlexicons: [default]\nactors: [actors-sample-conflict]\ngroups: [source]\n`;
    writeFileSync(join(dir, 'csv.yaml'), pipeline('articles.csv', 'csv'));
    writeFileSync(join(dir, 'jsonl.yaml'), pipeline('articles.jsonl', 'jsonl'));
    expect((await runCli(['run', join(dir, 'csv.yaml'), '--out', join(dir, 'csv'), '--quiet'])).code).toBe(0);
    expect((await runCli(['run', join(dir, 'jsonl.yaml'), '--out', join(dir, 'jsonl'), '--quiet'])).code).toBe(0);
    const docs = (name: string) =>
      (parse(readFileSync(join(dir, name, 'documents.csv')), { columns: true }) as Array<Record<string, string>>).map(({ file: _file, line: _line, ...rest }) => rest);
    expect(docs('jsonl')).toEqual(docs('csv'));
    expect(docs('csv')).toHaveLength(290);
    expect(readFileSync(join(dir, 'jsonl', 'indicators.csv'), 'utf8')).toBe(readFileSync(join(dir, 'csv', 'indicators.csv'), 'utf8'));
  }, 120_000);
});
