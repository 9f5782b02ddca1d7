/** Builds the scorer a pipeline asks for: its lexicons, its actor lists, and whether sides are configured. */

import { DEFAULT_LEXICON_IDS, loadLexicons } from '../lexicon/load.js';
import type { Lexicon } from '../lexicon/types.js';
import { createScorer, type Scorer } from '../measures/scorer.js';
import { createModelScorer } from './model-scorer.js';
import { defaultModelRefs, loadModels, type ModelRefs } from './setup.js';

/** A ready scorer and what it was built from. */
export interface ScorerSetup {
  readonly scorer: Scorer;
  readonly lexicons: readonly Lexicon[];
  /** True when an actor list marks an outgroup, so indicators can talk about "the other side". */
  readonly sidesConfigured: boolean;
  /** Trained models in use (`measure:path@hash`), empty when every measure is scored by the rules alone. */
  readonly models: readonly string[];
  /** Warnings about the models (trained with other lexicons than those in use). */
  readonly modelWarnings: readonly string[];
}

/**
 * Expands `default` to the bundled lexicon ids and loads everything, relative to `baseDir`.
 *
 * `models`: trained models per measure (a pipeline's `models:` key); `'defaults'` for the shipped defaults in
 * models/defaults.json (used only with the default lexicons, which they were trained with); omitted: rules only.
 */
export function setupScorer(lexiconRefs: readonly string[], actorRefs: readonly string[], baseDir: string, models?: ModelRefs | 'defaults'): ScorerSetup {
  const refs = lexiconRefs.flatMap((ref) => (ref === 'default' ? [...DEFAULT_LEXICON_IDS] : [ref]));
  const unique = [...new Set([...refs, ...actorRefs])];
  const lexicons = loadLexicons(unique, baseDir);
  const sidesConfigured = lexicons.some((l) => l.info.measure === 'actors' && l.entries.some((e) => e.side === 'outgroup'));
  const rules = createScorer({ lexicons });
  const modelRefs = models === 'defaults' ? (lexiconRefs.includes('default') ? defaultModelRefs() : {}) : (models ?? {});
  const loaded = loadModels(modelRefs, baseDir);
  if (Object.keys(loaded).length === 0) return { scorer: rules, lexicons, sidesConfigured, models: [], modelWarnings: [] };
  const scorer = createModelScorer(rules, lexicons, loaded);
  return { scorer, lexicons, sidesConfigured, models: scorer.modelVersions, modelWarnings: scorer.warnings };
}
