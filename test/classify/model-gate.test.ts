/**
 * Where a model may decide, whose voice its dehumanization call is in, and leave-one-writer-out folds.
 */
import { describe, expect, it } from 'vitest';
import { createModelGate } from '../../src/classify/model-gate.js';
import { createVoiceSplitter } from '../../src/classify/voice.js';
import { groupFolds } from '../../src/classify/train.js';
import { createModelScorer } from '../../src/classify/model-scorer.js';
import { loadModelFile } from '../../src/classify/model-file.js';
import { join } from 'node:path';
import { ROOT, rules } from './helpers.js';

const sentence = (text: string) => rules().scorer.explainDocument(text)[0]!;

describe('model gate', () => {
  const gate = createModelGate(rules().lexicons);
  it.each([
    ['Mothers in both towns have buried their sons.'],
    ['Karsk and Velorian farmers were betrayed by the same speculators.'],
    ['Our grief is the only grief that counts.'],
  ])('%j names suffering: a victimhood model may decide', (text) => {
    expect(gate.allows('victimhood_inclusive', sentence(text))).toBe(true);
    expect(gate.allows('victimhood_exclusive', sentence(text))).toBe(true);
  });

  it.each([
    ['Republicans and Democrats alike criticised the bill.'],
    ['About the same share of voters say the economy is fine, as in May.'],
    ['Both parties lost the election in the northern districts.'],
  ])('%j names no suffering: the victimhood rule score stands', (text) => {
    expect(gate.allows('victimhood_inclusive', sentence(text))).toBe(false);
    expect(gate.allows('victimhood_exclusive', sentence(text))).toBe(false);
  });

  it('lets a dehumanization model decide only where a dehumanization word is in the sentence', () => {
    expect(gate.allows('dehumanization', sentence('Rats spread through the kitchen.'))).toBe(true); // turned down by the rules, still the model's to judge
    expect(gate.allows('dehumanization', sentence('Most patients recovered within a week of the vaccine.'))).toBe(false);
    expect(gate.allows('dehumanization', sentence('They rant and they rage at every meeting.'))).toBe(false);
    // Literal disease and water words the rules found applied to no one stay turned down.
    expect(gate.allows('dehumanization', sentence('They had to keep them away from the virus all spring.'))).toBe(false);
    expect(gate.allows('dehumanization', sentence('A flood after the storm closed the bridge.'))).toBe(false);
  });

  it('lets an acknowledgement model decide only on a cue of acknowledgement', () => {
    expect(gate.allows('acknowledgement', sentence('Their grievances about the water rights are legitimate.'))).toBe(true);
    expect(gate.allows('acknowledgement', sentence('We owe the families across the river an apology.'))).toBe(true);
    expect(gate.allows('acknowledgement', sentence('I know you want a wall, and I know they do too.'))).toBe(false);
    expect(gate.allows('acknowledgement', sentence('The meeting starts at noon.'))).toBe(false);
  });

  it('is applied by the model scorer: a gated sentence keeps its rule score and says so in explain', () => {
    const { scorer, lexicons } = rules();
    const model = loadModelFile(join(ROOT, 'models', 'victimhood_inclusive.model.json'), { measure: 'victimhood_inclusive' });
    const wrapped = createModelScorer(scorer, lexicons, { victimhood_inclusive: { model, mode: 'model' } });
    const [s] = wrapped.explainDocument('Republicans and Democrats alike criticised the bill.');
    const c = s!.models!.find((m) => m.measure === 'victimhood_inclusive')!;
    expect(c.decided).toBe(false);
    expect(s!.victimhood_inclusive).toBe(c.ruleScore);
  });
});

describe('voice of a dehumanization score', () => {
  const split = createVoiceSplitter(rules().lexicons);
  it('follows the rule findings when the rules found the words', () => {
    expect(split(sentence('The minister called them vermin.'), 0.8)).toEqual({ ownVoice: 0, quoted: 0.8 });
    expect(split(sentence('Migrants are vermin.'), 0.7)).toEqual({ ownVoice: 0.7, quoted: 0 });
  });

  it('puts a call the rules did not make in reported speech when the sentence reports anyone\'s words', () => {
    expect(split(sentence('The columnist wrote that the newcomers should be boxed up and returned to sender.'), 0.9)).toEqual({ ownVoice: 0, quoted: 0.9 });
    expect(split(sentence('Someone should box the newcomers up and return them to sender.'), 0.9)).toEqual({ ownVoice: 0.9, quoted: 0 });
    expect(split(sentence('"Box them up and send them back," a caller said.'), 0.6).quoted).toBe(0.6);
  });

  it('keeps the model scorer\'s own-voice and quoted columns within its score', () => {
    const { scorer, lexicons } = rules();
    const model = loadModelFile(join(ROOT, 'models', 'dehumanization.model.json'), { measure: 'dehumanization' });
    const wrapped = createModelScorer(scorer, lexicons, { dehumanization: { model, mode: 'model' } });
    for (const text of ['The minister called them vermin.', 'Migrants are vermin.', 'Rats spread through the kitchen.']) {
      const [s] = wrapped.scoreDocument('t', text).sentences;
      expect(Math.max(s!.dehumanization_own_voice, s!.dehumanization_quoted)).toBeLessThanOrEqual(s!.dehumanization);
      expect(Math.min(s!.dehumanization_own_voice, s!.dehumanization_quoted)).toBe(0);
    }
  });
});

describe('leave-one-group-out folds', () => {
  it('leave each group out once, with every other row in training', () => {
    const folds = groupFolds(['a', 'b', 'a', 'c', 'b']);
    expect(folds).toEqual([
      { train: [1, 3, 4], test: [0, 2] },
      { train: [0, 2, 3], test: [1, 4] },
      { train: [0, 1, 2, 4], test: [3] },
    ]);
  });

  it('need two groups', () => {
    expect(() => groupFolds(['a', 'a'])).toThrow(RangeError);
  });
});

describe('evidence of model calls', () => {
  it('a present measure the rules did not find gets a "model" finding over the sentence; gated sentences keep the rules', () => {
    const { scorer, lexicons } = rules();
    const shipped = loadModelFile(join(ROOT, 'models', 'dehumanization.model.json'), { measure: 'dehumanization' });
    // A model that says yes wherever it may decide: the finding comes from the mechanism, not from trained weights.
    const eager = { ...shipped, weights: { ...shipped.weights, bias: 50, indices: [], values: [] } };
    const wrapped = createModelScorer(scorer, lexicons, { dehumanization: { model: eager, mode: 'model' } });
    const [turnedDown] = wrapped.scoreDocument('t', 'Rats spread through the kitchen.').sentences;
    expect(turnedDown!.dehumanization).toBeGreaterThanOrEqual(0.5);
    const f = turnedDown!.findings.find((x) => x.rule === 'model')!;
    expect(f).toMatchObject({ measure: 'dehumanization', category: 'model', match: turnedDown!.text, negated: false, quoted: false });
    expect(f.lexicon).toMatch(/^model:dehumanization@[0-9a-f]{12}$/);
    // No dehumanization word: the gate keeps the rule score (0) and adds no finding.
    const [plain] = wrapped.scoreDocument('t', 'The meeting starts at noon.').sentences;
    expect(plain!.dehumanization).toBe(0);
    expect(plain!.findings).toEqual([]);
    // A rule finding already backs the call: no model finding is added.
    const [backed] = wrapped.scoreDocument('t', 'The minister called them vermin.').sentences;
    expect(backed!.findings.some((x) => x.rule === 'model')).toBe(false);
    expect(backed!.dehumanization_quoted).toBeGreaterThanOrEqual(0.5);
  });
});
