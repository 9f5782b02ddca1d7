/** Builds the scorer a pipeline asks for: its lexicons, its actor lists, and whether sides are configured. */

import { DEFAULT_LEXICON_IDS, loadLexicons } from '../lexicon/load.js';
import type { Lexicon } from '../lexicon/types.js';
import { createScorer, type Scorer } from '../measures/scorer.js';

/** A ready scorer and what it was built from. */
export interface ScorerSetup {
  readonly scorer: Scorer;
  readonly lexicons: readonly Lexicon[];
  /** True when an actor list marks an outgroup, so indicators can talk about "the other side". */
  readonly sidesConfigured: boolean;
}

/** Expands `default` to the bundled lexicon ids and loads everything, relative to `baseDir`. */
export function setupScorer(lexiconRefs: readonly string[], actorRefs: readonly string[], baseDir: string): ScorerSetup {
  const refs = lexiconRefs.flatMap((ref) => (ref === 'default' ? [...DEFAULT_LEXICON_IDS] : [ref]));
  const unique = [...new Set([...refs, ...actorRefs])];
  const lexicons = loadLexicons(unique, baseDir);
  const sidesConfigured = lexicons.some((l) => l.info.measure === 'actors' && l.entries.some((e) => e.side === 'outgroup'));
  return { scorer: createScorer({ lexicons }), lexicons, sidesConfigured };
}
