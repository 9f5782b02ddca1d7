import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARED_DATA_DIR, evaluateMendelsohn, seededSample } from '../../src/evaluation/shared-sets.js';
import { loadDefaultLexicons } from '../../src/evaluation/report.js';
import { createKeywordBaseline } from '../../src/evaluation/keyword-baseline.js';
import { createScorer } from '../../src/measures/scorer.js';
import { ruleSystem } from '../../src/evaluation/systems.js';

const folder = `${DEFAULT_SHARED_DATA_DIR}/dehum-metaphor-mendelsohn`;
const present = existsSync(folder);
if (!present) console.warn(`shared-sets test skipped: ${folder} is absent (the shared data lives beside the project, in ../shared/data)`);

describe('seededSample', () => {
  it('keeps order, repeats for a seed, and returns everything when small', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const a = seededSample(xs, 10, 's');
    expect(a).toHaveLength(10);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(seededSample(xs, 10, 's')).toEqual(a);
    expect(seededSample(xs, 200, 's')).toEqual(xs);
  });
});

describe('shared sets', () => {
  it('reports a clear skip when the folder is absent', () => {
    const r = evaluateMendelsohn([], { dataDir: '/nonexistent/shared/data' });
    expect(r.status).toBe('skipped');
    if (r.status === 'skipped') expect(r.reason).toMatch(/is absent/);
  });

  it.skipIf(!present)('Mendelsohn metaphor sample runs end to end (skipped when ../shared/data is absent)', () => {
    const { lexicons } = loadDefaultLexicons(process.cwd());
    const r = evaluateMendelsohn([ruleSystem(createScorer({ lexicons })), createKeywordBaseline(lexicons)]);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.rowsUsed).toBe(50);
    expect(r.domainRows + r.otherRows).toBe(50);
    expect(r.provenance[0]).toMatch(/^Dataset:/);
    for (const s of r.systems) {
      expect(s.report.n).toBe(50);
      expect(s.report.tp + s.report.fn).toBe(r.positives);
    }
  });
});
