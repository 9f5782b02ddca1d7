/**
 * What the three transcript formats share: a turn type, stage-direction removal, and turning
 * turns into documents that carry speaker, turn number, times and the file's metadata.
 */
import type { FieldValue, ReaderEvent } from '../core/types.js';
import { READER_CODES as C, reject } from './codes.js';
import type { ReadContext } from './context.js';
import { buildDocument } from './record.js';
import { readWholeFile } from './whole-file.js';

/** One speaker turn as a transcript parser found it. */
export interface Turn {
  /** Speaker name, when the transcript says who speaks. */
  speaker?: string;
  /** Scored text, stage directions removed. */
  text: string;
  /** Stage directions found in the turn (`laughter`, `crosstalk`), without brackets. */
  stageDirections: string[];
  /** Start and end in seconds, when the format has times. */
  start?: number;
  end?: number;
  /** 1-based line where the turn starts. */
  line: number;
}

/** A line or cue the parser could not use. */
export interface TranscriptProblem {
  readonly line: number;
  readonly message: string;
  readonly raw: string;
}

/** What a transcript parser returns. */
export interface ParsedTranscript {
  readonly turns: Turn[];
  readonly problems: TranscriptProblem[];
}

/**
 * Removes `[stage directions]` from a piece of text and returns them separately. A bracket with no
 * closing partner on the same line, or longer than 200 characters, is ordinary text.
 */
export function takeStageDirections(text: string): { text: string; directions: string[] } {
  const directions: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('[', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    const close = text.indexOf(']', open + 1);
    const nl = text.indexOf('\n', open + 1);
    if (close < 0 || close - open > 201 || (nl >= 0 && nl < close)) {
      out += text.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += text.slice(i, open);
    const d = text.slice(open + 1, close).trim();
    if (d) directions.push(d);
    i = close + 1;
  }
  // Removing "[laughs]" from "Well [laughs] yes" leaves two spaces; tidy that, nothing else.
  const tidy = out
    .split('\n')
    .map((l) => l.replace(/[ \t]{2,}/g, ' ').trim())
    .join('\n')
    .trim();
  return { text: tidy, directions };
}

/** Parses `hh:mm:ss.mmm`, `mm:ss.mmm` or `hh:mm:ss,mmm` to seconds; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m) return undefined;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (min > 59 || s > 59) return undefined;
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  return Math.round((h * 3600 + min * 60 + s) * 1000 + ms) / 1000;
}

/**
 * Merges consecutive turns of the same known speaker (subtitle cues split one person's speech
 * into many small pieces); the merged turn keeps the first start and the last end.
 */
export function mergeSameSpeaker(turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const t of turns) {
    const prev = out[out.length - 1];
    if (prev && t.speaker !== undefined && prev.speaker === t.speaker) {
      prev.text = prev.text && t.text ? `${prev.text} ${t.text}` : prev.text || t.text;
      prev.stageDirections.push(...t.stageDirections);
      if (t.end !== undefined) prev.end = t.end;
      continue;
    }
    out.push({ ...t, stageDirections: [...t.stageDirections] });
  }
  return out;
}

/** Largest transcript file read: turns are capped by maxChars, the file as a whole is not. */
const MAX_TRANSCRIPT_BYTES = 512 * 1024 * 1024;

/** Reads a transcript file with `parse` and yields one document per turn. */
export async function* readTranscript(
  chunks: AsyncIterable<Uint8Array>,
  ctx: ReadContext,
  parse: (body: string, firstLine: number) => ParsedTranscript,
  merge: boolean,
): AsyncGenerator<ReaderEvent> {
  const whole = await readWholeFile(chunks, ctx, MAX_TRANSCRIPT_BYTES);
  if ('kind' in whole) {
    yield whole;
    return;
  }
  const { file } = ctx;
  const parsed = parse(whole.body, whole.bodyLine);
  for (const p of parsed.problems) yield reject(file, C.CUE, p.message, { line: p.line, raw: p.raw });
  const turns = merge ? mergeSameSpeaker(parsed.turns) : parsed.turns;
  // With an id in the file's metadata the turns are `id#n`; otherwise the file path stands in.
  const fileId = whole.meta[ctx.rules.idPath];
  const base = fileId !== undefined && fileId !== null && String(fileId).trim() !== '' ? String(fileId).trim() : file.replace(/\.gz$/i, '').replace(/\.[^./\\]*$/, '');
  const meta = { ...whole.meta };
  delete meta[ctx.rules.idPath];
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    const n = i + 1;
    const extra: Record<string, FieldValue> = { speaker: t.speaker ?? null, turn: n };
    if (t.start !== undefined) extra.start = t.start;
    if (t.end !== undefined) extra.end = t.end;
    if (t.stageDirections.length > 0) extra.stage_directions = t.stageDirections.join('; ');
    yield buildDocument(
      {
        record: meta,
        text: t.text,
        extra,
        origin: { file, line: t.line, index: i },
        derivedId: `${base}#${n}`,
        derivedBasis: 'position',
        raw: () => `${t.speaker ? `${t.speaker}: ` : ''}${t.text}${t.stageDirections.length ? ` [${t.stageDirections.join('] [')}]` : ''}`,
      },
      ctx.rules,
    );
  }
}
