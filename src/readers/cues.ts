/**
 * Shared by WebVTT and SRT: blocks of cues with a `start --> end` timing line, and cue payloads
 * split into speaker segments by `<v Name>` voice tags or a `NAME:` prefix.
 */
import { parseClock, takeStageDirections, type ParsedTranscript, type TranscriptProblem, type Turn } from './transcript.js';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&quot;': '"', '&apos;': "'", '&lrm;': '', '&rlm;': '' };
const SPEAKER_PREFIX = /^(?:-\s*)?((?:\p{L}[\p{L}\p{N}.'’_-]{0,30})(?: [\p{L}\p{N}.'’_-]{1,30}){0,3}):\s+/u;

function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|nbsp|quot|apos|lrm|rlm);/g, (e) => ENTITIES[e] ?? e);
}

/** Drops markup tags (`<i>`, `<c.yellow>`, `<00:01.000>`, SRT `{\an8}`), keeping the words. */
function stripTags(s: string): string {
  return s.replace(/<[^<>\n]{0,200}>/g, '').replace(/\{\\[^{}\n]{0,40}\}/g, '');
}

/** One speaker's part of a cue. */
interface Segment {
  speaker?: string;
  lines: string[];
}

/** Splits a cue payload into speaker segments. */
export function cueSegments(lines: readonly string[]): Segment[] {
  const segs: Segment[] = [];
  let cur: Segment | undefined;
  for (const raw of lines) {
    // Voice spans may start anywhere in a line; cut the line at each `<v ...>`.
    const pieces = raw.split(/(?=<v[.\s])/);
    for (const piece of pieces) {
      const voice = /^<v(?:\.[^\s>]*)?\s+([^>]{1,80})>/.exec(piece);
      let text = piece;
      if (voice) {
        cur = { speaker: voice[1].trim(), lines: [] };
        segs.push(cur);
        text = piece.slice(voice[0].length);
      }
      text = decodeEntities(stripTags(text.replace(/<\/v>/g, ''))).trim();
      if (!voice) {
        const prefix = SPEAKER_PREFIX.exec(text);
        if (prefix) {
          cur = { speaker: prefix[1], lines: [] };
          segs.push(cur);
          text = text.slice(prefix[0].length);
        }
      }
      if (!cur) {
        cur = { lines: [] };
        segs.push(cur);
      }
      if (text) cur.lines.push(text);
    }
  }
  return segs;
}

/** Parses cue blocks (`isVtt` allows the WEBVTT header, NOTE/STYLE/REGION blocks and `.` in times). */
export function parseCues(body: string, firstLine: number, isVtt: boolean): ParsedTranscript {
  const turns: Turn[] = [];
  const problems: TranscriptProblem[] = [];
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  let i = 0;
  if (isVtt) {
    // Blank lines may separate a front-matter block from the WEBVTT header.
    while (i < lines.length - 1 && lines[i]!.trim() === '') i++;
    if (!/^WEBVTT(?:[ \t]|$)/.test(lines[i] ?? '')) {
      problems.push({ line: firstLine + i, message: `expected "WEBVTT" on the first line, found ${JSON.stringify((lines[i] ?? '').slice(0, 40))}`, raw: lines[i] ?? '' });
    } else {
      // The header block runs to the first blank line.
      while (i < lines.length && lines[i].trim() !== '') i++;
    }
  }
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (isVtt && /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0])) continue;
    const t = block.findIndex((l) => l.includes('-->'));
    if (t < 0 || t > 1) {
      problems.push({ line: firstLine + blockStart, message: 'expected a cue timing line "00:00:01.000 --> 00:00:04.000", found none', raw: block.join('\n') });
      continue;
    }
    const [left, rightAll] = block[t].split('-->');
    const right = rightAll.trim().split(/\s+/)[0] ?? '';
    const start = parseClock(left.trim());
    const end = parseClock(right);
    if (start === undefined || end === undefined || end < start) {
      problems.push({
        line: firstLine + blockStart + t,
        message: `expected a cue timing "start --> end" with end after start, found ${JSON.stringify(block[t].slice(0, 80))}`,
        raw: block.join('\n'),
      });
      continue;
    }
    for (const seg of cueSegments(block.slice(t + 1))) {
      // Subtitle line breaks are display wrapping, so the lines of a cue are joined with a space.
      const { text, directions } = takeStageDirections(seg.lines.join(' '));
      if (!text && directions.length === 0) continue;
      // A cue that is only "[music]" is not a turn of its own: its directions go with the previous turn.
      const prev = turns[turns.length - 1];
      if (!text && seg.speaker === undefined && prev) {
        prev.stageDirections.push(...directions);
        continue;
      }
      turns.push({ speaker: seg.speaker, text, stageDirections: directions, start, end, line: firstLine + blockStart });
    }
  }
  return { turns, problems };
}
