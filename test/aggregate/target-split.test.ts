import { describe, expect, it } from 'vitest';
import { contributionOf } from '../../src/aggregate/contribution.js';
import { computeIndicators, type IndicatorOptions } from '../../src/aggregate/indicators.js';
import { UserErrors } from '../../src/core/errors.js';
import { setupScorer } from '../../src/classify/scorer-setup.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import { ROOT } from '../cli/helpers.js';

const { scorer, sidesConfigured } = setupScorer(['default'], ['actors-sample-conflict'], ROOT);

function contribution(id: string, text: string, date = '2025-03-10') {
  return contributionOf(scorer.scoreDocument(id, text), { id, date, fields: { source: 'S' } }, ['target_side', 'target_group'], sidesConfigured);
}

const options: IndicatorOptions = { period: 'month', groupFields: ['target_side'], confidence: 0.95, bootstrap: 200, seed: 1, smoothing: { method: 'none', window: 3, alpha: 0.3 }, sidesConfigured };

describe('indicators by target side and target group', () => {
  it('counts each sentence toward the side and kind of group its findings apply to', () => {
    const c = contribution('a', 'The Karsks are vermin. Refugees are a plague. The weather was fine. Their grief is real.');
    expect(c.dehumanization).toBe(2);
    expect(c.targets?.['target_side=outgroup']?.dehumanization).toBe(1);
    expect(c.targets?.['target_group=national']?.dehumanization).toBe(1);
    expect(c.targets?.['target_group=migrant']?.dehumanization).toBe(1);
    expect(c.targets?.['target_side=outgroup']?.dehumanization_own_voice).toBe(1);
  });

  it('keeps every sentence in the denominator of every target and splits only the numerators', () => {
    const docs = [
      contribution('a', 'The Karsks are vermin. The weather was fine.'),
      contribution('b', 'Refugees are a plague. Nothing happened.'),
      contribution('c', 'The council met on Tuesday. Roads were closed.'),
    ];
    const rows = computeIndicators(docs, options).filter((r) => r.period === 'all' && r.indicator === 'dehumanization');
    const bySide = Object.fromEntries(rows.map((r) => [r.groups.target_side, r]));
    expect(bySide['(all)']).toMatchObject({ numerator: 2, denominator: 6, n_documents: 3 });
    expect(bySide.outgroup).toMatchObject({ numerator: 1, denominator: 6, n_documents: 3 });
    expect(bySide.unspecified).toMatchObject({ numerator: 1, denominator: 6, n_documents: 3 });
    // Rows for one target carry the share indicators only.
    const indicators = new Set(computeIndicators(docs, options).filter((r) => r.groups.target_side === 'outgroup').map((r) => r.indicator));
    expect(indicators.has('rehumanization_index')).toBe(false);
    expect(indicators.has('acknowledgement')).toBe(true);
  });

  it('refuses two target fields in one pipeline, with the line', () => {
    try {
      parsePipeline('name: x\ninputs: [{path: a.csv}]\ngroups: [target_side, target_group]\n', 'p.yaml');
      throw new Error('expected a config error');
    } catch (error) {
      expect(error).toBeInstanceOf(UserErrors);
      expect((error as UserErrors).problems[0]!.message).toMatch(/one of target_side, target_group/);
      expect((error as UserErrors).problems[0]!.place.line).toBe(3);
    }
  });
});
