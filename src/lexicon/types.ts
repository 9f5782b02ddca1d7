/** Types of a loaded lexicon (see docs/lexicon-format.md). */

import type { Side } from '../core/types.js';

/** What a lexicon is for: one of the four measures, the actor list, or a cue list for the context rules. */
export const LEXICON_KINDS = [
  'dehumanization',
  'victimhood_exclusive',
  'victimhood_inclusive',
  'acknowledgement',
  'actors',
  'negation',
  'hedge',
  'quotation',
  'frame',
] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];

/** How a term attaches to its target; the context rules differ for each. */
export const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv', 'phrase'] as const;
export type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];

/** A slot in a term matches a whole actor mention. */
export const SLOTS = ['<self>', '<other>', '<group>', '<any>'] as const;
export type Slot = (typeof SLOTS)[number];

/** One compiled term element: a literal word, a prefix wildcard or a slot. */
export type TermElement =
  | { readonly type: 'word'; readonly value: string }
  | { readonly type: 'prefix'; readonly value: string }
  | { readonly type: 'slot'; readonly value: Slot };

/** One entry of a lexicon. */
export interface LexiconEntry {
  readonly term: string;
  readonly elements: readonly TermElement[];
  readonly category: string;
  readonly weight: number;
  readonly pos: PartOfSpeech;
  readonly side: Side;
  readonly notes: string;
  /** 1-based line in the lexicon file, for messages and evidence. */
  readonly line: number;
  /** The lexicon this entry belongs to (filled by the loader). */
  readonly lexicon: LexiconInfo;
}

/** The header of a lexicon: identity, provenance and declared categories. */
export interface LexiconInfo {
  readonly id: string;
  readonly version: string;
  readonly language: string;
  readonly measure: LexiconKind;
  readonly source: string;
  readonly license: string;
  readonly description: string;
  readonly categories: ReadonlyMap<string, string>;
  /** The file it was read from, when read from a file. */
  readonly file?: string;
  /** sha256 of the file's bytes, so outputs can say exactly which lexicon produced them. */
  readonly sha256: string;
}

/** A validated lexicon. */
export interface Lexicon {
  readonly info: LexiconInfo;
  readonly entries: readonly LexiconEntry[];
}
