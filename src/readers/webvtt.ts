/**
 * WebVTT captions: cues with timing, `<v Speaker>` voices, multi-line cues. Consecutive cues of the
 * same speaker merge into one turn unless the input sets `mergeTurns: false`.
 */
import type { ReaderEvent } from '../core/types.js';
import type { ReadContext } from './context.js';
import { parseCues } from './cues.js';
import { readTranscript, type ParsedTranscript } from './transcript.js';

/** Parses WebVTT text into turns (one per voice segment of each cue, before merging). */
export function parseWebVtt(body: string, firstLine = 1): ParsedTranscript {
  return parseCues(body, firstLine, true);
}

/** Reads a WebVTT file; one document per turn. */
export function readWebVtt(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  return readTranscript(chunks, ctx, parseWebVtt, ctx.spec.mergeTurns ?? true);
}
