import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeatureExtractor } from '../../src/classify/features.js';
import { loadModelFile } from '../../src/classify/model-file.js';
import { sentimentScore } from '../../src/classify/sentiment.js';
import { main } from '../../src/cli/main.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import { UserErrors } from '../../src/core/errors.js';
import { rules, tempDir } from './helpers.js';

describe('features', () => {
  it('carry the rule findings, their flags, candidates, stance cues and n-grams, by name', () => {
    const { scorer, lexicons } = rules();
    const extractor = createFeatureExtractor(lexicons);
    const v = extractor.extractNamed(scorer.explainDocument('They are not animals, but we perhaps misunderstood them.'));
    const names = [...v.names.values()].flat();
    // Words are Porter stems ("animals" -> "anim", "misunderstood" stays whole).
    for (const name of ['dehumanization:findings', 'dehumanization:negated', 'negators', 'hedges', 'we', 'they', 'length', 'word:anim', 'bigram:not anim']) {
      expect(names).toContain(name);
    }
    expect(names.some((n) => n.startsWith('dehumanization:candidate:'))).toBe(true);
  });

  it('read any named group as <group>, and pair the frame cue classes with who is present', () => {
    const { scorer, lexicons } = rules();
    const extractor = createFeatureExtractor(lexicons);
    const names = (text: string) => [...extractor.extractNamed(scorer.explainDocument(text)).names.values()].flat();
    // Two peoples no list knows, as the same feature: "<group>" replaces the words of a group mention.
    const a = names('The Orenites buried their sons.');
    const b = names('The Karskians buried their sons.');
    expect(a).toContain('word:<group>');
    expect(b).toContain('word:<group>');
    expect(a).not.toContain('word:orenit');
    expect(a).toContain('cue:harm_event');
    expect(a).toContain('cue:harm_event&they');
    expect(a).toContain('cue:harm_event&group');
    // A sentence without cue words has no cue features.
    expect(names('The meeting starts at noon.').some((n) => n.startsWith('cue:'))).toBe(false);
  });

  it('are the same each call (the scratch space is reset) and match the named path', () => {
    const { scorer, lexicons } = rules();
    const extractor = createFeatureExtractor(lexicons);
    const a = scorer.explainDocument('The Karsks are rats.');
    const b = scorer.explainDocument('We should talk to our neighbours about the harvest.');
    const first = extractor.extract(a);
    extractor.extract(b);
    const again = extractor.extract(a);
    const named = extractor.extractNamed(a);
    const asMap = (x: { indices: Int32Array; values: Float64Array }) => new Map([...x.indices].map((i, k) => [i, x.values[k]]));
    expect(asMap(again)).toEqual(asMap(first));
    expect(asMap(named)).toEqual(asMap(first));
    for (const i of first.indices) expect(i).toBeLessThan(extractor.dim);
  });

  it('sentiment baseline: positive, negative, negated', () => {
    expect(sentimentScore('I appreciate your point and I agree.')).toBeGreaterThan(0);
    expect(sentimentScore('This is a terrible, stupid idea.')).toBeLessThan(0);
    expect(sentimentScore('That is not fair.')).toBeLessThan(0);
  });
});

describe('pipeline config', () => {
  const head = 'name: t\ninputs:\n  - path: a.jsonl\n';
  it('accepts models per measure with a mode, default both', () => {
    const c = parsePipeline(`${head}models:\n  dehumanization: { path: m.json }\n  acknowledgement: { path: default, mode: rules }\n`, 'p.yaml');
    expect(c.models).toEqual({ dehumanization: { path: 'm.json', mode: 'both' }, acknowledgement: { path: 'default', mode: 'rules' } });
    expect(parsePipeline(head, 'p.yaml').models).toBeUndefined();
  });
  it('rejects an unknown measure or mode', () => {
    expect(() => parsePipeline(`${head}models:\n  hate: { path: m.json }\n`, 'p.yaml')).toThrow(UserErrors);
    expect(() => parsePipeline(`${head}models:\n  dehumanization: { path: m.json, mode: sometimes }\n`, 'p.yaml')).toThrow(UserErrors);
  });
});

describe('train and evaluate commands', () => {
  afterEach(() => vi.restoreAllMocks());

  function capture(): { out: () => string; err: () => string } {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
    return { out: () => out, err: () => err };
  }

  it('train writes a model with cross-validation; evaluate reports rules, model and combined', async () => {
    const dir = tempDir();
    const csv = join(dir, 'data.csv');
    const rows = ['text,dehum,score'];
    for (let i = 0; i < 40; i++) {
      rows.push(`"The Karsks are vermin number ${i}.",1,${(i % 5) / 5}`);
      rows.push(`"We met the council about school ${i}.",0,${((i + 2) % 5) / 5}`);
    }
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const io = capture();
    const code = await main(['node', 'rehumanize', 'train', csv, '--label', 'dehumanization=dehum', 'acknowledgement=score', '--out', dir, '--folds', '3']);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toMatch(/dehumanization \(column dehum, 80 rows, 40 positive\)/);
    expect(io.out()).toMatch(/combined/);
    expect(io.out()).toMatch(/spearman/);
    const model = loadModelFile(join(dir, 'dehumanization.model.json'), { measure: 'dehumanization' });
    expect(model.provenance.data[0]!.rows).toBe(80);
    expect(loadModelFile(join(dir, 'acknowledgement.model.json')).task).toBe('regression');

    const report = join(dir, 'report.md');
    const code2 = await main(['node', 'rehumanize', 'evaluate', csv, '--label', 'dehumanization=dehum', '--model', `dehumanization=${join(dir, 'dehumanization.model.json')}`, '--report', report]);
    expect(code2).toBe(0);
    expect(io.out()).toMatch(/model\s+1\.000\s+1\.000\s+1\.000/);
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toMatch(/\| combined \|/);
  });

  it('a model for the wrong measure is a usage error with its code', async () => {
    const dir = tempDir();
    const csv = join(dir, 'd.jsonl');
    writeFileSync(csv, '{"text":"They are rats.","y":1}\n{"text":"Hello there.","y":0}\n');
    const io = capture();
    const code = await main(['node', 'rehumanize', 'evaluate', csv, '--label', 'acknowledgement=y', '--model', 'acknowledgement=models/dehumanization.model.json']);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/E_MODEL_MEASURE/);
  });
});
