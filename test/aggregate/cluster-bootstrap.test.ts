import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted, quantilesInPlace } from '../../src/aggregate/stats/bootstrap.js';
import { bootstrapRatios } from '../../src/aggregate/stats/cluster-bootstrap.js';
import { createRng, type Seed } from '../../src/aggregate/stats/rng.js';

// The fast bootstrap must give the numbers of the plain one, to the last bit: reports print intervals next to
// their seed. Every comparison here is exact (toBe is Object.is), never toBeCloseTo.

/**
 * The plain cluster bootstrap, as computeIndicators did it before it was made fast: per resample, n calls of
 * nextInt(n), each drawn document's parts added in draw order, then the ratios sorted and read at type 7
 * quantiles.
 */
function plainBootstrap(nums: number[][], dens: number[][], iterations: number, confidence: number, seed: Seed): Array<[number, number] | null> {
  const n = nums[0]!.length;
  const k = nums.length;
  const rng = createRng(seed);
  const stats: number[][] = nums.map(() => []);
  for (let b = 0; b < iterations; b++) {
    const num = new Array<number>(k).fill(0);
    const den = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const j = rng.nextInt(n);
      for (let m = 0; m < k; m++) {
        num[m]! += nums[m]![j]!;
        den[m]! += dens[m]![j]!;
      }
    }
    for (let m = 0; m < k; m++) if (den[m]! > 0) stats[m]!.push(num[m]! / den[m]!);
  }
  const alpha = (1 - confidence) / 2;
  return stats.map((s) => {
    if (s.length === 0) return null;
    const sorted = Array.from(Float64Array.from(s).sort());
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  });
}

/** bootstrapRatios on the same columns; `shareDenominator` passes one array for every ratio, as indicators.ts does for the shares. */
function fastBootstrap(nums: number[][], dens: number[][], iterations: number, confidence: number, seed: Seed, shareDenominator = false) {
  const shared = Float64Array.from(dens[0]!);
  return bootstrapRatios(
    nums.map((c) => Float64Array.from(c)),
    dens.map((c) => (shareDenominator ? shared : Float64Array.from(c))),
    { iterations, confidence, seed },
  );
}

function expectSame(actual: Array<[number, number] | null>, expected: Array<[number, number] | null>): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, m) => {
    const e = expected[m]!;
    if (e === null) expect(a).toBeNull();
    else {
      expect(a![0]).toBe(e[0]);
      expect(a![1]).toBe(e[1]);
    }
  });
}

describe('Rng.fillInts', () => {
  it('gives the numbers of nextInt, in order, and leaves the stream where nextInt would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 0, max: 300 }), fc.string(), (n, length, seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        const out = new Int32Array(length);
        a.fillInts(n, out);
        for (let i = 0; i < length; i++) expect(out[i]).toBe(b.nextInt(n));
        expect(a.next()).toBe(b.next());
      }),
      { numRuns: 200 },
    );
  });

  it('draws nextInt as the remainder of a 32-bit draw, with rejection of the top partial block', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 }), fc.string(), (n, seed) => {
        const fast = createRng(seed);
        const raw = createRng(seed);
        const limit = 2 ** 32 - (2 ** 32 % n);
        for (let i = 0; i < 20; i++) {
          let x = raw.next() * 2 ** 32; // next() is the 32-bit draw over 2^32, so this is the draw itself
          while (x >= limit) x = raw.next() * 2 ** 32;
          expect(fast.nextInt(n)).toBe(x % n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects n outside [1, 2^31]', () => {
    expect(() => createRng(1).fillInts(0, new Int32Array(1))).toThrow(RangeError);
    expect(() => createRng(1).fillInts(2 ** 31 + 1, new Int32Array(1))).toThrow(RangeError);
    expect(() => createRng(1).fillInts(1.5, new Int32Array(1))).toThrow(RangeError);
  });

  it('keeps the draws of nextInt as they were (values from before the remainder was computed by division)', () => {
    const r = createRng('pins');
    const draws = [3, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 7].map((n) => [n, r.nextInt(n), r.nextInt(n), r.nextInt(n)]);
    expect(draws).toEqual([
      [3, 2, 0, 0],
      [1000, 930, 487, 746],
      [2147483647, 1076263183, 706303336, 764293522],
      [2147483648, 675293676, 1521244277, 1947714753],
      [4294967296, 2164041751, 1568352490, 4160870673],
      [7, 0, 4, 3],
    ]);
  });
});

describe('quantilesInPlace', () => {
  const value = fc.oneof(
    fc.double({ noNaN: true }),
    fc.constantFrom(0, -0, 1, 0.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.integer({ min: -3, max: 3 }).map((x) => x / 7),
  );
  const probability = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.025, 0.975, 0.5));

  it('equals quantileSorted on the sorted values, bit for bit', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.array(probability, { minLength: 1, maxLength: 4 }), (values, qs) => {
        const sorted = Array.from(Float64Array.from(values).sort());
        const got = quantilesInPlace(Float64Array.from(values), qs);
        qs.forEach((q, i) => expect(got[i]).toBe(quantileSorted(sorted, q)));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts values that hold NaN, as a sort would place them', () => {
    const values = [3, Number.NaN, 1, 2];
    const sorted = Array.from(Float64Array.from(values).sort());
    expect(quantilesInPlace(Float64Array.from(values), [0, 0.5, 1])).toEqual([0, 0.5, 1].map((q) => quantileSorted(sorted, q)));
  });

  it('rejects no values and probabilities outside [0, 1]', () => {
    expect(() => quantilesInPlace(new Float64Array(0), [0.5])).toThrow(RangeError);
    expect(() => quantilesInPlace(Float64Array.of(1), [1.5])).toThrow(RangeError);
  });
});

describe('bootstrapRatios', () => {
  /** n documents, k ratios: integer counts (mostly zero), or fractions where `fractional`. */
  const cell = fc
    .record({ n: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 1, max: 4 }), fractional: fc.boolean(), negative: fc.boolean() })
    .chain(({ n, k, fractional, negative }) => {
      const count = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: negative ? -3 : 0, max: 5 }));
      const part = fractional ? fc.oneof(count, fc.double({ min: -2, max: 9, noNaN: true })) : count;
      const column = fc.array(part, { minLength: n, maxLength: n });
      // Denominators may be zero for a document, or for all of them (no valid resample).
      const denominator = fc.array(fractional ? fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 30, noNaN: true })) : fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n });
      return fc.record({ nums: fc.array(column, { minLength: k, maxLength: k }), dens: fc.array(denominator, { minLength: k, maxLength: k }) });
    });

  it('gives the intervals of the plain bootstrap, bit for bit', () => {
    fc.assert(
      fc.property(cell, fc.integer({ min: 1, max: 300 }), fc.constantFrom(0.8, 0.9, 0.95), fc.string(), fc.boolean(), ({ nums, dens }, iterations, confidence, seed, share) => {
        const sharedDens = share ? dens.map(() => dens[0]!) : dens;
        expectSame(fastBootstrap(nums, sharedDens, iterations, confidence, seed, share), plainBootstrap(nums, sharedDens, iterations, confidence, seed));
      }),
      { numRuns: 300 },
    );
  });

  it('matches on a realistic cell: sparse measures, shared sentence counts, a signed index', () => {
    const rng = createRng('realistic');
    const n = 700;
    const sentences = Array.from({ length: n }, () => 1 + rng.nextInt(60));
    const other = sentences.map((s) => rng.nextInt(s + 1));
    const sparse = (p: number) => sentences.map(() => (rng.next() < p ? 1 + rng.nextInt(4) : 0));
    const nums = [sparse(0.05), sparse(0.03), sparse(0.3), other.map((o) => (rng.next() < 0.4 ? rng.nextInt(2 * o + 1) - o : 0))];
    const dens = [sentences, sentences, sentences, other];
    expectSame(fastBootstrap(nums, dens, 1000, 0.95, 20250101), plainBootstrap(nums, dens, 1000, 0.95, 20250101));
  });

  it('matches when a cell is larger than one batch of draws', () => {
    const rng = createRng('large');
    const n = 20_000;
    const den = Array.from({ length: n }, () => 1 + rng.nextInt(9));
    const num = den.map((d) => rng.nextInt(d + 1));
    expectSame(fastBootstrap([num], [den], 3, 0.95, 'large'), plainBootstrap([num], [den], 3, 0.95, 'large'));
  });

  it('keeps the draw order for integers so large that their sums are rounded', () => {
    const big = fc.constantFrom(2 ** 53 - 1, 2 ** 52 + 1, 2 ** 51 + 3, 3, 1, -1, -5, 0);
    fc.assert(
      fc.property(fc.array(big, { minLength: 2, maxLength: 9 }), fc.string(), (num, seed) => {
        const den = num.map(() => 1);
        expectSame(fastBootstrap([num], [den], 50, 0.9, seed), plainBootstrap([num], [den], 50, 0.9, seed));
      }),
      { numRuns: 300 },
    );
  });

  it('of one document, is its ratio; with no positive denominator, null', () => {
    expectSame(fastBootstrap([[3], [0]], [[7], [0]], 100, 0.95, 1), [[3 / 7, 3 / 7], null]);
    expectSame(fastBootstrap([[3], [0]], [[7], [0]], 100, 0.95, 1), plainBootstrap([[3], [0]], [[7], [0]], 100, 0.95, 1));
  });

  it('rejects no documents and columns of different lengths', () => {
    expect(() => bootstrapRatios([new Float64Array(0)], [new Float64Array(0)], { iterations: 10, confidence: 0.95, seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapRatios([Float64Array.of(1, 2)], [Float64Array.of(1)], { iterations: 10, confidence: 0.95, seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapRatios([Float64Array.of(1)], [], { iterations: 10, confidence: 0.95, seed: 1 })).toThrow(RangeError);
  });
});
