/** The `train` and `evaluate` commands, registered on the main program. */

import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import type { MeasureName } from '../core/types.js';
import { setupScorer } from './scorer-setup.js';
import { extractColumn, filterRows, parseColumnMap, readAnnotatedFile } from './dataset.js';
import { evaluateScores, formatEvaluationMarkdown, formatEvaluationText, scoreTexts, type MeasureEvaluation } from './evaluate.js';
import { createFeatureExtractor, DEFAULT_BITS } from './features.js';
import { loadModelFile, MODEL_MODES, saveModelFile, type ModelFile, type ModelMode } from './model-file.js';
import { bundledModelPath, parseModelSpecs } from './setup.js';
import { DEFAULT_TRAIN_SETTINGS, featurize, trainModel, type TrainSettings } from './train.js';

interface TrainOptions {
  label: string[];
  text: string;
  where: string[];
  out: string;
  folds: number;
  seed: number;
  lambda: number;
  bits: number;
  balance: boolean;
  lexicon?: string[];
  actors: string[];
  name?: string;
  license?: string;
}

interface EvaluateOptions {
  label: string[];
  text: string;
  where: string[];
  model: string[];
  mode: string;
  report?: string;
  lexicon?: string[];
  actors: string[];
}

const number = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UserError('E_USAGE_NUMBER', `"${v}" is not a number`);
  return n;
};

/** Adds `train` and `evaluate` to the program. */
export function registerClassifyCommands(program: Command, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): void {
  program
    .command('train')
    .description('train a model per measure from an annotated CSV/JSONL file (0/1 labels or continuous scores), report k-fold cross-validation, write versioned model files')
    .argument('<file>', 'annotated .csv, .tsv or .jsonl file')
    .requiredOption('--label <measure=column...>', 'the column holding each measure\'s 0/1 label or score (e.g. dehumanization=dehum)')
    .option('--text <column>', 'the text column', 'text')
    .option('--where <column=value...>', 'only rows where the column has this value (e.g. split=dev)', [])
    .option('--out <dir>', 'folder for the model files (<measure>.model.json)', 'models-trained')
    .option('--folds <k>', 'cross-validation folds', number, DEFAULT_TRAIN_SETTINGS.folds)
    .option('--seed <n>', 'seed of the fold assignment', number, DEFAULT_TRAIN_SETTINGS.seed)
    .option('--lambda <x>', 'L2 penalty', number, DEFAULT_TRAIN_SETTINGS.lambda)
    .option('--bits <n>', 'size of the hashed feature space, 2^bits', number, DEFAULT_BITS)
    .option('--no-balance', 'do not weight rare labels up')
    .option('--lexicon <ref...>', 'lexicons for the rule features (default: the bundled set)')
    .option('--actors <ref...>', 'extra actor lists', [])
    .option('--name <name>', 'name of the data for the provenance (default: the file name)')
    .option('--license <licence>', 'licence of the data, recorded in the provenance')
    .action((file: string, opts: TrainOptions) => {
      const settings: TrainSettings = { lambda: opts.lambda, balanced: opts.balance, folds: opts.folds, seed: opts.seed, maxIterations: DEFAULT_TRAIN_SETTINGS.maxIterations };
      if (!Number.isInteger(settings.folds) || settings.folds < 2) throw new UserError('E_TRAIN_FOLDS', `--folds must be an integer >= 2, got ${opts.folds}`);
      const columns = parseColumnMap(opts.label);
      const data = readAnnotatedFile(file);
      const rows = filterRows(data, opts.where);
      if (rows.length === 0) throw new UserError('E_TRAIN_EMPTY', `${file}: no rows${opts.where.length > 0 ? ` where ${opts.where.join(' and ')}` : ''}`);
      const { scorer, lexicons } = setupScorer(opts.lexicon ?? ['default'], opts.actors, process.cwd());
      const extractor = createFeatureExtractor(lexicons, opts.bits);
      mkdirSync(opts.out, { recursive: true });
      for (const [measure, column] of columns) {
        const col = extractColumn(rows, opts.text, column, file);
        if (col.texts.length < settings.folds * 2) throw new UserError('E_TRAIN_EMPTY', `${file}: only ${col.texts.length} rows with a value in "${column}"; need at least ${settings.folds * 2}`);
        if (col.task === 'classification' && (!col.targets.includes(0) || !col.targets.includes(1))) {
          throw new UserError('E_TRAIN_ONE_CLASS', `${file}: column "${column}" has only one label value; a classifier needs both 0 and 1`);
        }
        const features = featurize(scorer, extractor, col.texts);
        const { model, cv, seconds } = trainModel({
          data: features,
          extractor,
          measure,
          targets: col.targets,
          task: col.task,
          settings,
          lexicons: scorer.lexiconVersions,
          sources: [
            {
              name: opts.name ?? basename(file),
              file: basename(file),
              sha256: data.sha256,
              rows: col.texts.length,
              column,
              ...(opts.license ? { license: opts.license } : {}),
              ...(opts.where.length > 0 ? { filter: opts.where.join(' and ') } : {}),
            },
          ],
        });
        const path = join(opts.out, `${measure}.model.json`);
        saveModelFile(path, model);
        const result = evaluationFromCv(measure, column, col.targets, col.task, cv.rules, cv.model, cv.combined);
        out.write(formatEvaluationText([result]));
        out.write(
          `  ${cv.folds}-fold cross-validation (seed ${cv.seed}); features ${features.seconds.toFixed(2)} s, final fit ${seconds.toFixed(2)} s on ${col.texts.length} texts` +
            `${col.skipped > 0 ? `; ${col.skipped} row(s) without a value left out` : ''}\n  recommended mode: ${cv.recommendedMode}; wrote ${path}\n`,
        );
      }
    });

  program
    .command('evaluate')
    .description('score a labelled CSV/JSONL file with the rules, a model, or both combined, and print precision/recall/F1 (labels) or Spearman/Pearson (scores)')
    .argument('<file>', 'annotated .csv, .tsv or .jsonl file')
    .requiredOption('--label <measure=column...>', 'the column holding each measure\'s 0/1 label or score')
    .option('--text <column>', 'the text column', 'text')
    .option('--where <column=value...>', 'only rows where the column has this value (e.g. split=test)', [])
    .option('--model <measure=path...>', 'a model file per measure (`default` for the shipped one)', [])
    .option('--mode <mode>', `which systems to report: ${MODEL_MODES.join(', ')} or all`, 'all')
    .option('--report <file>', 'also write the figures as Markdown')
    .option('--lexicon <ref...>', 'lexicons for the rules (default: the bundled set)')
    .option('--actors <ref...>', 'extra actor lists', [])
    .action((file: string, opts: EvaluateOptions) => {
      if (opts.mode !== 'all' && !MODEL_MODES.includes(opts.mode as ModelMode)) {
        throw new UserError('E_USAGE_MODE', `--mode ${opts.mode}: expected one of ${MODEL_MODES.join(', ')}, all`);
      }
      const columns = parseColumnMap(opts.label);
      const refs = parseModelSpecs(opts.model, 'both');
      const data = readAnnotatedFile(file);
      const rows = filterRows(data, opts.where);
      const { scorer, lexicons } = setupScorer(opts.lexicon ?? ['default'], opts.actors, process.cwd());
      const results: MeasureEvaluation[] = [];
      for (const [measure, column] of columns) {
        const ref = refs[measure];
        const model: ModelFile | null = ref ? loadModelFile(ref.path === 'default' ? bundledModelPath(measure) : resolve(ref.path), { measure }) : null;
        if ((opts.mode === 'model' || opts.mode === 'both') && !model) {
          throw new UserError('E_USAGE_MODEL', `--mode ${opts.mode} needs --model ${measure}=<file>`);
        }
        const col = extractColumn(rows, opts.text, column, file);
        const scores = scoreTexts(scorer, lexicons, col.texts, measure, model);
        results.push(evaluateScores(measure, column, col.targets, col.task, scores, [opts.mode as ModelMode | 'all']));
      }
      out.write(formatEvaluationText(results));
      if (opts.report) {
        const notes = [`File \`${basename(file)}\`${opts.where.length > 0 ? ` (rows where ${opts.where.join(' and ')})` : ''}, sha256 \`${data.sha256.slice(0, 16)}\`.`, `Rules: ${scorer.lexiconVersions.join(', ')}.`];
        writeFileSync(opts.report, formatEvaluationMarkdown(results, 'rehumanize evaluation', notes));
        err.write(`wrote ${opts.report}\n`);
      }
    });
}

function evaluationFromCv(
  measure: MeasureName,
  column: string,
  targets: readonly number[],
  task: 'classification' | 'regression',
  rules: Record<string, number | null>,
  model: Record<string, number | null>,
  combined: Record<string, number | null> | null,
): MeasureEvaluation {
  const systems = [
    { name: 'rules', figures: rules },
    { name: 'model', figures: model },
    ...(combined ? [{ name: 'combined', figures: combined }] : []),
  ];
  return { measure, column, task, rows: targets.length, positives: task === 'classification' ? targets.filter((t) => t === 1).length : null, systems };
}
