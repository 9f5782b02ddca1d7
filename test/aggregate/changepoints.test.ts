import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  changePointDates,
  defaultPenalty,
  detectChangePoints,
  detectChangePointsGaussian,
  pelt,
} from '../../src/aggregate/stats/changepoints.js';
import { createRng } from '../../src/aggregate/stats/rng.js';
import { enumeratePeriods, periodLabel } from '../../src/aggregate/stats/periods.js';
import { binomial, sizes } from './simulate.js';

/** Optimal partitioning without pruning (Jackson et al. 2005), the reference PELT must equal. */
function optimalPartition(T: number, cost: (s: number, e: number) => number, beta: number, m: number): number[] {
  if (T < 2 * m) return [];
  const F = new Array<number>(T + 1).fill(Infinity);
  const last = new Array<number>(T + 1).fill(-1);
  F[0] = -beta;
  for (let t = m; t <= T; t++) {
    for (let tau = 0; tau <= t - m; tau++) {
      if (tau !== 0 && tau < m) continue;
      const v = F[tau] + cost(tau, t) + beta;
      if (v < F[t]) {
        F[t] = v;
        last[t] = tau;
      }
    }
  }
  const out: number[] = [];
  for (let t = T; t > 0; t = last[t]) if (last[t] > 0) out.push(last[t]);
  return out.reverse();
}

function binomialCost(k: number[], n: number[]) {
  return (s: number, e: number) => {
    let K = 0;
    let N = 0;
    for (let i = s; i < e; i++) {
      K += k[i];
      N += n[i];
    }
    if (K === 0 || K === N) return 0;
    const p = K / N;
    return -(K * Math.log(p) + (N - K) * Math.log(1 - p));
  };
}

describe('pelt', () => {
  it('property: equals unpruned optimal partitioning for any minimum segment length', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.5, max: 8, noNaN: true }), (seed, m, T, beta) => {
        const rng = createRng(seed);
        const n = sizes(rng, T, 5, 40);
        const levels = [0.1, 0.4, 0.2, 0.7];
        const k = n.map((nn, t) => binomial(rng, nn, levels[Math.floor((t / T) * 4)]));
        const cost = binomialCost(k, n);
        expect(pelt(T, cost, beta, m)).toEqual(optimalPartition(T, cost, beta, m));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad parameters', () => {
    expect(() => pelt(10, () => 0, -1, 2)).toThrow(RangeError);
    expect(() => pelt(10, () => 0, 1, 0)).toThrow(RangeError);
  });
});

describe('detectChangePoints (binomial)', () => {
  it('finds an obvious step with its levels and strength', () => {
    const n = new Array(20).fill(100);
    const k = n.map((_, t) => (t < 10 ? 10 : 40));
    const r = detectChangePoints(k, n);
    expect(r.changePoints).toHaveLength(1);
    const [cp] = r.changePoints;
    expect(cp.index).toBe(10);
    expect(cp.earliestIndex).toBe(10);
    expect(cp.levelBefore).toBeCloseTo(0.1, 12);
    expect(cp.levelAfter).toBeCloseTo(0.4, 12);
    expect(cp.strength).toBeGreaterThan(r.penalty);
    expect(r.segments).toEqual([
      { start: 0, end: 9, level: 0.1, weight: 1000 },
      { start: 10, end: 19, level: 0.4, weight: 1000 },
    ]);
    expect(r.periodsUsed).toBe(20);
    expect(r.penalty).toBeCloseTo(2 * Math.log(20), 12);
  });

  it('periods with n = 0 contribute nothing; the change may have started in the gap', () => {
    const n = [100, 100, 100, 100, 0, 0, 100, 100, 100, 100];
    const k = [10, 10, 10, 10, 0, 0, 50, 50, 50, 50];
    const r = detectChangePoints(k, n);
    expect(r.periodsUsed).toBe(8);
    expect(r.changePoints).toMatchObject([{ index: 6, earliestIndex: 4 }]);
    expect(detectChangePoints([0, 0], [0, 0]).changePoints).toEqual([]);
    expect(detectChangePoints([], []).segments).toEqual([]);
  });

  it('respects the minimum segment length: no level rests on a single period', () => {
    const n = new Array(21).fill(200);
    const k = n.map((_, t) => (t === 10 ? 120 : 20));
    const { segments } = detectChangePoints(k, n);
    for (const s of segments) expect(s.end - s.start + 1).toBeGreaterThanOrEqual(2);
    expect(detectChangePoints(k, n, { minSegmentLength: 3 }).segments.every((s) => s.end - s.start >= 2)).toBe(true);
    expect(detectChangePoints(k, n, { minSegmentLength: 1, overdispersion: 1 }).changePoints.map((c) => c.index)).toEqual([10, 11]);
  });

  it('sensitivity scales the penalty; an explicit penalty wins', () => {
    expect(defaultPenalty(52, 2)).toBeCloseTo(defaultPenalty(52) / 2, 12);
    expect(detectChangePoints([1, 2, 3, 4], [10, 10, 10, 10], { penalty: 7 }).penalty).toBe(7);
    expect(() => defaultPenalty(52, 0)).toThrow(RangeError);
  });

  it('rejects impossible counts', () => {
    expect(() => detectChangePoints([5], [4])).toThrow(RangeError);
    expect(() => detectChangePoints([1], [1, 2])).toThrow(RangeError);
    expect(() => detectChangePoints([0.5], [4])).toThrow(RangeError);
    expect(() => detectChangePoints([1], [4], { overdispersion: 0 })).toThrow(RangeError);
  });

  it('maps changes to dates through period labels', () => {
    const weeks = enumeratePeriods('2021-01-04', '2021-03-28', 'week');
    const n = weeks.map((_, t) => (t === 5 ? 0 : 150));
    const k = n.map((nn, t) => (t < 6 ? Math.round(nn * 0.05) : Math.round(nn * 0.3)));
    const { changePoints } = detectChangePoints(k, n);
    const dated = changePointDates(changePoints, weeks);
    expect(dated).toHaveLength(1);
    expect(dated[0].date).toBe('2021-02-15');
    expect(dated[0].earliestDate).toBe('2021-02-08');
    expect(changePointDates(changePoints, weeks.map((w) => periodLabel(w, 'week')))[0].date).toBe('2021-W07');
    expect(() => changePointDates(changePoints, weeks.slice(0, 3))).toThrow(RangeError);
  });
});

describe('change-point simulations (seeded)', () => {
  const T = 52;

  it('(a) a step at a known period is found within one period of the truth', () => {
    const R = 200;
    let found = 0;
    let foundSmall = 0;
    for (let r = 0; r < R; r++) {
      const rng = createRng(`step/${r}`);
      const at = 10 + rng.nextInt(T - 20);
      const n = sizes(rng, T);
      const k = n.map((nn, t) => binomial(rng, nn, t < at ? 0.1 : 0.2));
      const cps = detectChangePoints(k, n).changePoints;
      if (cps.some((c) => Math.abs(c.index - at) <= 1 && c.levelAfter > c.levelBefore)) found++;
      const k2 = n.map((nn, t) => binomial(rng, nn, t < at ? 0.1 : 0.15));
      if (detectChangePoints(k2, n).changePoints.some((c) => Math.abs(c.index - at) <= 1)) foundSmall++;
    }
    console.log(`change points (a): step 0.10→0.20 located within ±1 period in ${(found / R).toFixed(3)} of ${R} series; step 0.10→0.15 in ${(foundSmall / R).toFixed(3)}`);
    expect(found / R).toBeGreaterThanOrEqual(0.95);
    expect(foundSmall / R).toBeGreaterThanOrEqual(0.5);
  });

  it('(b) a linear rise gives only upward changes (no false reversal)', () => {
    const R = 100;
    let reversals = 0;
    let detected = 0;
    let changes = 0;
    for (let r = 0; r < R; r++) {
      const rng = createRng(`rise/${r}`);
      const n = sizes(rng, T);
      const k = n.map((nn, t) => binomial(rng, nn, 0.1 + (0.2 * t) / (T - 1)));
      const cps = detectChangePoints(k, n).changePoints;
      if (cps.length > 0) detected++;
      changes += cps.length;
      reversals += cps.filter((c) => c.levelAfter <= c.levelBefore).length;
    }
    console.log(`change points (b): linear rise 0.10→0.30: ${(detected / R).toFixed(2)} of series flagged, ${(changes / R).toFixed(2)} changes per series, ${reversals} downward changes`);
    expect(reversals).toBe(0);
    expect(detected / R).toBeGreaterThanOrEqual(0.95);
  });

  it('(c) flat series raise at most 5 % false alarms (binomial and Gaussian cost)', () => {
    const R = 200;
    let alarms = 0;
    let gaussAlarms = 0;
    let overAlarmsEstimated = 0;
    let overAlarmsPure = 0;
    for (let r = 0; r < R; r++) {
      const rng = createRng(`flat/${r}`);
      const p = [0.05, 0.1, 0.2, 0.3][r % 4];
      const n = sizes(rng, T);
      const k = n.map((nn) => binomial(rng, nn, p));
      if (detectChangePoints(k, n).changePoints.length > 0) alarms++;
      // A [-1, 1] index: per-period mean of w documents with document-level SD 0.5.
      const w = sizes(rng, T, 5, 60);
      const y = w.map((ww) => 0.1 + (0.5 / Math.sqrt(ww)) * rng.nextNormal());
      if (detectChangePointsGaussian(y, w).changePoints.length > 0) gaussAlarms++;
      // Over-dispersed flat series: each period's p varies ±30 % around the level (news cycles).
      const k3 = n.map((nn) => binomial(rng, nn, Math.min(0.99, Math.max(0.001, p * (1 + 0.3 * rng.nextNormal())))));
      if (detectChangePoints(k3, n).changePoints.length > 0) overAlarmsEstimated++;
      if (detectChangePoints(k3, n, { overdispersion: 1 }).changePoints.length > 0) overAlarmsPure++;
    }
    console.log(
      `change points (c): false-alarm rate over ${R} flat series of length ${T}: binomial ${(alarms / R).toFixed(3)}, Gaussian ${(gaussAlarms / R).toFixed(3)}; ` +
        `over-dispersed series: ${(overAlarmsEstimated / R).toFixed(3)} with φ estimated, ${(overAlarmsPure / R).toFixed(3)} with pure binomial cost`,
    );
    expect(alarms / R).toBeLessThanOrEqual(0.05);
    expect(gaussAlarms / R).toBeLessThanOrEqual(0.05);
    expect(overAlarmsEstimated / R).toBeLessThanOrEqual(0.05);
  });

  it('(d) small effects below the sensitivity are not flagged', () => {
    const R = 200;
    let flagged = 0;
    let flaggedSensitive = 0;
    for (let r = 0; r < R; r++) {
      const rng = createRng(`small/${r}`);
      const n = sizes(rng, T);
      const k = n.map((nn, t) => binomial(rng, nn, t < 26 ? 0.1 : 0.11));
      if (detectChangePoints(k, n).changePoints.length > 0) flagged++;
      if (detectChangePoints(k, n, { sensitivity: 2 }).changePoints.length > 0) flaggedSensitive++;
    }
    console.log(`change points (d): step 0.10→0.11 flagged in ${(flagged / R).toFixed(3)} of ${R} series at sensitivity 1, ${(flaggedSensitive / R).toFixed(3)} at sensitivity 2`);
    expect(flagged / R).toBeLessThanOrEqual(0.05);
  });

  it('Gaussian cost finds a shift in a [-1, 1] index', () => {
    const R = 100;
    let found = 0;
    for (let r = 0; r < R; r++) {
      const rng = createRng(`gstep/${r}`);
      const w = sizes(rng, T, 5, 60);
      const y: (number | null)[] = w.map((ww, t) => (t < 30 ? -0.2 : 0.1) + (0.5 / Math.sqrt(ww)) * rng.nextNormal());
      y[12] = null; // an empty week
      const cps = detectChangePointsGaussian(y, w).changePoints;
      if (cps.some((c) => Math.abs(c.index - 30) <= 1 && c.levelAfter > c.levelBefore)) found++;
    }
    console.log(`change points (Gaussian): shift −0.2→0.1 (0.6 document SD) located within ±1 period in ${(found / R).toFixed(2)} of ${R} series`);
    expect(found / R).toBeGreaterThanOrEqual(0.9);
  });

  it('Gaussian detector handles constant and tiny series', () => {
    expect(detectChangePointsGaussian([0.2, 0.2, 0.2, 0.2, 0.2], [3, 3, 3, 3, 3]).changePoints).toEqual([]);
    expect(detectChangePointsGaussian([0.2], [3]).segments).toHaveLength(1);
    expect(detectChangePointsGaussian([0, 0, 0, 1, 1, 1], [9, 9, 9, 9, 9, 9], { sigma: 0.5 }).changePoints).toMatchObject([{ index: 3 }]);
    expect(() => detectChangePointsGaussian([1], [-1])).toThrow(RangeError);
  });
});
