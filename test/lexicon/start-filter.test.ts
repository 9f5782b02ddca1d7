import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON_IDS, loadLexicons } from '../../src/lexicon/load.js';
import { parseLexicon } from '../../src/lexicon/parse.js';
import { createStartMasker } from '../../src/lexicon/start-filter.js';
import { compileTrie } from '../../src/lexicon/trie.js';

const header = ['#! id: t', '#! version: 1.0.0', '#! language: en', '#! measure: acknowledgement', '#! source: s', '#! license: l', '#! description: d', '#! category: c\tc', 'term\tcategory'];
const small = compileTrie(parseLexicon([...header, 'point of view\tc', 'cockroach*\tc', 'karsk\tc', '<other> suffered\tc'].join('\n'), 'a.tsv').entries);
const other = compileTrie(parseLexicon([...header, 'they\tc', 'these people\tc', 'migra*\tc'].join('\n'), 'b.tsv').entries);

describe('start masker', () => {
  const masker = createStartMasker([
    { roots: small.roots, bit: 1 },
    { roots: other.roots, bit: 2 },
  ]);
  const maskOf = (forms: string[]): number[] => {
    const mask = new Uint8Array(forms.length);
    masker(forms, mask);
    return [...mask];
  };

  it.each([
    { forms: ['point', 'of', 'view'], mask: [1, 0, 0], why: 'a phrase starts at its first word only' },
    { forms: ['cockroaches', 'coc', 'co'], mask: [1, 0, 0], why: 'a wildcard needs its whole prefix' },
    { forms: ["karsk's", 'karsks'], mask: [1, 0], why: 'a possessive reads as its noun, a plural does not' },
    { forms: ['these', 'they', 'migrants', 'migr'], mask: [2, 2, 2, 0], why: 'bits of the second trie' },
    { forms: ['suffered', 'the', ''], mask: [0, 0, 0], why: 'words after a slot, other words and empty forms start nothing' },
  ])('$why', ({ forms, mask }) => {
    expect(maskOf(forms)).toEqual(mask);
  });

  it('refuses a bit that is not a single bit', () => {
    expect(() => createStartMasker([{ roots: small.roots, bit: 3 }])).toThrow(/not one of/);
    expect(() => createStartMasker([{ roots: small.roots, bit: 256 }])).toThrow(/not one of/);
  });

  it('never hides a match: filtered matching equals unfiltered matching on the default lexicons', () => {
    const lexicons = loadLexicons([...DEFAULT_LEXICON_IDS], process.cwd());
    const tries = lexicons.filter((l) => l.info.measure !== 'hedge').map((l) => compileTrie(l.entries));
    const fused = createStartMasker(tries.map((t, k) => ({ roots: t.roots, bit: 1 << (k % 8) })));
    // Words the lexicons use, their possessives and longer forms, and some that appear nowhere.
    const vocabulary = [...new Set(tries.flatMap((t) => [...t.roots.words, ...t.roots.prefixes]))].slice(0, 400);
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => `${w}'s`),
      fc.constantFrom(...vocabulary).map((w) => `${w}ing`),
      fc.constantFrom('the', 'a', 'they', 'people', 'of', 'x', 'zz', 'éclair'),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (forms) => {
        const mask = new Uint8Array(forms.length);
        fused(forms, mask);
        tries.forEach((trie, k) => {
          const filtered = trie.matchAll(forms, undefined, undefined, { mask, bit: 1 << (k % 8) });
          expect(filtered).toEqual(trie.matchAll(forms));
        });
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
