/**
 * Annotated files for training and evaluation: CSV (with a header) or JSONL, a text column and one column
 * per measure holding a 0/1 label or a continuous score.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../core/errors.js';
import { MEASURES, type MeasureName } from '../core/types.js';

/** Rows of an annotated file and its identity. */
export interface AnnotatedFile {
  readonly path: string;
  readonly sha256: string;
  readonly rows: readonly Record<string, unknown>[];
}

/** Reads a CSV/TSV or JSONL file (by extension; `.jsonl`, `.ndjson` or `.json` lines are JSON). */
export function readAnnotatedFile(path: string): AnnotatedFile {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    throw new UserError('E_DATA_UNREADABLE', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { place: { file: path } });
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const text = buffer.toString('utf8');
  const lower = path.toLowerCase();
  let rows: Record<string, unknown>[];
  if (/\.(jsonl|ndjson)$/.test(lower)) {
    rows = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const value: unknown = JSON.parse(line);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
        rows.push(value as Record<string, unknown>);
      } catch (error) {
        throw new UserError('E_DATA_JSON', `line ${i + 1} is not a JSON object: ${(error as Error).message}`, { place: { file: path, line: i + 1 } });
      }
    });
  } else if (/\.(csv|tsv)$/.test(lower)) {
    try {
      rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, delimiter: lower.endsWith('.tsv') ? '\t' : ',', relax_quotes: false }) as Record<string, unknown>[];
    } catch (error) {
      throw new UserError('E_DATA_CSV', `${path} could not be read as CSV: ${(error as Error).message}`, { place: { file: path } });
    }
  } else {
    throw new UserError('E_DATA_FORMAT', `${path}: expected a .csv, .tsv or .jsonl file`, { place: { file: path } });
  }
  return { path, sha256, rows };
}

/** `measure=column` pairs from the command line. */
export function parseColumnMap(specs: readonly string[], option = '--label'): Map<MeasureName, string> {
  const map = new Map<MeasureName, string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const measure = (eq < 0 ? spec : spec.slice(0, eq)) as MeasureName;
    const column = eq < 0 ? spec : spec.slice(eq + 1);
    if (!MEASURES.includes(measure)) {
      throw new UserError('E_TRAIN_MEASURE', `${option} ${spec}: "${measure}" is not a measure`, { hint: `measures: ${MEASURES.join(', ')}; write ${option} measure=column` });
    }
    if (!column) throw new UserError('E_TRAIN_COLUMN', `${option} ${spec}: no column after "="`);
    map.set(measure, column);
  }
  return map;
}

/** `column=value` filters (`--where split=dev`). */
export function filterRows(file: AnnotatedFile, where: readonly string[]): Record<string, unknown>[] {
  const conditions = where.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new UserError('E_TRAIN_WHERE', `--where ${w}: expected column=value`);
    return [w.slice(0, eq), w.slice(eq + 1)] as const;
  });
  return file.rows.filter((r) => conditions.every(([c, v]) => String(r[c] ?? '') === v));
}

/** Texts and targets of one column; rows with an empty or missing value are left out and counted. */
export interface Column {
  readonly texts: string[];
  readonly targets: number[];
  /** Index of each kept row in the given rows. */
  readonly rowIndex: number[];
  readonly skipped: number;
  /** Classification when every value is 0 or 1. */
  readonly task: 'classification' | 'regression';
}

/** Reads the text and a target column; a value that is not a number is an error with its row. */
export function extractColumn(rows: readonly Record<string, unknown>[], textColumn: string, column: string, file: string): Column {
  if (rows.length > 0 && !(textColumn in rows[0]!)) {
    throw new UserError('E_TRAIN_COLUMN', `${file} has no text column "${textColumn}"`, { hint: `columns: ${Object.keys(rows[0]!).join(', ')}; use --text column` });
  }
  if (rows.length > 0 && !rows.some((r) => column in r)) {
    throw new UserError('E_TRAIN_COLUMN', `${file} has no column "${column}"`, { hint: `columns: ${Object.keys(rows[0]!).join(', ')}` });
  }
  const texts: string[] = [];
  const targets: number[] = [];
  const rowIndex: number[] = [];
  let skipped = 0;
  rows.forEach((r, i) => {
    const raw = r[column];
    const text = r[textColumn];
    if (raw === undefined || raw === null || raw === '' || typeof text !== 'string' || text.trim() === '') {
      skipped++;
      return;
    }
    const value = typeof raw === 'boolean' ? Number(raw) : Number(raw);
    if (!Number.isFinite(value)) {
      throw new UserError('E_TRAIN_VALUE', `${file} row ${i + 1}: "${String(raw)}" in column "${column}" is not a number`, { place: { file } });
    }
    texts.push(text);
    targets.push(value);
    rowIndex.push(i);
  });
  const task = targets.every((t) => t === 0 || t === 1) ? 'classification' : 'regression';
  return { texts, targets, rowIndex, skipped, task };
}
