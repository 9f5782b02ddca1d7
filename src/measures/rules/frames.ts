/**
 * Frame rules for victimhood and acknowledgement of suffering.
 *
 * Fixed phrases miss most of the ways people say "both sides have suffered" or "we are the real victims".
 * Following Vollhardt's distinction, a victimhood frame is a combination, within one sentence, of
 * suffering (pain, grief, losses; or harm events such as killings) with whose suffering it is and how it is
 * held:
 * - inclusive: suffering that spans the sides ("both sides", "Velorians and Karsks") or is marked as shared
 *   between us and them ("too", "the same", "just as much");
 * - exclusive: our suffering marked as the only, real or greater one ("nobody suffered like us", "ten times
 *   worse"), or their suffering denied, minimised or blamed on them ("staged", "propaganda", "their own
 *   doing"), or a shared-suffering claim that is itself denied ("it is not true that both sides suffered");
 * - acknowledgement: the other side's suffering named as theirs ("their grief", "Karsk families have lost"),
 *   or reported with a stance of recognition ("I know their children suffer"), and not denied.
 * One cue class alone never scores; a report of harm with no stance ("three civilians were killed") is not
 * acknowledgement.
 */

import { compileTrie, type CompiledTrie, type TrieMatch } from '../../lexicon/trie.js';
import type { Lexicon } from '../../lexicon/types.js';
import type { NegationRule } from './negation.js';
import type { SentenceContext } from '../sentence-context.js';
import { acknowledgementFrames } from './acknowledgement-frames.js';
import type { CueLookup, FrameFinding } from './frame-types.js';
import { victimhoodFrames } from './victimhood-frames.js';

export { lexiconOf, type CueLookup, type FrameFinding } from './frame-types.js';

/** Evaluates the frames of a sentence. */
export type FrameRule = (ctx: SentenceContext) => FrameFinding[];

/** Categories whose presence sends a sentence to the frame rules in the cheap pass. */
export const FRAME_TRIGGER_CATEGORIES = new Set(['suffering_state', 'harm_event', 'wrongdoing', 'legitimacy', 'apology', 'role_noun', 'perspective_stem']);

/** Compiles the frame cue lexicons (measure `frame`). Returns a rule that finds nothing when none is loaded. */
export function createFrameRule(lexicons: readonly Lexicon[], negation: NegationRule): FrameRule {
  const entries = lexicons.flatMap((l) => l.entries);
  if (entries.length === 0) return () => [];
  const trie: CompiledTrie = compileTrie(entries);

  return (ctx) => {
    const cues = longestCues(trie.matchAll(ctx.forms));
    const of: CueLookup = (category) => cues.filter((c) => c.entry.category === category);
    return [...victimhoodFrames(ctx, of, negation), ...acknowledgementFrames(ctx, of, negation)];
  };
}

/**
 * Within each category, keeps the longest cue at each place ("both sides" over "both"). Cues of different
 * categories never hide each other: "killed" is both a harm and, with our side as agent, a wrong.
 */
function longestCues(matches: TrieMatch[]): TrieMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TrieMatch[] = [];
  const coveredUntil = new Map<string, number>();
  for (const m of matches) {
    const category = m.entry.category;
    const until = coveredUntil.get(category) ?? -1;
    if (m.start < until && m.end <= until) continue;
    out.push(m);
    coveredUntil.set(category, Math.max(until, m.end));
  }
  return out;
}
