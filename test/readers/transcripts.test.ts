import { describe, expect, it } from 'vitest';
import { parseSpeakerTurns } from '../../src/readers/speaker-turns.js';
import { parseWebVtt } from '../../src/readers/webvtt.js';
import { collect } from './helpers.js';

describe('speaker-turn transcripts', () => {
  it('carries speaker, turn, stage directions, continuation lines and file metadata', async () => {
    const { docs, rejects } = await collect([{ path: 'transcripts/P07-s2.txt', format: 'transcript' }]);
    expect(rejects).toEqual([]);
    expect(docs.map((d) => [d.fields.speaker, d.fields.turn, d.text, d.fields.stage_directions ?? null, d.origin.line])).toEqual([
      ['INTERVIEWER', 1, 'How did it start?', null, 7],
      ['P07', 2, 'Slowly. We stopped\ntalking to them.\n\nAnd then it got worse.', 'sighs; laughter', 8],
      ['Interviewer Two', 3, 'Can you say more?', 'crosstalk', 12],
      ['P07', 4, 'No.', null, 14],
    ]);
    for (const d of docs) {
      expect(d.fields).toMatchObject({ participant: 'P07', session: 2, phase: 'post' });
      expect(d.date).toBe('2021-06-01');
    }
    expect(docs[0].id).toBe('transcripts/P07-s2#1');
  });

  it('reads leading times as start and the next start as end; a turn of only stage directions is rejected as empty', async () => {
    const { docs, rejects } = await collect([{ path: 'transcripts/timed.txt', format: 'transcript' }]);
    expect(docs.map((d) => [d.fields.speaker, d.fields.start, d.fields.end])).toEqual([
      ['ANA', 5, 70],
      ['BEN', 70, 120],
    ]);
    expect(rejects.map((r) => [r.code, r.line])).toEqual([['E_EMPTY_TEXT', 3]]);
  });

  it('takes metadata from the path pattern', async () => {
    const { docs } = await collect([{ path: 'transcripts/*.txt', format: 'transcript', pathPattern: '{participant}-s{session}.txt' }]);
    expect(docs.find((d) => d.origin.file.endsWith('timed.txt'))?.fields.participant).toBeUndefined();
    expect(docs[0].fields).toMatchObject({ participant: 'P07', session: 2 });
  });

  it('does not take "Note:" for a speaker and keeps text before the first speaker', () => {
    const { turns } = parseSpeakerTurns('Opening remarks.\nA: Hi.\nNote: this continues A.');
    expect(turns.map((t) => [t.speaker, t.text])).toEqual([
      [undefined, 'Opening remarks.'],
      ['A', 'Hi.\nNote: this continues A.'],
    ]);
  });
});

describe('WebVTT and SRT', () => {
  it('merges cues of the same voice, splits voices in one cue, strips tags and rejects bad timing', async () => {
    const { docs, rejects } = await collect([{ path: 'transcripts/debate.vtt' }]);
    expect(docs.map((d) => [d.fields.speaker, d.fields.turn, d.text, d.fields.start, d.fields.end])).toEqual([
      ['Moderator', 1, 'Welcome to the debate. Our first question goes to you.', 1, 7.25],
      ['Smith', 2, 'Thank you. & good evening. They are vermin.', 8, 12],
      ['Jones', 3, 'I disagree.', 13, 15],
      ['Smith', 4, 'You would.', 13, 15],
    ]);
    expect(docs[1].fields.stage_directions).toBe('applause');
    expect(rejects.map((r) => [r.code, r.line])).toEqual([['E_CUE', 21]]);
  });

  it('keeps cues apart with mergeTurns: false', async () => {
    const { docs } = await collect([{ path: 'transcripts/debate.vtt', mergeTurns: false }]);
    expect(docs).toHaveLength(6);
  });

  it('reads SRT with NAME: speakers and folds [music] cues into the previous turn', async () => {
    const { docs, rejects } = await collect([{ path: 'transcripts/show.srt' }]);
    expect(docs.map((d) => [d.fields.speaker, d.text, d.fields.start, d.fields.end, d.fields.stage_directions ?? null])).toEqual([
      ['HOST', 'Good evening. Tonight we talk about refugees.', 1, 6, 'music'],
      ['GUEST', 'Thanks for having me.', 8, 10, null],
    ]);
    expect(rejects.map((r) => [r.code, r.line])).toEqual([['E_CUE', 19]]);
  });

  it('complains about a missing WEBVTT header but reads the cues', () => {
    const r = parseWebVtt('00:01.000 --> 00:02.000\nHello.\n');
    expect(r.problems).toHaveLength(1);
    expect(r.turns.map((t) => t.text)).toEqual(['Hello.']);
  });
});
