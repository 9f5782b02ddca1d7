import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { importDic } from '../../src/lexicon/dic.js';
import { parseLexicon } from '../../src/lexicon/parse.js';
import { compileTrie } from '../../src/lexicon/trie.js';
import { tokenize } from '../../src/text/tokenize.js';
import { runCli, tempDir } from '../cli/helpers.js';

/** A small dictionary in the LIWC layout, written for this test. */
const DIC = ['%', '1\tCare.Virtue', '2\tHarm Vice', '%', 'kindness\t1', 'protect*\t1', 'hurt*\t2', 'look after\t1', 'cruel\t2 1', ''].join('\n');
const options = { id: 'care-harm', measure: 'acknowledgement' as const };

describe('LIWC .dic import', () => {
  it('imports categories, wildcards, phrases and multi-category entries into a lexicon that loads and matches', () => {
    const r = importDic(DIC, 'care.dic', options);
    expect(r.problems).toEqual([]);
    expect(r.categories).toBe(2);
    expect(r.entries).toBe(6); // "cruel" is in both categories
    const lexicon = parseLexicon(r.tsv, 'care-harm.tsv');
    expect([...lexicon.info.categories.keys()]).toEqual(['care_virtue', 'harm_vice']);
    expect(lexicon.info).toMatchObject({ id: 'care-harm', measure: 'acknowledgement', version: '1.0.0' });
    const trie = compileTrie(lexicon.entries);
    const found = trie.matchAll(tokenize('They protected the children and looked after them; hurting them was cruel.').forms).map((m) => `${m.entry.term}/${m.entry.category}`);
    expect(found).toEqual(['protect*/care_virtue', 'hurt*/harm_vice', 'cruel/harm_vice', 'cruel/care_virtue']);
  });

  // Lines that cannot be used are skipped with their line and a stable code; the rest is imported.
  it.each([
    ['(a+)+$\t1', 'E_DIC_TERM'],
    ['ab*\t1', 'E_DIC_TERM'],
    ['r*ts\t1', 'E_DIC_TERM'],
    ['lonely', 'E_DIC_ENTRY'],
    ['lonely\t9', 'E_DIC_ENTRY'],
  ])('skips %j with %s', (line, code) => {
    const r = importDic(`${DIC}${line}\n`, 'x.dic', options);
    expect(r.problems).toEqual([{ line: 10, code, message: expect.any(String) }]);
    expect(r.entries).toBe(6);
  });

  it.each([
    ['kindness\t1\n', 'E_DIC_HEADER'],
    ['%\n1\tcare\n%\n', 'E_DIC_EMPTY'],
  ])('refuses a file with no header or no entries (%j)', (text, code) => {
    expect(() => importDic(text, 'x.dic', options)).toThrowError(expect.objectContaining({ code }));
  });

  it('never throws anything but a user error, and what it writes always loads (fuzzed)', () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.array(fc.oneof(fc.constantFrom('%', '1\tcare', '2 harm', 'kind*\t1', 'a b c\t1 2', '\t', '*', '%%'), fc.string({ maxLength: 20 })), { maxLength: 30 }).map((l) => l.join('\n'))), (text) => {
        cases++;
        try {
          const r = importDic(text, 'fuzz.dic', options);
          expect(() => parseLexicon(r.tsv, 'fuzz.tsv')).not.toThrow();
        } catch (error) {
          expect(isUserError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 500, seed: 20251125 },
    );
    console.log(`fuzz dic import: ${cases} cases`);
  });

  it('works from the command line, reporting skipped lines with file:line and exit 1', async () => {
    const dir = tempDir('rehumanize-dic-');
    writeFileSync(join(dir, 'care.dic'), `${DIC}ab*\t1\n`);
    const out = join(dir, 'care.tsv');
    const r = await runCli(['lexicon', 'import', join(dir, 'care.dic'), '--id', 'care-harm', '--measure', 'acknowledgement', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/care\.dic:10: E_DIC_TERM/);
    expect(r.stdout).toMatch(/imported 6 entries in 2 categories/);
    expect(readFileSync(out, 'utf8')).toMatch(/^#! id: care-harm/);
    expect((await runCli(['lexicon', 'lint', out])).code).toBe(0);
    const bad = await runCli(['lexicon', 'import', join(dir, 'care.dic'), '--id', 'Care Harm', '--measure', 'acknowledgement', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/E_DIC_ID/);
  });
});
