import { describe, expect, it } from 'vitest';
import type { DocumentContribution } from '../../src/aggregate/contribution.js';
import { computeIndicators, type IndicatorOptions, type IndicatorRow } from '../../src/aggregate/indicators.js';
import { createRng } from '../../src/aggregate/stats/rng.js';

// Rows of a small corpus as computeIndicators gave them before it was made fast (issue #8), pinned exactly:
// a change of speed must not change a reported interval, and a change that does must show up here.

/** 60 documents over three months and two sources, with sparse counts as news articles have them. */
function corpus(): DocumentContribution[] {
  const rng = createRng('indicator-pins');
  const docs: DocumentContribution[] = [];
  for (let i = 0; i < 60; i++) {
    const sentences = 1 + rng.nextInt(30);
    const hits = (p: number): number => {
      let k = 0;
      for (let s = 0; s < sentences; s++) if (rng.next() < p) k++;
      return k;
    };
    const own = hits(0.04);
    const quoted = hits(0.02);
    const exclusive = hits(0.05);
    const inclusive = hits(0.03);
    const acknowledgement = hits(0.1);
    const other = hits(0.5);
    docs.push({
      id: `doc-${String(i).padStart(3, '0')}`,
      date: `2024-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      datePrecision: 'day',
      groups: { source: i % 4 === 0 ? 'A' : 'B' },
      sentences,
      tokens: sentences * 18,
      group_sentences: other,
      dehumanization: own + quoted,
      dehumanization_own_voice: own,
      dehumanization_quoted: quoted,
      victimhood_exclusive: exclusive,
      victimhood_inclusive: inclusive,
      acknowledgement,
      outgroup_mentions: hits(0.2),
      other_sentences: other,
      index_sum: Math.max(-other, Math.min(other, acknowledgement + inclusive - own - quoted - exclusive)),
    });
  }
  return docs;
}

const options: IndicatorOptions = {
  period: 'month',
  groupFields: ['source'],
  confidence: 0.9,
  bootstrap: 500,
  seed: 7,
  smoothing: { method: 'ewma', window: 3, alpha: 0.3 },
  sidesConfigured: true,
};

function row(rows: readonly IndicatorRow[], source: string, period: string, indicator: string): IndicatorRow {
  const found = rows.find((r) => r.groups.source === source && r.period === period && r.indicator === indicator);
  if (!found) throw new Error(`no row ${source} ${period} ${indicator}`);
  return found;
}

describe('computeIndicators, pinned', () => {
  it('gives the bootstrap intervals it gave before', () => {
    const rows = computeIndicators(corpus(), options);
    expect(rows).toHaveLength(96);
    // [source, period, indicator, ci_method, ci_low, ci_high, value, numerator, denominator, n_documents]
    const pinned = [
      ['(all)', 'all', 'dehumanization', 'bootstrap', 0.044427, 0.064905, 0.054968, 52, 946, 60],
      ['(all)', 'all', 'dehumanization_own_voice', 'bootstrap', 0.024997, 0.044135, 0.033827, 32, 946, 60],
      ['(all)', 'all', 'dehumanization_quoted', 'bootstrap', 0.014114, 0.028126, 0.021142, 20, 946, 60],
      ['(all)', 'all', 'victimhood_exclusive', 'bootstrap', 0.038025, 0.059857, 0.048626, 46, 946, 60],
      ['(all)', 'all', 'victimhood_inclusive', 'bootstrap', 0.024142, 0.042012, 0.03277, 31, 946, 60],
      ['(all)', 'all', 'acknowledgement', 'bootstrap', 0.083486, 0.115129, 0.098309, 93, 946, 60],
      ['(all)', 'all', 'outgroup_salience', 'bootstrap', 10.765798, 13.363952, 12.156448, 207, 17028, 60],
      ['(all)', 'all', 'rehumanization_index', 'bootstrap', 0.010568, 0.105942, 0.056962, 27, 474, 60],
      ['A', '2024-02', 'dehumanization', 'bootstrap', 0.014493, 0.084337, 0.045455, 4, 88, 5],
      ['A', '2024-02', 'dehumanization_own_voice', 'bootstrap', 0.014493, 0.084337, 0.045455, 4, 88, 5],
      ['A', '2024-02', 'dehumanization_quoted', 'bootstrap', 0, 0, 0, 0, 88, 5],
      ['A', '2024-02', 'victimhood_exclusive', 'bootstrap', 0.012048, 0.054545, 0.034091, 3, 88, 5],
      ['A', '2024-02', 'victimhood_inclusive', 'bootstrap', 0, 0.084211, 0.045455, 4, 88, 5],
      ['A', '2024-02', 'acknowledgement', 'bootstrap', 0.053573, 0.168675, 0.102273, 9, 88, 5],
      ['A', '2024-02', 'outgroup_salience', 'bootstrap', 12.874899, 19.097222, 16.414141, 26, 1584, 5],
      ['A', '2024-02', 'rehumanization_index', 'bootstrap', 0.046512, 0.266667, 0.142857, 6, 42, 5],
    ] as const;
    for (const [source, period, indicator, ...expected] of pinned) {
      const r = row(rows, source, period, indicator);
      expect([r.ci_method, r.ci_low, r.ci_high, r.value, r.numerator, r.denominator, r.n_documents]).toEqual(expected);
    }
  });

  it('gives the linearised intervals and smoothed values it gave before', () => {
    const rows = computeIndicators(corpus(), { ...options, smoothing: { method: 'rolling', window: 2, alpha: 0.3 }, bootstrapMaxDocuments: 20 });
    // [source, period, indicator, ci_method, ci_low, ci_high, value, smoothed]
    const pinned = [
      ['(all)', '2024-03', 'dehumanization', 'bootstrap', 0.034187, 0.066336, 0.05, 0.054495],
      ['(all)', '2024-03', 'outgroup_salience', 'bootstrap', 10.244901, 14.357592, 12.222222, 12.587391],
      ['(all)', '2024-03', 'rehumanization_index', 'bootstrap', -0.055635, 0.120886, 0.037975, 0.033112],
      ['(all)', 'all', 'dehumanization', 'wilson_deff', 0.04507, 0.066889, 0.054968, null],
      ['(all)', 'all', 'outgroup_salience', 'delta', 10.857687, 13.45521, 12.156448, null],
      ['(all)', 'all', 'rehumanization_index', 'delta', 0.008607, 0.105317, 0.056962, null],
    ] as const;
    for (const [source, period, indicator, ...expected] of pinned) {
      const r = row(rows, source, period, indicator);
      expect([r.ci_method, r.ci_low, r.ci_high, r.value, r.smoothed]).toEqual(expected);
    }
  });
});
