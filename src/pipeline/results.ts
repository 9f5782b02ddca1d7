/**
 * What a run computes from the contributions of its documents: indicators, change points and comparisons
 * with the pipeline's settings. One function for the local run, the queued run and `rehumanize aggregate`,
 * so the same contributions give the same results wherever they were scored.
 */

import { detectIndicatorChanges, type ChangePointRow } from '../aggregate/changes.js';
import { compareIndicators, type ComparisonRow } from '../aggregate/comparisons.js';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { computeIndicators, type IndicatorRow } from '../aggregate/indicators.js';
import type { PipelineConfig } from './config.js';

/**
 * The metadata fields a document's contribution keeps: grouping fields, then the comparison field and unit.
 * The same list, in the same order, as the local run reads back from its store.
 */
export function attributeFieldsOf(config: PipelineConfig): string[] {
  return [...new Set([...config.groups, ...(config.comparison ? [config.comparison.field, config.comparison.unit ?? ''] : [])])].filter(Boolean);
}

/** Indicators, change points and comparisons of a set of contributions. */
export interface ComputedResults {
  readonly indicators: IndicatorRow[];
  readonly changes: ChangePointRow[];
  readonly comparisons: ComparisonRow[];
}

/** Computes what the local run computes from its stored contributions, with the pipeline's settings. */
export function computeResults(config: PipelineConfig, contributions: readonly DocumentContribution[], sidesConfigured: boolean): ComputedResults {
  const indicators = computeIndicators(contributions, {
    period: config.period,
    groupFields: config.groups,
    confidence: config.indicators.confidence,
    bootstrap: config.indicators.bootstrap,
    bootstrapMaxDocuments: config.indicators.bootstrapMaxDocuments,
    seed: config.indicators.seed,
    smoothing: config.indicators.smoothing,
    sidesConfigured,
  });
  const changes = config.changepoints.enabled ? detectIndicatorChanges(indicators, config.changepoints) : [];
  let comparisons: ComparisonRow[] = [];
  if (config.comparison) {
    const c = config.comparison;
    comparisons = compareIndicators(contributions, {
      field: c.field,
      before: typeof c.before === 'string' ? [c.before] : c.before,
      after: typeof c.after === 'string' ? [c.after] : c.after,
      unit: c.unit,
      confidence: config.indicators.confidence,
      bootstrap: config.indicators.bootstrap,
      seed: config.indicators.seed,
    });
  }
  return { indicators, changes, comparisons };
}
