/**
 * Pathological text through the scorer and through `rehumanize score` as a user runs it: a 50 MB line,
 * ten million of one character, 10,000 nested quotes, mixed scripts and direction marks, words hidden with
 * zero-width characters or spaced out, control characters and every line ending. Runs must complete (the
 * vitest timeouts are hang guards, not speed limits) and words that are still readable must still be found.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/core/types.js';
import type { Scorer } from '../../src/measures/scorer.js';
import { setupScorer } from '../../src/classify/scorer-setup.js';
import { splitSentences, MAX_SENTENCE_CHARS } from '../../src/text/sentences.js';
import { tokenize } from '../../src/text/tokenize.js';
import { ROOT, runCli, tempDir } from '../cli/helpers.js';
import { LEXICONS } from './helpers.js';


let scorer: Scorer;
beforeAll(() => {
  scorer = setupScorer(LEXICONS, [], ROOT).scorer;
});

function checkResult(text: string, r: DocumentResult): void {
  let last = 0;
  for (const s of r.sentences) {
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    last = s.end;
  }
  for (const v of Object.values(r.scores)) expect(v >= 0 && v <= 1).toBe(true);
}

const HUGE = 50 * 1024 * 1024;
function hugeLine(): string {
  const unit = 'They are vermin and we suffered too, both sides lost people ';
  return unit.repeat(Math.ceil(HUGE / unit.length)).slice(0, HUGE);
}

describe('pathological text through the scorer', () => {
  it('a 50 MB single-line document completes, in sentences of bounded length, and finds the words', () => {
    const text = hugeLine();
    const r = scorer.scoreDocument('huge', text);
    checkResult(text, r);
    expect(r.sentences.length).toBeGreaterThan(HUGE / MAX_SENTENCE_CHARS - 1);
    expect(r.scores.dehumanization).toBeGreaterThanOrEqual(0.5);
  }, 180_000);

  it.each([
    ['a', 'a'],
    ['.', '.'],
    ['!?', '!?'],
    ['\u200b', 'zero-width space'],
    ['"', 'straight quote'],
  ])('ten million of %j (%s) completes in sentences of bounded length', (unit) => {
    const text = unit.repeat(Math.ceil(10_000_000 / unit.length));
    const r = scorer.scoreDocument('one-char', text);
    checkResult(text, r);
    expect(r.scores.dehumanization).toBe(0);
  }, 120_000);

  it('10,000 levels of nested quotes complete and the words inside are quoted speech', () => {
    for (const [open, close] of [
      ['"\u201c\u00ab\'', '\'\u00bb\u201d"'],
      ['\u201c', '\u201d'],
      ['"', '"'],
    ]) {
      const text = `${open.repeat(10_000)}They are vermin.${close.repeat(10_000)}`;
      const r = scorer.scoreDocument('nested', text);
      checkResult(text, r);
      expect(r.scores.dehumanization).toBeGreaterThanOrEqual(0.5);
    }
    const text = `${'\u201c'.repeat(10_000)} They are vermin.`;
    const r = scorer.scoreDocument('nested-open', text);
    const f = r.sentences.flatMap((s) => s.findings).find((x) => x.match.toLowerCase() === 'vermin');
    expect(f?.quoted).toBe(true);
  }, 60_000);

  it.each([
    ['zero-width space', 'They are v\u200bermin.'],
    ['two zero-width characters', 'They are v\u200b\u200bermin.'],
    ['joiners between every letter', 'They are v\u200ce\u200dr\u2060m\ufeffi\u200bn.'],
    ['soft hyphen', 'They are ver\u00admin.'],
    ['combining grapheme joiner', 'They are v\u034fermin.'],
    ['invisible times', 'They are v\u2062ermin.'],
    ['right-to-left override inside', 'They are v\u202eermin.'],
    ['spaced-out letters', 'They are v e r m i n.'],
    ['dotted letters', 'They are v.e.r.m.i.n.'],
    ['fullwidth letters', 'They are \uff56\uff45\uff52\uff4d\uff49\uff4e.'],
    ['mathematical bold letters', 'They are \u{1d42f}\u{1d41e}\u{1d42b}\u{1d426}\u{1d422}\u{1d427}.'],
    ['CRLF lines', 'Hello.\r\nThey are vermin.\r\n'],
    ['lone CR lines', 'Hello.\rThey are vermin.\r'],
    ['CR paragraph breaks', 'Hello\r\rThey are vermin.'],
    ['right-to-left mark around', '\u200fThey are vermin.\u200f'],
    ['among other scripts', 'שלום. مرحبا. Привет. They are vermin. 😀🐀'],
    ['combining marks elsewhere', 'Zalgo t\u0301\u0302\u0303ext. They are vermin.'],
    ['control characters around', '\u0001\u0007They are vermin.\u001b[0m\u0000'],
  ])('%s: still found as vermin', (_name, text) => {
    const r = scorer.scoreDocument('hidden', text);
    checkResult(text, r);
    expect(r.scores.dehumanization).toBeGreaterThanOrEqual(0.5);
    const f = r.sentences.flatMap((s) => s.findings).find((x) => x.measure === 'dehumanization');
    expect(f).toBeDefined();
    // Evidence offsets point at the words in the original text, hidden characters included.
    expect(text.slice(f!.start, f!.end)).toBe(f!.match);
  });

  it('spaced letters need four in a row, so "a" and "I" and initials stay words', () => {
    expect(tokenize('I am a U.S. citizen').forms).toEqual(['i', 'am', 'a', 'u', 's', 'citizen']);
    expect(tokenize('Plan A B C went well').forms).toEqual(['plan', 'a', 'b', 'c', 'went', 'well']);
    expect(tokenize('r a t s and v-e-r-m-i-n').forms).toEqual(['rats', 'and', 'vermin']);
    const t = tokenize('so v e r m i n here');
    expect('so v e r m i n here'.slice(t.starts[1], t.ends[1])).toBe('v e r m i n');
  });

  it('mixed scripts, emoji and direction marks keep sentence and token offsets inside the text', () => {
    const text = '\u202bמשפט ראשון.\u202c جملة ثانية؟ Третье предложение! 👩‍👩‍👧 e\u0301\u0301 \u2067x\u2069.';
    const r = scorer.scoreDocument('scripts', text);
    checkResult(text, r);
    for (const s of splitSentences(text)) expect(s.end).toBeLessThanOrEqual(text.length);
  });
});

describe('pathological text through `rehumanize score`', () => {
  let dir = '';
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    dir = tempDir('rehumanize-patho-');
  }, 120_000);
  const lex = LEXICONS.flatMap((l) => ['--lexicon', l]);

  it('a 50 MB line is rejected with E_TOO_LONG by default and scored with --max-chars; output stays one line per input line', async () => {
    const file = path.join(dir, 'huge.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'huge', text: hugeLine() })}\n{"id":"small","text":"They are vermin."}\n`);
    const rejected = await runCli(['score', file, ...lex]);
    expect(rejected.code).toBe(1);
    const lines = rejected.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].error.code).toBe('E_TOO_LONG');
    expect(lines[1].scores.dehumanization).toBeGreaterThanOrEqual(0.5);
    expect(rejected.stderr).toContain('E_TOO_LONG');
    expect(rejected.stderr).not.toMatch(/\n\s+at /);

    const scored = await runCli(['score', file, '--max-chars', String(HUGE + 1), ...lex]);
    expect(scored.code).toBe(0);
    const out = scored.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((l) => l.id)).toEqual(['huge', 'small']);
    expect(out[0].scores.dehumanization).toBeGreaterThanOrEqual(0.5);
  }, 300_000);

  it('ten million "a", ten million ".", nested quotes, hidden words and control characters: one output line each', async () => {
    const texts = [
      'a'.repeat(10_000_000),
      '.'.repeat(10_000_000),
      `${'"'.repeat(10_000)}They are vermin.${'"'.repeat(10_000)}`,
      'They are v\u200bermin.',
      'They are v e r m i n.',
      'Hello.\r\nThey are vermin.\rBye.',
      '\u0000\u0001\u0007They are vermin.\u007f',
      'שלום \u200f مرحبا Привет 😀 e\u0301',
    ];
    const input = `${texts.map((text, i) => JSON.stringify({ id: `t${i}`, text })).join('\n')}\n`;
    const r = await runCli(['score', ...lex, '--max-chars', '20000000'], { input });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((l) => l.id)).toEqual(texts.map((_, i) => `t${i}`));
    expect(out.slice(2, 7).map((l) => l.scores.dehumanization >= 0.5)).toEqual([true, true, true, true, true]);
  }, 300_000);

  it('broken lines in the input (a lone CR, a NUL, invalid JSON, an unterminated last line) still get one output line each', async () => {
    const input = '{"text":"They are vermin."}\r\n{"text":"a\\u0000b"}\n{"text": broken\n\u0000\n{"text":"last, no newline"}';
    const r = await runCli(['score', ...lex], { input });
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out.filter((l) => l.error).map((l) => l.error.code)).toEqual(['E_JSON_PARSE', 'E_JSON_PARSE']);
    expect(r.code).toBe(1);
  }, 60_000);
});
