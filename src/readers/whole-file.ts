/**
 * Shared first steps for formats read one file at a time (text, transcripts): read with a cap,
 * refuse binary files and invalid UTF-8 with the byte offset, split off front matter.
 */
import type { ReaderEvent } from '../core/types.js';
import { READER_CODES as C, reject } from './codes.js';
import type { ReadContext } from './context.js';
import { splitFrontMatter } from './front-matter.js';
import { readAll } from './gzip.js';
import { decodeUtf8, looksBinary } from './utf8.js';

/** A file's decoded body and metadata (path captures overlaid by front matter). */
export interface WholeFile {
  readonly body: string;
  readonly bodyLine: number;
  readonly meta: Record<string, unknown>;
}

const lenient = new TextDecoder('utf-8');

/** Reads the whole file or returns the reject that explains why it cannot be used. */
export async function readWholeFile(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext, limitBytes: number): Promise<WholeFile | ReaderEvent> {
  const { file } = ctx;
  const { bytes, truncated, total } = await readAll(chunks, limitBytes);
  if (truncated) {
    return reject(file, C.TOO_LONG, `expected a file of at most ${limitBytes} bytes (maxChars), found ${total}`, { line: 1, raw: lenient.decode(bytes.subarray(0, 2048)) });
  }
  if (looksBinary(bytes)) {
    const at = bytes.subarray(0, 8192).indexOf(0);
    return reject(file, C.BINARY, `expected text, found a NUL byte at offset ${at} (a binary file?)`, { byteOffset: at });
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return reject(file, C.UTF8, `expected UTF-8 text, found an invalid byte at offset ${decoded.offset}`, {
      byteOffset: decoded.offset,
      raw: lenient.decode(bytes.subarray(Math.max(0, decoded.offset - 200), decoded.offset + 200)),
    });
  }
  const fm = splitFrontMatter(decoded.text);
  if (!fm.ok) return reject(file, C.FRONT_MATTER, fm.message, { line: fm.line, raw: decoded.text.slice(0, 2048) });
  return { body: fm.body, bodyLine: fm.bodyLine, meta: { ...ctx.pathMeta, ...fm.meta } };
}
