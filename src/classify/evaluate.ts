/**
 * `rehumanize evaluate`: scores a labelled file with the rules, a model, or both combined, and reports the
 * same figures as training (precision, recall, F1 and AUC for labels; Spearman and Pearson for scores).
 */

import type { MeasureName } from '../core/types.js';
import type { Lexicon } from '../lexicon/types.js';
import type { Scorer } from '../measures/scorer.js';
import { createFeatureExtractor, type FeatureExtractor } from './features.js';
import { compileModel, type ModelFile, type ModelMode } from './model-file.js';
import { classificationFigures, regressionFigures, type Figures } from './train.js';

/** Scores of every text by each system available for a measure. */
export interface SystemScores {
  readonly rules: number[];
  readonly model: number[] | null;
  readonly combined: number[] | null;
}

/** Scores texts: rule score (strongest sentence), and with a model its score and the combined score, per text. */
export function scoreTexts(rules: Scorer, lexicons: readonly Lexicon[], texts: readonly string[], measure: MeasureName, model: ModelFile | null): SystemScores {
  const compiled = model ? compileModel(model) : null;
  const extractor: FeatureExtractor | null = model ? createFeatureExtractor(lexicons, model.features.bits) : null;
  const out: SystemScores = { rules: [], model: compiled ? [] : null, combined: compiled?.file.calibration.both ? [] : null };
  for (const text of texts) {
    const sentences = rules.explainDocument(text);
    let ruleScore = 0;
    for (const s of sentences) if (s[measure] > ruleScore) ruleScore = s[measure];
    out.rules.push(ruleScore);
    if (compiled && extractor) {
      const logit = compiled.logit(extractor.extract(sentences));
      out.model!.push(compiled.file.task === 'regression' ? logit : compiled.modelScore(logit));
      out.combined?.push(compiled.combinedScore(ruleScore, logit)!);
    }
  }
  return out;
}

/** One measure's evaluation. */
export interface MeasureEvaluation {
  readonly measure: MeasureName;
  readonly column: string;
  readonly task: 'classification' | 'regression';
  readonly rows: number;
  readonly positives: number | null;
  readonly systems: ReadonlyArray<{ readonly name: string; readonly figures: Figures }>;
}

/** Figures for each system asked for (`all`: every system available). */
export function evaluateScores(
  measure: MeasureName,
  column: string,
  targets: readonly number[],
  task: 'classification' | 'regression',
  scores: SystemScores,
  modes: readonly (ModelMode | 'all')[] = ['all'],
): MeasureEvaluation {
  const want = (m: ModelMode): boolean => modes.includes('all') || modes.includes(m);
  const figures = (s: number[]): Figures => (task === 'classification' ? classificationFigures(targets as number[], s) : regressionFigures(targets as number[], s));
  const systems: { name: string; figures: Figures }[] = [];
  if (want('rules')) systems.push({ name: 'rules', figures: figures(scores.rules) });
  if (want('model') && scores.model) systems.push({ name: 'model', figures: figures(scores.model) });
  if (want('both') && scores.combined) systems.push({ name: 'combined', figures: figures(scores.combined) });
  return { measure, column, task, rows: targets.length, positives: task === 'classification' ? targets.filter((t) => t === 1).length : null, systems };
}

const CLASSIFICATION_COLUMNS = ['precision', 'recall', 'f1', 'auc'] as const;
const REGRESSION_COLUMNS = ['spearman', 'pearson'] as const;

/** A number for a table; NaN and null print as n/a. */
export function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits);
}

/** Plain-text table for the terminal. */
export function formatEvaluationText(results: readonly MeasureEvaluation[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const cols = r.task === 'classification' ? CLASSIFICATION_COLUMNS : REGRESSION_COLUMNS;
    lines.push(`${r.measure} (column ${r.column}, ${r.rows} rows${r.positives !== null ? `, ${r.positives} positive` : ''})`);
    lines.push(`  ${'system'.padEnd(10)}${cols.map((c) => c.padStart(10)).join('')}`);
    for (const s of r.systems) lines.push(`  ${s.name.padEnd(10)}${cols.map((c) => fmt(s.figures[c]).padStart(10)).join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown tables, one per measure. */
export function formatEvaluationMarkdown(results: readonly MeasureEvaluation[], title: string, notes: readonly string[] = []): string {
  const out: string[] = [`# ${title}`, '', ...notes.map((n) => `${n}`), ...(notes.length > 0 ? [''] : [])];
  for (const r of results) {
    const cols = r.task === 'classification' ? CLASSIFICATION_COLUMNS : REGRESSION_COLUMNS;
    out.push(`## ${r.measure}`, '', `Column \`${r.column}\`, ${r.rows} rows${r.positives !== null ? `, ${r.positives} positive` : ''}.`, '');
    out.push(`| system | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
    for (const s of r.systems) out.push(`| ${s.name} | ${cols.map((c) => fmt(s.figures[c])).join(' | ')} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
