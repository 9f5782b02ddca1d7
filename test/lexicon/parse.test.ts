import { describe, expect, it } from 'vitest';
import { UserErrors } from '../../src/core/errors.js';
import { parseLexicon } from '../../src/lexicon/parse.js';

const HEADER = [
  '#! id: test-lexicon',
  '#! version: 1.2.3',
  '#! language: en',
  '#! measure: dehumanization',
  '#! source: written for the tests',
  '#! license: CC-BY-4.0',
  '#! description: a small lexicon for tests',
  '#! category: vermin\tpests',
  '#! category: animal\tanimals',
  'term\tcategory\tweight\tpos\tnotes',
].join('\n');

const lex = (...rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

function codesOf(text: string): Array<[number | undefined, string]> {
  try {
    parseLexicon(text, 'x.tsv');
  } catch (error) {
    if (error instanceof UserErrors) return error.problems.map((p) => [p.place.line, p.code]);
    throw error;
  }
  return [];
}

describe('parseLexicon', () => {
  it('reads header, categories and entries', () => {
    const l = parseLexicon(lex('vermin\tvermin\t0.9\tnoun\tclassic', 'cockroach*\tvermin\t0.8\tnoun', 'breed like <any>\tanimal\t0.7\tverb'), 'x.tsv');
    expect(l.info).toMatchObject({ id: 'test-lexicon', version: '1.2.3', measure: 'dehumanization' });
    expect([...l.info.categories.keys()]).toEqual(['vermin', 'animal']);
    expect(l.entries.map((e) => e.term)).toEqual(['vermin', 'cockroach*', 'breed like <any>']);
    expect(l.entries[1]!.elements).toEqual([{ type: 'prefix', value: 'cockroach' }]);
    expect(l.entries[2]!.elements[2]).toEqual({ type: 'slot', value: '<any>' });
    expect(l.entries[0]!.line).toBe(11);
    expect(l.info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('defaults weight to 1 and pos to phrase', () => {
    const l = parseLexicon(lex('vermin\tvermin'), 'x.tsv');
    expect(l.entries[0]).toMatchObject({ weight: 1, pos: 'phrase', side: 'unspecified' });
  });

  // Invalid rows, textlint style: each row is one problem with its line and stable code.
  it.each([
    ['\tvermin\t0.5\tnoun', 'E_LEX_EMPTY_TERM'],
    ['rats\tpests\t0.5\tnoun', 'E_LEX_CATEGORY'],
    ['rats\tvermin\t1.5\tnoun', 'E_LEX_WEIGHT'],
    ['rats\tvermin\tzero\tnoun', 'E_LEX_WEIGHT'],
    ['rats\tvermin\t0.5\tpronoun', 'E_LEX_POS'],
    ['ra*\tvermin\t0.5\tnoun', 'E_LEX_WILDCARD'],
    ['r*ts\tvermin\t0.5\tnoun', 'E_LEX_CHARACTERS'],
    ['(a+)+$\tvermin\t0.5\tnoun', 'E_LEX_CHARACTERS'],
    ['rats|mice\tvermin\t0.5\tnoun', 'E_LEX_CHARACTERS'],
    ['<them> are rats\tvermin\t0.5\tnoun', 'E_LEX_SLOT'],
    ['<any> rats\tvermin\t0.5\tnoun', 'E_LEX_SLOT'],
    ['<other> <any>\tvermin\t0.5\tnoun', 'E_LEX_SLOT'],
    ['rats\tvermin\t0.5\tnoun\tnote\textra', 'E_LEX_WIDTH'],
  ])('row %j is rejected with %s', (row, code) => {
    expect(codesOf(lex(row))).toEqual([[11, code]]);
  });

  it('reports duplicates with the first line', () => {
    expect(codesOf(lex('rats\tvermin', 'Rats\tvermin'))).toEqual([[12, 'E_LEX_DUPLICATE']]);
  });

  it('reports every problem at once', () => {
    const codes = codesOf(lex('\tvermin', 'rats\tnope', 'mice\tvermin\t9'));
    expect(codes).toEqual([
      [11, 'E_LEX_EMPTY_TERM'],
      [12, 'E_LEX_CATEGORY'],
      [13, 'E_LEX_WEIGHT'],
    ]);
  });

  it('reports missing and malformed headers', () => {
    const codes = codesOf('#! id: x\n#! version: one\n#! colour: red\nterm\tcategory\n').map(([, c]) => c);
    expect(codes).toContain('E_LEX_HEADER_MISSING');
    expect(codes).toContain('E_LEX_VERSION');
    expect(codes).toContain('E_LEX_HEADER_UNKNOWN');
  });
});
