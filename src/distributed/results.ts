/**
 * What a run computes from contributions, and how the results leave as files, shared by `rehumanize aggregate`
 * (contributions from scored shards or partial aggregates) and the queue coordinator. The computation is the
 * one the local run does (computeIndicators, detectIndicatorChanges, compareIndicators with the pipeline's
 * settings), and the files are exported through a store exactly as the local run exports them, so the same
 * contributions give byte-identical indicators.csv, changepoints.csv and comparisons.csv wherever they were
 * scored.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectIndicatorChanges, type ChangePointRow } from '../aggregate/changes.js';
import { compareIndicators, type ComparisonRow } from '../aggregate/comparisons.js';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { computeIndicators, type IndicatorRow } from '../aggregate/indicators.js';
import { periodOf, type PeriodUnit } from '../aggregate/stats/periods.js';
import type { PipelineConfig } from '../pipeline/config.js';
import { OUTPUT_FILES } from '../pipeline/outputs.js';
import { MEASURE_OF_INDICATOR } from '../store/evidence.js';
import { copyTo, EVIDENCE_SELECT, exportQuery } from '../store/export.js';
import { replaceResults, type EvidenceRow } from '../store/results.js';
import { Store } from '../store/store.js';

/**
 * The metadata fields a document's contribution keeps: grouping fields, then the comparison field and unit.
 * The same list, in the same order, as the local run reads back from its store.
 */
export function attributeFieldsOf(config: PipelineConfig): string[] {
  return [...new Set([...config.groups, ...(config.comparison ? [config.comparison.field, config.comparison.unit ?? ''] : [])])].filter(Boolean);
}

/** Indicators, change points and comparisons of a set of contributions. */
export interface ComputedResults {
  readonly indicators: IndicatorRow[];
  readonly changes: ChangePointRow[];
  readonly comparisons: ComparisonRow[];
}

/** Computes what the local run computes from its stored contributions, with the pipeline's settings. */
export function computeResults(config: PipelineConfig, contributions: readonly DocumentContribution[], sidesConfigured: boolean): ComputedResults {
  const indicators = computeIndicators(contributions, {
    period: config.period,
    groupFields: config.groups,
    confidence: config.indicators.confidence,
    bootstrap: config.indicators.bootstrap,
    seed: config.indicators.seed,
    smoothing: config.indicators.smoothing,
    sidesConfigured,
  });
  const changes = config.changepoints.enabled ? detectIndicatorChanges(indicators, config.changepoints) : [];
  let comparisons: ComparisonRow[] = [];
  if (config.comparison) {
    const c = config.comparison;
    comparisons = compareIndicators(contributions, {
      field: c.field,
      before: typeof c.before === 'string' ? [c.before] : c.before,
      after: typeof c.after === 'string' ? [c.after] : c.after,
      unit: c.unit,
      confidence: config.indicators.confidence,
      bootstrap: config.indicators.bootstrap,
      seed: config.indicators.seed,
    });
  }
  return { indicators, changes, comparisons };
}

/** A finding as scored output carries it, with its document's id and date, for change point evidence. */
export interface EvidenceFinding {
  readonly document: string;
  readonly date: string | null;
  readonly sentence: number;
  /** Position of the finding in its sentence, to keep the store's order. */
  readonly seq: number;
  readonly measure: string;
  readonly category: string;
  readonly rule: string;
  readonly match: string;
  readonly target: string | null;
  readonly quoted: boolean;
  readonly weight: number;
  readonly context: string;
  readonly context_offset: number;
}

/**
 * The evidence behind each change point from findings held in memory: the same selection as the store's
 * collectEvidence (positive weight, dated documents, the indicator's measure, the group, the new segment,
 * strongest first), over findings in the store's order (document id, sentence, position).
 */
export function evidenceFromFindings(
  changes: readonly ChangePointRow[],
  contributions: readonly DocumentContribution[],
  findings: readonly EvidenceFinding[],
  options: { groups: readonly string[]; period: PeriodUnit; limit: number },
): EvidenceRow[] {
  if (changes.length === 0 || options.limit === 0) return [];
  const docById = new Map(contributions.map((c) => [c.id, c]));
  const ordered = findings
    .filter((f) => f.weight > 0 && f.date)
    .sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.sentence - b.sentence || a.seq - b.seq));
  const best = new Map<string, EvidenceFinding[]>();
  for (const f of ordered) {
    const doc = docById.get(f.document);
    if (!doc || !f.date) continue;
    const day = dayOf(f.date, options.period);
    if (!day) continue;
    for (const change of changes) {
      const measure = MEASURE_OF_INDICATOR[change.indicator];
      if (measure && measure !== f.measure) continue;
      if (change.indicator === 'dehumanization_own_voice' && f.quoted) continue;
      if (change.indicator === 'dehumanization_quoted' && !f.quoted) continue;
      if (!options.groups.every((g) => change.groups[g] === '(all)' || change.groups[g] === doc.groups[g])) continue;
      if (day < change.date || day > change.segment_end) continue;
      const list = best.get(change.id) ?? [];
      list.push(f);
      list.sort((a, b) => b.weight - a.weight);
      if (list.length > options.limit) list.length = options.limit;
      best.set(change.id, list);
    }
  }
  const out: EvidenceRow[] = [];
  for (const change of changes) {
    for (const f of best.get(change.id) ?? []) {
      out.push({
        changepoint: change.id,
        indicator: change.indicator,
        document: f.document,
        date: f.date,
        measure: f.measure,
        category: f.category,
        rule: f.rule,
        match: f.match,
        target: f.target,
        quoted: f.quoted,
        weight: f.weight,
        context: f.context,
        context_offset: f.context_offset,
      });
    }
  }
  return out;
}

function dayOf(date: string, period: PeriodUnit): string | null {
  try {
    return periodOf(date, 'day')?.start ?? periodOf(date, period)?.start ?? null;
  } catch {
    return null;
  }
}

/**
 * Writes indicators.csv, changepoints.csv, comparisons.csv (when the pipeline compares) and, when evidence is
 * given, changepoint-evidence.jsonl, through a throw-away store so every number is formatted as the local
 * run formats it. Returns the file names written.
 */
export async function writeResultFiles(
  outDir: string,
  config: PipelineConfig,
  results: ComputedResults,
  evidence: readonly EvidenceRow[] | null,
): Promise<string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'rehumanize-aggregate-'));
  const store = await Store.open(join(scratch, 'results.duckdb'));
  try {
    const runId = `aggregate-${randomBytes(4).toString('hex')}`;
    await replaceResults(store, runId, { indicators: results.indicators, changes: results.changes, evidence: evidence ?? [], comparisons: results.comparisons });
    const files: Array<[string, string, 'csv' | 'jsonl']> = [
      [OUTPUT_FILES.indicators, await exportQuery(store, 'indicators', 'csv', {}, config.groups), 'csv'],
      [OUTPUT_FILES.changepoints, await exportQuery(store, 'changepoints', 'csv', {}, config.groups), 'csv'],
    ];
    if (evidence) files.push([OUTPUT_FILES.changepointEvidence, EVIDENCE_SELECT, 'jsonl']);
    if (config.comparison) files.push([OUTPUT_FILES.comparisons, await exportQuery(store, 'comparisons', 'csv'), 'csv']);
    for (const [name, select, format] of files) {
      const temp = join(outDir, `.${name}.${process.pid}.tmp`);
      try {
        await copyTo(store, select, temp, format);
        renameSync(temp, join(outDir, name));
      } finally {
        rmSync(temp, { force: true });
      }
    }
    return files.map(([name]) => name);
  } finally {
    store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
