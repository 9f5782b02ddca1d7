/**
 * What every frame rule returns and reads: a frame finding, the per-category cue lookup, and the lexicon
 * stamp of a cue. Kept apart so the victimhood and acknowledgement frame files depend on it, not on each other.
 */

import type { MeasureName } from '../../core/types.js';
import type { TrieMatch } from '../../lexicon/trie.js';
import type { TokenMention } from '../actors.js';

/** A frame the rule found. */
export interface FrameFinding {
  readonly measure: MeasureName;
  readonly category: string;
  /** Token span covering the cues that make the frame. */
  readonly start: number;
  readonly end: number;
  readonly mention: TokenMention | null;
  readonly weight: number;
  readonly lexicon: string;
}

/** The cues of one sentence, by category. */
export type CueLookup = (category: string) => TrieMatch[];

/** The `id@version` of the lexicon a cue came from. */
export function lexiconOf(cue: TrieMatch): string {
  return `${cue.entry.lexicon.id}@${cue.entry.lexicon.version}`;
}
