import { describe, expect, it } from 'vitest';
import { findQuoteSpans, insideQuote } from '../../src/text/quotes.js';

const quoted = (text: string) => findQuoteSpans(text).map((s) => text.slice(s.start, s.end));

describe('findQuoteSpans', () => {
  it.each([
    ['He said "they are rats" today.', ['"they are rats"']],
    ['\u201cThey are animals,\u201d he said.', ['\u201cThey are animals,\u201d']],
    ["She called them 'vermin' twice.", ["'vermin'"]],
    ["They don't know. The Karsks' homes burned.", []],
    ['"Open quote runs on\n\nNext paragraph', ['"Open quote runs on']],
    ['«Des rats», a-t-il dit.', ['«Des rats»']],
  ])('%j', (text, expected) => {
    expect(quoted(text)).toEqual(expected);
  });

  it('answers insideQuote by binary search', () => {
    const text = 'a "b" c "d e" f';
    const spans = findQuoteSpans(text);
    expect(insideQuote(spans, text.indexOf('b'), text.indexOf('b') + 1)).toBe(true);
    expect(insideQuote(spans, text.indexOf('c'), text.indexOf('c') + 1)).toBe(false);
    expect(insideQuote(spans, text.indexOf('e'), text.indexOf('e') + 1)).toBe(true);
  });
});
