/**
 * Deduplication across all inputs of a run: by id when the input gave one, by a normalised
 * content hash when ids were derived from positions (the same article saved twice under two
 * names is one article), and by position for transcript turns (a repeated "Yes." is not a duplicate).
 */
import { createHash } from 'node:crypto';
import type { InputDocument } from '../core/types.js';

/** What a document's identity rests on. */
export type DedupeBasis = 'id' | 'content' | 'position';

const basisOf = new WeakMap<InputDocument, DedupeBasis>();

/** Records how a reader identified a document; documents never marked dedupe by id. */
export function setDedupeBasis(doc: InputDocument, basis: DedupeBasis): void {
  basisOf.set(doc, basis);
}

/** Lowercase, whitespace runs collapsed to one space, trimmed: formatting noise does not make a new document. */
export function normaliseForHash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** sha1 of {@link normaliseForHash}, hex. */
export function contentHash(text: string): string {
  return createHash('sha1').update(normaliseForHash(text)).digest('hex');
}

/** Remembers what was seen; {@link check} answers with the id of the first copy, or undefined. */
export class Deduper {
  private readonly seen = new Map<string, string>();

  /** The id of the document this one duplicates, or undefined (and it is remembered). */
  check(doc: InputDocument): string | undefined {
    const basis = basisOf.get(doc) ?? 'id';
    const key = basis === 'content' ? `h:${contentHash(doc.text)}` : `i:${doc.id}`;
    const first = this.seen.get(key);
    if (first !== undefined) return first;
    this.seen.set(key, doc.id);
    return undefined;
  }

  /** How many distinct documents were seen. */
  get size(): number {
    return this.seen.size;
  }
}
