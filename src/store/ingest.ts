/**
 * The incremental part of a run: every record the readers deliver is either already stored (skipped, not
 * rescored), scored and written in an atomic batch, rejected, or a duplicate. When the scorer changed since
 * documents were stored, the stored documents this run did not read are rescored from their stored text, so
 * the indicators never mix two scorers.
 */

import type { InputDocument, ReaderEvent } from '../core/types.js';
import type { Scorer } from '../measures/scorer.js';
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
  readonly scorer: Scorer;
  readonly identity: ScorerIdentity;
  readonly sidesConfigured: boolean;
  readonly batchSize: number;
  readonly onProgress?: (documents: number) => void;
  readonly onBatch?: (batch: number, documents: number) => void;
}

/** Stores what `events` holds that the store does not have yet. */
export async function ingest(store: Store, events: AsyncIterable<ReaderEvent>, options: IngestOptions): Promise<IngestCounts> {
  const known = await storedKeys(store);
  const seen = new Set<string>();
  const writer = new BatchWriter(store, options.runId, options.identity, options.sidesConfigured, options.batchSize, options.onBatch);
  const counts: IngestCounts = { read: 0, scored: 0, skipped: 0, rejected: 0, duplicates: 0, replaced: 0, sentences: 0, rescoredFromStore: 0, batches: 0 };

  const score = async (doc: InputDocument, hash: string, replaces: boolean): Promise<void> => {
    const result = options.scorer.scoreDocument(doc.id, doc.text);
    counts.sentences += result.sentences.length;
    await writer.addDocument(doc, result, hash, replaces);
  };

  for await (const event of events) {
    counts.read++;
    if (event.kind === 'reject') {
      counts.rejected++;
      writer.addReject(event.reject, counts.read);
      continue;
    }
    if (event.kind === 'duplicate') {
      counts.duplicates++;
      writer.addDuplicate(event.id, event.duplicateOf, event.origin, counts.read);
      continue;
    }
    const doc = event.document;
    seen.add(doc.id);
    const hash = contentHash(doc);
    const stored = known.get(doc.id);
    if (stored && stored.hash === hash && stored.scorer === options.identity.version) {
      counts.skipped++;
      continue;
    }
    counts.scored++;
    if (stored) counts.replaced++;
    await score(doc, hash, stored !== undefined);
    if (options.onProgress && counts.scored % 500 === 0) options.onProgress(counts.scored);
  }

  for await (const doc of staleDocuments(store, options.identity.version, seen)) {
    counts.rescoredFromStore++;
    await score(doc, contentHash(doc), true);
  }
  await writer.flush();
  counts.batches = writer.batches;
  return counts;
}
