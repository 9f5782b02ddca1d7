/**
 * Plain text: one document per file. Metadata comes from the path (`pathPattern`) and from an
 * optional YAML front-matter block; the body after it is the text. Finding the files (folders,
 * recursive globs) is done in read-inputs; this reads one file.
 */
import type { ReaderEvent } from '../core/types.js';
import type { ReadContext } from './context.js';
import { buildDocument } from './record.js';
import { readWholeFile } from './whole-file.js';

/** Reads one text file as one document. */
export async function* readTextFile(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  const whole = await readWholeFile(chunks, ctx, ctx.rules.maxChars * 4 + 64 * 1024);
  if ('kind' in whole) {
    yield whole;
    return;
  }
  // The id is the file path without extension: stable across runs and unique within a folder tree.
  const derivedId = ctx.file.replace(/\.gz$/i, '').replace(/\.[^./\\]*$/, '');
  yield buildDocument(
    {
      record: whole.meta,
      text: whole.body,
      origin: { file: ctx.file, line: whole.bodyLine },
      derivedId,
      derivedBasis: 'content',
      raw: () => whole.body.slice(0, 2048),
    },
    ctx.rules,
  );
}
