/**
 * Fuzzing what users write and what the scorer reads: pipeline YAML (random documents, random text and
 * mutations of the shipped pipelines), lexicon files (random text and mutations of the shipped lexicons)
 * and the scorer (random unicode text). A config or lexicon problem must be a UserError with a stable code;
 * nothing else may escape. The scorer must return scores in [0, 1] with offsets inside the text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { MEASURES } from '../../src/core/types.js';
import { parseLexicon } from '../../src/lexicon/parse.js';
import type { Scorer } from '../../src/measures/scorer.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import { setupScorer } from '../../src/classify/scorer-setup.js';
import { checkPathPattern, matchPathPattern } from '../../src/readers/path-pattern.js';
import { recordRules } from '../../src/readers/record.js';
import { fuzz, mutate, mutationArb } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CODE = /^E_[A-Z0-9_]+$/;

/** Runs `f`; a thrown UserError is fine (with a code and a one-line message), anything else fails. */
function onlyUserErrors(f: () => void): void {
  try {
    f();
  } catch (error) {
    if (!isUserError(error)) throw new Error(`expected a UserError, got ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    expect(error.code).toMatch(CODE);
    expect(error.format().length).toBeGreaterThan(0);
    expect(error.format()).not.toMatch(/\n\s+at /); // no stack trace in what users see
  }
}

/** Everything the pipeline loader and the readers do with a config before reading any file. */
function loadConfigText(text: string): void {
  const config = parsePipeline(text, 'fuzz.yaml');
  for (const spec of config.inputs) {
    recordRules(spec);
    if (spec.pathPattern) {
      try {
        checkPathPattern(spec.pathPattern);
        matchPathPattern(spec.pathPattern, 'a/b/2020-01-02-x.txt');
      } catch (error) {
        // readInputs turns a malformed pattern into E_INPUT_PATH_PATTERN; a plain Error with a reason is expected here.
        if (!(error instanceof Error) || error.message.length === 0) throw error;
      }
    }
  }
}

const PIPELINES = ['media-monitor.yaml', 'workshop-evaluation.yaml', 'corpus-batch.yaml'].map((f) => readFileSync(path.join(ROOT, 'pipelines', f)));

describe('fuzz: pipeline config', () => {
  it('random YAML, random text and mutated shipped pipelines end in a config or a UserError', async () => {
    const yamlValue = fc.anything({ maxDepth: 3, withNullPrototype: false }).map((v) => {
      try {
        return stringify(v) ?? "";
      } catch {
        return String(v);
      }
    });
    const validish = fc
      .record(
        {
          name: fc.oneof(fc.string(), fc.constant('../../etc')),
          inputs: fc.array(
            fc.record(
              {
                path: fc.string(),
                format: fc.oneof(fc.constantFrom('csv', 'jsonl', 'json', 'text', 'vtt', 'srt', 'transcript', 'xml'), fc.string()),
                dateFormat: fc.oneof(fc.string(), fc.constantFrom('%Y', '%d/%m/%Y', '%Q', '%', '%%%Y', '%Y'.repeat(1000))),
                pathPattern: fc.oneof(fc.string(), fc.constantFrom('{source}/{date}-{id}.txt', '{a', '{a}{a}', '**/**/{x}')),
                timezone: fc.oneof(fc.string(), fc.constantFrom('Europe/Berlin', '+02:00', 'Mars/Olympus')),
                delimiter: fc.string({ maxLength: 5 }),
                maxChars: fc.oneof(fc.integer(), fc.double()),
              },
              { requiredKeys: ['path'] },
            ),
            { maxLength: 3 },
          ),
          period: fc.string(),
          groups: fc.array(fc.string()),
        },
        { requiredKeys: ['name', 'inputs'] },
      )
      .map((v) => stringify(v));
    const text = fc.oneof(
      yamlValue,
      validish,
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom(...PIPELINES).chain((p) => fc.array(mutationArb, { minLength: 1, maxLength: 4 }).map((ms) => new TextDecoder().decode(mutate(p, ms)))),
    );
    const n = await fuzz('pipeline config', fc.asyncProperty(text, async (t) => onlyUserErrors(() => loadConfigText(t))));
    expect(n).toBeGreaterThan(0);
  });

  it('a YAML alias bomb is a config error, not a crash', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'name: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      '',
    ].join('\n');
    expect(() => parsePipeline(bomb, 'bomb.yaml')).toThrowError(expect.objectContaining({ code: 'E_CONFIG_YAML' }));
  });

  it('10,000 levels of nesting are a config error, not a stack overflow', () => {
    for (const t of ['['.repeat(10_000) + ']'.repeat(10_000), `name: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`]) {
      onlyUserErrors(() => parsePipeline(t, 'deep.yaml'));
    }
  });
});

const LEXICONS = ['negation-en.tsv', 'hedges-en.tsv', 'actors-sample-conflict.tsv'].map((f) => readFileSync(path.join(ROOT, 'lexicons', f)));

describe('fuzz: lexicon loader', () => {
  it('random text and mutated shipped lexicons end in a lexicon or a UserError with line numbers', async () => {
    const header = '#! id: fuzz\n#! version: 1.0.0\n#! language: en\n#! measure: dehumanization\n#! source: test\n#! license: CC0\n#! description: fuzz\n#! category: vermin\tx\nterm\tcategory\tweight\tpos\tside\tnotes\n';
    const row = fc
      .tuple(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('(a+)+$', 'aaa*', 'rat*', '<other> are rats', '.*', 'a\\b', 'v\u200bermin')),
        fc.constantFrom('vermin', 'nope', ''),
        fc.oneof(fc.constantFrom('', '0.5', '1', '2', 'NaN', '-0', '1e-400', 'Infinity'), fc.string({ maxLength: 5 })),
        fc.constantFrom('', 'noun', 'verb', 'bogus'),
        fc.constantFrom('', 'outgroup', 'left'),
      )
      .map((cells) => cells.join('\t'));
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(row, { maxLength: 10 }).map((rows) => header + rows.join('\n')),
      fc.constantFrom(...LEXICONS).chain((l) => fc.array(mutationArb, { minLength: 1, maxLength: 4 }).map((ms) => new TextDecoder().decode(mutate(l, ms)))),
    );
    const n = await fuzz(
      'lexicon',
      fc.asyncProperty(text, async (t) => {
        try {
          const lexicon = parseLexicon(t, 'fuzz.tsv');
          for (const e of lexicon.entries) expect(e.weight > 0 && e.weight <= 1).toBe(true);
        } catch (error) {
          if (!isUserError(error)) throw error;
          expect(error.code).toMatch(CODE);
          const problems = (error as { problems?: Array<{ code: string; place: { line?: number } }> }).problems ?? [];
          for (const p of problems) {
            expect(p.code).toMatch(/^E_LEX_/);
            expect(p.place.line).toBeGreaterThanOrEqual(1);
          }
        }
      }),
    );
    expect(n).toBeGreaterThan(0);
  });
});

describe('fuzz: scorer', () => {
  let scorer: Scorer;
  beforeAll(() => {
    scorer = setupScorer(['default'], [], ROOT).scorer;
  });

  it('random unicode text gets scores in [0, 1] and offsets inside the text', async () => {
    const words = fc.constantFrom('They', 'are', 'vermin', 'rats', 'not', '"', '\u201c', '\u201d', "'", '.', '!', '?', '\n\n', '\r', '\u200b', '\u202e', 'refugees', 'we', 'suffered', 'too', 'both', 'sides', ' ', '-', '\u0301', '😀', 'שלום', 'مرحبا', 'Привет');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(words, { maxLength: 120 }).map((w) => w.join(' ')),
      fc.array(words, { maxLength: 120 }).map((w) => w.join('')),
    );
    const n = await fuzz(
      'scorer',
      fc.asyncProperty(text, async (t) => {
        const result = scorer.scoreDocument('fuzz', t);
        for (const m of MEASURES) {
          expect(result.scores[m]).toBeGreaterThanOrEqual(0);
          expect(result.scores[m]).toBeLessThanOrEqual(1);
        }
        let last = 0;
        for (const s of result.sentences) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeLessThanOrEqual(t.length);
          last = s.end;
          for (const f of s.findings) {
            expect(f.start >= 0 && f.end <= t.length && f.start < f.end).toBe(true);
            expect(f.weight >= 0 && f.weight <= 1).toBe(true);
          }
        }
        expect(() => JSON.stringify(result)).not.toThrow();
      }),
      FUZZ_SCORER_RUNS,
    );
    expect(n).toBeGreaterThan(0);
  });
});

const FUZZ_SCORER_RUNS = process.env.CI ? 1500 : 1000;
