/**
 * The scorer with trained models beside the rules. Per measure the mode is `rules` (the rule score as is),
 * `model` (the model's calibrated score) or `both` (rule score and model logit combined by a Platt scaling
 * fitted in cross-validation). The rule findings stay as the evidence of every sentence; `explain` shows the
 * model's score and the features that moved it most for that sentence. A victimhood model decides only where
 * the sentence names suffering (model-gate.ts), and a dehumanization call keeps its voice (voice.ts).
 */

import { UserError } from '../core/errors.js';
import { MEASURES, PRESENCE_THRESHOLD, type DocumentResult, type Finding, type MeasureName, type SentenceResult } from '../core/types.js';
import type { Lexicon } from '../lexicon/types.js';
import { summariseDocument, type ExplainedSentence, type Scorer } from '../measures/scorer.js';
import { createFeatureExtractor, type FeatureExtractor } from './features.js';
import { createModelGate } from './model-gate.js';
import { createVoiceSplitter } from './voice.js';
import { compileModel, type CompiledModel, type ModelFile, type ModelMode } from './model-file.js';

/** One measure's model and how to use it. */
export interface MeasureModel {
  readonly model: ModelFile;
  readonly mode: ModelMode;
  /** Where it was loaded from, for messages and manifests. */
  readonly path?: string;
}

/** A feature that moved the model's score for a sentence. */
export interface FeatureContribution {
  /** Feature name(s) hashed to this dimension, such as `word:vermin` or `dehumanization:score`. */
  readonly feature: string;
  /** weight × value: positive pushes towards the measure, negative away. */
  readonly contribution: number;
}

/** What a model did to one measure of one sentence. */
export interface ModelContribution {
  readonly measure: MeasureName;
  readonly mode: ModelMode;
  readonly ruleScore: number;
  readonly modelScore: number;
  readonly combinedScore: number | null;
  /** The score the sentence got. */
  readonly score: number;
  /** False when the model was not allowed to decide here (a victimhood model on a sentence naming no suffering): the score is the rule score. */
  readonly decided: boolean;
  readonly logit: number;
  readonly strongest: readonly FeatureContribution[];
  readonly model: string;
}

/** An explained sentence with the models' part. */
export interface ModelExplainedSentence extends ExplainedSentence {
  readonly models?: readonly ModelContribution[];
}

/** A scorer that uses models for some measures. */
export interface ModelScorer extends Scorer {
  explainDocument(text: string): ModelExplainedSentence[];
  /** Mode per measure. */
  readonly modes: Readonly<Record<MeasureName, ModelMode>>;
  /** `measure:path@sha256-prefix` of each model in use. */
  readonly modelVersions: readonly string[];
  /** Things a user should know (a model trained with other lexicons than those in use). */
  readonly warnings: readonly string[];
}

interface Active {
  readonly measure: MeasureName;
  readonly mode: ModelMode;
  readonly compiled: CompiledModel;
  readonly extractor: FeatureExtractor;
  readonly label: string;
  /** What a model finding names as its source: the measure and the weights' hash, the same on every machine. */
  readonly evidence: string;
}

/** Wraps the rule scorer. Checks modes against the models (a `both` mode needs a calibrated classifier). */
export function createModelScorer(rules: Scorer, lexicons: readonly Lexicon[], models: Partial<Record<MeasureName, MeasureModel>>): ModelScorer {
  const extractors = new Map<number, FeatureExtractor>();
  const active: Active[] = [];
  const modes = {} as Record<MeasureName, ModelMode>;
  const warnings: string[] = [];
  const gate = createModelGate(lexicons);
  const splitVoice = createVoiceSplitter(lexicons);
  for (const measure of MEASURES) {
    const m = models[measure];
    modes[measure] = m?.mode ?? 'rules';
    if (!m || m.mode === 'rules') continue;
    const file = m.model;
    const where = m.path ?? `model for ${measure}`;
    if (file.measure !== measure) {
      throw new UserError('E_MODEL_MEASURE', `${where} is a model for ${file.measure}, but it is configured for ${measure}`, { place: { file: m.path } });
    }
    if (m.mode === 'both' && !file.calibration.both) {
      throw new UserError('E_MODEL_MODE', `${where} has no calibration for mode "both" (a ${file.task} model); use mode "model" or "rules"`, { place: { file: m.path } });
    }
    const used = new Set(rules.lexiconVersions);
    const missing = file.provenance.lexicons.filter((l) => !used.has(l));
    if (missing.length > 0) warnings.push(`${where} was trained with lexicons not in use now (${missing.join(', ')}); its rule features may mean less`);
    let extractor = extractors.get(file.features.bits);
    if (!extractor) extractors.set(file.features.bits, (extractor = createFeatureExtractor(lexicons, file.features.bits)));
    active.push({ measure, mode: m.mode, compiled: compileModel(file), extractor, label: `${measure}:${m.path ?? 'model'}@${file.weights.sha256.slice(0, 12)}`, evidence: `model:${measure}@${file.weights.sha256.slice(0, 12)}` });
  }

  function apply(sentence: ExplainedSentence, withNames: boolean): { result: SentenceResult; contributions: ModelContribution[] } {
    const { rejected: _rejected, ...base } = sentence;
    const result: Record<string, unknown> = { ...base };
    const contributions: ModelContribution[] = [];
    const vectors = new Map<FeatureExtractor, ReturnType<FeatureExtractor['extractNamed']> | ReturnType<FeatureExtractor['extract']>>();
    const modelFindings: Finding[] = [];
    for (const a of active) {
      const decided = gate.allows(a.measure, sentence);
      if (!decided && !withNames) continue; // the rule score stands; no need to run the model
      let v = vectors.get(a.extractor);
      if (!v) vectors.set(a.extractor, (v = withNames ? a.extractor.extractNamed([sentence]) : a.extractor.extract([sentence])));
      const ruleScore = sentence[a.measure];
      const logit = a.compiled.logit(v);
      const modelScore = a.compiled.modelScore(logit);
      const combinedScore = a.mode === 'both' ? a.compiled.combinedScore(ruleScore, logit) : null;
      const score = decided ? round4(a.mode === 'both' ? combinedScore! : modelScore) : ruleScore;
      result[a.measure] = score;
      if (a.measure === 'dehumanization') {
        // Quoted dehumanization stays separable from the author's own voice in every mode.
        const voice = splitVoice(sentence, score);
        result.dehumanization_own_voice = voice.ownVoice;
        result.dehumanization_quoted = voice.quoted;
      }
      // A call the rules did not make is still evidence: a finding of rule "model" over the sentence, so
      // findings.jsonl, the store and the report's evidence show every present measure.
      if (decided && score >= PRESENCE_THRESHOLD && !sentence.findings.some((f) => f.measure === a.measure && !f.negated && f.weight > 0)) {
        modelFindings.push({
          measure: a.measure,
          category: 'model',
          rule: 'model',
          match: sentence.text,
          start: sentence.start,
          end: sentence.end,
          target: null,
          negated: false,
          quoted: a.measure === 'dehumanization' && (result.dehumanization_quoted as number) > 0,
          lexicon: a.evidence,
          weight: score,
        });
      }
      if (withNames) {
        contributions.push({
          measure: a.measure,
          mode: a.mode,
          ruleScore,
          modelScore: round4(modelScore),
          combinedScore: combinedScore === null ? null : round4(combinedScore),
          score,
          decided,
          logit: round4(logit),
          strongest: strongest(a.compiled, v as ReturnType<FeatureExtractor['extractNamed']>, 5),
          model: a.label,
        });
      }
    }
    if (modelFindings.length > 0) result.findings = [...sentence.findings, ...modelFindings];
    return { result: result as unknown as SentenceResult, contributions };
  }

  return {
    lexiconVersions: rules.lexiconVersions,
    modes,
    modelVersions: active.map((a) => a.label),
    warnings,
    scoreDocument(id: string, text: string): DocumentResult {
      if (active.length === 0) return rules.scoreDocument(id, text);
      const sentences = rules.explainDocument(text).map((s) => apply(s, false).result);
      return summariseDocument(id, sentences);
    },
    explainDocument(text: string): ModelExplainedSentence[] {
      return rules.explainDocument(text).map((s) => {
        if (active.length === 0) return s;
        const { result, contributions } = apply(s, true);
        return { ...result, rejected: s.rejected, models: contributions };
      });
    },
  };
}

function strongest(model: CompiledModel, v: { indices: Int32Array; values: Float64Array; names: ReadonlyMap<number, readonly string[]> }, k: number): FeatureContribution[] {
  const out: FeatureContribution[] = [];
  for (let j = 0; j < v.indices.length; j++) {
    const index = v.indices[j]!;
    const c = model.weight(index) * v.values[j]!;
    if (c !== 0) out.push({ feature: (v.names.get(index) ?? [`#${index}`]).join(' | '), contribution: c });
  }
  out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return out.slice(0, k).map((c) => ({ ...c, contribution: round4(c.contribution) }));
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
