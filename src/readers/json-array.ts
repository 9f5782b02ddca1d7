/**
 * A JSON array of objects, streamed: a small byte-level splitter finds each top-level element
 * (tracking strings, escapes and nesting) so a huge file is never parsed whole. Each element is then
 * decoded and parsed on its own; a broken element is one reject and the splitter moves on.
 */
import type { ReaderEvent } from '../core/types.js';
import { READER_CODES as C, reject } from './codes.js';
import type { ReadContext } from './context.js';
import { maxRecordBytes, parseJsonRecord } from './jsonl.js';
import { withWholeBom } from './bom.js';
import { decodeUtf8 } from './utf8.js';

/** One top-level element's bytes and where it starts. */
export interface ArrayElement {
  readonly bytes: Uint8Array;
  readonly line: number;
  readonly byteOffset: number;
  readonly index: number;
  /** Set when the element was longer than the cap (only its beginning is kept). */
  readonly tooLong?: number;
}

/** A problem of the array's structure rather than of one element. */
export interface ArrayProblem {
  readonly problem: 'not-array' | 'unclosed' | 'trailing';
  readonly line: number;
  readonly byteOffset: number;
  readonly found: string;
}

const WS = (b: number): boolean => b === 32 || b === 9 || b === 10 || b === 13;

/**
 * Splits a JSON array into its top-level elements. Yields problems instead of throwing, so the
 * reader can report them and keep what came before.
 */
export async function* splitJsonArray(chunks: AsyncIterable<Uint8Array>, maxElementBytes: number): AsyncGenerator<ArrayElement | ArrayProblem> {
  // States: 0 before '[', 1 expecting an element or ']', 2 inside an element, 3 after ']'.
  let state = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scalar = false; // the element is a bare number/true/false/null
  let line = 1;
  let offset = 0;
  let index = 0;
  let parts: Uint8Array[] = [];
  let kept = 0;
  let size = 0;
  let elLine = 0;
  let elOffset = 0;
  let first = true;
  const keep = 4096;

  const emit = (): ArrayElement => {
    let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const over = size > maxElementBytes ? size : undefined;
    if (over !== undefined) bytes = bytes.subarray(0, keep);
    const el: ArrayElement = over === undefined ? { bytes, line: elLine, byteOffset: elOffset, index } : { bytes, line: elLine, byteOffset: elOffset, index, tooLong: over };
    index++;
    parts = [];
    kept = 0;
    size = 0;
    return el;
  };
  const take = (chunk: Uint8Array, from: number, to: number): void => {
    if (to <= from) return;
    size += to - from;
    if (kept < maxElementBytes) {
      parts.push(chunk.subarray(from, to));
      kept += to - from;
    }
  };

  for await (let chunk of withWholeBom(chunks)) {
    if (first && chunk.length > 0) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        offset += 3;
      }
    }
    let start = -1; // start of the current element's bytes in this chunk
    if (state === 2) start = 0;
    const out: Array<ArrayElement | ArrayProblem> = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (state === 2) {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 92) escaped = true;
          else if (b === 34) {
            inString = false;
            if (depth === 0 && !scalar) {
              take(chunk, start, i + 1);
              out.push(emit());
              state = 1;
            }
          } else if (b === 10) line++;
          continue;
        }
        if (scalar) {
          if (b === 44 || b === 93 || WS(b)) {
            take(chunk, start, i);
            out.push(emit());
            state = 1;
            scalar = false;
            i--; // let state 1 see the comma, bracket or space
          }
          continue;
        }
        if (b === 34) inString = true;
        else if (b === 123 || b === 91) depth++;
        else if (b === 125 || b === 93) {
          depth--;
          if (depth === 0) {
            take(chunk, start, i + 1);
            out.push(emit());
            state = 1;
          }
        } else if (b === 10) line++;
        continue;
      }
      if (b === 10) line++;
      if (WS(b)) continue;
      if (state === 0) {
        if (b === 91) {
          state = 1;
          continue;
        }
        out.push({ problem: 'not-array', line, byteOffset: offset + i, found: String.fromCharCode(b) });
        for (const o of out) yield o;
        return;
      }
      if (state === 1) {
        if (b === 44) continue;
        if (b === 93) {
          state = 3;
          continue;
        }
        state = 2;
        start = i;
        elLine = line;
        elOffset = offset + i;
        depth = 0;
        if (b === 34) {
          inString = true;
          scalar = false;
        } else if (b === 123 || b === 91) {
          depth = 1;
          scalar = false;
        } else scalar = true;
        continue;
      }
      // state 3: anything but whitespace after the closing bracket
      out.push({ problem: 'trailing', line, byteOffset: offset + i, found: String.fromCharCode(b) });
      for (const o of out) yield o;
      return;
    }
    if (state === 2) take(chunk, start, chunk.length);
    offset += chunk.length;
    for (const o of out) yield o;
  }
  if (state === 2 && size > 0 && !scalar) {
    const el = emit();
    yield { problem: 'unclosed', line: el.line, byteOffset: el.byteOffset, found: new TextDecoder().decode(el.bytes.subarray(0, 2048)) };
    return;
  }
  if (state === 2 && scalar) yield emit();
  if (state === 0) yield { problem: 'not-array', line, byteOffset: offset, found: 'the end of the file' };
  else if (state === 1 || state === 2) yield { problem: 'unclosed', line, byteOffset: offset, found: 'the end of the file' };
}

const lenient = new TextDecoder('utf-8');

/** Reads a JSON array of objects from byte chunks. */
export async function* readJsonArray(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  const { file } = ctx;
  const cap = maxRecordBytes(ctx.rules.maxChars);
  for await (const el of splitJsonArray(chunks, cap)) {
    if ('problem' in el) {
      const what =
        el.problem === 'not-array'
          ? [C.JSON_NOT_ARRAY, `expected a JSON array "[" (use format jsonl for one object a line), found ${JSON.stringify(el.found)}`]
          : el.problem === 'trailing'
            ? [C.JSON_PARSE, `expected nothing after the closing "]", found ${JSON.stringify(el.found)}`]
            : [C.JSON_PARSE, `expected the array to be closed with "]", found ${el.found.length > 40 ? 'an unfinished element' : el.found}`];
      yield reject(file, what[0], what[1], { line: el.line, byteOffset: el.byteOffset, raw: el.problem === 'unclosed' ? el.found : undefined });
      continue;
    }
    if (el.tooLong !== undefined) {
      yield reject(file, C.TOO_LONG, `expected an element of at most ${cap} bytes (maxChars), found ${el.tooLong}`, {
        line: el.line,
        byteOffset: el.byteOffset,
        raw: lenient.decode(el.bytes),
      });
      continue;
    }
    const decoded = decodeUtf8(el.bytes);
    if (!decoded.ok) {
      yield reject(file, C.UTF8, `expected UTF-8 text, found an invalid byte at offset ${el.byteOffset + decoded.offset}`, {
        line: el.line,
        byteOffset: el.byteOffset + decoded.offset,
        raw: lenient.decode(el.bytes),
      });
      continue;
    }
    yield parseJsonRecord(decoded.text, ctx, { file, line: el.line, index: el.index }, `${file}#${el.index}`);
  }
}
