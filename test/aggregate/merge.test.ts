import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bootstrapInput,
  cellKey,
  emptyPartial,
  mergeAll,
  mergePartials,
  partialFromContributions,
  type Contribution,
} from '../../src/aggregate/stats/merge.js';

const contribution = fc.record({
  group: fc.constantFrom('all', 'outlet=A', 'outlet=B', 'outlet="x|y"'),
  period: fc.constantFrom('2021-W01', '2021-W02', '2021-W03'),
  indicator: fc.constantFrom('dehumanization', 'acknowledgement'),
  document: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `doc-${i}`)),
  numerator: fc.integer({ min: 0, max: 30 }),
  denominator: fc.integer({ min: 0, max: 30 }),
});

/** Fractional contributions with distinct documents: totals must still not depend on merge order. */
const fractional = fc.uniqueArray(
  fc.record({
    group: fc.constant('all'),
    period: fc.constantFrom('2021-01', '2021-02'),
    indicator: fc.constant('index'),
    document: fc.string({ minLength: 1, maxLength: 6 }),
    numerator: fc.double({ min: -1, max: 1, noNaN: true }),
    denominator: fc.constant(1),
  }),
  { selector: (c) => `${c.period}/${c.document}`, maxLength: 40 },
);

describe('partial aggregates', () => {
  it('builds cells with totals, document counts and sorted per-document pairs', () => {
    const p = partialFromContributions([
      { group: 'all', period: '2021-W01', indicator: 'd', document: 'b', numerator: 1, denominator: 10 },
      { group: 'all', period: '2021-W01', indicator: 'd', document: 'a', numerator: 2, denominator: 5 },
      { group: 'all', period: '2021-W01', indicator: 'd', document: 'b', numerator: 1, denominator: 3 },
    ]);
    expect(p.cells).toEqual([
      {
        group: 'all',
        period: '2021-W01',
        indicator: 'd',
        numerator: 4,
        denominator: 18,
        n_documents: 2,
        documents: [
          { id: 'a', numerator: 2, denominator: 5 },
          { id: 'b', numerator: 2, denominator: 13 },
        ],
      },
    ]);
    expect(bootstrapInput(p.cells[0])).toEqual({ numerators: [2, 2], denominators: [5, 13] });
    expect(cellKey({ group: 'a|b', period: 'c', indicator: 'd' })).not.toBe(cellKey({ group: 'a', period: 'b|c', indicator: 'd' }));
    expect(() => partialFromContributions([{ group: 'g', period: 'p', indicator: 'i', document: 'x', numerator: 1, denominator: -1 }])).toThrow(RangeError);
  });

  it('property: merging slices equals aggregating everything at once, in any order and grouping', () => {
    fc.assert(
      fc.property(fc.array(contribution, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 60 }), (cs, assignment) => {
        const slices: Contribution[][] = [[], [], [], []];
        cs.forEach((c, i) => slices[assignment[i] ?? 0].push(c));
        const [a, b, c, d] = slices.map(partialFromContributions);
        const whole = partialFromContributions(cs);
        expect(mergePartials(a, b)).toEqual(mergePartials(b, a));
        expect(mergePartials(mergePartials(a, b), c)).toEqual(mergePartials(a, mergePartials(b, c)));
        expect(mergeAll([a, b, c, d])).toEqual(whole);
        expect(mergeAll([d, c, b, a])).toEqual(whole);
        expect(mergePartials(a, emptyPartial())).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('property: fractional contributions give bit-identical totals whatever the merge order', () => {
    fc.assert(
      fc.property(fractional, fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 40 }), (cs, assignment) => {
        const slices: Contribution[][] = [[], [], []];
        cs.forEach((c, i) => slices[assignment[i] ?? 0].push(c));
        const [a, b, c] = slices.map(partialFromContributions);
        const left = mergePartials(mergePartials(a, b), c);
        const right = mergePartials(a, mergePartials(c, b));
        expect(left).toEqual(right);
        expect(JSON.parse(JSON.stringify(left))).toEqual(left); // plain JSON, safe to ship between machines
      }),
      { numRuns: 300 },
    );
  });

  it('rejects partials of an unknown format version', () => {
    expect(() => mergePartials({ version: 2 } as never, emptyPartial())).toThrow(RangeError);
  });
});
