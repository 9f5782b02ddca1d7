/**
 * Documents in the store: their identity (id + content hash + scorer version), batched atomic writes of a
 * document with its sentences and findings, and reading back what the indicators need.
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatePrecision, DocumentResult, FieldValue, InputDocument, RejectRecord, SourcePosition } from '../core/types.js';
import { MEASURES } from '../core/types.js';
import type { EvidenceFinding } from '../aggregate/evidence.js';
import { contributionOf, groupValue, type DocumentContribution } from '../aggregate/contribution.js';
import { parseIsoDate, periodOf } from '../aggregate/stats/periods.js';
import type { Lexicon } from '../lexicon/types.js';
import { sqlString, type Cell, type Store } from './store.js';

/** What scored a document: the lexicons (id, version, content hash) and the tool that applied them. */
export interface ScorerIdentity {
  /** Short, stable: `<lexicon ids@versions>#<hash of lexicon contents, actor lists and tool version>`. */
  readonly version: string;
  /** `id@version` of every lexicon, in load order. */
  readonly lexiconVersions: string;
  /** Hash over everything that changes a score: lexicon bytes, actor lists (sides), models, scoring code and tool version. */
  readonly hash: string;
  readonly lexicons: ReadonlyArray<{ id: string; version: string; sha256: string }>;
  /** Trained models in use, when any. */
  readonly models: readonly string[];
  readonly tool: string;
}

/** Folders of this package whose code decides a sentence's scores. */
const SCORING_CODE = ['measures', 'text', 'lexicon', 'classify'];

let codeHashCache: string | null = null;

/**
 * Hash of the scoring code itself (the modules next to this one that tokenize, match and score), so a rule
 * change between releases with the same version number still rescores what it affects.
 */
export function scoringCodeHash(): string {
  if (codeHashCache) return codeHashCache;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(path));
    }
  };
  for (const folder of SCORING_CODE) walk(join(root, folder));
  codeHashCache = hash.digest('hex').slice(0, 16);
  return codeHashCache;
}

/** The identity of a scorer built from `lexicons` (and trained `models`, as `measure:path@hash`) by `tool`. */
export function scorerIdentity(lexicons: readonly Lexicon[], tool: string, models: readonly string[] = []): ScorerIdentity {
  const list = lexicons.map((l) => ({ id: l.info.id, version: l.info.version, sha256: l.info.sha256 }));
  const code = scoringCodeHash();
  const hash = createHash('sha256')
    .update(JSON.stringify(models.length > 0 ? { tool, code, lexicons: list, models } : { tool, code, lexicons: list }))
    .digest('hex')
    .slice(0, 16);
  const lexiconVersions = list.map((l) => `${l.id}@${l.version}`).join(',');
  return { version: `${lexiconVersions}#${hash}`, lexiconVersions, hash, lexicons: list, models, tool };
}

/** Hash of everything a document's scores and groups depend on: text, date and metadata. */
export function contentHash(doc: Pick<InputDocument, 'text' | 'date' | 'datePrecision' | 'fields'>): string {
  const fields = Object.keys(doc.fields)
    .sort()
    .map((k) => [k, doc.fields[k]]);
  return createHash('sha256')
    .update(JSON.stringify([doc.text, doc.date ?? null, doc.datePrecision ?? null, fields]))
    .digest('hex')
    .slice(0, 32);
}

/** What the store knows of a document, enough to decide whether to score it again. */
export interface StoredKey {
  readonly hash: string;
  readonly scorer: string;
}

/** Every stored document's id, content hash and scorer version. */
export async function storedKeys(store: Store): Promise<Map<string, StoredKey>> {
  const out = new Map<string, StoredKey>();
  for await (const row of store.stream<{ id: string; content_hash: string; scorer_version: string }>('SELECT id, content_hash, scorer_version FROM documents')) {
    out.set(row.id, { hash: row.content_hash, scorer: row.scorer_version });
  }
  return out;
}

/** First and last day a date may stand for: `2024` covers the whole year. */
function dateRange(date: string | undefined, precision: DatePrecision | undefined): [string | null, string | null] {
  if (!date) return [null, null];
  try {
    const p = precision ?? parseIsoDate(date).precision;
    const period = periodOf(date, p === 'time' ? 'day' : p);
    return period ? [period.start, period.end] : [null, null];
  } catch {
    return [null, null];
  }
}

/** Longest sentence context kept with a finding. */
const CONTEXT_LIMIT = 1000;

/** A scored document waiting to be written. */
interface Pending {
  readonly doc: InputDocument;
  readonly result: DocumentResult;
  readonly hash: string;
  readonly replaces: boolean;
}

/**
 * Collects scored documents, rejects and duplicates and writes them in batches, each batch in one
 * transaction: a document is stored with all its sentences and findings or not at all, so a run killed at
 * any moment leaves whole documents, and the next run resumes by skipping them.
 */
export class BatchWriter {
  private pending: Pending[] = [];
  private rejects: Array<{ reject: RejectRecord; seq: number }> = [];
  private duplicates: Array<{ id: string; duplicateOf: string; origin: SourcePosition; seq: number }> = [];
  /** Batches committed so far. */
  batches = 0;
  /** Documents committed so far. */
  written = 0;

  constructor(
    private readonly store: Store,
    private readonly runId: string,
    private readonly scorer: ScorerIdentity,
    private readonly sidesConfigured: boolean,
    readonly batchSize: number,
    private readonly onBatch?: (batch: number, documents: number) => void,
  ) {}

  /** Queues a scored document; `replaces` when an older version of it is stored. Commits a full batch. */
  async addDocument(doc: InputDocument, result: DocumentResult, hash: string, replaces: boolean): Promise<void> {
    this.pending.push({ doc, result, hash, replaces });
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  addReject(reject: RejectRecord, seq: number): void {
    this.rejects.push({ reject, seq });
  }

  addDuplicate(id: string, duplicateOf: string, origin: SourcePosition, seq: number): void {
    this.duplicates.push({ id, duplicateOf, origin, seq });
  }

  /** Writes everything queued in one transaction. */
  async flush(): Promise<void> {
    if (this.pending.length === 0 && this.rejects.length === 0 && this.duplicates.length === 0) return;
    const pending = this.pending;
    const rejects = this.rejects;
    const duplicates = this.duplicates;
    this.pending = [];
    this.rejects = [];
    this.duplicates = [];
    await this.store.transaction(async () => {
      const replaced = pending.filter((p) => p.replaces).map((p) => sqlString(p.doc.id));
      if (replaced.length > 0) {
        const list = replaced.join(',');
        await this.store.connection.run(`DELETE FROM findings WHERE document_id IN (${list})`);
        await this.store.connection.run(`DELETE FROM sentences WHERE document_id IN (${list})`);
        await this.store.connection.run(`DELETE FROM documents WHERE id IN (${list})`);
      }
      await this.store.append('documents', pending.map((p) => this.documentRow(p)));
      await this.store.append('sentences', sentenceRows(pending));
      await this.store.append('findings', findingRows(pending));
      await this.store.append(
        'rejects',
        rejects.map(({ reject: r, seq }) => [this.runId, seq, r.file, r.line ?? null, r.byteOffset ?? null, r.code, r.message, r.raw ?? null]),
      );
      await this.store.append(
        'duplicates',
        duplicates.map((d) => [this.runId, d.seq, d.id, d.duplicateOf, d.origin.file, d.origin.line ?? null, d.origin.byteOffset ?? null, d.origin.index ?? null]),
      );
    });
    if (pending.length > 0) {
      this.batches++;
      this.written += pending.length;
      this.onBatch?.(this.batches, this.written);
    }
  }

  private documentRow(p: Pending): Cell[] {
    const { doc, result } = p;
    const c = contributionOf(result, doc, [], this.sidesConfigured);
    const [start, end] = dateRange(doc.date, doc.datePrecision);
    return [
      doc.id,
      p.hash,
      this.scorer.version,
      this.runId,
      doc.origin.file,
      doc.origin.line ?? null,
      doc.origin.byteOffset ?? null,
      doc.origin.index ?? null,
      doc.date ?? null,
      c.datePrecision,
      start,
      end,
      JSON.stringify(doc.fields),
      doc.text,
      c.sentences,
      c.tokens,
      c.group_sentences,
      ...MEASURES.map((m) => c[m]),
      c.dehumanization_own_voice,
      c.dehumanization_quoted,
      c.outgroup_mentions,
      c.other_sentences,
      c.index_sum,
      ...MEASURES.map((m) => result.scores[m]),
      JSON.stringify(c.targets ?? {}),
    ];
  }
}

function* sentenceRows(pending: readonly Pending[]): Generator<Cell[]> {
  for (const { doc, result } of pending) {
    for (const s of result.sentences) {
      yield [doc.id, s.index, s.start, s.end, ...MEASURES.map((m) => s[m]), s.dehumanization_own_voice, s.dehumanization_quoted, s.tokens, s.mentions.length];
    }
  }
}

function* findingRows(pending: readonly Pending[]): Generator<Cell[]> {
  for (const { doc, result } of pending) {
    for (const s of result.sentences) {
      let seq = 0;
      for (const f of s.findings) {
        const context = s.text.length > CONTEXT_LIMIT ? s.text.slice(0, CONTEXT_LIMIT) : s.text;
        yield [
          doc.id,
          s.index,
          seq++,
          f.measure,
          f.category,
          f.rule,
          f.match,
          f.start,
          f.end,
          f.target,
          f.targetSide ?? null,
          f.negated,
          f.quoted,
          f.lexicon,
          f.weight,
          context,
          f.start - s.start,
          f.targetCategory ?? null,
        ];
      }
    }
  }
}

/** Count columns of the documents table that make up a {@link DocumentContribution}. */
const CONTRIBUTION_COLUMNS = [
  'sentences',
  'tokens',
  'group_sentences',
  ...MEASURES,
  'dehumanization_own_voice',
  'dehumanization_quoted',
  'outgroup_mentions',
  'other_sentences',
  'index_sum',
] as const;

/**
 * Every stored document's contribution, ordered by id, with groups read from its stored metadata (so a
 * change of grouping fields needs no rescoring).
 */
export async function storedContributions(store: Store, groupFields: readonly string[]): Promise<DocumentContribution[]> {
  const out: DocumentContribution[] = [];
  const sql = `SELECT id, date, date_precision, metadata, targets::VARCHAR AS targets, ${CONTRIBUTION_COLUMNS.join(', ')} FROM documents ORDER BY id`;
  for await (const row of store.stream<Record<string, unknown>>(sql)) {
    const fields = JSON.parse(String(row.metadata)) as Record<string, FieldValue>;
    const groups: Record<string, string> = {};
    for (const g of groupFields) groups[g] = groupValue(fields, g);
    const c: Record<string, unknown> = {
      id: row.id,
      date: row.date ?? null,
      datePrecision: (row.date_precision as DatePrecision | null) ?? null,
      groups,
    };
    for (const col of CONTRIBUTION_COLUMNS) c[col] = Number(row[col]);
    if (typeof row.targets === 'string') c.targets = JSON.parse(row.targets);
    out.push(c as unknown as DocumentContribution);
  }
  return out;
}

/** A stored document as an input document again, for rescoring with a new scorer. Read in chunks of ids. */
export async function* staleDocuments(store: Store, scorerVersion: string, skip: ReadonlySet<string>, chunk = 500): AsyncGenerator<InputDocument> {
  // Read the ids first: rescoring rewrites the table these queries read.
  const ids = (await store.all<{ id: string }>(`SELECT id FROM documents WHERE scorer_version <> ${sqlString(scorerVersion)} ORDER BY id`))
    .map((r) => r.id)
    .filter((id) => !skip.has(id));
  for (let i = 0; i < ids.length; i += chunk) {
    const list = ids.slice(i, i + chunk).map(sqlString).join(',');
    const rows = await store.all<Record<string, unknown>>(
      `SELECT id, text, date, date_precision, metadata, file, line, byte_offset, item_index FROM documents WHERE id IN (${list}) ORDER BY id`,
    );
    for (const row of rows) {
      yield {
        id: String(row.id),
        text: String(row.text),
        date: (row.date as string | null) ?? undefined,
        datePrecision: (row.date_precision as DatePrecision | null) ?? undefined,
        fields: JSON.parse(String(row.metadata)) as Record<string, FieldValue>,
        origin: {
          file: String(row.file),
          line: row.line === null ? undefined : Number(row.line),
          byteOffset: row.byte_offset === null ? undefined : Number(row.byte_offset),
          index: row.item_index === null ? undefined : Number(row.item_index),
        },
      };
    }
  }
}

/** A stored finding with its document's date and sentence, for evidence. */
export interface StoredFinding extends EvidenceFinding {
  readonly sentence: number;
}

/** Streams findings with positive weight in a stable order (document, sentence, position). */
export async function* positiveFindings(store: Store): AsyncGenerator<StoredFinding> {
  const sql = `SELECT f.document_id AS document, d.date, f.sentence, f.measure, f.category, f.rule, f.match, f.target, f.target_side, f.target_group, f.quoted, f.weight, f.context, f.context_offset
    FROM findings f JOIN documents d ON d.id = f.document_id
    WHERE f.weight > 0 AND d.date IS NOT NULL
    ORDER BY f.document_id, f.sentence, f.seq`;
  yield* store.stream<StoredFinding>(sql);
}
