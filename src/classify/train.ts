/**
 * Training with honest figures: features once per text, then per measure k-fold cross-validation (the
 * model, the rules, and the two combined, each judged only on rows it was not fitted on), then a final fit
 * on every row, and a model file with its provenance.
 */

import { MEASURES, type MeasureName } from '../core/types.js';
import { binaryReport, pearson, rocAuc, spearman, stratifiedKFold, type Fold } from '../evaluation/metrics.js';
import type { Scorer } from '../measures/scorer.js';
import { TOOL_VERSION } from '../core/version.js';
import type { FeatureExtractor } from './features.js';
import { MatrixBuilder, selectRows, rowOf, sigmoid, trainLogistic, trainRidge, toMatrix, type SparseMatrix, type TrainResult } from './linear.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, roundWeights, weightsHash, type ModelFile, type ModelMode } from './model-file.js';

/** Settings of a training run. */
export interface TrainSettings {
  readonly lambda: number;
  readonly balanced: boolean;
  readonly folds: number;
  readonly seed: number;
  readonly maxIterations: number;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = { lambda: 1e-3, balanced: true, folds: 5, seed: 20250101, maxIterations: 300 };

/** Texts turned into features, with the rule scores beside them. */
export interface Featurized {
  readonly matrix: SparseMatrix;
  /** Per measure, the rule score of each text (strongest sentence). */
  readonly ruleScores: Readonly<Record<MeasureName, Float64Array>>;
  readonly seconds: number;
}

/** Runs the rule scorer and the extractor over every text once. */
export function featurize(rules: Scorer, extractor: FeatureExtractor, texts: readonly string[]): Featurized {
  const started = performance.now();
  const builder = new MatrixBuilder();
  const ruleScores = Object.fromEntries(MEASURES.map((m) => [m, new Float64Array(texts.length)])) as Record<MeasureName, Float64Array>;
  texts.forEach((text, i) => {
    const sentences = rules.explainDocument(text);
    for (const s of sentences) for (const m of MEASURES) if (s[m] > ruleScores[m][i]!) ruleScores[m][i] = s[m];
    builder.push(extractor.extract(sentences));
  });
  return { matrix: builder.build(), ruleScores, seconds: (performance.now() - started) / 1000 };
}

/** Figures of one system (rules, model or combined) over out-of-fold predictions. */
export type Figures = Record<string, number | null>;

/** What cross-validation found for one measure. */
export interface CrossValidation {
  readonly folds: number;
  readonly seed: number;
  readonly rows: number;
  readonly rules: Figures;
  readonly model: Figures;
  readonly combined: Figures | null;
  /** Out-of-fold scores of each system, in row order (for reports and later tests). */
  readonly scores: { readonly rules: number[]; readonly model: number[]; readonly combined: number[] | null };
  /** Out-of-fold raw model outputs (logits for labels, predictions for scores), in row order. */
  readonly logits: number[];
  readonly recommendedMode: ModelMode;
}

/** Platt scaling: logistic regression of the label on a few scores. Returns [coefficients..., intercept]. */
export function fitPlatt(columns: readonly ArrayLike<number>[], labels: ArrayLike<number>, rows: readonly number[]): number[] {
  const vectors = rows.map((r) => ({
    indices: Int32Array.from(columns.map((_, j) => j)),
    values: Float64Array.from(columns.map((c) => c[r]!)),
  }));
  const fit = trainLogistic(toMatrix(vectors), rows.map((r) => labels[r]!), { lambda: 1e-4, balanced: false, maxIterations: 200 });
  const coef = columns.map((_, j) => {
    const k = Array.prototype.indexOf.call(fit.indices, j) as number;
    return k < 0 ? 0 : fit.values[k]!;
  });
  return [...coef, fit.bias];
}

/** Fits one model: logistic for 0/1 labels, ridge for scores. */
export function fitLinear(matrix: SparseMatrix, targets: ArrayLike<number>, task: 'classification' | 'regression', settings: TrainSettings): TrainResult {
  const options = { lambda: settings.lambda, balanced: settings.balanced, maxIterations: settings.maxIterations };
  return task === 'classification' ? trainLogistic(matrix, targets, options) : trainRidge(matrix, targets, options);
}

function logitsOf(fit: TrainResult, matrix: SparseMatrix, rows: readonly number[]): number[] {
  const weights = new Map<number, number>();
  for (let k = 0; k < fit.indices.length; k++) weights.set(fit.indices[k]!, fit.values[k]!);
  return rows.map((r) => {
    const v = rowOf(matrix, r);
    let s = fit.bias;
    for (let k = 0; k < v.indices.length; k++) s += (weights.get(v.indices[k]!) ?? 0) * v.values[k]!;
    return s;
  });
}

/** Classification figures: precision, recall, F1 at 0.5, and ROC AUC. */
export function classificationFigures(labels: readonly number[], scores: readonly number[]): Figures {
  const r = binaryReport(labels.map((l) => l === 1), scores);
  const auc = rocAuc(labels.map((l) => l === 1), scores);
  return { precision: r.precision, recall: r.recall, f1: r.f1, auc: Number.isNaN(auc) ? null : auc, tp: r.tp, fp: r.fp, fn: r.fn };
}

/** Regression figures: Spearman and Pearson. */
export function regressionFigures(targets: readonly number[], scores: readonly number[]): Figures {
  const s = spearman(scores, targets);
  const p = pearson(scores, targets);
  return { spearman: Number.isNaN(s) ? null : s, pearson: Number.isNaN(p) ? null : p };
}

/** k-fold cross-validation of model, rules and combined for one measure. */
export function crossValidate(
  data: Featurized,
  measure: MeasureName,
  targets: readonly number[],
  task: 'classification' | 'regression',
  settings: TrainSettings,
  rows: readonly number[] = targets.map((_, i) => i),
  groups?: readonly string[],
): CrossValidation {
  const n = rows.length;
  let folds: Fold[];
  if (groups) {
    // One fold per group (a writer, a source file): each group is predicted by a model that never saw its
    // writer's style, which is what a user's corpus will be to the shipped model.
    folds = groupFolds(rows.map((r) => groups[r]!));
  } else {
    const strata = task === 'classification' ? rows.map((r) => targets[r]!) : quantileStrata(rows.map((r) => targets[r]!), 5);
    folds = stratifiedKFold(strata, Math.min(settings.folds, n), settings.seed);
  }
  const k = folds.length;
  const y = rows.map((r) => targets[r]!);
  const ruleScore = rows.map((r) => data.ruleScores[measure][r]!);
  const matrix = selectRows(data.matrix, rows);
  const oof = new Float64Array(n);
  for (const fold of folds) {
    const fit = fitLinear(selectRows(matrix, fold.train), fold.train.map((i) => y[i]!), task, settings);
    logitsOf(fit, matrix, fold.test).forEach((v, j) => (oof[fold.test[j]!] = v));
  }
  if (task === 'regression') {
    const model = [...oof];
    const rules = regressionFigures(y, ruleScore);
    const modelFigures = regressionFigures(y, model);
    const inUnit = y.every((t) => t >= 0 && t <= 1);
    const better = (modelFigures.spearman ?? -Infinity) > (rules.spearman ?? -Infinity);
    return { folds: k, seed: settings.seed, rows: n, rules, model: modelFigures, combined: null, scores: { rules: ruleScore, model, combined: null }, logits: [...oof], recommendedMode: inUnit && better ? 'model' : 'rules' };
  }
  // Calibrations for each fold are fitted on the out-of-fold scores of the other folds.
  const modelScore = new Array<number>(n).fill(0);
  const combinedScore = new Array<number>(n).fill(0);
  for (const fold of folds) {
    const [a, c] = fitPlatt([oof], y, fold.train);
    const [br, bm, bc] = fitPlatt([ruleScore, oof], y, fold.train);
    for (const i of fold.test) {
      modelScore[i] = sigmoid(a! * oof[i]! + c!);
      combinedScore[i] = sigmoid(br! * ruleScore[i]! + bm! * oof[i]! + bc!);
    }
  }
  const rules = classificationFigures(y, ruleScore);
  const model = classificationFigures(y, modelScore);
  const combined = classificationFigures(y, combinedScore);
  const f = (x: Figures): number => x.f1 ?? 0;
  const recommendedMode: ModelMode = f(combined) > f(rules) && f(combined) >= f(model) ? 'both' : f(model) > f(rules) ? 'model' : 'rules';
  return { folds: k, seed: settings.seed, rows: n, rules, model, combined, scores: { rules: ruleScore, model: modelScore, combined: combinedScore }, logits: [...oof], recommendedMode };
}

/** Leave-one-group-out folds over row positions; needs at least two groups. */
export function groupFolds(groupOfRow: readonly string[]): Fold[] {
  const names = [...new Set(groupOfRow)];
  if (names.length < 2) throw new RangeError(`leave-one-group-out needs at least two groups, got ${names.length}`);
  return names.map((name) => ({
    train: groupOfRow.flatMap((g, i) => (g === name ? [] : [i])),
    test: groupOfRow.flatMap((g, i) => (g === name ? [i] : [])),
  }));
}

/** Quantile bins of a continuous target, so folds are stratified for scores too. */
function quantileStrata(values: readonly number[], bins: number): number[] {
  const sorted = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  sorted.forEach(([, i], rank) => (out[i] = Math.min(bins - 1, Math.floor((rank * bins) / values.length))));
  return out;
}

/** Where the training data came from, for the provenance. */
export interface DataSource {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
  readonly column: string;
  readonly license?: string;
  readonly filter?: string;
}

/** Trains the final model on all given rows and writes its file contents (with the cross-validation figures). */
export function trainModel(options: {
  readonly data: Featurized;
  readonly extractor: FeatureExtractor;
  readonly measure: MeasureName;
  readonly targets: readonly number[];
  readonly task: 'classification' | 'regression';
  readonly settings: TrainSettings;
  readonly sources: readonly DataSource[];
  readonly lexicons: readonly string[];
  readonly rows?: readonly number[];
  readonly cv?: CrossValidation;
}): { model: ModelFile; cv: CrossValidation; seconds: number } {
  const { data, measure, targets, task, settings } = options;
  const rows = options.rows ?? targets.map((_, i) => i);
  const cv = options.cv ?? crossValidate(data, measure, targets, task, settings, rows);
  const matrix = selectRows(data.matrix, rows);
  const y = rows.map((r) => targets[r]!);
  const started = performance.now();
  const fit = fitLinear(matrix, y, task, settings);
  const seconds = (performance.now() - started) / 1000;
  const w = roundWeights(fit);
  const indices = [...w.indices];
  const values = [...w.values];
  let calibration: ModelFile['calibration'] = { model: null, both: null };
  if (task === 'classification') {
    // Calibrate on the out-of-fold logits: the final model's logits on new text behave like those.
    const all = y.map((_, i) => i);
    const oofLogit = cv.logits;
    const [a, c] = fitPlatt([oofLogit], y, all);
    const [br, bm, bc] = fitPlatt([cv.scores.rules, oofLogit], y, all);
    calibration = { model: { a: a!, c: c! }, both: { rule: br!, model: bm!, c: bc! } };
  }
  const positives = task === 'classification' ? y.filter((t) => t === 1).length : null;
  const model: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    measure,
    task,
    features: { version: options.extractor.info.version, bits: options.extractor.info.bits, groups: [...options.extractor.info.groups] },
    weights: { bias: w.bias, indices, values, sha256: weightsHash(w.bias, indices, values) },
    calibration,
    recommendedMode: cv.recommendedMode,
    crossValidation: { folds: cv.folds, seed: cv.seed, rows: cv.rows, rules: roundFigures(cv.rules), model: roundFigures(cv.model), combined: cv.combined ? roundFigures(cv.combined) : null },
    provenance: {
      data: options.sources.map((s) => ({ ...s })),
      rows: rows.length,
      positives,
      settings: { ...settings },
      training: { seconds: Math.round(seconds * 1000) / 1000, iterations: fit.iterations, converged: fit.converged, activeFeatures: fit.activeFeatures },
      created: new Date().toISOString(),
      tool: TOOL_VERSION,
      lexicons: [...options.lexicons],
    },
  };
  return { model, cv, seconds };
}

function roundFigures(f: Figures): Figures {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null ? null : Math.round(v * 1e4) / 1e4]));
}
