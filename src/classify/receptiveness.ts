/**
 * Acknowledgement against a human measure: the Spearman correlation of our acknowledgement scores with
 * rated conversational receptiveness (Yeomans et al. 2020), under k-fold cross-validation, beside two
 * baselines computed the same way (text length and a sentiment word list). Per fold, every system is
 * judged on the held-out rows only; a model fitted to receptiveness sees only the training folds.
 */

import { spearman, stratifiedKFold } from '../evaluation/metrics.js';
import type { Scorer } from '../measures/scorer.js';
import type { FeatureExtractor } from './features.js';
import { compileModel, type ModelFile } from './model-file.js';
import { rowOf, selectRows } from './linear.js';
import { lengthScore, sentimentScore } from './sentiment.js';
import { featurize, fitLinear, type Featurized, type TrainSettings } from './train.js';

/** Spearman of one system: mean and standard deviation over folds, and over all out-of-fold scores pooled. */
export interface SystemCorrelation {
  readonly name: string;
  readonly description: string;
  readonly mean: number;
  readonly sd: number;
  readonly pooled: number;
  readonly perFold: readonly number[];
}

/** The study's result. */
export interface ReceptivenessStudy {
  readonly rows: number;
  readonly folds: number;
  readonly seed: number;
  readonly systems: readonly SystemCorrelation[];
  readonly seconds: number;
}

/** Runs the study. `acknowledgementModel` is a classifier trained elsewhere (on our gold set), applied as is. */
export function receptivenessStudy(options: {
  readonly rules: Scorer;
  readonly extractor: FeatureExtractor;
  readonly texts: readonly string[];
  readonly receptiveness: readonly number[];
  readonly acknowledgementModel: ModelFile | null;
  readonly settings: TrainSettings;
  readonly featurized?: Featurized;
}): ReceptivenessStudy {
  const started = performance.now();
  const { texts, receptiveness: y, settings } = options;
  const data = options.featurized ?? featurize(options.rules, options.extractor, texts);
  const n = texts.length;
  const systems: Record<string, { description: string; scores: Float64Array }> = {};
  const add = (name: string, description: string): Float64Array => (systems[name] = { description, scores: new Float64Array(n) }).scores;

  const rules = add('rules', 'acknowledgement score of the rules (strongest sentence)');
  rules.set(data.ruleScores.acknowledgement);
  if (options.acknowledgementModel) {
    const compiled = compileModel(options.acknowledgementModel);
    const model = add('model (gold)', 'shipped acknowledgement classifier, trained on the gold dev split only');
    const combined = compiled.file.calibration.both ? add('combined (gold)', 'rules and shipped classifier combined (Platt)') : null;
    for (let i = 0; i < n; i++) {
      const logit = compiled.logit(rowOf(data.matrix, i));
      model[i] = compiled.modelScore(logit);
      if (combined) combined[i] = compiled.combinedScore(rules[i]!, logit)!;
    }
  }
  const ridge = add('model (receptiveness, in-fold)', 'ridge regression on our features, fitted to receptiveness on the training folds only');
  const length = add('baseline: length', 'number of word tokens');
  const sentiment = add('baseline: sentiment', 'sentiment word list (positive − negative, negation-aware, per √tokens)');
  texts.forEach((t, i) => {
    length[i] = lengthScore(t);
    sentiment[i] = sentimentScore(t);
  });

  const strata = quantiles(y, 5);
  const folds = stratifiedKFold(strata, settings.folds, settings.seed);
  for (const fold of folds) {
    const fit = fitLinear(selectRows(data.matrix, fold.train), fold.train.map((i) => y[i]!), 'regression', settings);
    const w = new Map<number, number>();
    for (let k = 0; k < fit.indices.length; k++) w.set(fit.indices[k]!, fit.values[k]!);
    for (const i of fold.test) {
      const v = rowOf(data.matrix, i);
      let s = fit.bias;
      for (let k = 0; k < v.indices.length; k++) s += (w.get(v.indices[k]!) ?? 0) * v.values[k]!;
      ridge[i] = s;
    }
  }
  const out: SystemCorrelation[] = Object.entries(systems).map(([name, { description, scores }]) => {
    const perFold = folds.map((f) => nanToZero(spearman(f.test.map((i) => scores[i]!), f.test.map((i) => y[i]!))));
    const mean = perFold.reduce((a, b) => a + b, 0) / perFold.length;
    const sd = Math.sqrt(perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, perFold.length - 1));
    return { name, description, mean, sd, pooled: nanToZero(spearman([...scores], [...y])), perFold };
  });
  return { rows: n, folds: folds.length, seed: settings.seed, systems: out, seconds: (performance.now() - started) / 1000 };
}

function nanToZero(x: number): number {
  return Number.isNaN(x) ? 0 : x;
}

function quantiles(values: readonly number[], bins: number): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  order.forEach(([, i], rank) => (out[i] = Math.min(bins - 1, Math.floor((rank * bins) / values.length))));
  return out;
}
