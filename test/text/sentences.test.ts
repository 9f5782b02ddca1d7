import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../src/text/sentences.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    ['Mr. Smith arrived. He left.', ['Mr. Smith arrived.', 'He left.']],
    ['"They are rats." He said it.', ['"They are rats."', 'He said it.']],
    ['J. Smith spoke. Then silence.', ['J. Smith spoke.', 'Then silence.']],
    ['A headline\n\nThe body starts here.', ['A headline', 'The body starts here.']],
    ['Line one\r\n\r\nLine two', ['Line one', 'Line two']],
    ['pi is 3.14 here. ok', ['pi is 3.14 here. ok']],
    ['No end', ['No end']],
    ['   ', []],
  ])('%j', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('cuts an endless line into bounded sentences', () => {
    const text = 'word '.repeat(10_000);
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(spans[0]!.start).toBe(0);
  });
});
