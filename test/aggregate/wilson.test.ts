import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inverseNormalCdf, wilsonInterval, zForConfidence } from '../../src/aggregate/stats/wilson.js';

describe('inverseNormalCdf', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489],
    [0.9, 1.2815515655446],
    [0.5, 0],
    [0.025, -1.959963984540054],
    [1e-6, -4.753424308822899],
    [0.9999, 3.719016485455709],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 7);
  });

  it('handles the ends and rejects nonsense', () => {
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(() => inverseNormalCdf(1.5)).toThrow(RangeError);
    expect(() => inverseNormalCdf(Number.NaN)).toThrow(RangeError);
  });

  it('gives z for arbitrary levels', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.99)).toBeCloseTo(2.575829, 6);
    expect(zForConfidence(0.8)).toBeCloseTo(1.281552, 6);
    expect(() => zForConfidence(1)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // Published values: Newcombe (1998), Stat Med 17:857, Table II (method 3, Wilson score without correction).
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f]', (k, n, lo, hi) => {
    const ci = wilsonInterval(k, n)!;
    expect(ci.lower).toBeCloseTo(lo, 4);
    expect(ci.upper).toBeCloseTo(hi, 4);
    expect(ci.estimate).toBe(k / n);
    expect(ci.confidence).toBe(0.95);
  });

  it('n = 0 gives no interval', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('is wider at 99 % than at 90 %', () => {
    const a = wilsonInterval(30, 100, 0.9)!;
    const b = wilsonInterval(30, 100, 0.99)!;
    expect(b.lower).toBeLessThan(a.lower);
    expect(b.upper).toBeGreaterThan(a.upper);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });

  it('property: bounds lie in [0, 1] and contain k/n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        ([k, n], level) => {
          const ci = wilsonInterval(k, n, level)!;
          expect(ci.lower).toBeGreaterThanOrEqual(0);
          expect(ci.upper).toBeLessThanOrEqual(1);
          expect(ci.lower).toBeLessThanOrEqual(k / n);
          expect(ci.upper).toBeGreaterThanOrEqual(k / n);
          expect(ci.upper).toBeGreaterThan(ci.lower);
        },
      ),
      { numRuns: 500 },
    );
  });
});
