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

import type { MeasureName } from '../../core/types.js';
import { compileTrie, type CompiledTrie, type TrieMatch } from '../../lexicon/trie.js';
import type { Lexicon } from '../../lexicon/types.js';
import type { TokenMention } from '../actors.js';
import type { NegationRule } from './negation.js';
import { acknowledgementFrames } from './acknowledgement-frames.js';
import { Break, type SentenceContext } from '../sentence-context.js';

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

/** Weight of a frame: below a fixed phrase's sureness, above the presence threshold. */
const FRAME_WEIGHT = { inclusive: 0.75, exclusive: 0.75, acknowledgement: 0.7 } as const;

/** Evaluates the frames of a sentence. */
export type FrameRule = (ctx: SentenceContext) => FrameFinding[];

/** The cues of one sentence, by category. */
export type CueLookup = (category: string) => TrieMatch[];

/** Categories whose presence sends a sentence to the frame rules in the cheap pass. */
export const FRAME_TRIGGER_CATEGORIES = new Set(['suffering_state', 'harm_event', 'wrongdoing', 'legitimacy', 'apology', 'role_noun']);

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

/** The `id@version` of the lexicon a cue came from. */
export function lexiconOf(cue: TrieMatch): string {
  return `${cue.entry.lexicon.id}@${cue.entry.lexicon.version}`;
}

function victimhoodFrames(ctx: SentenceContext, of: CueLookup, negation: NegationRule): FrameFinding[] {
  {
    const state = of('suffering_state');
    const harm = of('harm_event');
    if (state.length === 0 && harm.length === 0) return [];
    const suffering = [...state, ...harm];
    const lexiconId = lexiconOf(suffering[0]!);
    const self = ctx.mentions.filter((m) => m.person === 'self');
    const other = ctx.mentions.filter((m) => m.person !== 'self');
    const both = of('both_sides').length > 0 || twoGroupsJoined(ctx);
    const shared = of('shared_marker').length > 0;
    // Exclusivity counts only next to suffering that is ours ("we suffered more", "our real pain"):
    // "their fear is real" recognises their suffering, it does not claim ours.
    const ownedBySelf = (c: TrieMatch): boolean => {
      const owner = nearestMention(ctx.mentions, c);
      return owner !== null && owner.person === 'self';
    };
    const exclusive = of('exclusivity_marker').some((x) => suffering.some((c) => Math.abs(c.start - x.start) <= 6 && (self.length === 0 || ownedBySelf(c) || other.length === 0)));
    const denial = of('denial_marker').length + of('blame_marker').length > 0;
    const negatedClaim = of('negated_claim').length > 0;
    // "they did not suffer as we did": their suffering itself is negated, which denies it.
    const negatedOtherSuffering = suffering.some((s) => negation.isNegated(ctx, s.start, s.end, 3) && nearestMention(other, s) !== null);

    const out: FrameFinding[] = [];
    const span = (matches: readonly TrieMatch[]): [number, number] => [Math.min(...matches.map((m) => m.start)), Math.max(...matches.map((m) => m.end))];
    const firstOther = other[0] ?? null;

    const inclusiveClaim = (both || (self.length > 0 && other.length > 0 && shared)) && !(exclusive && !shared && !both);
    if (inclusiveClaim && (negatedClaim || negatedOtherSuffering || denial)) {
      const [s, e] = span([...suffering, ...of('negated_claim'), ...of('denial_marker'), ...of('blame_marker')]);
      out.push({ measure: 'victimhood_exclusive', category: 'denied_shared_suffering', start: s, end: e, mention: firstOther, weight: FRAME_WEIGHT.exclusive, lexicon: lexiconId });
    } else if (inclusiveClaim) {
      const [s, e] = span([...suffering, ...of('both_sides'), ...of('shared_marker')]);
      out.push({ measure: 'victimhood_inclusive', category: 'shared_suffering_frame', start: s, end: e, mention: firstOther, weight: FRAME_WEIGHT.inclusive, lexicon: lexiconId });
    } else if ((self.length > 0 && exclusive && !shared) || (other.length > 0 && (denial || negatedOtherSuffering))) {
      const markers = [...of('exclusivity_marker'), ...of('denial_marker'), ...of('blame_marker')];
      const [s, e] = span([...suffering, ...markers]);
      const category = denial ? 'denied_or_blamed_suffering' : negatedOtherSuffering ? 'denied_or_blamed_suffering' : 'exclusive_suffering';
      out.push({ measure: 'victimhood_exclusive', category, start: s, end: e, mention: firstOther ?? self[0] ?? null, weight: FRAME_WEIGHT.exclusive, lexicon: lexiconId });
    }

    // Acknowledgement of the other side's suffering: named as theirs, or reported with recognition.
    // A shared-suffering sentence is about both sides; it does not single out the other side's suffering.
    if (!inclusiveClaim && !denial && !negatedOtherSuffering && !negatedClaim && !(exclusive && self.length > 0 && !shared)) {
      const stance = of('recognition_stance').filter((s) => !negation.isNegated(ctx, s.start, s.end, 3));
      for (const s of state) {
        if (negation.isNegated(ctx, s.start, s.end, 3)) continue;
        const owner = ownerOf(ctx, other, s);
        if (owner) {
          out.push({ measure: 'acknowledgement', category: 'suffering_recognition_frame', start: Math.min(owner.start, s.start), end: Math.max(owner.end, s.end), mention: owner, weight: FRAME_WEIGHT.acknowledgement, lexicon: lexiconId });
          break;
        }
      }
      if (!out.some((f) => f.measure === 'acknowledgement') && stance.length > 0 && other.length > 0) {
        const [s, e] = span([...stance, ...suffering]);
        out.push({ measure: 'acknowledgement', category: 'recognised_harm_frame', start: s, end: e, mention: firstOther, weight: FRAME_WEIGHT.acknowledgement, lexicon: lexiconId });
      }
    }
    return out;
  }
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

/** Two different groups joined by "and": "Velorians and Karsks", "Israeli and Palestinian parents". */
function twoGroupsJoined(ctx: SentenceContext): boolean {
  const ms = ctx.mentions;
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1]!;
    if (a.label === b.label || b.start - a.end > 2) continue;
    for (let t = a.end; t < b.start; t++) if (ctx.forms[t] === 'and' || ctx.forms[t] === 'or') return true;
  }
  return false;
}

/** The other-side mention the suffering belongs to: its possessor or subject, close before it in the clause. */
function ownerOf(ctx: SentenceContext, other: readonly TokenMention[], cue: TrieMatch): TokenMention | null {
  let best: TokenMention | null = null;
  for (const m of other) {
    if (m.end > cue.start) continue;
    const gap = cue.start - m.end;
    if (gap > 4) continue;
    let broken = false;
    for (let t = m.end - 1; t < cue.start - 1; t++) if (ctx.breaks[t] === Break.Clause) broken = true;
    if (!broken && (!best || m.end > best.end)) best = m;
  }
  return best;
}

function nearestMention(mentions: readonly TokenMention[], cue: TrieMatch): TokenMention | null {
  let best: TokenMention | null = null;
  let bestDistance = 6;
  for (const m of mentions) {
    const d = m.end <= cue.start ? cue.start - m.end : m.start >= cue.end ? m.start - cue.end : 0;
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}
