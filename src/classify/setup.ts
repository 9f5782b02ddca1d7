/**
 * Which models a run uses: the pipeline's `models:` key, or, when it has none, the defaults shipped in
 * `models/defaults.json` (a model is on there only for measures where it beat the rules on data it was not
 * trained on; see models/REPORT.md).
 */

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { MEASURES, type MeasureName } from '../core/types.js';
import { PACKAGE_ROOT } from '../core/version.js';
import { loadModelFile, MODEL_MODES, type ModelMode } from './model-file.js';
import type { MeasureModel } from './model-scorer.js';

/** The folder of models shipped with the tool. */
export const BUNDLED_MODEL_DIR = resolve(PACKAGE_ROOT, 'models');
/** The manifest of shipped models and their default modes. */
export const DEFAULT_MODELS_MANIFEST = resolve(BUNDLED_MODEL_DIR, 'defaults.json');

/** One measure's model reference: a path (or `default` for the shipped model of that measure) and a mode. */
export interface ModelRef {
  readonly path: string;
  readonly mode: ModelMode;
}

/** Model references per measure. */
export type ModelRefs = Partial<Record<MeasureName, ModelRef>>;

/** The shipped defaults (paths resolved), or none when the manifest is missing. */
export function defaultModelRefs(): ModelRefs {
  if (!existsSync(DEFAULT_MODELS_MANIFEST)) return {};
  let manifest: { measures?: Record<string, { path?: unknown; mode?: unknown }> };
  try {
    manifest = JSON.parse(readFileSync(DEFAULT_MODELS_MANIFEST, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new UserError('E_MODEL_JSON', `${DEFAULT_MODELS_MANIFEST} is not valid JSON: ${(error as Error).message}`, { place: { file: DEFAULT_MODELS_MANIFEST } });
  }
  const refs: ModelRefs = {};
  for (const measure of MEASURES) {
    const entry = manifest.measures?.[measure];
    if (!entry) continue;
    if (typeof entry.path !== 'string' || !MODEL_MODES.includes(entry.mode as ModelMode)) {
      throw new UserError('E_MODEL_SCHEMA', `${DEFAULT_MODELS_MANIFEST}: entry for ${measure} needs "path" and "mode" (${MODEL_MODES.join(', ')})`, { place: { file: DEFAULT_MODELS_MANIFEST } });
    }
    refs[measure] = { path: resolve(BUNDLED_MODEL_DIR, entry.path), mode: entry.mode as ModelMode };
  }
  return refs;
}

/** Path of the shipped model of a measure. */
export function bundledModelPath(measure: MeasureName): string {
  return resolve(BUNDLED_MODEL_DIR, `${measure}.model.json`);
}

/** Loads and checks the models of every measure whose mode is not `rules`. */
export function loadModels(refs: ModelRefs, baseDir: string): Partial<Record<MeasureName, MeasureModel>> {
  const out: Partial<Record<MeasureName, MeasureModel>> = {};
  for (const measure of MEASURES) {
    const ref = refs[measure];
    if (!ref || ref.mode === 'rules') continue;
    const path = ref.path === 'default' ? bundledModelPath(measure) : isAbsolute(ref.path) ? ref.path : resolve(baseDir, ref.path);
    out[measure] = { model: loadModelFile(path, { measure }), mode: ref.mode, path };
  }
  return out;
}

/** `measure=path` (or `measure=path:mode`) specs from the command line. */
export function parseModelSpecs(specs: readonly string[], mode: ModelMode): ModelRefs {
  const refs: ModelRefs = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const measure = spec.slice(0, eq) as MeasureName;
    if (eq <= 0 || !MEASURES.includes(measure)) {
      throw new UserError('E_MODEL_SPEC', `--model ${spec}: expected measure=path with a measure of ${MEASURES.join(', ')}`);
    }
    let path = spec.slice(eq + 1);
    let m = mode;
    const colon = path.lastIndexOf(':');
    if (colon > 0 && MODEL_MODES.includes(path.slice(colon + 1) as ModelMode)) {
      m = path.slice(colon + 1) as ModelMode;
      path = path.slice(0, colon);
    }
    refs[measure] = { path, mode: m };
  }
  return refs;
}
