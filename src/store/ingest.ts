/**
 * The incremental part of a run: every record the readers deliver is either already stored (skipped, not
 * rescored), scored and written in an atomic batch, rejected, or a duplicate. When the scorer changed since
 * documents were stored, the stored documents this run did not read are rescored from their stored text, so
 * the indicators never mix two scorers.
 */

import type { DocumentResult, InputDocument, ReaderEvent } from '../core/types.js';
import type { ScoringPool } from '../parallel/pool.js';
import { BatchWriter, contentHash, staleDocuments, storedKeys, type ScorerIdentity } from './documents.js';
import type { Store } from './store.js';

/** Default number of documents per transaction. */
export const DEFAULT_BATCH_SIZE = 500;

/** The batch size: an explicit option, else `REHUMANIZE_BATCH_SIZE`, else {@link DEFAULT_BATCH_SIZE}. */
export function batchSizeFrom(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = option ?? (env.REHUMANIZE_BATCH_SIZE ? Number(env.REHUMANIZE_BATCH_SIZE) : DEFAULT_BATCH_SIZE);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_BATCH_SIZE;
}

/** What ingesting one run's inputs did. read = scored + skipped + rejected + duplicates. */
export interface IngestCounts {
  read: number;
  /** Documents scored and stored by this run (new, changed, or stored with another scorer). */
  scored: number;
  /** Documents already stored with the same content and scorer: not rescored. */
  skipped: number;
  rejected: number;
  duplicates: number;
  /** Of `scored`: documents whose stored version was replaced (content or scorer changed). */
  replaced: number;
  /** Sentences of the documents scored by this run. */
  sentences: number;
  /** Stored documents not among this run's inputs, rescored because the scorer changed. */
  rescoredFromStore: number;
  /** Transactions committed. */
  batches: number;
}

/** Settings of {@link ingest}. */
export interface IngestOptions {
  readonly runId: string;
  /** Scores documents, in this thread or in worker threads, returning results in input order. */
  readonly pool: ScoringPool;
  readonly identity: ScorerIdentity;
  readonly sidesConfigured: boolean;
  readonly batchSize: number;
  readonly onProgress?: (documents: number) => void;
  /** Called for every record read (document, reject or duplicate), for a progress display. */
  readonly onRead?: () => void;
  readonly onBatch?: (batch: number, documents: number) => void;
}

/** A reader event with what the store knows of it. */
interface Classified {
  readonly event: ReaderEvent;
  /** Position among the records read, which orders rejects and duplicates as the input did. */
  readonly seq: number;
  readonly hash: string;
  readonly replaces: boolean;
  /** True for a document the store lacks or holds with other content or another scorer. */
  readonly score: boolean;
}

/** Stores what `events` holds that the store does not have yet. */
export async function ingest(store: Store, events: AsyncIterable<ReaderEvent>, options: IngestOptions): Promise<IngestCounts> {
  const known = await storedKeys(store);
  const seen = new Set<string>();
  const writer = new BatchWriter(store, options.runId, options.identity, options.sidesConfigured, options.batchSize, options.onBatch);
  const counts: IngestCounts = { read: 0, scored: 0, skipped: 0, rejected: 0, duplicates: 0, replaced: 0, sentences: 0, rescoredFromStore: 0, batches: 0 };

  const store_ = async (doc: InputDocument, result: DocumentResult, hash: string, replaces: boolean): Promise<void> => {
    counts.sentences += result.sentences.length;
    await writer.addDocument(doc, result, hash, replaces);
  };

  /** Classifies each event in input order; only documents the store lacks are sent to be scored. */
  async function* classified(): AsyncGenerator<Classified> {
    for await (const event of events) {
      const seq = ++counts.read;
      options.onRead?.();
      if (event.kind !== 'document') {
        yield { event, seq, hash: '', replaces: false, score: false };
        continue;
      }
      const doc = event.document;
      seen.add(doc.id);
      const hash = contentHash(doc);
      const stored = known.get(doc.id);
      const current = stored !== undefined && stored.hash === hash && stored.scorer === options.identity.version;
      yield { event, seq, hash, replaces: stored !== undefined, score: !current };
    }
  }

  for await (const { item, result } of options.pool.scoreItems(classified(), (x) => (x.score && x.event.kind === 'document' ? x.event.document : null))) {
    const event = item.event;
    if (event.kind === 'reject') {
      counts.rejected++;
      writer.addReject(event.reject, item.seq);
    } else if (event.kind === 'duplicate') {
      counts.duplicates++;
      writer.addDuplicate(event.id, event.duplicateOf, event.origin, item.seq);
    } else if (!item.score) {
      counts.skipped++;
    } else {
      counts.scored++;
      if (item.replaces) counts.replaced++;
      await store_(event.document, result!, item.hash, item.replaces);
      if (options.onProgress && counts.scored % 500 === 0) options.onProgress(counts.scored);
    }
  }

  for await (const { item: doc, result } of options.pool.scoreItems(staleDocuments(store, options.identity.version, seen), (d) => d)) {
    counts.rescoredFromStore++;
    await store_(doc, result!, contentHash(doc), true);
  }
  await writer.flush();
  counts.batches = writer.batches;
  return counts;
}
