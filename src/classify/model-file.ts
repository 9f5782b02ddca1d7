/**
 * The model file: one JSON document per measure with the weights, the calibration used to combine the model
 * with the rules, cross-validated figures and where it came from (data hashes, rows, features, settings,
 * lexicons, tool). Loading checks everything before a single sentence is scored: a broken or mismatched
 * model is a {@link UserError} with an `E_MODEL_*` code, never a silent fall back to the rules.
 */

import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { MEASURES, type MeasureName } from '../core/types.js';
import { FEATURE_VERSION, type SparseVector } from './features.js';
import { decision, denseWeights, sigmoid, type LinearWeights } from './linear.js';

export const MODEL_FORMAT = 'rehumanize-model';
export const MODEL_FORMAT_VERSION = 1;

/** How a measure is scored: by the rules, by the model, or by both combined. */
export const MODEL_MODES = ['rules', 'model', 'both'] as const;
export type ModelMode = (typeof MODEL_MODES)[number];

const Finite = z.number().finite();

const DataSourceSchema = z
  .object({
    name: z.string(),
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    rows: z.number().int().nonnegative(),
    column: z.string(),
    license: z.string().optional(),
    filter: z.string().optional(),
  })
  .strict();

const FoldFiguresSchema = z.record(z.string(), z.union([Finite, z.null()]));

/** The schema of a model file (format version 1). */
export const ModelFileSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    formatVersion: z.literal(MODEL_FORMAT_VERSION),
    measure: z.enum(MEASURES),
    task: z.enum(['classification', 'regression']),
    features: z.object({ version: z.string(), bits: z.number().int().min(8).max(24), groups: z.array(z.string()) }).strict(),
    weights: z
      .object({
        bias: Finite,
        indices: z.array(z.number().int().nonnegative()),
        values: z.array(Finite),
        sha256: z.string(),
      })
      .strict(),
    calibration: z
      .object({
        /** Model alone: p = sigmoid(a·logit + c). */
        model: z.object({ a: Finite, c: Finite }).strict().nullable(),
        /** Rules and model: p = sigmoid(rule·ruleScore + model·logit + c). */
        both: z.object({ rule: Finite, model: Finite, c: Finite }).strict().nullable(),
      })
      .strict(),
    /** The mode the trainer recommends from cross-validation (the pipeline config decides). */
    recommendedMode: z.enum(MODEL_MODES),
    crossValidation: z
      .object({
        folds: z.number().int(),
        seed: z.number().int(),
        rows: z.number().int(),
        rules: FoldFiguresSchema,
        model: FoldFiguresSchema,
        combined: FoldFiguresSchema.nullable(),
      })
      .strict(),
    provenance: z
      .object({
        data: z.array(DataSourceSchema).min(1),
        rows: z.number().int().positive(),
        positives: z.number().int().nonnegative().nullable(),
        settings: z.object({ lambda: Finite, balanced: z.boolean(), folds: z.number().int(), seed: z.number().int(), maxIterations: z.number().int() }).strict(),
        training: z.object({ seconds: Finite, iterations: z.number().int(), converged: z.boolean(), activeFeatures: z.number().int() }).strict(),
        created: z.string(),
        tool: z.string(),
        lexicons: z.array(z.string()),
      })
      .strict(),
  })
  .strict();

export type ModelFile = z.infer<typeof ModelFileSchema>;

/** sha256 of the weights as stored, so a file edited by hand or cut short is caught. */
export function weightsHash(bias: number, indices: readonly number[], values: readonly number[]): string {
  return createHash('sha256').update(JSON.stringify([bias, indices, values])).digest('hex');
}

/** Rounds weights to 6 significant digits (smaller files); training applies it so saved and in-memory models agree. */
export function roundWeights(w: LinearWeights): LinearWeights {
  const indices: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < w.indices.length; k++) {
    const v = Number(w.values[k]!.toPrecision(6));
    if (v !== 0) {
      indices.push(w.indices[k]!);
      values.push(v);
    }
  }
  return { bias: Number(w.bias.toPrecision(8)), indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/** Writes a model file (pretty enough to read, weights on few lines). */
export function saveModelFile(path: string, model: ModelFile): void {
  const { weights, ...rest } = model;
  const head = JSON.stringify({ ...rest, weights: { bias: weights.bias, sha256: weights.sha256, indices: [], values: [] } }, null, 2);
  // Put the long arrays on one line each so the metadata stays readable at the top.
  const text = head
    .replace('"indices": []', `"indices": ${JSON.stringify(weights.indices)}`)
    .replace('"values": []', `"values": ${JSON.stringify(weights.values)}`);
  writeFileSync(path, `${text}\n`);
}

/** What a loaded model expects of its caller. */
export interface LoadExpectations {
  /** The measure the model must be for. */
  readonly measure?: MeasureName;
}

/** Reads and checks a model file. Every problem is a UserError with a stable E_MODEL_* code. */
export function loadModelFile(path: string, expect: LoadExpectations = {}): ModelFile {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new UserError('E_MODEL_UNREADABLE', `${path} is a folder; expected a model .json file`, { place: { file: path } });
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('E_MODEL_UNREADABLE', `cannot read model ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      place: { file: path },
      hint: 'check the path under models: in the pipeline config (relative to the pipeline file), or train one with `rehumanize train`',
    });
  }
  return parseModelFile(text, path, expect);
}

/** Parses and checks model JSON; `file` names it in messages. */
export function parseModelFile(text: string, file: string, expect: LoadExpectations = {}): ModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError('E_MODEL_JSON', `${file} is not valid JSON: ${(error as Error).message}`, {
      place: { file },
      hint: 'the file may be cut short or edited by hand; train it again with `rehumanize train`',
    });
  }
  const head = data as { format?: unknown; formatVersion?: unknown; features?: { version?: unknown }; measure?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.format !== MODEL_FORMAT) {
    throw new UserError('E_MODEL_SCHEMA', `${file} is not a rehumanize model (no "format": "${MODEL_FORMAT}")`, { place: { file } });
  }
  if (head.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new UserError('E_MODEL_SCHEMA', `${file} has model format version ${String(head.formatVersion)}; this rehumanize reads version ${MODEL_FORMAT_VERSION}`, {
      place: { file },
      hint: 'train the model again with this version of rehumanize',
    });
  }
  if (head.features && typeof head.features === 'object' && head.features.version !== FEATURE_VERSION) {
    throw new UserError(
      'E_MODEL_FEATURE_VERSION',
      `${file} was trained on features "${String(head.features.version)}"; this rehumanize computes "${FEATURE_VERSION}", so its weights would mean other things`,
      { place: { file }, hint: 'train the model again with `rehumanize train`' },
    );
  }
  const result = ModelFileSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new UserError('E_MODEL_SCHEMA', `${file} does not match the model file schema: ${issues.join('; ')}`, { place: { file } });
  }
  const model = result.data;
  if (expect.measure && model.measure !== expect.measure) {
    throw new UserError('E_MODEL_MEASURE', `${file} is a model for ${model.measure}, but it is configured for ${expect.measure}`, {
      place: { file },
      hint: `use it under models: ${model.measure}: or give the model trained for ${expect.measure}`,
    });
  }
  const { bias, indices, values, sha256 } = model.weights;
  if (indices.length !== values.length) {
    throw new UserError('E_MODEL_SCHEMA', `${file}: weights have ${indices.length} indices but ${values.length} values`, { place: { file } });
  }
  const dim = 2 ** model.features.bits;
  if (indices.some((i) => i >= dim)) {
    throw new UserError('E_MODEL_SCHEMA', `${file}: a weight index is outside the 2^${model.features.bits} feature space`, { place: { file } });
  }
  if (weightsHash(bias, indices, values) !== sha256) {
    throw new UserError('E_MODEL_HASH', `${file}: the weights do not match their sha256; the file was changed or damaged after training`, {
      place: { file },
      hint: 'restore the file or train it again with `rehumanize train`',
    });
  }
  return model;
}

/** A model ready to score feature vectors. */
export interface CompiledModel {
  readonly file: ModelFile;
  readonly dim: number;
  /** bias + w·x. */
  logit(v: SparseVector): number;
  /** The model's own score in [0, 1] (calibrated when a calibration exists). */
  modelScore(logit: number): number;
  /** Rules and model combined, in [0, 1]; null when the model has no calibration for it. */
  combinedScore(ruleScore: number, logit: number): number | null;
  /** Weight of a feature index. */
  weight(index: number): number;
}

/** Builds the dense weights once. */
export function compileModel(file: ModelFile): CompiledModel {
  const dim = 2 ** file.features.bits;
  const dense = denseWeights({ bias: file.weights.bias, indices: Int32Array.from(file.weights.indices), values: Float64Array.from(file.weights.values) }, dim);
  const bias = file.weights.bias;
  const cal = file.calibration;
  return {
    file,
    dim,
    logit: (v) => decision(dense, bias, v),
    modelScore(logit) {
      if (file.task === 'regression') return Math.min(1, Math.max(0, logit));
      return cal.model ? sigmoid(cal.model.a * logit + cal.model.c) : sigmoid(logit);
    },
    combinedScore(ruleScore, logit) {
      if (!cal.both) return null;
      return sigmoid(cal.both.rule * ruleScore + cal.both.model * logit + cal.both.c);
    },
    weight: (index) => dense[index]!,
  };
}
