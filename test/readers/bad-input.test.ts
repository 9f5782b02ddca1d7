import { describe, expect, it } from 'vitest';
import type { InputSpec } from '../../src/readers/input-spec.js';
import { collect } from './helpers.js';

interface Case {
  name: string;
  spec: InputSpec;
  /** Records in the file (every one must come out as exactly one event). */
  records: number;
  docs: string[];
  rejects: Array<[code: string, line: number | undefined]>;
  duplicates?: number;
}

const cases: Case[] = [
  {
    name: 'CSV with wrong widths, empty text, bad UTF-8, an unreadable date and a repeated id',
    spec: { path: 'broken.csv' },
    records: 9,
    docs: ['1', '2', '7', '8'],
    rejects: [
      ['E_CSV_WIDTH', 5],
      ['E_EMPTY_TEXT', 6],
      ['E_CSV_WIDTH', 7],
      ['E_UTF8', 8],
    ],
    duplicates: 1,
  },
  {
    name: 'CSV with a quote never closed',
    spec: { path: 'unclosed.csv' },
    records: 1,
    docs: [],
    rejects: [['E_CSV_PARSE', 2]],
  },
  {
    name: 'CSV without the text column',
    spec: { path: 'notext.csv' },
    records: 1,
    docs: [],
    rejects: [['E_NO_TEXT_FIELD', 1]],
  },
  {
    name: 'JSONL with broken JSON, non-objects, empty and missing text, bad UTF-8, over-long and duplicates',
    spec: { path: 'broken.jsonl', fields: { text: 'body', date: 'meta.date', source: 'meta.outlet' }, maxChars: 100 },
    records: 11,
    docs: ['a1', 'broken.jsonl:8', 'u2'],
    rejects: [
      ['E_JSON_PARSE', 3],
      ['E_JSON_NOT_OBJECT', 4],
      ['E_EMPTY_TEXT', 5],
      ['E_NO_TEXT_FIELD', 6],
      ['E_UTF8', 10],
      ['E_TOO_LONG', 12],
    ],
    duplicates: 2,
  },
  {
    name: 'JSON array with a number and a broken element',
    spec: { path: 'array.json' },
    records: 5,
    docs: ['j1', 'j2', 'j4'],
    rejects: [
      ['E_JSON_NOT_OBJECT', 5],
      ['E_JSON_PARSE', 6],
    ],
  },
  {
    name: 'JSON array cut off in the middle',
    spec: { path: 'truncated.json' },
    records: 2,
    docs: ['t1'],
    rejects: [['E_JSON_PARSE', 2]],
  },
  {
    name: 'JSON object where an array was expected',
    spec: { path: 'object.json' },
    records: 1,
    docs: [],
    rejects: [['E_JSON_NOT_ARRAY', 1]],
  },
  {
    name: 'text folder with binary, bad UTF-8, empty, bad front matter and a copy',
    spec: { path: 'textdir', format: 'text', pathPattern: '{date}-{name}.txt' },
    records: 7,
    docs: ['textdir/2020-01-07-copy', 'textdir/a/2020-01-02-two'],
    rejects: [
      ['E_BINARY', undefined],
      ['E_UTF8', undefined],
      ['E_EMPTY_TEXT', 1],
      ['E_FRONT_MATTER', 2],
    ],
    duplicates: 1,
  },
  { name: 'missing file', spec: { path: 'nope.csv' }, records: 1, docs: [], rejects: [['E_FILE_MISSING', undefined]] },
  { name: 'folder given as a CSV file', spec: { path: 'textdir', format: 'csv' }, records: 1, docs: [], rejects: [['E_NOT_A_FILE', undefined]] },
  { name: 'unknown extension', spec: { path: 'odd.data' }, records: 1, docs: [], rejects: [['E_FORMAT_UNKNOWN', undefined]] },
  { name: 'corrupt gzip', spec: { path: 'corrupt.jsonl.gz' }, records: 1, docs: [], rejects: [['E_GZIP', undefined]] },
];

describe('bad input is rejected record by record', () => {
  it.each(cases)('$name', async (c) => {
    const { docs, rejects, duplicates, events } = await collect([c.spec]);
    expect(docs.map((d) => d.id)).toEqual(c.docs);
    expect(rejects.map((r) => [r.code, r.line])).toEqual(c.rejects);
    expect(duplicates.length).toBe(c.duplicates ?? 0);
    // Nothing is lost: every record read is a document, a reject or a duplicate.
    expect(events.length).toBe(c.records);
    expect(docs.length + rejects.length + duplicates.length).toBe(c.records);
    for (const r of rejects) {
      expect(r.file).toBeTruthy();
      expect(r.message).toMatch(/expected/);
      expect(r.line !== undefined || r.byteOffset !== undefined || ['E_FILE_MISSING', 'E_NOT_A_FILE', 'E_FORMAT_UNKNOWN'].includes(r.code)).toBe(true);
      if (r.raw !== undefined) expect(r.raw.length).toBeLessThanOrEqual(2048 + 40);
    }
  });

  it('gives the byte offset of invalid UTF-8', async () => {
    const { rejects } = await collect([{ path: 'broken.csv' }]);
    const bad = rejects.find((r) => r.code === 'E_UTF8')!;
    expect(bad.byteOffset).toBe(154);
    const { rejects: t } = await collect([{ path: 'textdir', format: 'text' }]);
    expect(t.find((r) => r.code === 'E_UTF8')!.byteOffset).toBe(4);
    expect(t.find((r) => r.code === 'E_BINARY')!.byteOffset).toBe(6);
  });

  it('keeps an unreadable date undated by default, with the raw value, and rejects it with undated: reject', async () => {
    const kept = await collect([{ path: 'broken.csv' }]);
    const d7 = kept.docs.find((d) => d.id === '7')!;
    expect(d7.date).toBeUndefined();
    expect(d7.fields.date_raw).toBe('1 Jan 2020');
    const strictDates = await collect([{ path: 'broken.csv', undated: 'reject' }]);
    expect(strictDates.rejects.find((r) => r.line === 9)?.code).toBe('E_DATE');
  });

  it('truncates raw records to 2 KB', async () => {
    const { rejects } = await collect([{ path: 'broken.jsonl', fields: { text: 'body' }, maxChars: 10 }]);
    for (const r of rejects) expect((r.raw ?? '').length).toBeLessThan(2100);
  });
});
