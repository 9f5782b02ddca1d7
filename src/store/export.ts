/**
 * Exports from the store with DuckDB's COPY: documents, findings, indicators, change points and comparisons
 * as CSV, JSONL or Parquet, filtered by date range, group values and measure. The run's own output files
 * are written the same way, so they always reflect the whole store.
 */

import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { MEASURES } from '../core/types.js';
import { INDICATORS } from '../aggregate/indicators.js';
import { sqlIdent, sqlString, type Store } from './store.js';

/** Tables a user can export. */
export const EXPORT_TABLES = ['documents', 'findings', 'indicators', 'changepoints', 'comparisons'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** Formats COPY can write. */
export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which rows to export. */
export interface ExportFilter {
  /** First day (inclusive), `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`). */
  readonly from?: string;
  /** Last day (inclusive). */
  readonly to?: string;
  /** Group (metadata) field = value; every pair must match. */
  readonly groups?: Readonly<Record<string, string>>;
  /** A measure (documents, findings) or indicator name (indicators, change points, comparisons). */
  readonly measure?: string;
}

/** The file name of the store inside an output folder. */
export const STORE_FILE = 'store.duckdb';

/**
 * Finds the store for a path a user gave: a store file, or an output folder (its store.duckdb, or the store
 * its manifest.json names).
 */
export function resolveStorePath(target: string): string {
  const abs = resolve(target);
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    const inside = join(abs, STORE_FILE);
    if (existsSync(inside)) return inside;
    const manifest = join(abs, 'manifest.json');
    if (existsSync(manifest)) {
      try {
        const named = (JSON.parse(readFileSync(manifest, 'utf8')) as { store?: { path?: string } }).store?.path;
        if (named && existsSync(named)) return named;
      } catch {
        /* fall through to the error */
      }
    }
    throw new UserError('E_STORE_MISSING', `no store in ${abs}`, { hint: `expected ${STORE_FILE} there; run a pipeline into this folder first, or name the store file` });
  }
  if (!existsSync(abs)) throw new UserError('E_STORE_MISSING', `no store at ${abs}`, { hint: 'give an output folder of `rehumanize run` or its store.duckdb' });
  return abs;
}

const DAY = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Widens a partial date: `2024` → 2024-01-01 (from) or 2024-12-31 (to). */
function dayBound(value: string, end: boolean, flag: string): string {
  if (!DAY.test(value)) throw new UserError('E_EXPORT_DATE', `${flag} ${value}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)`);
  const [y, m, d] = value.split('-');
  if (d) return value;
  if (m) {
    if (!end) return `${y}-${m}-01`;
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return `${y}-${m}-${String(last).padStart(2, '0')}`;
  }
  return end ? `${y}-12-31` : `${y}-01-01`;
}

/** A JSON path to a top-level key. */
function jsonKey(field: string): string {
  if (field.includes('"')) throw new UserError('E_EXPORT_GROUP', `field name ${field} contains a double quote, which export cannot address`);
  return sqlString(`$."${field}"`);
}

/** `x` as text the way the run's CSV files always wrote numbers: 3 rather than 3.0. */
function csvNumber(expr: string, alias: string): string {
  return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${expr} = trunc(${expr}) AND abs(${expr}) < 1e15 THEN (${expr})::BIGINT::VARCHAR ELSE (${expr})::VARCHAR END AS ${sqlIdent(alias)}`;
}

/** A double column: plain for JSON and Parquet, formatted for CSV. */
function num(expr: string, alias: string, format: ExportFormat): string {
  return format === 'csv' ? csvNumber(expr, alias) : `${expr} AS ${sqlIdent(alias)}`;
}

/** Group fields of a table's `groups` JSON, in the order the run wrote them (change points fall back to indicators). */
async function groupFieldsOf(store: Store, table: 'indicators' | 'changepoints'): Promise<string[]> {
  for (const t of table === 'changepoints' ? ['changepoints', 'indicators'] : ['indicators']) {
    const rows = await store.all<{ keys: string[] | null }>(`SELECT json_keys(groups) AS keys FROM ${t} ORDER BY seq LIMIT 1`);
    if (rows[0]?.keys) return [...rows[0].keys];
  }
  return [];
}

/** Metadata keys of stored documents, in alphabetical order. */
async function metadataFieldsOf(store: Store): Promise<string[]> {
  const rows = await store.all<{ k: string }>(`SELECT DISTINCT unnest(json_keys(metadata)) AS k FROM documents ORDER BY k`);
  return rows.map((r) => r.k);
}

function checkMeasure(table: ExportTable, measure: string | undefined): void {
  if (measure === undefined) return;
  const allowed: readonly string[] = table === 'documents' || table === 'findings' ? MEASURES : INDICATORS;
  if (!allowed.includes(measure)) {
    throw new UserError('E_EXPORT_MEASURE', `--measure ${measure}: ${table} can be filtered by ${allowed.join(', ')}`);
  }
}

/**
 * Builds the SELECT behind an export. `fields` fixes the metadata columns of documents or the group columns of
 * indicators and change points (default: what the store holds).
 */
export async function exportQuery(store: Store, table: ExportTable, format: ExportFormat, filter: ExportFilter = {}, fields?: readonly string[]): Promise<string> {
  if (!(EXPORT_TABLES as readonly string[]).includes(table)) throw new UserError('E_EXPORT_TABLE', `unknown table ${table}; expected one of ${EXPORT_TABLES.join(', ')}`);
  checkMeasure(table, filter.measure);
  const from = filter.from === undefined ? undefined : dayBound(filter.from, false, '--from');
  const to = filter.to === undefined ? undefined : dayBound(filter.to, true, '--to');
  const groups = Object.entries(filter.groups ?? {});
  const where: string[] = [];
  /** Overlap of [start, end] with [from, to]. */
  const dated = (start: string, end: string): void => {
    if (from) where.push(`${end} >= ${sqlString(from)}`);
    if (to) where.push(`${start} <= ${sqlString(to)}`);
  };
  const byMetadata = (alias: string): void => {
    for (const [k, v] of groups) where.push(`coalesce(json_extract_string(${alias}.metadata, ${jsonKey(k)}), '') = ${sqlString(v)}`);
  };
  const byGroups = (): void => {
    for (const [k, v] of groups) where.push(`json_extract_string(groups, ${jsonKey(k)}) = ${sqlString(v)}`);
  };
  const whereSql = (): string => (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '');

  switch (table) {
    case 'documents': {
      const meta = fields ?? (await metadataFieldsOf(store));
      dated('d.date_start::VARCHAR', 'd.date_end::VARCHAR');
      byMetadata('d');
      if (filter.measure) where.push(`d.${sqlIdent(filter.measure)} > 0`);
      const columns = [
        'd.id',
        'd.file',
        'coalesce(d.line, d.item_index) AS line',
        'd.date',
        ...meta.map((f) => `json_extract_string(d.metadata, ${jsonKey(f)}) AS ${sqlIdent(f)}`),
        'd.sentences',
        'd.tokens',
        ...MEASURES.map((m) => `d.${m} AS ${m}_sentences`),
        'd.dehumanization_own_voice AS dehumanization_own_voice_sentences',
        'd.dehumanization_quoted AS dehumanization_quoted_sentences',
        ...MEASURES.map((m) => num(`d.${m}_max`, `${m}_max`, format)),
      ];
      return `SELECT ${columns.join(', ')} FROM documents d${whereSql()} ORDER BY d.file, d.line NULLS LAST, d.byte_offset NULLS LAST, d.item_index NULLS LAST, d.id`;
    }
    case 'findings': {
      dated('d.date_start::VARCHAR', 'd.date_end::VARCHAR');
      byMetadata('d');
      if (filter.measure) where.push(`f.measure = ${sqlString(filter.measure)}`);
      const columns = [
        'f.document_id AS document',
        'd.date',
        'f.sentence',
        'f.measure',
        'f.category',
        'f.rule',
        'f.match',
        'f.start_offset AS "start"',
        'f.end_offset AS "end"',
        'f.target',
        'f.target_side AS "targetSide"',
        'f.negated',
        'f.quoted',
        'f.lexicon',
        num('f.weight', 'weight', format),
        `CASE WHEN length(f.context) > 400 THEN substr(f.context, 1, 400) || '…' ELSE f.context END AS context`,
      ];
      return `SELECT ${columns.join(', ')} FROM findings f JOIN documents d ON d.id = f.document_id${whereSql()} ORDER BY d.file, d.line NULLS LAST, d.byte_offset NULLS LAST, d.item_index NULLS LAST, f.document_id, f.sentence, f.seq`;
    }
    case 'indicators': {
      const groupFields = fields ?? (await groupFieldsOf(store, 'indicators'));
      dated(`nullif(period_start, '')`, `nullif(period_end, '')`);
      // Rows pooled over every period (or over undated documents) belong to no date range.
      if (from || to) where.push(`period NOT IN ('all', 'undated') AND period_start IS NOT NULL AND period_start <> ''`);
      byGroups();
      if (filter.measure) where.push(`indicator = ${sqlString(filter.measure)}`);
      const columns = [
        ...groupFields.map((g) => `json_extract_string(groups, ${jsonKey(g)}) AS ${sqlIdent(g)}`),
        'period',
        'period_start',
        'period_end',
        'indicator',
        ...['value', 'ci_low', 'ci_high'].map((c) => num(c, c, format)),
        'ci_method',
        num('smoothed', 'smoothed', format),
        num('numerator', 'numerator', format),
        num('denominator', 'denominator', format),
        'n_documents',
      ];
      return `SELECT ${columns.join(', ')} FROM indicators${whereSql()} ORDER BY seq`;
    }
    case 'changepoints': {
      const groupFields = fields ?? (await groupFieldsOf(store, 'changepoints'));
      dated('date', 'segment_end');
      byGroups();
      if (filter.measure) where.push(`indicator = ${sqlString(filter.measure)}`);
      const columns = [
        'id',
        ...groupFields.map((g) => `json_extract_string(groups, ${jsonKey(g)}) AS ${sqlIdent(g)}`),
        'indicator',
        'date',
        'period',
        'earliest_date',
        'segment_end',
        ...['level_before', 'level_after'].map((c) => num(c, c, format)),
        'direction',
        num('strength', 'strength', format),
        num('penalty', 'penalty', format),
      ];
      return `SELECT ${columns.join(', ')} FROM changepoints${whereSql()} ORDER BY seq`;
    }
    case 'comparisons': {
      if (from || to) throw new UserError('E_EXPORT_DATE', 'comparisons have no dates: --from/--to do not apply (filter by --group scope=NAME or --measure)');
      for (const [k, v] of groups) {
        if (k !== 'scope') throw new UserError('E_EXPORT_GROUP', `comparisons can be filtered by --group scope=NAME (overall or a participant), not ${k}`);
        where.push(`scope = ${sqlString(v)}`);
      }
      if (filter.measure) where.push(`indicator = ${sqlString(filter.measure)}`);
      const doubles = ['value_before', 'value_after', 'difference', 'ci_low', 'ci_high', 'effect_size'];
      const columns = [
        'scope',
        'indicator',
        'design',
        'unit_of_analysis',
        'n_before',
        'n_after',
        'n_pairs',
        'documents_before',
        'documents_after',
        ...doubles.map((c) => num(c, c, format)),
        'effect_size_kind',
        num('p_value', 'p_value', format),
        'test',
      ];
      return `SELECT ${columns.join(', ')} FROM comparisons${whereSql()} ORDER BY seq`;
    }
  }
}

/** COPY options for a format. */
function copyOptions(format: ExportFormat): string {
  if (format === 'csv') return '(FORMAT csv, HEADER true)';
  if (format === 'jsonl') return '(FORMAT json)';
  return '(FORMAT parquet)';
}

/** Writes the result of `select` to `file` with COPY. Returns the number of rows written. */
export async function copyTo(store: Store, select: string, file: string, format: ExportFormat): Promise<number> {
  const abs = resolve(file);
  try {
    mkdirSync(dirname(abs), { recursive: true });
  } catch (error) {
    throw new UserError('E_EXPORT_WRITE', `cannot create the folder of ${abs} (${(error as NodeJS.ErrnoException).code ?? 'unknown'})`);
  }
  try {
    const result = await store.connection.run(`COPY (${select}) TO ${sqlString(abs)} ${copyOptions(format)}`);
    const rows = await result.getRowObjectsJS().catch(() => []);
    const count = rows[0] ? Number(Object.values(rows[0])[0]) : undefined;
    return Number.isFinite(count) ? (count as number) : Number(result.rowsChanged);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('E_EXPORT_WRITE', `cannot write ${abs}: ${((error as Error).message ?? String(error)).split('\n')[0]}`, { exitCode: 1 });
  }
}

/** Exports one table to a file. */
export async function exportTable(store: Store, table: ExportTable, format: ExportFormat, file: string, filter: ExportFilter = {}, fields?: readonly string[]): Promise<number> {
  return copyTo(store, await exportQuery(store, table, format, filter, fields), file, format);
}

/** The change point evidence as the run writes it (changepoint-evidence.jsonl). */
export const EVIDENCE_SELECT =
  'SELECT changepoint, indicator, document_id AS document, date, measure, category, rule, match, target, quoted, weight, context FROM changepoint_evidence ORDER BY seq';

/** This run's rejects (rejects.jsonl). */
export function rejectsSelect(runId: string): string {
  return `SELECT file, line, byte_offset AS "byteOffset", code, message, raw FROM rejects WHERE run_id = ${sqlString(runId)} ORDER BY seq`;
}

/** This run's duplicates (duplicates.jsonl). */
export function duplicatesSelect(runId: string): string {
  return `SELECT id, duplicate_of, file, line, byte_offset AS "byteOffset", item_index AS "index" FROM duplicates WHERE run_id = ${sqlString(runId)} ORDER BY seq`;
}
