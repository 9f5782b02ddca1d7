import { describe, expect, it } from 'vitest';
import { parseLexicon } from '../../src/lexicon/parse.js';
import { compileTrie } from '../../src/lexicon/trie.js';
import { tokenize } from '../../src/text/tokenize.js';

const lexicon = parseLexicon(
  [
    '#! id: t', '#! version: 1.0.0', '#! language: en', '#! measure: acknowledgement', '#! source: s', '#! license: l', '#! description: d',
    '#! category: c\tc',
    'term\tcategory',
    'point of view\tc',
    'from <other> point of view\tc',
    'cockroach*\tc',
    'we apologize\tc',
  ].join('\n'),
  't.tsv',
);
const trie = compileTrie(lexicon.entries);

describe('compiled trie', () => {
  it('finds words, phrases and wildcards with token offsets', () => {
    const forms = tokenize('From my point of view, cockroaches and Cockroach are words. We apologize.').forms;
    const found = trie.matchAll(forms).map((m) => [m.entry.term, m.start, m.end]);
    expect(found).toEqual([
      ['point of view', 2, 5],
      ['cockroach*', 5, 6],
      ['cockroach*', 7, 8],
      ['we apologize', 10, 12],
    ]);
  });

  it('fills slots through the resolver, whole mentions at a time', () => {
    const forms = tokenize('from the Karsk families point of view').forms;
    // A mention "the karsk families" spans tokens 1..4.
    const matches = trie.matchAll(forms, (slot, i) => (slot === '<other>' && i === 1 ? 4 : -1));
    const slotted = matches.find((m) => m.entry.term === 'from <other> point of view');
    expect(slotted).toMatchObject({ start: 0, end: 7, slotStarts: [1] });
  });

  it('stays linear on long inputs of repeated trigger words', () => {
    const forms = Array.from({ length: 200_000 }, () => 'point');
    const started = process.hrtime.bigint();
    expect(trie.matchAll(forms)).toEqual([]);
    // Not a speed assertion: the walk must simply finish (a backtracking matcher would not).
    expect(Number(process.hrtime.bigint() - started)).toBeGreaterThan(0);
  });
});
