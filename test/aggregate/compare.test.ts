import { describe, expect, it } from 'vitest';
import { cohenDz, comparePhases, hedgesG, hedgesGav, labelShuffleTest, signFlipTest } from '../../src/aggregate/stats/compare.js';
import { createRng } from '../../src/aggregate/stats/rng.js';

// Lakens (2013), Front. Psychol. 4:863, Table 1: ratings of two movies by ten people.
const movie1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9];
const movie2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7];

describe('effect sizes against Lakens (2013)', () => {
  it('between subjects: g_s = 1.08 (d_s = 1.13)', () => {
    // movie1 − movie2, as in the paper (our functions give b − a).
    expect(hedgesG(movie2, movie1)!).toBeCloseTo(1.08, 2);
    expect(hedgesG(movie2, movie1)! / (1 - 3 / 71)).toBeCloseTo(1.13, 2);
    expect(hedgesG([1], [2, 3])).toBeNull();
    expect(hedgesG([1, 1], [1, 1])).toBeNull();
  });

  it('within subjects: d_z = 1.50, g_av = 1.08', () => {
    expect(cohenDz(movie2, movie1)!).toBeCloseTo(1.5, 2);
    expect(hedgesGav(movie2, movie1)!).toBeCloseTo(1.08, 2);
    expect(cohenDz([1, 2], [2, 3])).toBeNull(); // identical differences
  });
});

describe('permutation tests', () => {
  it('sign-flip is exact for small n: all-positive differences of 5 units give p = 2/32', () => {
    expect(signFlipTest([1, 2, 3, 4, 5])).toEqual({ p: 2 / 32, exact: true, permutations: 32 });
    expect(signFlipTest([0, 0, 0]).p).toBe(1);
  });

  it('label shuffle is exact for small groups: complete separation of 4 vs 4 gives p = 2/70', () => {
    expect(labelShuffleTest([1, 2, 3, 4], [5, 6, 7, 8])).toEqual({ p: 2 / 70, exact: true, permutations: 70 });
  });

  it('falls back to seeded Monte Carlo above the exact limit', () => {
    const d = Array.from({ length: 20 }, (_, i) => (i % 3) - 0.5);
    const a = signFlipTest(d, { seed: 5 });
    expect(a.exact).toBe(false);
    expect(a.permutations).toBe(5000);
    expect(signFlipTest(d, { seed: 5 })).toEqual(a);
    const x = Array.from({ length: 15 }, (_, i) => i);
    const y = x.map((v) => v + 3);
    const b = labelShuffleTest(x, y, { seed: 5 });
    expect(b.exact).toBe(false);
    expect(b.p).toBeGreaterThan(0);
    // Agrees with the exact answer when forced to enumerate a smaller case.
    const small = signFlipTest([0.3, -0.1, 0.5, 0.2, 0.4, -0.2, 0.6, 0.1], { exactLimit: 0, permutations: 20000, seed: 1 });
    const exact = signFlipTest([0.3, -0.1, 0.5, 0.2, 0.4, -0.2, 0.6, 0.1]);
    expect(Math.abs(small.p - exact.p)).toBeLessThan(0.01);
  });
});

describe('comparePhases', () => {
  const pre = movie2.map((value, i) => ({ unit: `p${i}`, value }));
  const post = movie1.map((value, i) => ({ unit: `p${i}`, value }));

  it('paired: differences post − pre, g_av with d_z, sign-flip p, counts', () => {
    const r = comparePhases(pre, [...post, { unit: 'late-joiner', value: 5 }], { paired: true, seed: 11 });
    expect(r.design).toBe('paired');
    expect(r).toMatchObject({ n_pre: 10, n_post: 11, n_pairs: 10, unitsAveraged: 0 });
    expect(r.difference).toBeCloseTo(1, 12);
    expect(r.effectSize.kind).toBe('g_av');
    expect(r.effectSize.value!).toBeCloseTo(1.08, 2);
    expect(r.effectSize.d_z!).toBeCloseTo(1.5, 2);
    expect(r.test!.method).toBe('sign-flip');
    expect(r.test!.exact).toBe(true);
    // Differences 0,1,1,1,1,0,1,2,1,2: only the all-plus and all-minus sign patterns of the eight
    // non-zero ones reach |Σ| = 10, whatever the two zeros do, so p = 2 · 4 / 2^10.
    expect(r.test!.p).toBeCloseTo(8 / 1024, 12);
    expect(r.ci.lower!).toBeGreaterThan(0.4);
    expect(r.ci.upper!).toBeLessThan(1.6);
    expect(comparePhases(pre, post, { paired: true, seed: 11 })).toEqual(comparePhases([...pre].reverse(), post, { paired: true, seed: 11 }));
  });

  it('unpaired: g_s and label shuffle; several observations of one unit are averaged', () => {
    const r = comparePhases(pre, [...post, { unit: 'p0', value: 9 }], { seed: 2 });
    expect(r.design).toBe('unpaired');
    expect(r.effectSize.kind).toBe('g_s');
    expect(r.effectSize.d_z).toBeNull();
    expect(r.unitsAveraged).toBe(1);
    expect(r.test!.method).toBe('label-shuffle');
    expect(r.difference).toBeCloseTo(1, 12);
  });

  it('too little data gives nulls, not errors', () => {
    const r = comparePhases([{ unit: 'a', value: 1 }], [{ unit: 'b', value: 2 }], { paired: true });
    expect(r).toMatchObject({ n_pairs: 0, difference: null, test: null, meanPre: null });
    expect(r.effectSize.value).toBeNull();
    expect(() => comparePhases([{ unit: 'a', value: Number.NaN }], [])).toThrow(RangeError);
  });
});

describe('compare simulations (seeded)', () => {
  /** 12 participants; pre and post share a person effect (r = 0.5), each phase has SD 1. */
  function workshop(seed: string, shift: number, n = 12) {
    const rng = createRng(seed);
    const pre = [];
    const post = [];
    for (let i = 0; i < n; i++) {
      const person = Math.sqrt(0.5) * rng.nextNormal();
      pre.push({ unit: `p${i}`, value: person + Math.sqrt(0.5) * rng.nextNormal() });
      post.push({ unit: `p${i}`, value: person + shift + Math.sqrt(0.5) * rng.nextNormal() });
    }
    return { pre, post };
  }

  it('participants who shift by 0.8 SD are detected (p < 0.05) at n = 12 paired', () => {
    const R = 200;
    let detected = 0;
    let covered = 0;
    for (let r = 0; r < R; r++) {
      const { pre, post } = workshop(`shift/${r}`, 0.8);
      const c = comparePhases(pre, post, { paired: true, seed: r, bootstrapIterations: 400 });
      if (c.test!.p < 0.05) detected++;
      if (c.ci.lower! <= 0.8 && 0.8 <= c.ci.upper!) covered++;
    }
    console.log(`compare: shift of 0.8 SD (d_z = 0.8), 12 pairs: detected (p < 0.05) in ${(detected / R).toFixed(3)} of ${R}; bootstrap 95 % CI covered the shift in ${(covered / R).toFixed(3)}`);
    // Theory (paired t, d_z = 0.8, n = 12): power ≈ 0.71.
    expect(detected / R).toBeGreaterThanOrEqual(0.6);
    // Percentile bootstrap undercovers at n = 12; it must not be far off.
    expect(covered / R).toBeGreaterThanOrEqual(0.85);
  });

  it('participants who do not shift: false-positive rate ≤ 7 % and p roughly uniform', () => {
    const R = 400;
    const ps: number[] = [];
    const psUnpaired: number[] = [];
    for (let r = 0; r < R; r++) {
      const { pre, post } = workshop(`null/${r}`, 0);
      ps.push(comparePhases(pre, post, { paired: true, seed: r, bootstrapIterations: 100 }).test!.p);
      // Unpaired designs compare different people: draw the post group independently.
      const other = workshop(`null-other/${r}`, 0).post.map((o) => ({ ...o, unit: `q${o.unit}` }));
      psUnpaired.push(comparePhases(pre, other, { seed: r, bootstrapIterations: 100, permutations: 2000 }).test!.p);
    }
    const rate = (xs: number[], a: number) => xs.filter((p) => p < a).length / xs.length;
    // Kolmogorov–Smirnov distance to U(0, 1); critical value at α = 0.01 for n = 400 is 0.081.
    const ks = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return Math.max(...s.map((p, i) => Math.max(Math.abs((i + 1) / s.length - p), Math.abs(p - i / s.length))));
    };
    console.log(
      `compare: no shift, ${R} sims: 12 pairs, false-positive rate ${rate(ps, 0.05).toFixed(3)} (KS distance to uniform ${ks(ps).toFixed(3)}); ` +
        `two independent groups of 12 ${rate(psUnpaired, 0.05).toFixed(3)} (KS ${ks(psUnpaired).toFixed(3)})`,
    );
    expect(rate(ps, 0.05)).toBeLessThanOrEqual(0.07);
    expect(rate(psUnpaired, 0.05)).toBeLessThanOrEqual(0.07);
    expect(ks(ps)).toBeLessThan(0.081);
    expect(ks(psUnpaired)).toBeLessThan(0.081);
  });
});
