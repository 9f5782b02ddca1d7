/**
 * Shared pieces of the hardening tests: fuzz budgets, byte mutations of valid fixtures, reading a byte
 * source to the end, checking that every event is well formed, and the regression list.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ReaderEvent } from '../../src/core/types.js';
import { READER_CODES, RAW_LIMIT } from '../../src/readers/codes.js';
import type { InputSpec } from '../../src/readers/input-spec.js';
import { Deduper } from '../../src/readers/dedupe.js';
import { ByteSourceError } from '../../src/readers/gzip.js';
import { readByteStream } from '../../src/readers/read-inputs.js';

export const HARDENING_FIXTURES = fileURLToPath(new URL('../fixtures/hardening/', import.meta.url));
export const VALID = (name: string): Uint8Array => new Uint8Array(readFileSync(`${HARDENING_FIXTURES}valid/${name}`));

/** The measure and cue lexicons the scorer needs; named one by one so a lexicon being edited elsewhere cannot make this flaky. */
export const LEXICONS = ['dehumanization-en', 'victimhood-exclusive-en', 'victimhood-inclusive-en', 'acknowledgement-en', 'actors-en', 'negation-en', 'hedges-en', 'quotation-en'];

/** Cases per fuzz target. CI may raise them a little (each target is still bounded by its time limit). */
export const FUZZ_RUNS = process.env.CI ? 600 : 400;
/** Wall-clock bound of one fuzz target, so the whole fuzz suite stays well under a minute. */
export const FUZZ_MS = process.env.CI ? 4000 : 3000;

/** Every code a reader may put on a reject. */
export const READER_REJECT_CODES = new Set<string>(Object.values(READER_CODES));

/** A regression kept from a fuzz failure: replayed by regressions.test.ts. */
export interface Regression {
  readonly target: string;
  readonly seed: number | null;
  readonly path: string | null;
  /** The input: text, or `base64:...` for bytes. */
  readonly input: string;
  readonly spec?: InputSpec;
  readonly note: string;
}

export function loadRegressions(): Regression[] {
  return JSON.parse(readFileSync(`${HARDENING_FIXTURES}regressions.json`, 'utf8')) as Regression[];
}

export function inputBytes(input: string): Uint8Array {
  return input.startsWith('base64:') ? new Uint8Array(Buffer.from(input.slice(7), 'base64')) : new TextEncoder().encode(input);
}

/** Splits bytes into chunks of `size` (0 = one chunk), as a stream would deliver them. */
export async function* chunked(bytes: Uint8Array, size = 0): AsyncGenerator<Uint8Array> {
  if (size <= 0 || size >= bytes.length) {
    if (bytes.length > 0) yield bytes;
    return;
  }
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Reads bytes through the same path a file takes (gzip sniffing, format reader) and collects every event. */
export async function readAllEvents(bytes: Uint8Array, spec: InputSpec, chunkSize = 0): Promise<ReaderEvent[]> {
  const events: ReaderEvent[] = [];
  for await (const e of readByteStream(chunked(bytes, chunkSize), spec)) events.push(e);
  return events;
}

/** Number of lines a reject or document may point at: one more than the line breaks (LF, CRLF or a lone CR). */
export function lineCount(bytes: Uint8Array): number {
  let n = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) n++;
  return n;
}

/**
 * Every event is well formed: documents have an id and non-blank text; rejects name the file, a line or a
 * byte offset inside the input, a known code and a message. Returns counts by kind.
 */
export function checkEvents(events: readonly ReaderEvent[], file: string, bytes: Uint8Array): { documents: number; rejects: number; duplicates: number } {
  const maxLine = lineCount(bytes);
  const counts = { documents: 0, rejects: 0, duplicates: 0 };
  for (const e of events) {
    if (e.kind === 'document') {
      counts.documents++;
      const d = e.document;
      expect(typeof d.id).toBe('string');
      expect(d.id.length).toBeGreaterThan(0);
      expect(d.text.trim().length).toBeGreaterThan(0);
      expect(d.origin.file).toBe(file);
      if (d.origin.line !== undefined) {
        expect(Number.isInteger(d.origin.line) && d.origin.line >= 1 && d.origin.line <= maxLine, `document line ${d.origin.line} of ${maxLine}`).toBe(true);
      }
      for (const v of Object.values(d.fields)) expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
    } else if (e.kind === 'reject') {
      counts.rejects++;
      const r = e.reject;
      expect(r.file).toBe(file);
      expect(r.line !== undefined || r.byteOffset !== undefined, `reject without a place: ${JSON.stringify(r)}`).toBe(true);
      if (r.line !== undefined) expect(Number.isInteger(r.line) && r.line >= 1 && r.line <= maxLine, `reject line ${r.line} of ${maxLine}: ${JSON.stringify(r)}`).toBe(true);
      if (r.byteOffset !== undefined) expect(Number.isInteger(r.byteOffset) && r.byteOffset >= 0 && r.byteOffset <= bytes.length, `reject byteOffset ${r.byteOffset} of ${bytes.length}`).toBe(true);
      expect(READER_REJECT_CODES.has(r.code), `unknown reject code ${r.code}`).toBe(true);
      expect(typeof r.message).toBe('string');
      expect(r.message.length).toBeGreaterThan(0);
      if (r.raw !== undefined) expect(r.raw.length).toBeLessThanOrEqual(RAW_LIMIT + 64);
    } else {
      counts.duplicates++;
      expect(e.id.length).toBeGreaterThan(0);
      expect(e.duplicateOf.length).toBeGreaterThan(0);
    }
  }
  return counts;
}

/** One change to a valid input. Positions are taken modulo the length at the time of the change. */
export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'insert'; at: number; what: number[] }
  | { op: 'duplicateLine'; at: number }
  | { op: 'delete'; at: number; len: number };

const INSERTS: number[][] = [
  [0x22], // "
  [0x0a], // \n
  [0x0d], // lone CR
  [0x0d, 0x0a],
  [0x00], // NUL
  [0x2c], // ,
  [0x09], // tab
  [0x7b],
  [0x7d],
  [0x5b],
  [0x5d],
  [0x5c],
  [0xff], // never valid UTF-8
  [0xc3], // a cut-off two-byte sequence
  [0xef, 0xbb, 0xbf], // BOM in the middle
  [0x1f, 0x8b], // gzip magic
  [...Buffer.from('-->')],
  [...Buffer.from('---\n')],
  [...Buffer.from('\n\n')],
  [...Buffer.from('WEBVTT\n')],
  [...Buffer.from('X: ')],
  [0xe2, 0x80, 0x8b], // zero-width space
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...INSERTS) }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 16 }) }),
);

/** Applies mutations in order. */
export function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(input);
  for (const m of mutations) {
    const n = b.length;
    if (m.op === 'insert') {
      const at = n === 0 ? 0 : m.at % (n + 1);
      b = Buffer.concat([b.subarray(0, at), Buffer.from(m.what), b.subarray(at)]);
      continue;
    }
    if (n === 0) continue;
    const at = m.at % n;
    if (m.op === 'truncate') b = b.subarray(0, at);
    else if (m.op === 'flip') {
      b = Buffer.from(b);
      b[at] ^= 1 << m.bit;
    } else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(n, at + m.len))]);
    else {
      const start = b.lastIndexOf(10, at - 1) + 1;
      let end = b.indexOf(10, at);
      end = end < 0 ? n : end + 1;
      const line = b.subarray(start, end);
      const copy = line[line.length - 1] === 10 ? line : Buffer.concat([Buffer.from('\n'), line]);
      b = Buffer.concat([b.subarray(0, end), copy, b.subarray(end)]);
    }
  }
  return new Uint8Array(b);
}

/** Arbitrary inputs for a reader: random bytes, random text, and mutations of a valid fixture; plus a chunk size. */
export function readerInputArb(valid: Uint8Array): fc.Arbitrary<{ bytes: Uint8Array; chunk: number; how: string }> {
  const enc = new TextEncoder();
  return fc.record({
    input: fc.oneof(
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => ({ bytes: b, how: 'bytes' })) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((s) => ({ bytes: enc.encode(s), how: 'string' })) },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.constantFrom('"', ',', '\t', '\n', '\r\n', '\r', '{', '}', '[', ']', ':', '\\', 'text', 'id', ' ', 'a', '-->', '00:00:01.000', '---', 'WEBVTT', 'X:', '\u200b', '\u0000', 'é'), { maxLength: 80 })
          .map((parts) => ({ bytes: enc.encode(parts.join('')), how: 'tokens' })),
      },
      { weight: 3, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 5 }).map((ms) => ({ bytes: mutate(valid, ms), how: 'mutation' })) },
    ),
    chunk: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 17 })),
  }).map(({ input, chunk }) => ({ ...input, chunk }));
}

/** Runs a fuzz property with the shared budget, prints the number of cases and fails with a replayable report. */
export async function fuzz<T>(target: string, property: fc.IAsyncPropertyWithHooks<[T]> | fc.IAsyncProperty<[T]>, runs = FUZZ_RUNS): Promise<number> {
  const details = await fc.check(property, { numRuns: runs, interruptAfterTimeLimit: FUZZ_MS, markInterruptAsFailure: false, timeout: 10_000 });
  console.log(`fuzz ${target}: ${details.numRuns} cases (seed ${details.seed})`);
  if (details.failed) {
    const example = details.counterexample?.[0] as { bytes?: Uint8Array } | string | undefined;
    const input =
      typeof example === 'string' ? example : example && typeof example === 'object' && example.bytes ? `base64:${Buffer.from(example.bytes).toString('base64')}` : JSON.stringify(example);
    const entry = { target, seed: details.seed, path: details.counterexamplePath, input };
    throw new Error(`fuzz ${target} failed; keep this in test/fixtures/hardening/regressions.json:\n${JSON.stringify(entry)}\n${fc.defaultReportMessage(details)}`);
  }
  return details.numRuns;
}

/**
 * Reads bytes the way readInputs reads a file (a failing byte source becomes one reject, documents are
 * deduplicated), but from memory so chunk boundaries can be chosen.
 */
export async function readLikeAFile(bytes: Uint8Array, spec: InputSpec, chunk: number): Promise<ReaderEvent[]> {
  const events: ReaderEvent[] = [];
  const deduper = new Deduper();
  try {
    for await (const e of readByteStream(chunked(bytes, chunk), spec)) {
      if (e.kind === 'document') {
        const first = deduper.check(e.document);
        if (first !== undefined) {
          events.push({ kind: 'duplicate', id: e.document.id, origin: e.document.origin, duplicateOf: first });
          continue;
        }
      }
      events.push(e);
    }
  } catch (error) {
    if (!(error instanceof ByteSourceError)) throw error;
    events.push({ kind: 'reject', reject: { file: spec.path, code: error.code, message: error.message, byteOffset: error.byteOffset } });
  }
  return events;
}

