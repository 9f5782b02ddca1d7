/**
 * Readers drop a UTF-8 byte order mark by looking at their first chunk. A stream may split those three bytes
 * over several chunks (a slow pipe, a decompressor, a test feeding one byte at a time), and then the mark was
 * read as text. This re-chunks only the start of a stream so its first chunk holds at least three bytes.
 */

/** Yields the same bytes as `chunks`, the first chunk at least three bytes long unless the stream is shorter. */
export async function* withWholeBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    let head: Uint8Array | null = null;
    while (head === null || head.length < 3) {
      const next = await iterator.next();
      if (next.done) {
        if (head !== null) yield head;
        return;
      }
      if (next.value.length === 0) continue;
      head = head === null ? next.value : concat(head, next.value);
    }
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // A consumer that stops early (a reader rejecting the whole file) closes the source too.
    await iterator.return?.();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
