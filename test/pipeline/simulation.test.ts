/**
 * Simulation through the real pipeline: corpora with planted trends are written as JSONL, run end to end
 * (readers, scorer, store, indicators, change points, comparisons), and the outputs must find what was
 * planted and nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/aggregate/stats/rng.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { tempDir } from '../cli/helpers.js';

const DEHUMANIZING = [
  'The migrants are vermin.',
  'Those refugees are a plague on our towns.',
  'They breed like rats in the camps.',
  'Foreigners are swarming across the border.',
  'These people are animals.',
];
const NEUTRAL = [
  'The council met on Tuesday to discuss the budget.',
  'Rain is expected in the north by the weekend.',
  'The new bridge opened to traffic in the morning.',
  'Officials said the school would reopen next month.',
  'Prices at the market rose slightly this week.',
  'Rats spread through the old grain store.',
];
const ACKNOWLEDGING = ['I understand why they are afraid of us.', 'Their grief is real.', 'We must admit that our soldiers burned their villages.'];
const HOSTILE = ['They brought it on themselves.', 'Their so-called suffering is staged for the cameras.'];

/** ISO date of the Monday of week `w` (0-based) from 2025-01-06. */
function weekDate(w: number, day = 0): string {
  return new Date(Date.UTC(2025, 0, 6 + w * 7 + day)).toISOString().slice(0, 10);
}

describe('planted trends through the real pipeline', () => {
  const dir = tempDir('rehumanize-sim-');
  const weeks = 30;
  const stepWeek = 15;
  let changes: Array<Record<string, string>> = [];
  let comparisons: Array<Record<string, string>> = [];

  beforeAll(async () => {
    const rng = createRng('planted-trends');
    const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)]!;
    const lines: string[] = [];
    const rate = (outlet: string, w: number): number =>
      outlet === 'Step Gazette' ? (w < stepWeek ? 0.02 : 0.2) : outlet === 'Rising Courier' ? 0.01 + (0.2 * w) / (weeks - 1) : 0.05;
    let id = 0;
    for (const outlet of ['Step Gazette', 'Rising Courier', 'Flat Tribune']) {
      for (let w = 0; w < weeks; w++) {
        for (let d = 0; d < 8; d++) {
          const sentences = Array.from({ length: 6 }, () => (rng.next() < rate(outlet, w) ? pick(DEHUMANIZING) : pick(NEUTRAL)));
          lines.push(JSON.stringify({ id: `n${id++}`, date: weekDate(w, d % 5), outlet, text: sentences.join(' ') }));
        }
      }
    }
    // Workshop: 12 participants, 30 turns before and after; the first six shift toward acknowledgement.
    for (let p = 0; p < 12; p++) {
      const shifts = p < 6;
      for (const phase of ['pre', 'post']) {
        for (let t = 0; t < 30; t++) {
          const ack = phase === 'post' && shifts ? 0.6 : 0.1;
          const hostile = phase === 'pre' || !shifts ? 0.3 : 0.05;
          const r = rng.next();
          const text = r < ack ? pick(ACKNOWLEDGING) : r < ack + hostile ? pick(HOSTILE) : pick(NEUTRAL);
          lines.push(JSON.stringify({ id: `w${id++}`, date: phase === 'pre' ? '2025-03-01' : '2025-05-01', outlet: 'workshop', participant: `P${String(p).padStart(2, '0')}`, phase, text }));
        }
      }
    }
    writeFileSync(join(dir, 'corpus.jsonl'), `${lines.join('\n')}\n`);
    const news = parsePipeline(
      'name: sim-news\ninputs:\n  - path: corpus.jsonl\n    fields: { source: outlet }\nperiod: week\ngroups: [source]\nindicators: { bootstrap: 200 }\n',
      join(dir, 'news.yaml'),
    );
    await runPipeline(news, { outDir: join(dir, 'news') });
    changes = parse(readFileSync(join(dir, 'news', 'changepoints.csv')), { columns: true });
    const workshop = parsePipeline(
      'name: sim-workshop\ninputs:\n  - path: corpus.jsonl\nperiod: month\ngroups: [phase]\nindicators: { bootstrap: 500 }\nchangepoints: { enabled: false }\ncomparison: { field: phase, before: pre, after: post, unit: participant }\n',
      join(dir, 'workshop.yaml'),
    );
    await runPipeline(workshop, { outDir: join(dir, 'workshop') });
    comparisons = parse(readFileSync(join(dir, 'workshop', 'comparisons.csv')), { columns: true });
  }, 300_000);

  it('finds the step in the stepping outlet within one week of the truth', () => {
    const step = changes.filter((c) => c.source === 'Step Gazette' && c.indicator === 'dehumanization');
    expect(step.length, JSON.stringify(step)).toBeGreaterThanOrEqual(1);
    const truth = weekDate(stepWeek);
    const nearest = step.map((c) => Math.abs(Date.parse(c.date!) - Date.parse(truth)) / 86_400_000).sort((a, b) => a - b)[0]!;
    expect(nearest).toBeLessThanOrEqual(7);
    expect(step.find((c) => c.date === truth || Math.abs(Date.parse(c.date!) - Date.parse(truth)) <= 7 * 86_400_000)!.direction).toBe('up');
  });

  it('gives the rising outlet only upward changes', () => {
    const rising = changes.filter((c) => c.source === 'Rising Courier' && c.indicator === 'dehumanization');
    expect(rising.length).toBeGreaterThanOrEqual(1);
    for (const c of rising) expect(c.direction).toBe('up');
  });

  it('raises no alert for the flat outlet', () => {
    expect(changes.filter((c) => c.source === 'Flat Tribune')).toEqual([]);
  });

  it('detects the participants who shifted and not the others', () => {
    const ack = comparisons.filter((c) => c.indicator === 'acknowledgement' && c.scope !== 'overall');
    expect(ack).toHaveLength(12);
    for (const row of ack) {
      const shifted = Number(row.scope!.slice(1)) < 6;
      if (shifted) {
        expect(Number(row.difference), row.scope).toBeGreaterThan(0);
        expect(Number(row.p_value), row.scope).toBeLessThan(0.05);
      } else {
        expect(Number(row.p_value), row.scope).toBeGreaterThanOrEqual(0.05);
      }
    }
    const overall = comparisons.find((c) => c.indicator === 'acknowledgement' && c.scope === 'overall')!;
    expect(overall.design).toBe('paired');
    expect(Number(overall.n_pairs)).toBe(12);
    expect(Number(overall.difference)).toBeGreaterThan(0);
  });
});
