/**
 * `rehumanize aggregate`: the indicators of documents scored elsewhere. Input is the output of
 * `rehumanize score --pipeline P.yaml` (any number of shard files, each line with its `contribution`) and/or
 * partial aggregate files (`score --partial`). A document seen in two shards counts once (the first one read,
 * in the order the files are given). The output files are those of a local run of the same pipeline:
 * indicators.csv, changepoints.csv, comparisons.csv, and changepoint-evidence.jsonl when every scored line
 * carries its sentences (`score --sentences`); partials carry no findings, so with them evidence is skipped.
 */

import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { UserError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import type { PipelineConfig } from '../pipeline/config.js';
import { OUTPUT_FILES, prepareOutputDir } from '../pipeline/outputs.js';
import { setupScorer } from '../classify/scorer-setup.js';
import { TOOL_VERSION } from '../core/version.js';
import { scorerIdentity } from '../store/documents.js';
import { contributionsOfPartial, isPartialFile, readPartialFile } from './partial.js';
import { attributeFieldsOf, computeResults, evidenceFromFindings, writeResultFiles, type ScoredFinding } from './results.js';

/** Longest sentence context kept with a finding, as the store keeps it. */
const CONTEXT_LIMIT = 1000;

/** What aggregate did. */
export interface AggregateSummary {
  readonly outDir: string;
  readonly files: readonly string[];
  /** Documents the indicators are computed from. */
  readonly documents: number;
  /** Documents seen again in a later shard, counted once. */
  readonly duplicates: number;
  /** Lines of scored shards that carried an error instead of scores (rejected where they were scored). */
  readonly errorLines: number;
  readonly indicatorRows: number;
  readonly changePoints: number;
  readonly comparisons: number;
  /** Why changepoint-evidence.jsonl was not written, when it was not. */
  readonly evidenceSkipped: string | null;
}

/** Options of {@link aggregateFiles}. */
export interface AggregateOptions {
  readonly outDir: string;
  readonly onNotice?: (message: string) => void;
}

/** Reads scored shards and partials and writes the run's result files. */
export async function aggregateFiles(config: PipelineConfig, files: readonly string[], options: AggregateOptions): Promise<AggregateSummary> {
  if (files.length === 0) throw new UserError('E_AGGREGATE_NO_INPUT', 'no input files: give the scored JSONL shards (`rehumanize score --pipeline`) or partial aggregates');
  const outDir = prepareOutputDir(options.outDir);
  const { lexicons, sidesConfigured, models } = setupScorer(config.lexicons, config.actors, config.baseDir, config.models ?? 'defaults');
  const identity = scorerIdentity(lexicons, TOOL_VERSION, models);
  const attributes = attributeFieldsOf(config);

  const byId = new Map<string, DocumentContribution>();
  const findings: ScoredFinding[] = [];
  let duplicates = 0;
  let errorLines = 0;
  let evidenceSkipped: string | null = null;
  const add = (c: DocumentContribution): boolean => {
    if (byId.has(c.id)) {
      duplicates++;
      return false;
    }
    byId.set(c.id, c);
    return true;
  };

  for (const file of files) {
    const kind = await sniff(file);
    if (kind === 'partial') {
      const partial = readPartialFile(file);
      const h = partial.rehumanize;
      if (h.period !== config.period || JSON.stringify(h.attributes) !== JSON.stringify(attributes)) {
        throw new UserError(
          'E_AGGREGATE_MISMATCH',
          `${file} was cut by ${h.period} with fields [${h.attributes.join(', ')}], but ${config.file} asks for ${config.period} with [${attributes.join(', ')}]`,
          { place: { file }, hint: 'score the shards again with this pipeline (`rehumanize score --pipeline`), or aggregate with the pipeline they were scored with', exitCode: 2 },
        );
      }
      if (h.scorer !== identity.version) options.onNotice?.(`${file} was scored by ${h.scorer}, this pipeline scores with ${identity.version}; the indicators mix what each scored`);
      evidenceSkipped ??= `${file} is a partial aggregate, which carries no findings`;
      for (const c of contributionsOfPartial(partial)) add(c);
      continue;
    }
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(text) as Record<string, unknown>;
      } catch (error) {
        throw new UserError('E_AGGREGATE_JSON', `expected a scored JSON line, found invalid JSON (${(error as Error).message})`, { place: { file, line }, exitCode: 1 });
      }
      if (value.error !== undefined && value.contribution === undefined) {
        errorLines++;
        continue;
      }
      const c = value.contribution as DocumentContribution | undefined;
      if (typeof c !== 'object' || c === null || typeof c.id !== 'string') {
        throw new UserError('E_AGGREGATE_NO_CONTRIBUTION', 'this scored line has no "contribution"', {
          place: { file, line },
          hint: 'score with the pipeline so each line carries what it contributes: `rehumanize score --pipeline P.yaml`',
          exitCode: 1,
        });
      }
      const contribution = normaliseContribution(c, attributes);
      if (!add(contribution)) continue;
      const sentences = value.sentences as Array<{ index: number; start: number; text: string; findings: Finding[] }> | undefined;
      if (!Array.isArray(sentences)) {
        evidenceSkipped ??= `${file}:${line} was scored without --sentences, so its findings are not in the input`;
        continue;
      }
      for (const s of sentences) {
        const context = s.text.length > CONTEXT_LIMIT ? s.text.slice(0, CONTEXT_LIMIT) : s.text;
        s.findings.forEach((f, seq) => {
          if (f.weight > 0) {
            findings.push({
              document: contribution.id,
              date: contribution.date,
              sentence: s.index,
              seq,
              measure: f.measure,
              category: f.category,
              rule: f.rule,
              match: f.match,
              target: f.target,
              target_side: f.targetSide ?? null,
              target_group: f.targetCategory ?? null,
              quoted: f.quoted,
              weight: f.weight,
              context,
              context_offset: f.start - s.start,
            });
          }
        });
      }
    }
  }

  const contributions = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const results = computeResults(config, contributions, sidesConfigured);
  const evidence =
    evidenceSkipped === null
      ? await evidenceFromFindings(results.changes, contributions, findings, { groups: config.groups, period: config.period, limit: config.changepoints.evidence })
      : null;
  const written = await writeResultFiles(outDir, config, results, evidence);
  const manifest = {
    tool: TOOL_VERSION,
    command: 'aggregate',
    pipeline: { name: config.name, file: config.file, config_hash: config.configHash },
    scorer: identity.version,
    inputs: files,
    counts: { documents: contributions.length, duplicates, error_lines: errorLines },
    indicators: { period: config.period, groups: config.groups, sides_configured: sidesConfigured, rows: results.indicators.length },
    changepoints: { ...config.changepoints, found: results.changes.length, evidence: evidenceSkipped === null ? 'written' : `skipped: ${evidenceSkipped}` },
    comparison: config.comparison ?? null,
    outputs: [...written, OUTPUT_FILES.manifest],
    finished_at: new Date().toISOString(),
  };
  await writeFile(join(outDir, OUTPUT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    outDir,
    files: manifest.outputs,
    documents: contributions.length,
    duplicates,
    errorLines,
    indicatorRows: results.indicators.length,
    changePoints: results.changes.length,
    comparisons: results.comparisons.length,
    evidenceSkipped,
  };
}

/** A contribution from JSON, with every attribute present as a string and counts as numbers. */
function normaliseContribution(c: DocumentContribution, attributes: readonly string[]): DocumentContribution {
  const groups: Record<string, string> = {};
  for (const a of attributes) {
    const v = (c.groups as Record<string, unknown> | undefined)?.[a];
    groups[a] = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  }
  return { ...c, date: c.date ?? null, datePrecision: c.datePrecision ?? null, groups };
}

/** Tells a partial aggregate (one JSON object) from scored JSONL by its first line. */
async function sniff(file: string): Promise<'partial' | 'scored'> {
  const input = createReadStream(file, { end: 64 * 1024 * 1024 });
  try {
    for await (const first of createInterface({ input, crlfDelay: Infinity })) {
      if (first.trim() === '') continue;
      try {
        return isPartialFile(JSON.parse(first)) ? 'partial' : 'scored';
      } catch {
        return first.trimStart().startsWith('{') && !first.includes('"contribution"') ? 'partial' : 'scored';
      }
    }
    return 'scored';
  } catch (error) {
    throw new UserError('E_AGGREGATE_UNREADABLE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { place: { file }, exitCode: 1 });
  } finally {
    input.destroy();
  }
}
