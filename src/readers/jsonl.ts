/**
 * JSON Lines: one object a line. Each line is decoded and parsed on its own, so one broken line is one
 * reject. Blank lines are not records and are skipped.
 */
import type { ReaderEvent } from '../core/types.js';
import { READER_CODES as C, reject } from './codes.js';
import type { ReadContext } from './context.js';
import { splitLines } from './lines.js';
import { buildDocument } from './record.js';
import { decodeUtf8 } from './utf8.js';

/** Longest line kept in memory: room for `maxChars` of text as UTF-8 plus generous metadata. */
export function maxRecordBytes(maxChars: number): number {
  return maxChars * 4 + 1024 * 1024;
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9 && b !== 13 && b !== 10) return false;
  }
  return true;
}

const lenient = new TextDecoder('utf-8');

/** Parses one JSON record text; shared with the JSON array reader. */
export function parseJsonRecord(
  text: string,
  ctx: ReadContext,
  origin: { file: string; line?: number; byteOffset?: number; index?: number },
  derivedId: string,
): ReaderEvent {
  const { file } = ctx;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject(file, C.JSON_PARSE, `expected a JSON object, found invalid JSON: ${(error as Error).message}`, {
      line: origin.line,
      byteOffset: origin.line === undefined ? origin.byteOffset : undefined,
      raw: text,
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return reject(file, C.JSON_NOT_OBJECT, `expected a JSON object, found ${found}`, {
      line: origin.line,
      byteOffset: origin.line === undefined ? origin.byteOffset : undefined,
      raw: text,
    });
  }
  const record = Object.keys(ctx.pathMeta).length > 0 ? { ...ctx.pathMeta, ...(value as Record<string, unknown>) } : (value as Record<string, unknown>);
  return buildDocument({ record, origin, derivedId, derivedBasis: 'content', raw: () => text }, ctx.rules);
}

/** Reads JSON Lines from byte chunks. */
export async function* readJsonl(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  const { file } = ctx;
  for await (const l of splitLines(chunks, maxRecordBytes(ctx.rules.maxChars))) {
    if (l.tooLong !== undefined) {
      yield reject(file, C.TOO_LONG, `expected a line of at most ${maxRecordBytes(ctx.rules.maxChars)} bytes (maxChars), found ${l.tooLong}`, {
        line: l.line,
        raw: lenient.decode(l.bytes),
      });
      continue;
    }
    if (isBlank(l.bytes)) continue;
    const decoded = decodeUtf8(l.bytes);
    if (!decoded.ok) {
      yield reject(file, C.UTF8, `expected UTF-8 text, found an invalid byte at offset ${l.byteOffset + decoded.offset}`, {
        line: l.line,
        byteOffset: l.byteOffset + decoded.offset,
        raw: lenient.decode(l.bytes),
      });
      continue;
    }
    yield parseJsonRecord(decoded.text, ctx, { file, line: l.line }, `${file}:${l.line}`);
  }
}
