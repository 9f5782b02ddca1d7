/**
 * The embedded analytic store: one DuckDB file that keeps every scored document (with its counts, sentence
 * scores and findings), every reject, the latest indicators, change points and comparisons, and a manifest
 * per run. Runs add to it; exports and the report read from it.
 *
 * Writers take {@link acquireLock} first; DuckDB's own file lock is the second line of defence and both
 * surface as E_STORE_IN_USE.
 */

import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../core/errors.js';
import { acquireLock, storeInUse, type StoreLock } from './lock.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** A value the store writes in a row. */
export type Cell = string | number | boolean | bigint | null | undefined;

/** How to open a store. */
export interface OpenStoreOptions {
  /** Open for reading only: no lock file, no migrations, DuckDB in READ_ONLY mode. */
  readonly readOnly?: boolean;
  /** Hears notices such as a stale lock taken over or a migration applied. */
  readonly onNotice?: (message: string) => void;
}

/** The lock file next to a store: `store.duckdb` → `store.lock`. */
export function lockPathOf(storePath: string): string {
  const name = basename(storePath);
  return join(dirname(storePath), `${name.endsWith('.duckdb') ? name.slice(0, -'.duckdb'.length) : name}.lock`);
}

/** Quotes a string as an SQL literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Quotes an identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** True for DuckDB's "another process holds this file" error. */
function isDuckDbLockError(error: unknown): boolean {
  return /Could not set lock on file|Conflicting lock is held/i.test((error as Error)?.message ?? '');
}

/** An open store. Close it when done: that releases the lock. */
export class Store {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly lock: StoreLock | null,
    readonly readOnly: boolean,
  ) {}

  /** Opens (creating and migrating when writable) the store at `path`. */
  static async open(path: string, options: OpenStoreOptions = {}): Promise<Store> {
    const abs = resolve(path);
    const readOnly = options.readOnly ?? false;
    let lock: StoreLock | null = null;
    if (!readOnly) {
      try {
        mkdirSync(dirname(abs), { recursive: true });
      } catch (error) {
        throw new UserError('E_STORE_OPEN', `cannot create the folder of the store ${abs} (${(error as NodeJS.ErrnoException).code ?? 'unknown'})`);
      }
      lock = acquireLock(lockPathOf(abs), abs, options.onNotice);
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(abs, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (error) {
      lock?.release();
      if (isDuckDbLockError(error)) throw storeInUse(abs, 'DuckDB reports the file is open in another process');
      const message = (error as Error).message ?? String(error);
      if (readOnly && /does not exist|No such file|Cannot open database/i.test(message)) {
        throw new UserError('E_STORE_MISSING', `no store at ${abs}`, { hint: 'run a pipeline first (rehumanize run), or point at its output folder or store.duckdb' });
      }
      throw new UserError('E_STORE_OPEN', `cannot open the store ${abs}: ${message.split('\n')[0]}`, { cause: error });
    }
    const connection = await instance.connect();
    const store = new Store(abs, instance, connection, lock, readOnly);
    try {
      if (!readOnly) await store.migrate(options.onNotice);
      else await store.checkVersion();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /** The schema version the file is at (0 for an empty file). */
  async schemaVersion(): Promise<number> {
    const exists = await this.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'schema_version'`);
    if ((exists[0]?.n ?? 0) === 0) return 0;
    const rows = await this.all<{ v: number | null }>('SELECT max(version)::INTEGER AS v FROM schema_version');
    return rows[0]?.v ?? 0;
  }

  private async checkVersion(): Promise<void> {
    const version = await this.schemaVersion();
    if (version === 0) throw new UserError('E_STORE_MISSING', `${this.path} is not a rehumanize store (no schema_version table)`);
    if (version > SCHEMA_VERSION) throw tooNew(this.path, version);
  }

  private async migrate(onNotice?: (message: string) => void): Promise<void> {
    await this.connection.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
    const current = await this.schemaVersion();
    if (current > SCHEMA_VERSION) throw tooNew(this.path, current);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      await this.transaction(async () => {
        for (const statement of migration.statements) await this.connection.run(statement);
        await this.connection.run('INSERT INTO schema_version VALUES ($1, $2, now()::TIMESTAMP)', [migration.version, migration.description]);
      });
      if (current > 0) onNotice?.(`store ${this.path}: applied schema migration ${migration.version} (${migration.description})`);
    }
  }

  /** Runs `body` in one transaction: all of it is stored, or none of it. */
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await body();
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      try {
        await this.connection.run('ROLLBACK');
      } catch {
        /* the transaction may already be gone */
      }
      throw storeWriteError(this.path, error);
    }
  }

  /** Rows of a query as plain JS objects (BIGINT as bigint, dates as Date). */
  async all<T = Record<string, unknown>>(sql: string, params?: Cell[]): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS() as unknown as T[];
  }

  /** Rows of a query in JSON-friendly form (BIGINT and dates as strings). */
  async allJson<T = Record<string, unknown>>(sql: string, params?: Cell[]): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJson() as unknown as T[];
  }

  /** Streams a query's rows in chunks, so large tables never sit in memory at once. */
  async *stream<T = Record<string, unknown>>(sql: string): AsyncGenerator<T> {
    const result = await this.connection.stream(sql);
    for await (const rows of result.yieldRowObjectJs()) for (const row of rows) yield row as T;
  }

  /** Appends rows to a table (within the current transaction, if any). Column order as in the table. */
  async append(table: string, rows: Iterable<readonly Cell[]>): Promise<number> {
    const appender = await this.connection.createAppender(table);
    let n = 0;
    try {
      for (const row of rows) {
        for (const value of row) appendCell(appender, value);
        appender.endRow();
        n++;
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return n;
  }

  /** Closes the database and releases the lock. Safe to call twice. */
  close(): void {
    try {
      this.connection.closeSync();
      this.instance.closeSync();
    } catch {
      /* already closed */
    }
    this.lock?.release();
  }
}

function appendCell(appender: DuckDBAppender, value: Cell): void {
  if (value === null || value === undefined) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (Number.isNaN(value)) appender.appendNull();
  else appender.appendDouble(value);
}

/**
 * A full disk or a folder that cannot be written surfaces from DuckDB as a plain error; the user gets
 * E_OUTPUT_WRITE with what to do. The transaction was rolled back, so the store is as it was before the batch.
 */
function storeWriteError(path: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/no space left on device|ENOSPC|disk is full/i.test(message)) {
    return new UserError('E_OUTPUT_WRITE', `cannot write the store ${path}: the disk is full (ENOSPC)`, {
      hint: 'free space or choose another folder with --out, then run again; the batch being written was rolled back and the next run resumes',
      exitCode: 1,
      cause: error,
    });
  }
  if (/permission denied|EACCES|read-only file system|EROFS/i.test(message)) {
    return new UserError('E_OUTPUT_WRITE', `cannot write the store ${path}: permission denied`, { hint: 'choose a folder you can write to with --out', exitCode: 1, cause: error });
  }
  return error;
}

function tooNew(path: string, version: number): UserError {
  return new UserError('E_STORE_VERSION', `the store ${path} has schema version ${version}, newer than this rehumanize understands (${SCHEMA_VERSION})`, {
    hint: 'upgrade rehumanize, or write to a new output folder with --out',
  });
}
