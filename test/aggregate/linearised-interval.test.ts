import { describe, expect, it } from 'vitest';
import type { DocumentContribution } from '../../src/aggregate/contribution.js';
import { computeIndicators, type IndicatorOptions } from '../../src/aggregate/indicators.js';
import { createRng } from '../../src/aggregate/stats/rng.js';

/** Documents of 5 to 60 sentences whose own rate varies around `rate` (clustered, as real articles are). */
function corpus(n: number, rate: number, seed: number): DocumentContribution[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const sentences = 5 + rng.nextInt(56);
    const own = Math.max(0, rate * (0.2 + 1.6 * rng.next()));
    let hits = 0;
    for (let s = 0; s < sentences; s++) if (rng.next() < own) hits++;
    return {
      id: `d${String(i).padStart(5, '0')}`,
      date: '2025-03-15',
      datePrecision: 'day',
      groups: {},
      sentences,
      tokens: sentences * 20,
      group_sentences: sentences,
      dehumanization: hits,
      dehumanization_own_voice: hits,
      dehumanization_quoted: 0,
      victimhood_exclusive: 0,
      victimhood_inclusive: 0,
      acknowledgement: Math.min(sentences, hits * 2),
      outgroup_mentions: 0,
      other_sentences: sentences,
      index_sum: hits - Math.min(sentences, hits * 2),
    } satisfies DocumentContribution;
  });
}

const base: IndicatorOptions = {
  period: 'month',
  groupFields: [],
  confidence: 0.95,
  bootstrap: 2000,
  seed: 3,
  smoothing: { method: 'none', window: 3, alpha: 0.3 },
  sidesConfigured: false,
};

describe('the linearised interval of large cells', () => {
  it.each([0.01, 0.1])('agrees with the cluster bootstrap at rate %s', (rate) => {
    const docs = corpus(3000, rate, 11);
    const boot = computeIndicators(docs, { ...base, bootstrapMaxDocuments: 100_000 });
    const lin = computeIndicators(docs, { ...base, bootstrapMaxDocuments: 100 });
    for (const indicator of ['dehumanization', 'acknowledgement', 'rehumanization_index'] as const) {
      const b = boot.find((r) => r.indicator === indicator && r.period === 'all')!;
      const l = lin.find((r) => r.indicator === indicator && r.period === 'all')!;
      expect(b.ci_method).toBe('bootstrap');
      expect(l.ci_method).toBe(indicator === 'rehumanization_index' ? 'delta' : 'wilson_deff');
      expect(l.value).toBe(b.value);
      const width = b.ci_high! - b.ci_low!;
      // Same interval within a tenth of its width at each end.
      expect(Math.abs(l.ci_low! - b.ci_low!)).toBeLessThan(width * 0.1);
      expect(Math.abs(l.ci_high! - b.ci_high!)).toBeLessThan(width * 0.1);
    }
  });

  it('stays inside [0, 1] for a share near zero', () => {
    const docs = corpus(3000, 0.0005, 5);
    const row = computeIndicators(docs, { ...base, bootstrapMaxDocuments: 100 }).find((r) => r.indicator === 'dehumanization' && r.period === 'all')!;
    expect(row.ci_low!).toBeGreaterThanOrEqual(0);
    expect(row.ci_low!).toBeLessThanOrEqual(row.value!);
    expect(row.ci_high!).toBeGreaterThan(row.value!);
  });
});
