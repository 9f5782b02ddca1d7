import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { InputSpecSchema } from '../../src/readers/input-spec.js';
import { describeInputFiles, readByteStream } from '../../src/readers/read-inputs.js';
import { createProgress } from '../../src/readers/progress.js';
import { chunksOf, collect, FIXTURES } from './helpers.js';

describe('one corpus, three formats', () => {
  it('yields the same documents from CSV, JSONL and a text folder', async () => {
    const pick = (d: { text: string; date?: string; fields: Record<string, unknown>; id: string }) => ({ id: d.id, text: d.text, date: d.date, source: d.fields.source });
    const csv = await collect([{ path: 'same/corpus.csv' }]);
    const jsonl = await collect([{ path: 'same/corpus.jsonl' }]);
    const text = await collect([{ path: 'same/text/**/*.txt', format: 'text', pathPattern: '{source}/{date}-{id}.txt' }]);
    const sort = <T extends { id: string }>(a: T[]) => [...a].sort((x, y) => x.id.localeCompare(y.id));
    expect(csv.rejects).toEqual([]);
    expect(sort(csv.docs.map(pick))).toEqual(sort(jsonl.docs.map(pick)));
    expect(sort(text.docs.map(pick))).toEqual(sort(csv.docs.map(pick)));
    expect(csv.docs.map((d) => d.datePrecision)).toEqual(['day', 'month', 'year']);
  });
});

describe('CSV options', () => {
  it('reads TSV with a BOM', async () => {
    const { docs } = await collect([{ path: 'bom.tsv' }]);
    expect(docs.map((d) => [d.id, d.text])).toEqual([
      ['1', 'Tab one'],
      ['2', 'Tab two'],
    ]);
  });
  it('uses the chosen delimiter and date format', async () => {
    const { docs } = await collect([{ path: 'semi.csv', delimiter: ';', dateFormat: '%d/%m/%Y' }]);
    expect(docs.map((d) => d.date)).toEqual(['1999-02-03', '2000-12-31']);
  });
  it('joins several text columns with a blank line, maps fields and applies defaults', async () => {
    const { docs } = await collect([
      { path: 'broken.csv', fields: { text: ['id', 'text'], outlet: 'source' }, defaults: { source: 'fallback', country: 'NL' } },
    ]);
    const d = docs.find((x) => x.origin.line === 2)!;
    expect(d.text).toBe('1\n\nGood one.');
    expect(d.fields).toMatchObject({ outlet: 'a', source: 'fallback', country: 'NL' });
  });
  it('reads records split across tiny chunks and multi-line fields with the first line', async () => {
    const csv = 'id,text\n1,"a\nb\nc"\n2,plain\n';
    const events = [];
    for await (const e of readByteStream(chunksOf(csv, 3), { path: 'x.csv' })) events.push(e);
    expect(events.map((e) => (e.kind === 'document' ? [e.document.id, e.document.origin.line] : e.kind))).toEqual([
      ['1', 2],
      ['2', 5],
    ]);
  });
});

describe('gzip by magic bytes', () => {
  it.each([
    ['a .txt that is gzipped', 'gz-named.txt', 'Gzipped but named .txt\n'],
    ['a .gz that is plain', 'plain.jsonl.gz', 'plain jsonl named gz'],
    ['a real .jsonl.gz', 'real.jsonl.gz', 'real gzip jsonl'],
  ])('reads %s', async (_name, file, text) => {
    const { docs, rejects } = await collect([{ path: file }]);
    expect(rejects).toEqual([]);
    expect(docs.map((d) => d.text)).toEqual([text]);
  });
  it('detects gzip in a byte stream split before the magic', async () => {
    const gz = gzipSync(Buffer.from('{"id":"s","text":"streamed"}\n'));
    const events = [];
    for await (const e of readByteStream(chunksOf(gz, 1), { path: 'x.jsonl' })) events.push(e);
    expect(events).toHaveLength(1);
  });
});

describe('strict mode and missing inputs', () => {
  it('throws a UserError with exit code 1 at the first bad record', async () => {
    const err = await collect([{ path: 'broken.csv' }], { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'E_CSV_WIDTH', exitCode: 1, place: { file: 'broken.csv', line: 5 } });
  });
  it('passes clean input in strict mode', async () => {
    const { docs } = await collect([{ path: 'same/corpus.jsonl' }], { strict: true });
    expect(docs).toHaveLength(3);
  });
  it('fails with E_INPUT_NO_FILES for a glob that matches nothing, before reading anything', async () => {
    const err = await collect([{ path: 'same/corpus.csv' }, { path: 'nothing/**/*.csv' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('E_INPUT_NO_FILES');
  });
  it('keeps duplicates across inputs, unless dedupe is off', async () => {
    const twice = await collect([{ path: 'same/corpus.csv' }, { path: 'same/corpus.jsonl' }]);
    expect(twice.duplicates.map((d) => [d.id, d.duplicateOf])).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    const all = await collect([{ path: 'same/corpus.csv' }, { path: 'same/corpus.jsonl' }], { dedupe: false });
    expect(all.docs).toHaveLength(6);
  });
  it('reports bytes read', async () => {
    let bytes = 0;
    await collect([{ path: 'same/corpus.csv' }], { onBytes: (n) => (bytes += n) });
    expect(bytes).toBeGreaterThan(100);
  });
});

describe('input spec', () => {
  it('rejects unknown keys and bad time zones', () => {
    expect(InputSpecSchema.safeParse({ path: 'x', formt: 'csv' }).success).toBe(false);
    expect(InputSpecSchema.safeParse({ path: 'x', timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(InputSpecSchema.safeParse({ path: 'x', timezone: 'Europe/Berlin', fields: { text: ['a', 'b'], party: 'meta.party' } }).success).toBe(true);
  });
});

describe('describeInputFiles', () => {
  it('gives size and sha256 per file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rehumanize-readers-'));
    try {
      await writeFile(path.join(dir, 'a.txt'), 'abc');
      const files = await describeInputFiles([{ path: '*.txt' }], dir);
      expect(files).toEqual([{ path: 'a.txt', bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' }]);
    } finally {
      await rm(dir, { recursive: true });
    }
    expect(FIXTURES).toBeTruthy();
  });
});

describe('progress', () => {
  it('redraws one line on a TTY, prints lines elsewhere, and is silent when disabled', () => {
    let t = 0;
    const out: string[] = [];
    const tty = createProgress({ stream: { write: (s: string) => out.push(s), isTTY: true }, totalBytes: 10e6, now: () => t });
    t = 1000;
    tty.addBytes(5e6);
    tty.addDocuments(10);
    tty.finish();
    expect(out[0].startsWith('\r')).toBe(true);
    expect(out.at(-1)).toMatch(/read 5\.0 MB of 10\.0 MB \(50%\), 10 documents, 5\.0 MB\/s, ETA 0:01\n$/);
    const plain: string[] = [];
    const p = createProgress({ stream: { write: (s: string) => plain.push(s) }, intervalSeconds: 5, now: () => t });
    t = 2000;
    p.addBytes(1);
    expect(plain).toEqual([]);
    t = 7000;
    p.addBytes(1);
    expect(plain).toHaveLength(1);
    expect(plain[0]).not.toContain('\r');
    const silent: string[] = [];
    const s = createProgress({ stream: { write: (x: string) => silent.push(x) }, enabled: false, now: () => (t += 10000) });
    s.addBytes(5);
    s.finish();
    expect(silent).toEqual([]);
  });
});
