/**
 * Speaker-turn transcripts: `NAME: words` starts a turn, following lines continue it, `[laughter]`
 * and other bracketed stage directions are taken out of the scored text and kept in a field.
 * An optional leading time (`[00:01:23]`, `00:01:23`) gives the turn's start; the next turn's start is its end.
 *
 *     ---
 *     participant: P07
 *     session: 2
 *     ---
 *     INTERVIEWER: How did it start?
 *     P07: [sighs] Slowly. We stopped
 *     talking to them.
 */
import type { ReaderEvent } from '../core/types.js';
import type { ReadContext } from './context.js';
import { parseClock, readTranscript, takeStageDirections, type ParsedTranscript, type Turn } from './transcript.js';

// A speaker is 1-4 words of letters, digits and . ' - _ starting with a letter, then a colon and a space.
// The name is bounded, and the word separators are single spaces, so matching is linear.
const SPEAKER = /^((?:\p{L}[\p{L}\p{N}.'’_-]{0,30})(?: [\p{L}\p{N}.'’_-]{1,30}){0,3}):(?:\s+|$)/u;
const CLOCK = /^[[(]?(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[\])]?\s+/;

/** Words that end in a colon at the start of a line without being a speaker. */
const NOT_SPEAKERS = new Set(['note', 'notes', 'http', 'https', 're', 'subject', 'ps', 'p.s.', 'e.g.', 'i.e.']);

/** Parses speaker-turn text; `firstLine` is the line number of the body's first line. */
export function parseSpeakerTurns(body: string, firstLine = 1): ParsedTranscript {
  const turns: Turn[] = [];
  let current: { speaker?: string; lines: string[]; line: number; start?: number } | undefined;
  const close = (): void => {
    if (!current) return;
    const { text, directions } = takeStageDirections(current.lines.join('\n'));
    turns.push({ speaker: current.speaker, text, stageDirections: directions, start: current.start, line: current.line });
    current = undefined;
  };
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = firstLine + i;
    let l = lines[i].replace(/\r$/, '');
    let start: number | undefined;
    const clock = CLOCK.exec(l);
    if (clock) {
      start = parseClock(clock[1]);
      if (start !== undefined) l = l.slice(clock[0].length);
    }
    const m = SPEAKER.exec(l);
    if (m && !NOT_SPEAKERS.has(m[1].toLowerCase())) {
      close();
      current = { speaker: m[1], lines: [l.slice(m[0].length)], line: lineNo, start };
      continue;
    }
    if (l.trim() === '') {
      // A blank line keeps the turn open: speakers' answers often run over paragraphs.
      if (current) current.lines.push('');
      continue;
    }
    if (!current) {
      // Text before any speaker: a turn with no known speaker.
      current = { lines: [], line: lineNo, start };
    }
    current.lines.push(l);
  }
  close();
  // Without explicit ends, a timed turn ends where the next timed turn starts.
  for (let i = 0; i + 1 < turns.length; i++) if (turns[i].start !== undefined && turns[i + 1].start !== undefined) turns[i].end = turns[i + 1].start;
  return { turns, problems: [] };
}

/** Reads a speaker-turn transcript file; one document per turn. */
export function readSpeakerTurns(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  return readTranscript(chunks, ctx, parseSpeakerTurns, false);
}
