import { describe, expect, it } from 'vitest';
import {
  accuracy,
  addConfusion,
  averageRanks,
  binaryReport,
  cohenKappa,
  confusion,
  f1,
  kappaFromConfusion,
  pearson,
  precision,
  recall,
  rocAuc,
  spearman,
  stratifiedKFold,
} from '../../src/evaluation/metrics.js';

describe('binary metrics (hand-computed)', () => {
  // gold 1 1 1 0 0 0 0 1 / pred 1 0 1 1 0 0 1 1 → tp 3, fn 1, fp 2, tn 2
  const gold = [1, 1, 1, 0, 0, 0, 0, 1];
  const pred = [true, false, true, true, false, false, true, true];
  it.each([
    ['tp', (c: ReturnType<typeof confusion>) => c.tp, 3],
    ['fp', (c: ReturnType<typeof confusion>) => c.fp, 2],
    ['fn', (c: ReturnType<typeof confusion>) => c.fn, 1],
    ['tn', (c: ReturnType<typeof confusion>) => c.tn, 2],
    ['precision 3/5', precision, 0.6],
    ['recall 3/4', recall, 0.75],
    ['f1 6/9', f1, 2 / 3],
    ['accuracy 5/8', accuracy, 0.625],
    // po = .625, pe = (5·4 + 3·4)/64 = .5 → (.625 − .5)/.5
    ['kappa', kappaFromConfusion, 0.25],
  ] as const)('%s', (_name, fn, expected) => {
    expect(fn(confusion(gold, pred))).toBeCloseTo(expected, 10);
  });

  it('reads numeric scores against the threshold (0.5 counts as present)', () => {
    expect(confusion([1, 0, 1], [0.5, 0.49, 0.1])).toEqual({ tp: 1, fp: 0, fn: 1, tn: 1 });
    expect(confusion([1, 0], [0.3, 0.3], 0.25)).toEqual({ tp: 1, fp: 1, fn: 0, tn: 0 });
  });

  it('handles 0/0 with zeroDivision (default 0)', () => {
    const none = confusion([0, 0, 0], [0, 0, 0]);
    expect(precision(none)).toBe(0);
    expect(recall(none)).toBe(0);
    expect(f1(none)).toBe(0);
    expect(f1(none, { zeroDivision: 1 })).toBe(1);
    expect(Number.isNaN(precision(none, { zeroDivision: NaN }))).toBe(true);
    expect(accuracy(none)).toBe(1);
    expect(accuracy(confusion([], []))).toBe(0);
    // nothing predicted but gold positives exist: precision 0/0 → 0, recall 0, f1 0
    const missed = confusion([1, 0], [0, 0]);
    expect(precision(missed)).toBe(0);
    expect(recall(missed)).toBe(0);
    expect(f1(missed)).toBe(0);
    // kappa undefined when both raters say the same single class throughout
    expect(Number.isNaN(kappaFromConfusion(none))).toBe(true);
  });

  it('binaryReport bundles everything; addConfusion sums', () => {
    const r = binaryReport(gold, pred);
    expect(r).toMatchObject({ tp: 3, fp: 2, fn: 1, tn: 2, n: 8 });
    expect(r.f1).toBeCloseTo(2 / 3, 10);
    expect(addConfusion({ tp: 1, fp: 2, fn: 3, tn: 4 }, { tp: 1, fp: 1, fn: 1, tn: 1 })).toEqual({ tp: 2, fp: 3, fn: 4, tn: 5 });
  });

  it('rejects arrays of different length', () => {
    expect(() => confusion([1], [1, 0])).toThrow(/differ in length/);
  });
});

describe('cohenKappa over categories', () => {
  it.each([
    // po = 3/4; pe = .5·.25 + .25·.5 + .25·.25 = .3125 → (.75 − .3125)/.6875
    [['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'c'], 0.4375 / 0.6875],
    [[1, 0, 1, 0], [1, 0, 1, 0], 1],
    // po = 0, pe = .5 → −1
    [[1, 0, 1, 0], [0, 1, 0, 1], -1],
  ] as const)('%j vs %j', (a, b, expected) => {
    expect(cohenKappa(a as readonly (string | number)[], b as readonly (string | number)[])).toBeCloseTo(expected, 10);
  });
  it('agrees with kappaFromConfusion on binary labels', () => {
    const g = [1, 1, 1, 0, 0, 0, 0, 1];
    const p = [1, 0, 1, 1, 0, 0, 1, 1];
    expect(cohenKappa(g, p)).toBeCloseTo(kappaFromConfusion(confusion(g, p)), 12);
  });
});

describe('ranks and correlations', () => {
  it('averages tied ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]);
    expect(averageRanks([])).toEqual([]);
  });
  it.each([
    // dx = −1 0 1, dy = −7/3 −1/3 8/3: sxy = 5, sxx = 2, syy = 114/9
    ['pearson', pearson, [1, 2, 3], [2, 4, 7], 5 / Math.sqrt(2 * (114 / 9))],
    ['pearson perfect negative', pearson, [1, 2, 3], [3, 2, 1], -1],
    // ranks y = 1 2 3.5 5 3.5: sxy = 8, sxx = 10, syy = 9.5 (scipy: 0.8207826816681233)
    ['spearman with ties', spearman, [1, 2, 3, 4, 5], [5, 6, 7, 8, 7], 8 / Math.sqrt(95)],
    ['spearman monotone nonlinear', spearman, [1, 2, 3, 4], [1, 10, 100, 1000], 1],
  ] as const)('%s', (_n, fn, x, y, expected) => {
    expect(fn(x as unknown as number[], y as unknown as number[])).toBeCloseTo(expected, 10);
  });
  it('is NaN for constants and fewer than two pairs', () => {
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
    expect(Number.isNaN(spearman([1], [2]))).toBe(true);
  });
});

describe('rocAuc (Mann–Whitney)', () => {
  it.each([
    // positives .9 and .4 vs negatives .4 .2 .1: 3 + (0.5 + 2) = 5.5 of 6 pairs
    [[1, 1, 0, 0, 0], [0.9, 0.4, 0.4, 0.2, 0.1], 5.5 / 6],
    [[1, 0], [1, 0], 1],
    [[1, 0], [0, 1], 0],
    [[1, 1, 0, 0], [0.5, 0.5, 0.5, 0.5], 0.5],
  ] as const)('%j / %j', (g, s, expected) => {
    expect(rocAuc(g as unknown as number[], s as unknown as number[])).toBeCloseTo(expected, 10);
  });
  it('is NaN with one class', () => {
    expect(Number.isNaN(rocAuc([1, 1], [0.2, 0.3]))).toBe(true);
  });
});

describe('stratifiedKFold', () => {
  const labels = [...Array(10).fill('a'), ...Array(5).fill('b'), ...Array(2).fill('c')] as string[];
  it('partitions the items, keeps classes spread, and repeats for a seed', () => {
    const folds = stratifiedKFold(labels, 3, 42);
    expect(folds).toHaveLength(3);
    const all = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(all).toEqual(labels.map((_, i) => i));
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(labels.length);
      expect(f.train.some((i) => f.test.includes(i))).toBe(false);
      const count = (c: string) => f.test.filter((i) => labels[i] === c).length;
      expect([3, 4]).toContain(count('a'));
      expect([1, 2]).toContain(count('b'));
      expect([5, 6]).toContain(f.test.length);
    }
    expect(stratifiedKFold(labels, 3, 42)).toEqual(folds);
    expect(stratifiedKFold(labels, 3, 7)).not.toEqual(folds);
  });
  it('rejects bad k', () => {
    expect(() => stratifiedKFold(labels, 1)).toThrow(/k must be/);
    expect(() => stratifiedKFold(['a', 'b'], 3)).toThrow(/exceeds/);
  });
});
