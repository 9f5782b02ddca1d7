import { describe, expect, it } from 'vitest';
import { decision, denseWeights, lbfgs, sigmoid, toMatrix, trainLogistic, trainRidge } from '../../src/classify/linear.js';
import { lcg } from './helpers.js';

const vec = (pairs: Array<[number, number]>) => ({ indices: Int32Array.from(pairs.map((p) => p[0])), values: Float64Array.from(pairs.map((p) => p[1])) });

describe('logistic regression', () => {
  it('learns a linearly separable toy problem', () => {
    const rand = lcg(7);
    const rows = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = rand() * 2 - 1;
      const b = rand() * 2 - 1;
      // Sparse indices far apart, as hashed features are.
      rows.push(vec([[10, a], [70_000, b], [123_456, rand() * 0.01]]));
      labels.push(2 * a - b > 0.1 ? 1 : 0);
    }
    const fit = trainLogistic(toMatrix(rows), labels, { lambda: 1e-5 });
    const dense = denseWeights(fit, 2 ** 18);
    const correct = rows.filter((r, i) => (decision(dense, fit.bias, r) > 0 ? 1 : 0) === labels[i]).length;
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.98);
    expect(fit.converged).toBe(true);
    // The weights point the right way: +a, -b.
    expect(dense[10]!).toBeGreaterThan(0);
    expect(dense[70_000]!).toBeLessThan(0);
  });

  it('balanced class weights raise recall of a rare class', () => {
    const rand = lcg(3);
    const rows = [];
    const labels: number[] = [];
    for (let i = 0; i < 600; i++) {
      const positive = i % 20 === 0;
      const x = (positive ? 0.6 : 0) + rand();
      rows.push(vec([[1, x]]));
      labels.push(positive ? 1 : 0);
    }
    const m = toMatrix(rows);
    const recall = (balanced: boolean): number => {
      const fit = trainLogistic(m, labels, { lambda: 1e-4, balanced });
      const dense = denseWeights(fit, 4);
      return rows.filter((r, i) => labels[i] === 1 && decision(dense, fit.bias, r) > 0).length / labels.filter((l) => l === 1).length;
    };
    expect(recall(true)).toBeGreaterThan(recall(false));
    expect(recall(true)).toBeGreaterThan(0.5);
  });

  it('is deterministic: the same data gives the same weights, bit for bit', () => {
    const rand = lcg(11);
    const rows = Array.from({ length: 200 }, () => vec([[Math.floor(rand() * 50), rand()], [100 + Math.floor(rand() * 50), rand()]]));
    const labels = rows.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const a = trainLogistic(toMatrix(rows), labels, { lambda: 1e-3 });
    const b = trainLogistic(toMatrix(rows), labels, { lambda: 1e-3 });
    expect([...a.indices]).toEqual([...b.indices]);
    expect([...a.values]).toEqual([...b.values]);
    expect(a.bias).toBe(b.bias);
  });

  it('rejects labels other than 0 and 1', () => {
    expect(() => trainLogistic(toMatrix([vec([[0, 1]])]), [2], { lambda: 1 })).toThrow(RangeError);
  });
});

describe('ridge regression', () => {
  it('recovers known coefficients', () => {
    const rand = lcg(5);
    const truth = [1.5, -2, 0.25, 3];
    const bias = 0.7;
    const rows = [];
    const targets: number[] = [];
    for (let i = 0; i < 500; i++) {
      const x = truth.map(() => rand() * 2 - 1);
      rows.push(vec(x.map((v, j) => [j * 1000, v] as [number, number])));
      targets.push(bias + x.reduce((s, v, j) => s + v * truth[j]!, 0));
    }
    const fit = trainRidge(toMatrix(rows), targets, { lambda: 1e-8, tolerance: 1e-14 });
    const dense = denseWeights(fit, 4096);
    truth.forEach((w, j) => expect(dense[j * 1000]!).toBeCloseTo(w, 3));
    expect(fit.bias).toBeCloseTo(bias, 3);
  });

  it('shrinks coefficients as the penalty grows', () => {
    const rows = [vec([[0, 1]]), vec([[0, -1]]), vec([[0, 2]]), vec([[0, -2]])];
    const y = [1, -1, 2, -2];
    const small = trainRidge(toMatrix(rows), y, { lambda: 1e-6 });
    const large = trainRidge(toMatrix(rows), y, { lambda: 10 });
    expect(Math.abs(large.values[0]!)).toBeLessThan(Math.abs(small.values[0]!));
    // Closed form for one feature, zero-mean x and y: w = Σxy/n / (Σx²/n + λ) = 2.5 / (2.5 + 10).
    expect(large.values[0]!).toBeCloseTo(2.5 / 12.5, 4);
  });
});

describe('lbfgs', () => {
  it('minimises a quadratic bowl', () => {
    const r = lbfgs((x, g) => {
      g[0] = 2 * (x[0]! - 3);
      g[1] = 20 * (x[1]! + 1);
      return (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2;
    }, new Float64Array(2));
    expect(r.x[0]!).toBeCloseTo(3, 5);
    expect(r.x[1]!).toBeCloseTo(-1, 5);
  });

  it('sigmoid is stable at the extremes', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});
