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
import type { ChangePointRow } from '../aggregate/changes.js';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { selectEvidence, type EvidenceFinding, type EvidenceOptions, type EvidenceRow } from '../aggregate/evidence.js';
import type { PipelineConfig } from '../pipeline/config.js';
import type { ComputedResults } from '../pipeline/results.js';

export { attributeFieldsOf, computeResults, type ComputedResults } from '../pipeline/results.js';
import { OUTPUT_FILES } from '../pipeline/outputs.js';
import { copyTo, EVIDENCE_SELECT, exportQuery } from '../store/export.js';
import { replaceResults } from '../store/results.js';
import { Store } from '../store/store.js';

/** A finding as scored output carries it, with its position for the store's order. */
export interface ScoredFinding extends EvidenceFinding {
  readonly sentence: number;
  /** Position of the finding in its sentence, to keep the store's order. */
  readonly seq: number;
}

/**
 * The evidence behind each change point from findings held in memory: the store's selection, over findings
 * put in the store's order (document id, sentence, position).
 */
export function evidenceFromFindings(
  changes: readonly ChangePointRow[],
  contributions: readonly DocumentContribution[],
  findings: readonly ScoredFinding[],
  options: EvidenceOptions,
): Promise<EvidenceRow[]> {
  const ordered = [...findings].sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.sentence - b.sentence || a.seq - b.seq));
  return selectEvidence(changes, contributions, ordered, options);
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
