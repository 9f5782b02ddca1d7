/**
 * The files a run leaves in its output folder, re-exported from the store every run so they describe the
 * whole store (every document stored so far), not only what this run read. Rejects and duplicates are this
 * run's; earlier runs' stay in the store's tables.
 */

import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_FILES } from '../core/output-files.js';
import { copyTo, duplicatesSelect, EVIDENCE_SELECT, exportQuery, rejectsSelect } from './export.js';
import type { Store } from './store.js';

/** Writes `select` to `dir/name` via a temporary file, so a reader never sees half a file. */
async function writeAtomically(store: Store, select: string, dir: string, name: string, format: 'csv' | 'jsonl'): Promise<void> {
  const final = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    await copyTo(store, select, temp, format);
    renameSync(temp, final);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Exports documents, findings, indicators, change points (with evidence), comparisons, rejects and duplicates. */
export async function exportRunOutputs(
  store: Store,
  outDir: string,
  runId: string,
  columns: { metadata: readonly string[]; groups: readonly string[] },
  withComparisons: boolean,
): Promise<string[]> {
  const files: Array<[string, string, 'csv' | 'jsonl']> = [
    [OUTPUT_FILES.documents, await exportQuery(store, 'documents', 'csv', {}, columns.metadata), 'csv'],
    [OUTPUT_FILES.findings, await exportQuery(store, 'findings', 'jsonl'), 'jsonl'],
    [OUTPUT_FILES.indicators, await exportQuery(store, 'indicators', 'csv', {}, columns.groups), 'csv'],
    [OUTPUT_FILES.changepoints, await exportQuery(store, 'changepoints', 'csv', {}, columns.groups), 'csv'],
    [OUTPUT_FILES.changepointEvidence, EVIDENCE_SELECT, 'jsonl'],
  ];
  if (withComparisons) files.push([OUTPUT_FILES.comparisons, await exportQuery(store, 'comparisons', 'csv'), 'csv']);
  files.push([OUTPUT_FILES.rejects, rejectsSelect(runId), 'jsonl'], [OUTPUT_FILES.duplicates, duplicatesSelect(runId), 'jsonl']);
  for (const [name, select, format] of files) await writeAtomically(store, select, outDir, name, format);
  return files.map(([name]) => name);
}
