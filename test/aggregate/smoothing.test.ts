import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ewma, rollingMean } from '../../src/aggregate/stats/smoothing.js';

describe('rollingMean', () => {
  it('trailing window of k periods', () => {
    expect(rollingMean([1, 2, 3, 4, 5], 3)).toEqual([1, 1.5, 2, 3, 4]);
    expect(rollingMean([1, 2, 3], 1)).toEqual([1, 2, 3]);
  });

  it('skips empty periods inside the window and does not reach back past it', () => {
    expect(rollingMean([2, null, 4, null, null, null, 8], 3)).toEqual([2, 2, 3, 4, 4, null, 8]);
    expect(rollingMean([2, null, 4], 3, { minObservations: 2 })).toEqual([null, null, 3]);
  });

  it('weights give the pooled ratio of the window', () => {
    // Proportions 0.1 of 10 and 0.5 of 1000: the pooled share is 501/1010.
    expect(rollingMean([0.1, 0.5], 2, { weights: [10, 1000] })[1]).toBeCloseTo(501 / 1010, 12);
    expect(rollingMean([0.1, 0.5], 2, { weights: [0, 0] })).toEqual([null, null]);
  });

  it('rejects bad parameters', () => {
    expect(() => rollingMean([1], 0)).toThrow(RangeError);
    expect(() => rollingMean([1], 2, { weights: [1, 2] })).toThrow(RangeError);
    expect(() => rollingMean([Number.NaN], 2)).toThrow(RangeError);
  });
});

describe('ewma', () => {
  it('starts at the first value and blends by alpha', () => {
    const s = ewma([10, 20, 20], 0.5);
    expect(s).toEqual([10, 15, 17.5]);
    expect(ewma([3, 4, 5], 1)).toEqual([3, 4, 5]);
  });

  it('carries the level over empty periods, or leaves gaps', () => {
    expect(ewma([null, 10, null, 20], 0.5)).toEqual([null, 10, 10, 15]);
    expect(ewma([null, 10, null, 20], 0.5, { empty: 'null' })).toEqual([null, 10, null, 15]);
  });

  it('rejects alpha outside (0, 1]', () => {
    expect(() => ewma([1], 0)).toThrow(RangeError);
    expect(() => ewma([1], 1.2)).toThrow(RangeError);
  });
});

describe('smoothers never mutate the raw series', () => {
  it('property', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null })), fc.integer({ min: 1, max: 8 }), (values, k) => {
        const copy = [...values];
        const r = rollingMean(values, k);
        const e = ewma(values, 0.3);
        expect(values).toEqual(copy);
        expect(r).not.toBe(values);
        expect(e).not.toBe(values);
        expect(r).toHaveLength(values.length);
        // A smoothed value lies within the range of the raw values.
        const present = values.filter((v): v is number => v !== null);
        for (const v of [...r, ...e]) {
          if (v !== null) {
            expect(v).toBeGreaterThanOrEqual(Math.min(...present) - 1e-12);
            expect(v).toBeLessThanOrEqual(Math.max(...present) + 1e-12);
          }
        }
      }),
    );
  });
});
