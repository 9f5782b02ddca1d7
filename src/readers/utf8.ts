/**
 * Strict UTF-8 decoding with the byte offset of the first bad byte, and binary sniffing.
 * TextDecoder's fatal mode says *that* bytes are bad but not *where*; users need the where.
 */

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when all are valid.
 * A sequence cut off by the end of `bytes` counts as invalid unless `allowTruncatedEnd` is set
 * (used while streaming, where the rest may come in the next chunk).
 */
export function findInvalidUtf8(bytes: Uint8Array, allowTruncatedEnd = false): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) {
      // Not enough bytes left for the whole sequence.
      if (allowTruncatedEnd) {
        for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return i;
        return -1;
      }
      return i;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** Result of {@link decodeUtf8}: the text, or the offset of the first bad byte. */
export type DecodeResult = { ok: true; text: string } | { ok: false; offset: number };

/** Decodes strictly; on failure reports where the first bad byte is. A leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    let text = strictDecoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    const offset = findInvalidUtf8(bytes);
    return { ok: false, offset: offset < 0 ? 0 : offset };
  }
}

/** True when a NUL byte occurs in the first 8 KB: a binary file posing as text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Validates UTF-8 across chunk boundaries and remembers the absolute offsets of bad bytes,
 * so a record-based parser fed with the same chunks can reject exactly the records that hold them.
 */
export class Utf8StreamValidator {
  private carry: Uint8Array = new Uint8Array(0);
  private offset = 0;
  /** Absolute offsets of invalid bytes, ascending. */
  readonly bad: number[] = [];

  push(chunk: Uint8Array): void {
    let buf = chunk;
    let base = this.offset;
    if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      base -= this.carry.length;
    }
    this.offset += chunk.length;
    let start = 0;
    for (;;) {
      const rel = findInvalidUtf8(start === 0 ? buf : buf.subarray(start), true);
      if (rel < 0) break;
      this.bad.push(base + start + rel);
      start += rel + 1;
      if (start >= buf.length) break;
    }
    // Keep an unfinished multi-byte sequence at the end for the next chunk.
    let tail = 0;
    for (let k = buf.length - 1; k >= Math.max(start, buf.length - 3); k--) {
      const b = buf[k];
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) {
        const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
        if (buf.length - k <= need) tail = buf.length - k;
      }
      break;
    }
    this.carry = tail > 0 ? buf.slice(buf.length - tail) : new Uint8Array(0);
  }

  /** Call at the end: a sequence still unfinished is invalid. */
  end(): void {
    if (this.carry.length > 0) this.bad.push(this.offset - this.carry.length);
    this.carry = new Uint8Array(0);
  }

  /** First bad offset in [from, to), removing the offsets before `to` from the queue. */
  takeIn(from: number, to: number): number | undefined {
    let found: number | undefined;
    while (this.bad.length > 0 && this.bad[0] < to) {
      const o = this.bad.shift()!;
      if (o >= from && found === undefined) found = o;
    }
    return found;
  }
}
