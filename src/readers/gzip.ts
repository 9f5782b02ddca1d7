/**
 * Byte sources: a file opened as a stream of chunks, gunzipped when its first bytes are the gzip
 * magic (1f 8b) whatever its name says. Errors come out as {@link ByteSourceError} with a reject code,
 * so a corrupt or unreadable file becomes a reject and not a crash.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { READER_CODES as C } from './codes.js';

/** A failure of the byte source itself (missing, unreadable, corrupt gzip). */
export class ByteSourceError extends Error {
  readonly code: string;
  /** Decompressed bytes delivered before the failure. */
  readonly byteOffset: number;
  constructor(code: string, message: string, byteOffset: number, cause?: unknown) {
    super(message, { cause });
    this.name = 'ByteSourceError';
    this.code = code;
    this.byteOffset = byteOffset;
  }
}

/** True when the bytes start with the gzip magic number. */
export function isGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The path without a trailing `.gz`, for choosing the format by extension. */
export function stripGzExtension(path: string): string {
  return path.toLowerCase().endsWith('.gz') ? path.slice(0, -3) : path;
}

function fsErrorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return C.FILE_MISSING;
  if (code === 'EISDIR') return C.NOT_A_FILE;
  return C.FILE_UNREADABLE;
}

/**
 * Passes chunks through, gunzipping when the first bytes are the gzip magic. Works on any
 * chunk source, so the format readers can be tested and benchmarked without files.
 */
export async function* maybeGunzip(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  // Collect at least two bytes to look at the magic, even if the first chunk is tiny.
  const head: Uint8Array[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < 2) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headLen += next.value.length;
  }
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  };
  const first = head.length === 1 ? head[0] : Buffer.concat(head);
  if (!isGzipMagic(first)) {
    yield* rest();
    return;
  }
  const source = Readable.from(rest(), { objectMode: false });
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  let out = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      out += chunk.length;
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ByteSourceError) throw error;
    const zcode = (error as NodeJS.ErrnoException)?.code ?? '';
    if (zcode.startsWith('Z_') || zcode === 'ERR_ZLIB') {
      throw new ByteSourceError(C.GZIP, `expected a complete gzip stream, found corrupt or truncated data (${(error as Error).message})`, out, error);
    }
    throw error;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/** The raw chunks of a file, reporting bytes read from disk through `onBytes`. */
export async function* fileChunks(path: string, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk.length);
      yield chunk;
    }
  } catch (error) {
    throw new ByteSourceError(fsErrorCode(error), `could not read the file: ${(error as Error).message}`, 0, error);
  } finally {
    stream.destroy();
  }
}

/**
 * Opens a file as a stream of (decompressed) byte chunks. Gzip is detected by magic bytes, so a
 * gzipped `.txt` is read and a `.gz` that is plain text is read as it is.
 */
export function openByteStream(path: string, options: { onBytes?: (n: number) => void } = {}): AsyncGenerator<Uint8Array> {
  return maybeGunzip(fileChunks(path, options.onBytes));
}

/**
 * Reads a whole byte source into memory, up to `limit` bytes; beyond that the rest is drained
 * (so byte counts stay right) and `truncated` is set. For one-document-per-file formats.
 */
export async function readAll(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean; total: number }> {
  const parts: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  for await (const c of chunks) {
    total += c.length;
    if (kept < limit) {
      const take = Math.min(c.length, limit - kept);
      parts.push(take === c.length ? c : c.subarray(0, take));
      kept += take;
    }
  }
  return { bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts), truncated: total > limit, total };
}
