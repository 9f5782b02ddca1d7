/**
 * `rehumanize query`: one read-only SQL statement against a store, printed as a table, CSV or JSONL. The
 * database is opened READ_ONLY and anything but a query (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE,
 * EXPLAIN) is refused before it runs.
 */

import { UserError } from '../core/errors.js';
import { csvLine } from '../core/csv-format.js';
import { Store } from './store.js';

/** Output formats of `query`. */
export const QUERY_FORMATS = ['table', 'csv', 'jsonl'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

/** DuckDB statement types that only read: SELECT (also WITH, FROM, DESCRIBE, SHOW, SUMMARIZE) and EXPLAIN. */
const READ_ONLY_TYPES = new Set([1, 4]);

/** Rows printed in `table` format before the rest is summarised. */
const TABLE_ROW_LIMIT = 200;
/** Widest cell in `table` format. */
const TABLE_CELL_LIMIT = 60;

const NUMERIC_TEXT_TYPES = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/;

/** Runs `sql` against the store at `storePath` and writes the result to `out`. Returns the row count. */
export async function runQuery(storePath: string, sql: string, format: QueryFormat, out: (text: string) => void): Promise<number> {
  const store = await Store.open(storePath, { readOnly: true });
  try {
    let extracted;
    try {
      extracted = await store.connection.extractStatements(sql);
    } catch (error) {
      throw sqlError(error);
    }
    if (extracted.count !== 1) {
      throw new UserError('E_QUERY_STATEMENTS', `query takes exactly one SQL statement; found ${extracted.count}`, { hint: 'run statements one at a time' });
    }
    let prepared;
    try {
      prepared = await extracted.prepare(0);
    } catch (error) {
      throw sqlError(error);
    }
    if (!READ_ONLY_TYPES.has(prepared.statementType as number)) {
      throw new UserError('E_QUERY_READ_ONLY', 'query only reads the store: use a SELECT (or WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) statement', {
        hint: 'to change what is stored, change the inputs or the pipeline and run it again; to write files use `rehumanize export`',
      });
    }
    let reader;
    try {
      reader = await prepared.runAndReadAll();
    } catch (error) {
      throw sqlError(error);
    }
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => t.toString());
    const rows = reader.getRowsJson().map((row) => row.map((v, i) => (v !== null && NUMERIC_TEXT_TYPES.test(types[i] ?? '') ? Number(v) : v)));
    if (format === 'jsonl') {
      for (const row of rows) out(`${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i]])))}\n`);
    } else if (format === 'csv') {
      out(csvLine(names));
      for (const row of rows) out(csvLine(row.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))));
    } else {
      out(formatTable(names, rows));
    }
    return rows.length;
  } finally {
    store.close();
  }
}

function sqlError(error: unknown): UserError {
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0] ?? 'invalid SQL';
  if (/read-only mode/i.test(message)) return new UserError('E_QUERY_READ_ONLY', `query only reads the store: ${message}`);
  return new UserError('E_QUERY_SQL', message, { hint: 'see the tables with: rehumanize query "SHOW TABLES" --store DIR' });
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > TABLE_CELL_LIMIT ? `${flat.slice(0, TABLE_CELL_LIMIT - 1)}…` : flat;
}

/** An aligned text table with a header rule, numbers right-aligned. */
function formatTable(names: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const shown = rows.slice(0, TABLE_ROW_LIMIT).map((r) => r.map(cellText));
  const widths = names.map((n, i) => Math.max(n.length, ...shown.map((r) => r[i]!.length)));
  const numeric = names.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(names), widths.map((w) => '-'.repeat(w)).join('  '), ...shown.map(line)];
  if (rows.length > TABLE_ROW_LIMIT) out.push(`… ${rows.length - TABLE_ROW_LIMIT} more row(s); use --format csv or jsonl for all of them`);
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
