import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrapMeanDifference, bootstrapPairedDifference, bootstrapRatio, quantileSorted } from '../../src/aggregate/stats/bootstrap.js';
import { createRng } from '../../src/aggregate/stats/rng.js';
import { binomial } from './simulate.js';

describe('quantileSorted (type 7)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
    [[5], 0.3, 5],
  ])('%j at %f = %f', (xs, q, v) => {
    expect(quantileSorted(xs, q)).toBeCloseTo(v, 12);
  });
});

describe('bootstrapRatio', () => {
  it('estimates the pooled ratio and brackets it', () => {
    const num = [1, 0, 3, 2, 0, 5, 1, 0, 2, 1];
    const den = [10, 8, 12, 9, 7, 20, 11, 6, 10, 7];
    const r = bootstrapRatio(num, den, { seed: 3 });
    expect(r.estimate).toBeCloseTo(15 / 100, 12);
    expect(r.lower!).toBeLessThan(0.15);
    expect(r.upper!).toBeGreaterThan(0.15);
    expect(r.iterations).toBe(1000);
    expect(r.validIterations).toBe(1000);
    expect(r.confidence).toBe(0.95);
  });

  it('handles no documents and all-zero denominators', () => {
    expect(bootstrapRatio([], [])).toMatchObject({ estimate: null, lower: null, upper: null, validIterations: 0 });
    expect(bootstrapRatio([0, 0], [0, 0])).toMatchObject({ estimate: null, lower: null, upper: null });
  });

  it('rejects mismatched or invalid input', () => {
    expect(() => bootstrapRatio([1], [1, 2])).toThrow(RangeError);
    expect(() => bootstrapRatio([1], [-1])).toThrow(RangeError);
    expect(() => bootstrapRatio([Number.NaN], [1])).toThrow(RangeError);
    expect(() => bootstrapRatio([1], [1], { iterations: 0 })).toThrow(RangeError);
  });

  it('is wider than a sentence-level interval when documents are clustered', () => {
    // Half the documents are heavy users of dehumanizing language, half never use it:
    // sentences are far from independent, and the cluster bootstrap must show that.
    const rng = createRng('clustered');
    const den = Array.from({ length: 40 }, () => 20);
    const num = den.map((d, i) => binomial(rng, d, i % 2 === 0 ? 0.4 : 0.0));
    const r = bootstrapRatio(num, den, { seed: 1 });
    const p = r.estimate!;
    const naiveHalfWidth = 1.96 * Math.sqrt((p * (1 - p)) / 800);
    expect((r.upper! - r.lower!) / 2).toBeGreaterThan(1.3 * naiveHalfWidth);
  });

  it('covers the true ratio about 95 % of the time (seeded simulation)', () => {
    let covered = 0;
    const R = 200;
    for (let s = 0; s < R; s++) {
      const rng = createRng(`coverage/${s}`);
      const den = Array.from({ length: 60 }, () => 5 + rng.nextInt(30));
      const num = den.map((d) => binomial(rng, d, 0.2));
      const r = bootstrapRatio(num, den, { seed: s, iterations: 500 });
      if (r.lower! <= 0.2 && 0.2 <= r.upper!) covered++;
    }
    console.log(`bootstrapRatio coverage of nominal 95 % interval: ${(covered / R).toFixed(3)} over ${R} simulations`);
    expect(covered / R).toBeGreaterThan(0.89);
  });

  it('property: deterministic for a seed, and never mutates its input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 30 }),
        fc.integer(),
        (pairs, seed) => {
          const num = pairs.map(([a, b]) => Math.min(a, b));
          const den = pairs.map(([a, b]) => Math.max(a, b));
          const copy = [...num];
          const a = bootstrapRatio(num, den, { seed, iterations: 50 });
          const b = bootstrapRatio(num, den, { seed, iterations: 50 });
          expect(a).toEqual(b);
          expect(num).toEqual(copy);
          if (a.lower !== null) expect(a.lower).toBeLessThanOrEqual(a.upper!);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('bootstrapMeanDifference and bootstrapPairedDifference', () => {
  it('difference of means is b − a, interval brackets it', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [4, 5, 6, 7, 8, 9];
    const r = bootstrapMeanDifference(a, b, { seed: 9 });
    expect(r.estimate).toBe(3);
    expect(r.lower!).toBeGreaterThan(0);
    expect(r.upper!).toBeLessThan(6);
    expect(bootstrapMeanDifference([], [1])).toMatchObject({ estimate: null, lower: null });
  });

  it('paired difference uses within-unit change, which is much tighter than the unpaired one', () => {
    const pre = [1, 5, 9, 3, 7, 2, 8, 4];
    const post = pre.map((v, i) => v + 1 + (i % 2 === 0 ? 0.1 : -0.1));
    const paired = bootstrapPairedDifference(pre, post, { seed: 2 });
    const unpaired = bootstrapMeanDifference(pre, post, { seed: 2 });
    expect(paired.estimate).toBeCloseTo(1, 12);
    expect(paired.upper! - paired.lower!).toBeLessThan(0.25);
    expect(unpaired.upper! - unpaired.lower!).toBeGreaterThan(2);
    expect(() => bootstrapPairedDifference([1], [1, 2])).toThrow(RangeError);
  });

  it('property: deterministic for a seed; seeds matter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 20 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 20 }),
        fc.integer(),
        (a, b, seed) => {
          expect(bootstrapMeanDifference(a, b, { seed, iterations: 40 })).toEqual(bootstrapMeanDifference(a, b, { seed, iterations: 40 }));
          const n = Math.min(a.length, b.length);
          expect(bootstrapPairedDifference(a.slice(0, n), b.slice(0, n), { seed, iterations: 40 })).toEqual(
            bootstrapPairedDifference(a.slice(0, n), b.slice(0, n), { seed, iterations: 40 }),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
