import { describe, expect, it } from 'vitest';
import { parseLexicon } from '../../src/lexicon/parse.js';
import { createScorer } from '../../src/measures/scorer.js';
import { evaluateGold, GoldFormatError, parseGold } from '../../src/evaluation/gold.js';
import { createKeywordBaseline, expandSlots } from '../../src/evaluation/keyword-baseline.js';
import { ruleSystem } from '../../src/evaluation/systems.js';

const header = (id: string, measure: string, cats: string[]) =>
  [
    `#! id: ${id}`,
    '#! version: 0.0.1',
    '#! language: en',
    `#! measure: ${measure}`,
    '#! source: written inline for the evaluation tests',
    '#! license: CC-BY-4.0',
    '#! description: tiny test lexicon',
    ...cats.map((c) => `#! category: ${c}\t${c}`),
  ].join('\n');

const DEHUM = `${header('t-dehum', 'dehumanization', ['vermin'])}
term\tcategory\tweight\tpos\tnotes
vermin\tvermin\t0.95\tnoun\ttest
`;
const ACK = `${header('t-ack', 'acknowledgement', ['perspective_taking'])}
term\tcategory\tweight\tpos\tnotes
from <other> point of view\tperspective_taking\t0.9\tphrase\ttest
`;
const ACTORS = `${header('t-actors', 'actors', ['national', 'pronoun'])}
term\tcategory\tweight\tpos\tside\tnotes
karsks\tnational\t1.0\tnoun\tunspecified\ttest
they\tpronoun\t1.0\tnoun\tunspecified\ttest
their\tpronoun\t1.0\tnoun\tunspecified\ttest
`;
const NEG = `${header('t-neg', 'negation', ['negator'])}
term\tcategory\tweight\tpos\tnotes
not\tnegator\t1.0\tadv\ttest
`;

const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    dehumanization: 0,
    victimhood_exclusive: 0,
    victimhood_inclusive: 0,
    acknowledgement: 0,
    quoted: false,
    hard_case: 'none',
    category: 'x',
    split: 'dev',
    ...o,
  });

const GOLD = [
  line({ id: 'a', text: 'The Karsks are vermin.', dehumanization: 1, category: 'vermin' }),
  line({ id: 'b', text: 'The Karsks are not vermin.', hard_case: 'negation', category: 'vermin' }),
  line({ id: 'c', text: 'Vermin got into the barn last winter.', hard_case: 'non_human', category: 'vermin', split: 'test' }),
  line({ id: 'd', text: 'The weather was fine today.', split: 'test' }),
  line({ id: 'e', text: 'From their point of view the border closure was a disaster.', acknowledgement: 1, split: 'test' }),
].join('\n');

describe('parseGold', () => {
  it('reads valid lines and skips blank ones', () => {
    const items = parseGold(GOLD + '\n\n');
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(items[0]).toMatchObject({ labels: { dehumanization: 1 }, hardCase: 'none', split: 'dev', line: 1 });
  });

  it('rejects malformed lines with their line numbers, all at once', () => {
    const bad = [
      line({ id: 'ok', text: 'Fine.' }),
      '{not json',
      line({ id: 'x', text: 'Bad label.', dehumanization: 2 }),
      '',
      line({ id: 'ok', text: 'Duplicate id.' }),
      line({ id: 'y', text: 'Bad split.', split: 'train', hard_case: 'sarcasm' }),
      '[1,2]',
    ].join('\n');
    let err: unknown;
    try {
      parseGold(bad, 'bad.jsonl');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GoldFormatError);
    const g = err as GoldFormatError;
    expect(g.problems.map((p) => p.line)).toEqual([2, 3, 5, 6, 7]);
    expect(g.message).toMatch(/bad\.jsonl/);
    expect(g.message).toMatch(/line 2: not valid JSON/);
    expect(g.message).toMatch(/line 3: "dehumanization" must be 0 or 1/);
    expect(g.message).toMatch(/line 5: duplicate id "ok"/);
    expect(g.message).toMatch(/line 6: .*"hard_case".*"split"/);
  });
});

describe('evaluateGold on an inline gold set and lexicon', () => {
  const lexicons = [parseLexicon(DEHUM, 'dehum.tsv'), parseLexicon(ACK, 'ack.tsv'), parseLexicon(ACTORS, 'actors.tsv'), parseLexicon(NEG, 'neg.tsv')];
  const items = parseGold(GOLD);

  it('keyword baseline: every occurrence counts, slots stand for 1–3 tokens', () => {
    expect(expandSlots(lexicons[1].entries[0]).map((e) => e.elements.length)).toEqual([5, 6, 7]);
    const ev = evaluateGold(items, createKeywordBaseline(lexicons));
    // a: TP; b (negated) and c (barn vermin): FP; d, e: TN
    expect(ev.splits.all.measures.dehumanization).toMatchObject({ tp: 1, fp: 2, fn: 0, tn: 2 });
    expect(ev.splits.all.measures.acknowledgement).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 4 });
    expect(ev.splits.dev.measures.dehumanization).toMatchObject({ tp: 1, fp: 1 });
    expect(ev.splits.all.hardCases.negation.measures.dehumanization).toEqual({ accuracy: 0, fp: 1, fn: 0 });
    expect(ev.splits.all.hardCases.non_human.measures.dehumanization).toEqual({ accuracy: 0, fp: 1, fn: 0 });
    expect(ev.splits.all.errors.map((e) => e.id)).toEqual(['b', 'c']);
    expect(ev.splits.all.quotedSeparable).toMatchObject({ n: 1, matched: 1, detected: 1 });
  });

  it('rule scorer: negation and the missing human target remove both false positives', () => {
    const ev = evaluateGold(items, ruleSystem(createScorer({ lexicons })));
    expect(ev.splits.all.measures.dehumanization).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 4 });
    expect(ev.splits.all.measures.dehumanization.f1).toBe(1);
    expect(ev.splits.all.measures.acknowledgement).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 4 });
    expect(ev.splits.test.n).toBe(3);
    expect(ev.splits.all.errors).toEqual([]);
    expect(ev.splits.all.hardCases.negation).toMatchObject({ n: 1, measures: { dehumanization: { accuracy: 1, fp: 0, fn: 0 } } });
  });
});
