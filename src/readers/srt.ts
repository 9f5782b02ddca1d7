/**
 * SubRip (SRT) subtitles: numbered cues with `00:00:01,000 --> 00:00:04,000` timing; speakers from a
 * `NAME:` prefix. Consecutive cues of the same speaker merge unless `mergeTurns: false`.
 */
import type { ReaderEvent } from '../core/types.js';
import type { ReadContext } from './context.js';
import { parseCues } from './cues.js';
import { readTranscript, type ParsedTranscript } from './transcript.js';

/** Parses SRT text into turns (before merging). */
export function parseSrt(body: string, firstLine = 1): ParsedTranscript {
  return parseCues(body, firstLine, false);
}

/** Reads an SRT file; one document per turn. */
export function readSrt(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  return readTranscript(chunks, ctx, parseSrt, ctx.spec.mergeTurns ?? true);
}
