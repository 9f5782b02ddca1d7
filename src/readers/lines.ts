/**
 * Splits a byte stream into lines without decoding it first, so each line can be decoded
 * strictly on its own and one bad byte costs one record, not the file.
 */

import { withWholeBom } from './bom.js';

/** One line: its bytes (without `\n` or `\r\n`), 1-based number and byte offset of its start. */
export interface Line {
  readonly bytes: Uint8Array;
  readonly line: number;
  readonly byteOffset: number;
  /** Set when the line was longer than the cap; `bytes` then holds only its beginning. */
  readonly tooLong?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Yields lines from byte chunks. Lines longer than `maxLineBytes` are not kept whole (a
 * multi-gigabyte line must not exhaust memory): their first bytes are kept for the reject and
 * `tooLong` says how long the line was. A UTF-8 BOM at the start is dropped.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes = 64 * 1024 * 1024): AsyncGenerator<Line> {
  let parts: Uint8Array[] = [];
  let partLen = 0;
  let lineLen = 0;
  let lineNo = 1;
  let lineStart = 0;
  let offset = 0;
  let first = true;
  const keep = 4096;
  const take = (piece: Uint8Array): void => {
    lineLen += piece.length;
    if (partLen < maxLineBytes) {
      parts.push(piece);
      partLen += piece.length;
    } else if (partLen < keep) {
      parts.push(piece.subarray(0, keep - partLen));
      partLen += Math.min(piece.length, keep - partLen);
    }
  };
  const emit = (): Line => {
    let bytes = parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const tooLong = lineLen > maxLineBytes ? lineLen : undefined;
    if (tooLong !== undefined && bytes.length > keep) bytes = bytes.subarray(0, keep);
    else if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    const l: Line = tooLong === undefined ? { bytes, line: lineNo, byteOffset: lineStart } : { bytes, line: lineNo, byteOffset: lineStart, tooLong };
    parts = [];
    partLen = 0;
    lineLen = 0;
    return l;
  };
  for await (let chunk of withWholeBom(chunks)) {
    if (first && chunk.length > 0) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        offset = 3;
        lineStart = 3;
      }
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        if (start < chunk.length) take(chunk.subarray(start));
        break;
      }
      take(chunk.subarray(start, nl));
      yield emit();
      lineNo++;
      lineStart = offset + nl + 1;
      start = nl + 1;
    }
    offset += chunk.length;
  }
  if (lineLen > 0) yield emit();
}
