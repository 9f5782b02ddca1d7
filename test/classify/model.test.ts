import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFeatureExtractor, FEATURE_VERSION } from '../../src/classify/features.js';
import { rowOf } from '../../src/classify/linear.js';
import { compileModel, loadModelFile, saveModelFile, type ModelFile } from '../../src/classify/model-file.js';
import { createModelScorer } from '../../src/classify/model-scorer.js';
import { loadModels } from '../../src/classify/setup.js';
import { DEFAULT_TRAIN_SETTINGS, featurize, trainModel } from '../../src/classify/train.js';
import { UserError } from '../../src/core/errors.js';
import { setupScorer } from '../../src/classify/scorer-setup.js';
import { GOLD, ROOT, rules, tempDir } from './helpers.js';

interface GoldRow { text: string; split: string; dehumanization: number; acknowledgement: number }
const gold: GoldRow[] = readFileSync(GOLD, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as GoldRow);
const dev = gold.filter((g) => g.split === 'dev');
const test = gold.filter((g) => g.split === 'test').slice(0, 60);

let model: ModelFile;
let regression: ModelFile;
let dir: string;
let path: string;

beforeAll(() => {
  const { scorer, lexicons } = rules();
  const extractor = createFeatureExtractor(lexicons, 16);
  const data = featurize(scorer, extractor, dev.map((g) => g.text));
  const common = { data, extractor, lexicons: scorer.lexiconVersions, settings: { ...DEFAULT_TRAIN_SETTINGS, folds: 3 } };
  const source = { name: 'gold dev', file: 'gold.jsonl', sha256: 'a'.repeat(64), rows: dev.length, column: 'dehumanization' };
  model = trainModel({ ...common, measure: 'dehumanization', targets: dev.map((g) => g.dehumanization), task: 'classification', sources: [source] }).model;
  regression = trainModel({ ...common, measure: 'acknowledgement', targets: dev.map((g, i) => g.acknowledgement + (i % 7) / 10), task: 'regression', sources: [source] }).model;
  dir = tempDir();
  path = join(dir, 'dehumanization.model.json');
  saveModelFile(path, model);
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).code;
  }
  throw new Error('expected a UserError');
}

function writeVariant(name: string, edit: (m: Record<string, any>) => void): string {
  const m = JSON.parse(readFileSync(path, 'utf8'));
  edit(m);
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(m));
  return p;
}

describe('model files', () => {
  it('save -> load gives identical predictions', () => {
    const { scorer, lexicons } = rules();
    const loaded = loadModelFile(path, { measure: 'dehumanization' });
    const a = compileModel(model);
    const b = compileModel(loaded);
    const extractor = createFeatureExtractor(lexicons, 16);
    const data = featurize(scorer, extractor, test.map((g) => g.text));
    for (let i = 0; i < test.length; i++) {
      const v = rowOf(data.matrix, i);
      expect(b.logit(v)).toBe(a.logit(v));
      expect(b.combinedScore(0.3, b.logit(v))).toBe(a.combinedScore(0.3, a.logit(v)));
    }
  });

  it('records provenance: data hash, rows, features, settings, lexicons, tool, date', () => {
    const p = model.provenance;
    expect(p.data[0]!.sha256).toHaveLength(64);
    expect(p.rows).toBe(dev.length);
    expect(model.features.version).toBe(FEATURE_VERSION);
    expect(p.settings.folds).toBe(3);
    expect(p.lexicons.some((l) => l.startsWith('dehumanization-en@'))).toBe(true);
    expect(p.tool).toMatch(/^rehumanize@/);
    expect(Date.parse(p.created)).not.toBeNaN();
    expect(model.crossValidation.model.f1).toBeTypeOf('number');
  });

  it('training is deterministic for a seed', () => {
    const { scorer, lexicons } = rules();
    const extractor = createFeatureExtractor(lexicons, 16);
    const data = featurize(scorer, extractor, dev.map((g) => g.text));
    const again = trainModel({
      data,
      extractor,
      lexicons: scorer.lexiconVersions,
      settings: { ...DEFAULT_TRAIN_SETTINGS, folds: 3 },
      measure: 'dehumanization',
      targets: dev.map((g) => g.dehumanization),
      task: 'classification',
      sources: model.provenance.data,
    }).model;
    expect(again.weights).toEqual(model.weights);
    expect(again.calibration).toEqual(model.calibration);
    expect(again.crossValidation).toEqual(model.crossValidation);
  });

  it('a missing file is E_MODEL_UNREADABLE', () => {
    expect(codeOf(() => loadModelFile(join(dir, 'nope.json')))).toBe('E_MODEL_UNREADABLE');
  });

  it('bad JSON is E_MODEL_JSON', () => {
    const p = join(dir, 'cut.json');
    writeFileSync(p, readFileSync(path, 'utf8').slice(0, 500));
    expect(codeOf(() => loadModelFile(p))).toBe('E_MODEL_JSON');
  });

  it('a wrong schema is E_MODEL_SCHEMA', () => {
    expect(codeOf(() => loadModelFile(writeVariant('noformat.json', (m) => delete m.format)))).toBe('E_MODEL_SCHEMA');
    expect(codeOf(() => loadModelFile(writeVariant('nobias.json', (m) => (m.weights.bias = 'x'))))).toBe('E_MODEL_SCHEMA');
    expect(codeOf(() => loadModelFile(writeVariant('extra.json', (m) => (m.surprise = 1))))).toBe('E_MODEL_SCHEMA');
    expect(codeOf(() => loadModelFile(writeVariant('v2.json', (m) => (m.formatVersion = 2))))).toBe('E_MODEL_SCHEMA');
  });

  it('another feature version is E_MODEL_FEATURE_VERSION', () => {
    expect(codeOf(() => loadModelFile(writeVariant('fv.json', (m) => (m.features.version = 'rehumanize-features/0'))))).toBe('E_MODEL_FEATURE_VERSION');
  });

  it('a model for another measure is E_MODEL_MEASURE', () => {
    expect(codeOf(() => loadModelFile(path, { measure: 'acknowledgement' }))).toBe('E_MODEL_MEASURE');
    expect(codeOf(() => loadModels({ acknowledgement: { path, mode: 'both' } }, dir))).toBe('E_MODEL_MEASURE');
  });

  it('weights that do not match their hash are E_MODEL_HASH', () => {
    expect(codeOf(() => loadModelFile(writeVariant('edited.json', (m) => (m.weights.values[0] += 0.5))))).toBe('E_MODEL_HASH');
    expect(codeOf(() => loadModelFile(writeVariant('bias.json', (m) => (m.weights.bias += 1))))).toBe('E_MODEL_HASH');
  });

  it('a broken model in a pipeline stops the run instead of falling back to the rules', () => {
    const broken = writeVariant('broken.json', (m) => (m.weights.values[0] += 0.5));
    expect(codeOf(() => setupScorer(['default'], [], dir, { dehumanization: { path: broken, mode: 'both' } }))).toBe('E_MODEL_HASH');
    expect(codeOf(() => setupScorer(['default'], [], dir, { dehumanization: { path: 'missing.json', mode: 'model' } }))).toBe('E_MODEL_UNREADABLE');
  });

  it('mode "both" needs a calibrated classifier (E_MODEL_MODE)', () => {
    const { scorer, lexicons } = rules();
    expect(codeOf(() => createModelScorer(scorer, lexicons, { acknowledgement: { model: regression, mode: 'both' } }))).toBe('E_MODEL_MODE');
  });
});

describe('the model scorer', () => {
  const text = 'The Karsks are vermin that must be driven out. We met the council on Tuesday.';

  it('mode rules leaves every score as the rules gave it', () => {
    const { scorer, lexicons } = rules();
    const wrapped = createModelScorer(scorer, lexicons, { dehumanization: { model, mode: 'rules' } });
    expect(wrapped.scoreDocument('d', text)).toEqual(scorer.scoreDocument('d', text));
  });

  it('modes model and both replace only that measure, keep the findings, stay in [0, 1]', () => {
    const { scorer, lexicons } = rules();
    const base = scorer.scoreDocument('d', text);
    for (const mode of ['model', 'both'] as const) {
      const wrapped = createModelScorer(scorer, lexicons, { dehumanization: { model, mode, path: 'm.json' } });
      const doc = wrapped.scoreDocument('d', text);
      expect(doc.sentences.map((s) => s.findings)).toEqual(base.sentences.map((s) => s.findings));
      expect(doc.sentences.map((s) => s.acknowledgement)).toEqual(base.sentences.map((s) => s.acknowledgement));
      for (const s of doc.sentences) {
        expect(s.dehumanization).toBeGreaterThanOrEqual(0);
        expect(s.dehumanization).toBeLessThanOrEqual(1);
        expect('rejected' in s).toBe(false);
      }
      expect(doc.sentences[0]!.dehumanization).toBeGreaterThan(doc.sentences[1]!.dehumanization);
      expect(wrapped.modes.dehumanization).toBe(mode);
    }
  });

  it('explain shows the model score and its strongest features', () => {
    const { scorer, lexicons } = rules();
    const wrapped = createModelScorer(scorer, lexicons, { dehumanization: { model, mode: 'both', path: 'm.json' } });
    const [first] = wrapped.explainDocument(text);
    const contribution = first!.models![0]!;
    expect(contribution.measure).toBe('dehumanization');
    expect(contribution.combinedScore).toBe(first!.dehumanization);
    expect(contribution.strongest.length).toBeGreaterThan(0);
    expect(contribution.strongest.some((f) => /word:|bigram:|dehumanization:/.test(f.feature))).toBe(true);
    const sizes = contribution.strongest.map((f) => Math.abs(f.contribution));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it('a sentence scores the same alone as inside a document (features are per sentence)', () => {
    const { scorer, lexicons } = rules();
    const wrapped = createModelScorer(scorer, lexicons, { dehumanization: { model, mode: 'model' } });
    const alone = wrapped.scoreDocument('a', 'We met the council on Tuesday.').sentences[0]!.dehumanization;
    expect(wrapped.scoreDocument('d', text).sentences[1]!.dehumanization).toBe(alone);
  });

  it('the shipped default models load and pass their checks', () => {
    const setup = setupScorer(['default'], [], ROOT, 'defaults');
    expect(setup.models.length).toBeGreaterThanOrEqual(0);
    for (const m of ['dehumanization', 'victimhood_exclusive', 'victimhood_inclusive', 'acknowledgement'] as const) {
      // Trained on the contributors' labelled sets: the sealed held-out sets must never be training data.
      const files = loadModelFile(join(ROOT, 'models', `${m}.model.json`), { measure: m }).provenance.data.map((d) => d.file);
      expect(files).toContain('corpora-samples/gold/gold.jsonl');
      expect(files.filter((f) => f.includes('heldout'))).toEqual([]);
    }
  });
});
