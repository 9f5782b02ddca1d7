import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/text/tokenize.js';

describe('tokenize', () => {
  it.each([
    ['They are vermin.', ['they', 'are', 'vermin']],
    ["They don't deserve it", ['they', "don't", 'deserve', 'it']],
    ['They don\u2019t care', ['they', "don't", 'care']],
    ['so-called refugees', ['so-called', 'refugees']],
    ['"Rats," he said', ['rats', 'he', 'said']],
    ['v\u200bermin and ver\u00admin', ['vermin', 'and', 'vermin']],
    ['Karsks\' homes', ['karsks', 'homes']],
    ['Ελληνικά и русский', ['ελληνικά', 'и', 'русский']],
    ['emoji 🐀 rats', ['emoji', 'rats']],
    ['-- dashes -- ', ['dashes']],
    ['', []],
  ])('%j -> %j', (text, forms) => {
    expect(tokenize(text).forms).toEqual(forms);
  });

  it.each([
    ['\u001b[31mThey\u001b[0m are vermin', ['they', 'are', 'vermin']],
    ['\u001b[1;31mvermin', ['vermin']],
    ['ver\u0000min', ['vermin']],
    ['\u001bThey are', ['they', 'are']],
  ])('reads %j as the words a reader sees (colour codes and NULs are not text)', (text, forms) => {
    expect(tokenize(text).forms).toEqual(forms);
  });

  it('keeps offsets into the original text', () => {
    const text = 'The "vermin" talk';
    const t = tokenize(text);
    expect(t.forms).toEqual(['the', 'vermin', 'talk']);
    expect(text.slice(t.starts[1], t.ends[1])).toBe('vermin');
  });

  it('tokenizes a slice of a text', () => {
    const t = tokenize('one two three', 4, 7);
    expect(t.forms).toEqual(['two']);
    expect(t.starts).toEqual([4]);
  });
});
