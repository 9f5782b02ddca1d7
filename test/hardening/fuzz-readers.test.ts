/**
 * Fuzzing every reader with random bytes, random text and mutations of valid fixtures (truncation, byte flips,
 * inserted quotes, newlines, NULs and BOMs, duplicated lines), fed in random chunk sizes. Whatever arrives,
 * a reader must end: no uncaught error, every event well formed, every reject pointing at a line or a byte
 * offset with a known code, and - where the number of records can be known independently - exactly one
 * event per record, so documents + rejects + duplicates = records.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../src/core/types.js';
import { READER_CODES as C } from '../../src/readers/codes.js';
import { isGzipMagic } from '../../src/readers/gzip.js';
import type { InputFormat, InputSpec } from '../../src/readers/input-spec.js';
import { readInputs } from '../../src/readers/read-inputs.js';
import { decodeUtf8 } from '../../src/readers/utf8.js';
import { checkEvents, fuzz, mutate, mutationArb, readerInputArb, readLikeAFile, VALID } from './helpers.js';

const isBlankLine = (line: Uint8Array): boolean => line.every((b) => b === 32 || b === 9 || b === 13);

function splitByteLines(bytes: Uint8Array): Uint8Array[] {
  let b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 10) {
      lines.push(b.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < b.length) lines.push(b.subarray(start));
  return lines;
}

/** Records in a JSONL input: its non-blank lines. */
function jsonlRecords(bytes: Uint8Array): number {
  return splitByteLines(bytes).filter((l) => !isBlankLine(l)).length;
}

/** Records in a CSV input without quotes or carriage returns: non-empty lines after the header. */
function csvRecords(bytes: Uint8Array): number | undefined {
  if (bytes.includes(0x22) || bytes.includes(0x0d)) return undefined;
  const lines = splitByteLines(bytes).filter((l) => l.length > 0);
  return Math.max(0, lines.length - 1);
}

/** Elements of a JSON array input, when the whole input is a valid JSON array. */
function jsonArrayRecords(bytes: Uint8Array): number | undefined {
  const d = decodeUtf8(bytes);
  if (!d.ok) return undefined;
  try {
    const v: unknown = JSON.parse(d.text);
    return Array.isArray(v) ? v.length : undefined;
  } catch {
    return undefined;
  }
}

/** A header without the text column, or with a bad byte, is reported once (at its line) and the file is skipped. */
function csvOracle(bytes: Uint8Array, events: readonly ReaderEvent[]): number | undefined {
  const records = csvRecords(bytes);
  if (records === undefined) return undefined;
  const lines = splitByteLines(bytes);
  const headerLine = lines.findIndex((l) => l.length > 0) + 1;
  const e = events[0];
  if (events.length === 1 && e.kind === 'reject' && e.reject.line === headerLine && [C.NO_TEXT_FIELD, C.UTF8].includes(e.reject.code as never)) return 1;
  return records;
}

interface Target {
  readonly name: string;
  readonly fixture: string;
  readonly format: InputFormat;
  /** Records the input holds, when that can be known without the reader; undefined to check shape only. */
  readonly records?: (bytes: Uint8Array, events: readonly ReaderEvent[]) => number | undefined;
}

const single = (): number => 1;
const wholeFileReject = (events: readonly ReaderEvent[]): boolean =>
  events.length === 1 && events[0].kind === 'reject' && [C.BINARY, C.UTF8, C.FRONT_MATTER, C.TOO_LONG, C.GZIP].includes(events[0].reject.code as never);

const TARGETS: Target[] = [
  {
    name: 'csv',
    fixture: 'sample.csv',
    format: 'csv',
    records: csvOracle,
  },
  {
    name: 'tsv',
    fixture: 'sample.tsv',
    format: 'tsv',
    records: csvOracle,
  },
  { name: 'jsonl', fixture: 'sample.jsonl', format: 'jsonl', records: (b) => jsonlRecords(b) },
  { name: 'json array', fixture: 'sample.json', format: 'json', records: (b) => jsonArrayRecords(b) },
  { name: 'text file', fixture: 'sample.txt', format: 'text', records: single },
  { name: 'speaker turns', fixture: 'turns.txt', format: 'transcript', records: (_b, ev) => (wholeFileReject(ev) ? 1 : undefined) },
  { name: 'webvtt', fixture: 'sample.vtt', format: 'vtt', records: (_b, ev) => (wholeFileReject(ev) ? 1 : undefined) },
  { name: 'srt', fixture: 'sample.srt', format: 'srt', records: (_b, ev) => (wholeFileReject(ev) ? 1 : undefined) },
];

describe('fuzz: readers never crash and account for every record', () => {
  for (const t of TARGETS) {
    it(`${t.name}: random bytes, random text and mutated fixtures`, async () => {
      const valid = VALID(t.fixture);
      const file = `fuzz/${t.fixture}`;
      // The valid fixture itself reads without surprises.
      const clean = await readLikeAFile(valid, { path: file, format: t.format }, 0);
      checkEvents(clean, file, valid);
      expect(clean.some((e) => e.kind === 'document')).toBe(true);
      const n = await fuzz(
        t.name,
        fc.asyncProperty(readerInputArb(valid), async ({ bytes, chunk }) => {
          const spec: InputSpec = { path: file, format: t.format };
          const events = await readLikeAFile(bytes, spec, chunk);
          const counts = checkEvents(events, file, bytes);
          if (isGzipMagic(bytes)) return; // corrupt gzip: one E_GZIP reject after whatever was read
          const records = t.records?.(bytes, events);
          if (records !== undefined) {
            expect(counts.documents + counts.rejects + counts.duplicates, `records in ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300))}`).toBe(records);
          }
          // Chunking never changes what is read. (CSV parse errors may come a record earlier or later,
          // depending on when the parser sees them, so events are compared as a set.)
          if (chunk !== 0) {
            const whole = await readLikeAFile(bytes, spec, 0);
            const key = (e: ReaderEvent): string => JSON.stringify(e);
            expect(events.map(key).sort()).toEqual(whole.map(key).sort());
          }
        }),
      );
      expect(n).toBeGreaterThan(0);
    });
  }

  it('csv: well-formed records with any field content are read one event each', async () => {
    const field = fc.string({ unit: 'binary', maxLength: 40 });
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const n = await fuzz(
      'csv generated',
      fc.asyncProperty(fc.array(fc.tuple(field, field), { maxLength: 20 }), fc.integer({ min: 0, max: 9 }), async (rows, chunk) => {
        const text = `id,text\n${rows.map(([a, b]) => `${quote(a)},${quote(b)}`).join('\r\n')}\n`;
        const bytes = new TextEncoder().encode(text);
        const events = await readLikeAFile(bytes, { path: 'gen.csv', format: 'csv' }, chunk);
        checkEvents(events, 'gen.csv', bytes);
        expect(events.length).toBe(rows.length);
        // Documents keep their text exactly as written.
        const docs = events.flatMap((e) => (e.kind === 'document' ? [e.document.text] : []));
        const expected = rows.map(([, b]) => b).filter((b) => b.trim() !== '');
        expect(docs.length + events.filter((e) => e.kind === 'duplicate').length).toBe(expected.length);
      }),
    );
    expect(n).toBeGreaterThan(0);
  });
});

describe('fuzz: gzip detection through readInputs', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rehumanize-fuzz-gz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gzipped fixtures, truncated and flipped, end in documents, rejects and duplicates with E_GZIP where cut', async () => {
    const valid = VALID('sample.jsonl');
    const gz = new Uint8Array(gzipSync(valid));
    let i = 0;
    const n = await fuzz(
      'gzip',
      fc.asyncProperty(fc.array(mutationArb, { minLength: 0, maxLength: 3 }), async (ms) => {
        const bytes = mutate(gz, ms);
        const name = `f${i++}.jsonl.gz`;
        await writeFile(path.join(dir, name), bytes);
        const events: ReaderEvent[] = [];
        for await (const e of readInputs([{ path: name }], { baseDir: dir })) events.push(e);
        const counts = checkEvents(events, name, new Uint8Array(1 << 20).fill(10));
        expect(counts.documents + counts.rejects + counts.duplicates).toBe(events.length);
        if (ms.length === 0) expect(events.filter((e) => e.kind === 'reject').map((e) => (e as { reject: { code: string } }).reject.code)).not.toContain(C.GZIP);
        // Whatever was decompressed before the damage is a prefix of the clean read, line by line.
        for (const e of events) if (e.kind === 'reject' && e.reject.code === C.GZIP) expect(e.reject.byteOffset).toBeGreaterThanOrEqual(0);
      }),
      200,
    );
    expect(n).toBeGreaterThan(0);
  });
});
