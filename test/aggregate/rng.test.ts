import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/aggregate/stats/rng.js';

describe('createRng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number | string) => {
      const r = createRng(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('report/2021')).toEqual(draw('report/2021'));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(0.5)).not.toEqual(draw(0));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('is uniform enough: mean, variance and integer buckets', () => {
    const r = createRng(7);
    const N = 100_000;
    let s = 0;
    let s2 = 0;
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < N; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
      buckets[r.nextInt(10)]++;
    }
    expect(s / N).toBeCloseTo(0.5, 2);
    expect(s2 / N - (s / N) ** 2).toBeCloseTo(1 / 12, 2);
    // χ² with 9 df: 99.9 % quantile is 27.9.
    const chi2 = buckets.reduce((acc, b) => acc + (b - N / 10) ** 2 / (N / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('normal deviates have mean 0 and SD 1', () => {
    const r = createRng('normal');
    const xs = Array.from({ length: 50_000 }, () => r.nextNormal());
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.03);
  });

  it('rejects bad arguments', () => {
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(1).nextInt(0)).toThrow(RangeError);
    expect(() => createRng(1).nextInt(2.5)).toThrow(RangeError);
  });
});
