import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportData } from '../../src/report/html.js';
import { escapeHtml } from '../../src/report/escape.js';
import { kwic } from '../../src/report/kwic.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { load, sampleWorkspace } from '../store/helpers.js';

const EVIL = '<script>alert("x")</script>';

function data(overrides: Partial<ReportData> = {}): ReportData {
  const indicators = ['dehumanization', 'acknowledgement'].flatMap((indicator) =>
    ['2025-01', '2025-02', '2025-03'].flatMap((period, i) =>
      ['(all)', EVIL].map((source) => ({
        groups: { source },
        period,
        period_start: `${period}-01`,
        indicator,
        value: 0.1 * (i + 1),
        ci_low: 0.05 * (i + 1),
        ci_high: 0.15 * (i + 1),
        ci_method: 'bootstrap',
        n_documents: 4,
      })),
    ),
  );
  const all = ['(all)', EVIL].flatMap((source) =>
    ['dehumanization', 'acknowledgement'].map((indicator) => ({ groups: { source }, period: 'all', period_start: '2025-01-01', indicator, value: 0.2, ci_low: 0.1, ci_high: 0.3, ci_method: 'bootstrap', n_documents: 12 })),
  );
  return {
    title: `report of ${EVIL}`,
    manifest: { tool: 'rehumanize@test', run_id: 'r1', pipeline: { name: EVIL, config_hash: 'abc' }, counts: { read: 3, scored: 3, skipped: 0, rejected: 0, duplicates: 0, balanced: true }, store: { documents: 3, sentences: 9 }, lexicons: [{ id: 'dehumanization-en', version: '1.0.0', measure: 'dehumanization', entries: 3, sha256: 'f'.repeat(64) }], inputs: [{ path: `${EVIL}.csv`, bytes: 10, sha256: 'e'.repeat(64) }], indicators: { confidence: 0.95, intervals: 'Cluster bootstrap.', bootstrap_resamples: 200, seed: 1 } },
    groupFields: ['source'],
    period: 'month',
    indicators: [...indicators, ...all],
    changes: [{ id: 'c1', groups: { source: EVIL }, indicator: 'dehumanization', date: '2025-02-01', period: '2025-02', level_before: 0.1, level_after: 0.3, direction: 'up' }],
    evidence: [
      { changepoint: 'c1', document: `doc-${EVIL}`, date: '2025-02-03', category: 'vermin', match: 'vermin', quoted: false, weight: 1, context: `Before ${EVIL} they are vermin & worse`, context_offset: `Before ${EVIL} they are `.length },
    ],
    comparisons: [],
    comparisonConfigured: false,
    changepointsEnabled: true,
    ...overrides,
  };
}

describe('the HTML report', () => {
  it('escapes corpus text everywhere: tables, charts, titles', async () => {
    const page = await buildReport(data());
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // The group name also reaches the SVG legend, escaped by vega.
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.some((s) => s.includes('&lt;script&gt;'))).toBe(true);
    expect(escapeHtml(`a"b'c<d>&`)).toBe('a&quot;b&#39;c&lt;d&gt;&amp;');
  });

  it('has an SVG per indicator, a KWIC table per change point, the manifest, and no URL or script', async () => {
    const page = await buildReport(data());
    expect((page.match(/<section class="indicator"/g) ?? []).length).toBe(2);
    expect((page.match(/<figure class="chart"><svg/g) ?? []).length).toBe(2);
    expect(page).toMatch(/<table class="kwic">[\s\S]*<mark[^>]*>vermin<\/mark>/);
    expect(page).toMatch(/<td class="left">Before &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; they are <\/td>/);
    expect(page).toContain('<td class="right"> &amp; worse</td>');
    expect(page).toContain('id="manifest"');
    expect(page).toContain('dehumanization-en');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<(script|link|iframe|img)\b/i);
    expect(page).toContain("default-src 'none'");
  });

  it('draws a pre/post chart per compared indicator for workshop runs', async () => {
    const comparisons = ['overall', 'Ana', EVIL].map((scope, i) => ({
      scope,
      indicator: 'acknowledgement',
      design: scope === 'overall' ? 'paired' : 'unpaired',
      unit_of_analysis: 'speaker',
      n_before: 3,
      n_after: 3,
      value_before: 0.1,
      value_after: 0.2 + i / 10,
      difference: 0.1 + i / 10,
      ci_low: 0.02,
      ci_high: 0.3,
      p_value: 0.04,
      test: 'sign-flip',
    }));
    const page = await buildReport(data({ comparisons, comparisonConfigured: true }));
    expect(page).toContain('id="comparisons"');
    expect((page.match(/<section class="comparison"/g) ?? []).length).toBe(1);
    expect(page).toMatch(/id="cmp-acknowledgement"[\s\S]*?<svg/);
    expect(page).not.toContain('<script');
  });

  it('cuts keyword-in-context at word boundaries', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty vermin alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma';
    const k = kwic(text, text.indexOf('vermin'), 'vermin', 40);
    expect(k.match).toBe('vermin');
    expect(k.left.startsWith('…')).toBe(true);
    expect(k.left.endsWith('twenty ')).toBe(true);
    expect(k.right.endsWith('…')).toBe(true);
    expect(kwic('short', 99, 'x')).toEqual({ left: '', match: 'x', right: '' });
  });

  it('a sample run writes report.html with a chart per indicator and evidence for its change points', async () => {
    const ws = sampleWorkspace();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(ws.csv, `EVIL-1,2025-07-04,Veloria Daily Herald,${'"<script>alert(1)</script>'} title","They are vermin. <script>alert(1)</script> They are vermin and rats."\n`);
    const summary = await runPipeline(load(ws.pipeline), { outDir: ws.out });
    const page = readFileSync(join(ws.out, 'report.html'), 'utf8');
    const indicators = new Set(readFileSync(join(ws.out, 'indicators.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').at(-9)));
    expect((page.match(/<figure class="chart"><svg/g) ?? []).length).toBe(indicators.size);
    expect(summary.changePoints).toBeGreaterThan(0);
    expect((page.match(/<section class="change">/g) ?? []).length).toBe(summary.changePoints);
    expect(page).toContain('<table class="kwic">');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\//);
  });
});
