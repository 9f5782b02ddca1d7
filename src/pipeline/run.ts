/**
 * The main job: read a pipeline's inputs, score every document, and write documents, findings, rejects,
 * indicators, change points, comparisons and a manifest into the output folder.
 *
 * Accounting is strict: every record read is scored, rejected or counted as a duplicate, and the manifest
 * and summary show read = scored + rejected + duplicates.
 */

import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { DocumentResult, Finding, InputDocument, MeasureName, RejectRecord } from '../core/types.js';
import { MEASURES } from '../core/types.js';
import { detectIndicatorChanges, type ChangePointRow } from '../aggregate/changes.js';
import { compareIndicators, type ComparisonRow } from '../aggregate/comparisons.js';
import { contributionOf, type DocumentContribution } from '../aggregate/contribution.js';
import { computeIndicators, type IndicatorRow } from '../aggregate/indicators.js';
import { periodOf } from '../aggregate/stats/periods.js';
import { describeInputFiles, readInputs } from '../readers/read-inputs.js';
import type { PipelineConfig } from './config.js';
import { csvLine } from './csv-format.js';
import { LineWriter, OUTPUT_FILES, openOutput, prepareOutputDir } from './outputs.js';
import { setupScorer } from './scorer-setup.js';
import { TOOL_VERSION } from './version.js';

/** Options of a run beyond the pipeline file. */
export interface RunOptions {
  /** Output folder; overrides the pipeline's `output.dir`. */
  readonly outDir?: string;
  /** Stop at the first bad record. */
  readonly strict?: boolean;
  /** Called with a line of progress now and then. */
  readonly onProgress?: (documents: number, bytes: number) => void;
}

/** What a run did, for the summary and the exit code. */
export interface RunSummary {
  readonly outDir: string;
  readonly read: number;
  readonly scored: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly sentences: number;
  readonly indicatorRows: number;
  readonly changePoints: number;
  readonly comparisons: number;
  readonly files: readonly string[];
}

/** Runs a pipeline end to end. */
export async function runPipeline(config: PipelineConfig, options: RunOptions = {}): Promise<RunSummary> {
  const startedAt = new Date();
  const outDir = prepareOutputDir(options.outDir ?? join(process.cwd(), config.output.dir === 'out' ? join('out', config.name) : config.output.dir));
  const { scorer, lexicons, sidesConfigured } = setupScorer(config.lexicons, config.actors, config.baseDir);
  const attributeFields = [...new Set([...config.groups, ...(config.comparison ? [config.comparison.field, config.comparison.unit ?? ''] : [])])].filter(Boolean);
  const metadataFields = collectMetadataFields(config, attributeFields);

  const documents = openOutput(outDir, OUTPUT_FILES.documents);
  const findings = openOutput(outDir, OUTPUT_FILES.findings);
  const rejects = openOutput(outDir, OUTPUT_FILES.rejects);
  const duplicates = openOutput(outDir, OUTPUT_FILES.duplicates);
  await documents.write(csvLine(['id', 'file', 'line', 'date', ...metadataFields, 'sentences', 'tokens', ...MEASURES.map((m) => `${m}_sentences`), 'dehumanization_own_voice_sentences', 'dehumanization_quoted_sentences', ...MEASURES.map((m) => `${m}_max`)]));

  const contributions: DocumentContribution[] = [];
  let read = 0;
  let scored = 0;
  let rejected = 0;
  let duplicateCount = 0;
  let sentences = 0;
  let bytes = 0;
  for await (const event of readInputs(config.inputs, { baseDir: config.baseDir, strict: options.strict ?? config.strict, onBytes: (n) => (bytes += n) })) {
    read++;
    if (event.kind === 'reject') {
      rejected++;
      await rejects.write(`${JSON.stringify(event.reject)}\n`);
      continue;
    }
    if (event.kind === 'duplicate') {
      duplicateCount++;
      await duplicates.write(`${JSON.stringify({ id: event.id, duplicate_of: event.duplicateOf, ...event.origin })}\n`);
      continue;
    }
    const doc = event.document;
    const result = scorer.scoreDocument(doc.id, doc.text);
    scored++;
    sentences += result.sentences.length;
    const contribution = contributionOf(result, doc, attributeFields, sidesConfigured);
    contributions.push(contribution);
    await documents.write(documentRow(doc, result, contribution, metadataFields));
    await writeFindings(findings, doc, result);
    if (options.onProgress && scored % 500 === 0) options.onProgress(scored, bytes);
  }
  await Promise.all([documents.close(), findings.close(), rejects.close(), duplicates.close()]);

  const indicatorRows = computeIndicators(contributions, {
    period: config.period,
    groupFields: config.groups,
    confidence: config.indicators.confidence,
    bootstrap: config.indicators.bootstrap,
    seed: config.indicators.seed,
    smoothing: config.indicators.smoothing,
    sidesConfigured,
  });
  await writeIndicators(join(outDir, OUTPUT_FILES.indicators), indicatorRows, config.groups);

  const changes = config.changepoints.enabled ? detectIndicatorChanges(indicatorRows, config.changepoints) : [];
  await writeChangePoints(join(outDir, OUTPUT_FILES.changepoints), changes, config.groups);
  await writeChangeEvidence(outDir, changes, contributions, config);

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
    await writeComparisons(join(outDir, OUTPUT_FILES.comparisons), comparisons);
  }

  const manifest = {
    tool: TOOL_VERSION,
    pipeline: { name: config.name, file: config.file, config_hash: config.configHash },
    lexicons: lexicons.map((l) => ({ id: l.info.id, version: l.info.version, measure: l.info.measure, sha256: l.info.sha256, file: l.info.file, entries: l.entries.length })),
    inputs: await describeInputFiles(config.inputs, config.baseDir),
    counts: { read, scored, rejected, duplicates: duplicateCount, sentences, balanced: read === scored + rejected + duplicateCount },
    indicators: {
      period: config.period,
      groups: config.groups,
      confidence: config.indicators.confidence,
      intervals:
        'Wilson score interval where each document contributes one sentence (sentences are then independent units); otherwise a percentile cluster bootstrap that resamples whole documents, because sentences of one document are not independent. The ci_method column of indicators.csv says which was used for each row.',
      bootstrap_resamples: config.indicators.bootstrap,
      seed: config.indicators.seed,
      smoothing: config.indicators.smoothing,
      sides_configured: sidesConfigured,
      rows: indicatorRows.length,
    },
    changepoints: { ...config.changepoints, found: changes.length },
    comparison: config.comparison ?? null,
    outputs: Object.values(OUTPUT_FILES).filter((f) => f !== OUTPUT_FILES.comparisons || config.comparison),
    started_at: startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    node: process.version,
  };
  await writeFile(join(outDir, OUTPUT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);

  return {
    outDir,
    read,
    scored,
    rejected,
    duplicates: duplicateCount,
    sentences,
    indicatorRows: indicatorRows.length,
    changePoints: changes.length,
    comparisons: comparisons.length,
    files: manifest.outputs,
  };
}

/** Metadata columns of documents.csv: the fields the inputs map, plus grouping and comparison fields. */
function collectMetadataFields(config: PipelineConfig, attributeFields: readonly string[]): string[] {
  const names = new Set<string>();
  for (const input of config.inputs) {
    for (const key of Object.keys(input.fields ?? {})) if (key !== 'text' && key !== 'id' && key !== 'date') names.add(key);
    for (const key of Object.keys(input.defaults ?? {})) names.add(key);
  }
  for (const f of attributeFields) names.add(f);
  return [...names];
}

function documentRow(doc: InputDocument, result: DocumentResult, c: DocumentContribution, metadataFields: readonly string[]): string {
  return csvLine([
    doc.id,
    doc.origin.file,
    doc.origin.line ?? doc.origin.index ?? '',
    doc.date ?? '',
    ...metadataFields.map((f) => doc.fields[f] ?? ''),
    result.sentences.length,
    result.tokens,
    ...MEASURES.map((m) => result.counts[m]),
    c.dehumanization_own_voice,
    c.dehumanization_quoted,
    ...MEASURES.map((m) => result.scores[m]),
  ]);
}

async function writeFindings(out: LineWriter, doc: InputDocument, result: DocumentResult): Promise<void> {
  for (const s of result.sentences) {
    for (const f of s.findings) {
      await out.write(`${JSON.stringify({ document: doc.id, date: doc.date ?? null, sentence: s.index, ...f, context: s.text.length > 400 ? `${s.text.slice(0, 400)}…` : s.text })}\n`);
    }
  }
}

async function writeIndicators(path: string, rows: readonly IndicatorRow[], groups: readonly string[]): Promise<void> {
  const out = new LineWriter(path);
  await out.write(csvLine([...groups, 'period', 'period_start', 'period_end', 'indicator', 'value', 'ci_low', 'ci_high', 'ci_method', 'smoothed', 'numerator', 'denominator', 'n_documents']));
  for (const r of rows) {
    await out.write(csvLine([...groups.map((g) => r.groups[g]), r.period, r.period_start, r.period_end, r.indicator, r.value, r.ci_low, r.ci_high, r.ci_method, r.smoothed, r.numerator, r.denominator, r.n_documents]));
  }
  await out.close();
}

async function writeChangePoints(path: string, rows: readonly ChangePointRow[], groups: readonly string[]): Promise<void> {
  const out = new LineWriter(path);
  await out.write(csvLine(['id', ...groups, 'indicator', 'date', 'period', 'earliest_date', 'segment_end', 'level_before', 'level_after', 'direction', 'strength', 'penalty']));
  for (const r of rows) {
    await out.write(csvLine([r.id, ...groups.map((g) => r.groups[g]), r.indicator, r.date, r.period, r.earliest_date, r.segment_end, r.level_before, r.level_after, r.direction, r.strength, r.penalty]));
  }
  await out.close();
}

async function writeComparisons(path: string, rows: readonly ComparisonRow[]): Promise<void> {
  const out = new LineWriter(path);
  const columns = ['scope', 'indicator', 'design', 'unit_of_analysis', 'n_before', 'n_after', 'n_pairs', 'documents_before', 'documents_after', 'value_before', 'value_after', 'difference', 'ci_low', 'ci_high', 'effect_size', 'effect_size_kind', 'p_value', 'test'] as const;
  await out.write(csvLine(columns));
  for (const r of rows) await out.write(csvLine(columns.map((c) => r[c])));
  await out.close();
}

const MEASURE_OF_INDICATOR: Record<string, MeasureName | null> = {
  dehumanization: 'dehumanization',
  dehumanization_own_voice: 'dehumanization',
  dehumanization_quoted: 'dehumanization',
  victimhood_exclusive: 'victimhood_exclusive',
  victimhood_inclusive: 'victimhood_inclusive',
  acknowledgement: 'acknowledgement',
  rehumanization_index: null,
  outgroup_salience: null,
};

/**
 * The evidence behind each change point: the strongest findings of the indicator's measure in the group's
 * documents over the new segment, so a monitor can read what happened. Reads findings.jsonl back as a stream.
 */
async function writeChangeEvidence(outDir: string, changes: readonly ChangePointRow[], contributions: readonly DocumentContribution[], config: PipelineConfig): Promise<void> {
  const out = new LineWriter(join(outDir, OUTPUT_FILES.changepointEvidence));
  const limit = config.changepoints.evidence;
  if (changes.length === 0 || limit === 0) return out.close();
  const docById = new Map(contributions.map((c) => [c.id, c]));
  const best = new Map<string, Array<Finding & { document: string; context: string; date: string | null }>>();
  const lines = createInterface({ input: createReadStream(join(outDir, OUTPUT_FILES.findings)), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const f = JSON.parse(line) as Finding & { document: string; context: string; date: string | null };
    if (f.weight <= 0 || !f.date) continue;
    const doc = docById.get(f.document);
    if (!doc) continue;
    for (const change of changes) {
      const measure = MEASURE_OF_INDICATOR[change.indicator];
      if (measure && measure !== f.measure) continue;
      if (change.indicator === 'dehumanization_own_voice' && f.quoted) continue;
      if (change.indicator === 'dehumanization_quoted' && !f.quoted) continue;
      if (!config.groups.every((g) => change.groups[g] === '(all)' || change.groups[g] === doc.groups[g])) continue;
      const day = dayOf(f.date, config);
      if (!day || day < change.date || day > change.segment_end) continue;
      const list = best.get(change.id) ?? [];
      list.push(f);
      list.sort((a, b) => b.weight - a.weight);
      if (list.length > limit) list.length = limit;
      best.set(change.id, list);
    }
  }
  for (const change of changes) {
    for (const f of best.get(change.id) ?? []) {
      await out.write(`${JSON.stringify({ changepoint: change.id, indicator: change.indicator, document: f.document, date: f.date, measure: f.measure, category: f.category, rule: f.rule, match: f.match, target: f.target, quoted: f.quoted, weight: f.weight, context: f.context })}\n`);
    }
  }
  await out.close();
}

function dayOf(date: string, config: PipelineConfig): string | null {
  try {
    return periodOf(date, 'day')?.start ?? periodOf(date, config.period)?.start ?? null;
  } catch {
    return null;
  }
}

export type { RejectRecord };
