/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script, no font, no URL) that a monitor
 * or evaluator can open offline or mail around. Every piece of corpus text is escaped.
 */

import { ALL_LABEL, comparisonSpec, renderSvg, seriesSpec, type ChangeMark, type ComparisonPoint, type SeriesPoint } from './charts.js';
import { html, raw, type Html } from './escape.js';
import { kwic } from './kwic.js';

/** An indicator row as the report reads it. */
export interface ReportIndicator {
  readonly groups: Readonly<Record<string, string>>;
  readonly period: string;
  readonly period_start: string | null;
  readonly indicator: string;
  readonly value: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly ci_method: string;
  readonly n_documents: number;
}

/** A change point as the report reads it. */
export interface ReportChange {
  readonly id: string;
  readonly groups: Readonly<Record<string, string>>;
  readonly indicator: string;
  readonly date: string;
  readonly period: string;
  readonly level_before: number;
  readonly level_after: number;
  readonly direction: string;
}

/** One finding behind a change point. */
export interface ReportEvidence {
  readonly changepoint: string;
  readonly document: string;
  readonly date: string | null;
  readonly category: string;
  readonly match: string;
  readonly quoted: boolean;
  readonly weight: number;
  readonly context: string;
  readonly context_offset: number;
}

/** A comparison row as the report reads it. */
export interface ReportComparison extends ComparisonPoint {
  readonly indicator: string;
  readonly design: string;
  readonly unit_of_analysis: string;
  readonly n_before: number;
  readonly n_after: number;
  readonly p_value: number | null;
  readonly test: string;
}

/** Everything the report shows. */
export interface ReportData {
  readonly title: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly groupFields: readonly string[];
  readonly period: string;
  readonly indicators: readonly ReportIndicator[];
  readonly changes: readonly ReportChange[];
  readonly evidence: readonly ReportEvidence[];
  readonly comparisons: readonly ReportComparison[];
  /** True when the pipeline compares phases (a workshop run). */
  readonly comparisonConfigured: boolean;
  readonly changepointsEnabled: boolean;
}

/** What each indicator counts: numerator over denominator, in words. */
export const INDICATOR_INFO: Record<string, { title: string; ratio: string; unit: string; explain: string }> = {
  dehumanization: {
    title: 'Dehumanization',
    ratio: 'sentences that dehumanize a human group ÷ all sentences',
    unit: 'share of sentences',
    explain: 'Language that denies a group its humanity: vermin, animals, disease, filth, "subhuman".',
  },
  dehumanization_own_voice: {
    title: 'Dehumanization in the author’s own voice',
    ratio: 'sentences whose dehumanizing words are the author’s own (not quoted) ÷ all sentences',
    unit: 'share of sentences',
    explain: 'What the outlet or speaker says itself, as opposed to reporting what others said.',
  },
  dehumanization_quoted: {
    title: 'Dehumanization in quoted speech',
    ratio: 'sentences whose dehumanizing words are quoted or reported speech ÷ all sentences',
    unit: 'share of sentences',
    explain: 'Dehumanizing words attributed to someone else ("he called them…").',
  },
  victimhood_exclusive: {
    title: 'Exclusive victimhood',
    ratio: 'sentences that claim suffering for one side only (or deny the other’s) ÷ all sentences',
    unit: 'share of sentences',
    explain: 'Competitive victimhood: "only we suffered", "their losses are exaggerated".',
  },
  victimhood_inclusive: {
    title: 'Inclusive victimhood',
    ratio: 'sentences that recognise suffering on more than one side ÷ all sentences',
    unit: 'share of sentences',
    explain: 'Shared suffering: "families on both sides lost children".',
  },
  acknowledgement: {
    title: 'Acknowledgement of the other side',
    ratio: 'sentences that acknowledge the other side’s perspective, grievances or humanity ÷ all sentences',
    unit: 'share of sentences',
    explain: 'Perspective taking, recognition of harm done, individualising the other side.',
  },
  outgroup_salience: {
    title: 'Outgroup salience',
    ratio: 'mentions of the outgroup × 1,000 ÷ word tokens',
    unit: 'mentions per 1,000 tokens',
    explain: 'How much the other side is talked about at all (only when an actor list marks sides).',
  },
  rehumanization_index: {
    title: 'Rehumanization index',
    ratio: 'sum over sentences about the other side of (acknowledgement + inclusive − dehumanization − exclusive), each clamped to [−1, 1] ÷ sentences about the other side',
    unit: 'index, −1 to 1',
    explain: 'Above 0: talk about the other side humanizes more than it dehumanizes.',
  },
};

const MAX_GROUPS = 8;

/** A readable label for a group combination. */
export function groupLabel(groups: Readonly<Record<string, string>>, fields: readonly string[]): string {
  const parts = fields.filter((f) => groups[f] !== '(all)').map((f) => ({ f, v: groups[f] === '' ? '(none)' : (groups[f] ?? '') }));
  if (parts.length === 0) return ALL_LABEL;
  if (fields.length === 1) return parts[0]!.v;
  return parts.map((p) => `${p.f}=${p.v}`).join(', ');
}

const fmt = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));

/** Builds the report. */
export async function buildReport(data: ReportData): Promise<string> {
  const m = data.manifest as Record<string, any>;
  const dated = data.indicators.filter((r) => r.period !== 'all' && r.period !== 'undated' && r.period_start);
  const indicatorNames = [...new Set(data.indicators.map((r) => r.indicator))];

  // Which groups to draw: the pooled series plus the largest groups.
  const docsByGroup = new Map<string, number>();
  for (const r of data.indicators) {
    if (r.period !== 'all' || r.indicator !== indicatorNames[0]) continue;
    docsByGroup.set(groupLabel(r.groups, data.groupFields), r.n_documents);
  }
  const allGroups = [...docsByGroup.keys()];
  const ranked = allGroups.filter((g) => g !== ALL_LABEL).sort((a, b) => (docsByGroup.get(b) ?? 0) - (docsByGroup.get(a) ?? 0) || a.localeCompare(b));
  const shownGroups = [...(docsByGroup.has(ALL_LABEL) ? [ALL_LABEL] : []), ...ranked.slice(0, MAX_GROUPS)];
  const omitted = ranked.length - Math.min(ranked.length, MAX_GROUPS);

  const charts: Html[] = [];
  for (const name of indicatorNames) {
    const info = INDICATOR_INFO[name] ?? { title: name, ratio: '', unit: 'value', explain: '' };
    const points: SeriesPoint[] = dated
      .filter((r) => r.indicator === name)
      .map((r) => ({ group: groupLabel(r.groups, data.groupFields), date: r.period_start!, value: r.value, ci_low: r.ci_low, ci_high: r.ci_high, n_documents: r.n_documents }))
      .filter((p) => shownGroups.includes(p.group));
    const marks: ChangeMark[] = data.changes
      .filter((c) => c.indicator === name)
      .map((c) => ({ group: groupLabel(c.groups, data.groupFields), date: c.date, label: `${c.direction === 'up' ? '▲' : '▼'} ${c.period}` }))
      .filter((c) => shownGroups.includes(c.group));
    const svg = points.length > 0 ? await renderSvg(seriesSpec(info.title, points, marks, shownGroups, data.period, info.unit)) : '';
    const methods = [...new Set(dated.filter((r) => r.indicator === name && r.ci_method !== 'none').map((r) => r.ci_method))];
    charts.push(html`<section class="indicator" id="ind-${name}">
<h3>${info.title}</h3>
<p class="ratio"><strong>${name}</strong> = ${info.ratio}. ${info.explain}</p>
${svg ? html`<figure class="chart">${raw(svg)}<figcaption>Line: value per ${data.period}; band: ${fmt(m.indicators?.confidence * 100, 0)} % interval (${methods.join(' / ') || 'none'}); dashed rules: change points.${omitted > 0 ? ` ${omitted} smaller group(s) not drawn; see indicators.csv.` : ''}</figcaption></figure>` : html`<p class="empty">No dated documents for this indicator.</p>`}
</section>`);
  }

  const evidenceByChange = new Map<string, ReportEvidence[]>();
  for (const e of data.evidence) evidenceByChange.set(e.changepoint, [...(evidenceByChange.get(e.changepoint) ?? []), e]);
  const changeSections = data.changes.map((c) => {
    const rows = evidenceByChange.get(c.id) ?? [];
    const title = INDICATOR_INFO[c.indicator]?.title ?? c.indicator;
    return html`<section class="change">
<h3>${title} · ${groupLabel(c.groups, data.groupFields)} · from ${c.period} ${c.direction === 'up' ? '▲' : '▼'}</h3>
<p>Level ${fmt(c.level_before)} before → ${fmt(c.level_after)} after (from ${c.date}).</p>
${
  rows.length > 0
    ? html`<div class="scroll"><table class="kwic"><colgroup><col class="c-left"><col class="c-match"><col class="c-right"><col class="c-doc"><col class="c-date"></colgroup><thead><tr><th class="left">Left context</th><th>Match</th><th>Right context</th><th>Document</th><th>Date</th></tr></thead><tbody>
${rows.map((e) => {
  const k = kwic(e.context, e.context_offset, e.match);
  return html`<tr><td class="left">${k.left}</td><td class="match"><mark title="${e.category}${e.quoted ? ' (quoted)' : ''}, weight ${fmt(e.weight, 2)}">${k.match}</mark></td><td class="right">${k.right}</td><td class="doc">${e.document}</td><td class="date">${e.date ?? ''}</td></tr>\n`;
})}</tbody></table></div>`
    : html`<p class="empty">No findings with positive weight in this segment (the indicator may be a composite, or the change is a drop to none).</p>`
}
</section>`;
  });

  let comparisonSection: Html = html``;
  if (data.comparisonConfigured) {
    const byIndicator = [...new Set(data.comparisons.map((c) => c.indicator))];
    const parts: Html[] = [];
    for (const name of byIndicator) {
      const rows = data.comparisons.filter((c) => c.indicator === name);
      const ordered = [...rows.filter((r) => r.scope === 'overall'), ...rows.filter((r) => r.scope !== 'overall').sort((a, b) => a.scope.localeCompare(b.scope))];
      const info = INDICATOR_INFO[name] ?? { title: name, unit: 'value' };
      const svg = await renderSvg(comparisonSpec(`${info.title}: after − before`, ordered, `change in ${info.unit}`));
      const overall = rows.find((r) => r.scope === 'overall');
      parts.push(html`<section class="comparison" id="cmp-${name}">
<h3>${info.title}</h3>
${overall ? html`<p>Overall (${overall.design}, ${overall.unit_of_analysis}): ${fmt(overall.value_before)} before → ${fmt(overall.value_after)} after; change ${fmt(overall.difference)} [${fmt(overall.ci_low)}, ${fmt(overall.ci_high)}], p = ${fmt(overall.p_value)} (${overall.test}).</p>` : ''}
<figure class="chart">${raw(svg)}<figcaption>Dot: change after − before; bar: its interval. Black: all participants; blue: each participant’s own turns before against after.</figcaption></figure>
</section>`);
    }
    comparisonSection = html`<section id="comparisons"><h2>Before and after</h2>
<p class="note">For each participant, the indicator over their turns after the workshop minus over their turns before; overall, the same participants paired (mean of their changes) when they appear in both phases. Intervals are percentile bootstrap intervals (participants resampled for the overall row, turns for each participant); p values come from a sign-flip or label-shuffle permutation test. A dot whose bar crosses the dashed zero line is a change the data cannot tell apart from none.</p>
${parts.length > 0 ? parts : html`<p class="empty">No comparison rows: no documents matched the before/after values of the comparison field.</p>`}
</section>`;
  }

  const counts = (m.counts ?? {}) as Record<string, unknown>;
  const store = (m.store ?? {}) as Record<string, unknown>;
  const lexicons = (m.lexicons ?? []) as Array<Record<string, unknown>>;
  const inputs = (m.inputs ?? []) as Array<Record<string, unknown>>;
  const short = (s: unknown): string => (typeof s === 'string' ? s.slice(0, 12) : '');
  const manifestSection = html`<section id="manifest"><h2>Run manifest</h2>
<p class="note">What produced these numbers, so they can be reproduced. The full manifest is manifest.json next to this file; every run is also kept in the store's <code>runs</code> table.</p>
<table class="kv"><tbody>
<tr><th>Tool</th><td>${m.tool}</td></tr>
<tr><th>Run</th><td>${m.run_id}</td></tr>
<tr><th>Pipeline</th><td>${m.pipeline?.name} (${m.pipeline?.file})</td></tr>
<tr><th>Config hash</th><td><code>${m.pipeline?.config_hash}</code>${m.pipeline?.previous_config_hash && m.pipeline?.previous_config_hash !== m.pipeline?.config_hash ? html` (previous run: <code>${m.pipeline.previous_config_hash}</code>)` : ''}</td></tr>
<tr><th>Scorer version</th><td><code>${m.scorer?.version}</code>${m.scorer?.changed ? html` (changed from <code>${m.scorer.previous_version}</code>: stored documents were rescored)` : ''}</td></tr>
<tr><th>Models</th><td>${Array.isArray(m.models) && m.models.length > 0 ? (m.models as string[]).join(', ') : 'none (rules only)'}</td></tr>
<tr><th>Period, groups</th><td>${m.indicators?.period}; ${(m.indicators?.groups ?? []).join(', ') || 'none'}</td></tr>
<tr><th>Started, finished</th><td>${m.started_at} – ${m.finished_at}</td></tr>
</tbody></table>
<h3>Counts</h3>
<table class="kv"><tbody>
<tr><th>Records read this run</th><td>${counts.read}</td></tr>
<tr><th>Scored (new or changed)</th><td>${counts.scored}</td></tr>
<tr><th>Skipped (already stored)</th><td>${counts.skipped}</td></tr>
<tr><th>Rejected</th><td>${counts.rejected}</td></tr>
<tr><th>Duplicates</th><td>${counts.duplicates}</td></tr>
<tr><th>Balanced (read = scored + skipped + rejected + duplicates)</th><td>${counts.balanced ? 'yes' : 'NO'}</td></tr>
<tr><th>Documents in the store (behind every chart)</th><td>${store.documents}</td></tr>
<tr><th>Sentences in the store</th><td>${store.sentences}</td></tr>
</tbody></table>
<h3>Lexicons</h3>
<div class="scroll"><table><thead><tr><th>Id</th><th>Version</th><th>Measure</th><th>Entries</th><th>sha256</th></tr></thead><tbody>
${lexicons.map((l) => html`<tr><td>${l.id}</td><td>${l.version}</td><td>${l.measure}</td><td class="num">${l.entries}</td><td><code title="${l.sha256}">${short(l.sha256)}</code></td></tr>\n`)}
</tbody></table></div>
<h3>Inputs</h3>
<div class="scroll"><table><thead><tr><th>File</th><th>Bytes</th><th>sha256</th></tr></thead><tbody>
${inputs.map((i) => html`<tr><td>${i.path}</td><td class="num">${i.bytes}</td><td><code title="${i.sha256}">${short(i.sha256)}</code></td></tr>\n`)}
</tbody></table></div>
</section>`;

  const toc = html`<nav><ul>
<li><a href="#indicators">Indicators over time</a></li>
${data.changepointsEnabled ? html`<li><a href="#changes">Change points and their evidence</a> (${data.changes.length})</li>` : ''}
${data.comparisonConfigured ? html`<li><a href="#comparisons">Before and after</a></li>` : ''}
<li><a href="#manifest">Run manifest</a></li>
</ul></nav>`;

  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${data.title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header>
<h1>${data.title}</h1>
<p class="lead">${m.pipeline?.name ? html`Pipeline <strong>${m.pipeline.name}</strong>, ` : ''}${store.documents} documents in the store, indicators per ${data.period}${data.groupFields.length > 0 ? ` and ${data.groupFields.join(', ')}` : ''}. Made by ${m.tool} on ${String(m.finished_at ?? '').slice(0, 10)}.</p>
${toc}
</header>
<main>
<section id="indicators"><h2>Indicators over time</h2>
<p class="note"><strong>How to read the charts.</strong> Each sentence gets a score from 0 to 1 per measure; a sentence counts as showing a measure at 0.5 or more. An indicator pools a group's sentences in a period: its numerator over its denominator, as explained above each chart. <strong>Intervals</strong> (the bands): ${m.indicators?.intervals ?? ''} Confidence ${fmt((m.indicators?.confidence ?? 0.95) * 100, 0)} %, ${m.indicators?.bootstrap_resamples ?? ''} resamples, seed ${m.indicators?.seed ?? ''}. Empty periods are gaps, not zeros.</p>
${charts}
</section>
${
  data.changepointsEnabled
    ? html`<section id="changes"><h2>Change points and their evidence</h2>
<p class="note">A change point is where a series shifts to a new level (penalised segmentation on the counts behind each period). Below each, the strongest findings in the group's documents from the change to the end of the new segment, as keyword in context: the words that matched, highlighted, with the text around them.</p>
${changeSections.length > 0 ? changeSections : html`<p class="empty">No change points were found.</p>`}
</section>`
    : ''
}
${comparisonSection}
${manifestSection}
</main>
</body>
</html>
`;
  return page.value;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d1d1f; background: #fff; margin: 0; line-height: 1.45; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid #e5e5e5; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid #1d1d1f; }
h3 { font-size: 1.05rem; margin: 24px 0 4px; }
p.lead { color: #444; margin: 0 0 8px; }
p.note { color: #444; font-size: 0.92rem; background: #f6f6f4; padding: 10px 14px; border-radius: 6px; }
p.ratio { font-size: 0.92rem; color: #333; margin: 2px 0 6px; }
p.empty { color: #777; font-style: italic; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 16px; }
nav a { color: #0b57a4; }
figure.chart { margin: 0; overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.82rem; color: #555; margin-top: 2px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.88rem; margin: 6px 0 12px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e8e8e8; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #ccc; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.kv th { font-weight: 600; color: #333; width: 40%; }
table.kwic { width: 100%; table-layout: fixed; }
table.kwic col.c-left { width: 33%; } table.kwic col.c-match { width: 17%; } table.kwic col.c-right { width: 28%; }
table.kwic col.c-doc { width: 11%; } table.kwic col.c-date { width: 11%; }
table.kwic td.date { white-space: nowrap; }
table.kwic th.left, table.kwic td.left { text-align: right; }
table.kwic td.left, table.kwic td.right { color: #444; }
table.kwic td.match { text-align: center; }
table.kwic td.doc, table.kwic td.date { font-size: 0.8rem; color: #555; word-break: break-all; }
mark { background: #ffe08a; padding: 0 2px; border-radius: 2px; font-weight: 600; }
code { font-size: 0.85em; }
@media print { h2 { break-before: page; } figure.chart { break-inside: avoid; } }
`;
