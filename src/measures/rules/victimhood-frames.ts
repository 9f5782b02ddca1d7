/**
 * Victimhood frames (Vollhardt): suffering combined, within one clause, with whose suffering it is and how it
 * is held: shared across the sides (inclusive), ranked as ours alone or denied to them (exclusive); and the
 * other side's suffering recognised (acknowledgement). The cues must be related: an owner right before the
 * suffering, a both-sides or shared marker near it, exclusivity that ranks our suffering, denial next to
 * theirs, a speaker's stance verb governing the harm. Cues scattered over a sentence do not combine.
 */

import type { TrieMatch } from '../../lexicon/trie.js';
import type { TokenMention } from '../actors.js';
import type { NegationRule } from './negation.js';
import { Break, noBreakBetween, type SentenceContext } from '../sentence-context.js';
import { lexiconOf, type CueLookup, type FrameFinding } from './frame-types.js';

/** Weight of a frame: below a fixed phrase's sureness, above the presence threshold. */
const FRAME_WEIGHT = { inclusive: 0.75, exclusive: 0.75, acknowledgement: 0.7 } as const;

/** Finds the victimhood frames, and recognition of the other side's suffering, in a sentence. */
export function victimhoodFrames(ctx: SentenceContext, of: CueLookup, negation: NegationRule): FrameFinding[] {
  // "took pains", "cried foul", "lost the election": fixed expressions whose suffering word names no suffering.
  const idioms = of('not_suffering');
  const real = (c: TrieMatch): boolean => !idioms.some((i) => i.start <= c.start && c.end <= i.end);
  const state = of('suffering_state').filter(real);
  const harm = of('harm_event').filter(real);
  if (state.length === 0 && harm.length === 0) return [];
  const suffering = [...state, ...harm].sort((a, b) => a.start - b.start);
  const lexiconId = lexiconOf(suffering[0]!);
  const self = ctx.mentions.filter((m) => m.person === 'self');
  // Victimhood is about groups: a singular "he"/"she" is a person, not the other side ("he lost the vote").
  const other = ctx.mentions.filter((m) => m.person === 'other' || m.person === 'group');
  // A harm verb that is also a wrong ("killed", "shelled") has an agent: in the active voice its subject did
  // the harm and its object suffered it.
  const wrongs = of('wrongdoing');
  const agentive = (c: TrieMatch): boolean => wrongs.some((w) => w.start === c.start) && !PASSIVE_AUX.has(ctx.forms[c.start - 1] ?? '') && (c.entry.category === 'harm_event' || ctx.mentionAt[c.end]! >= 0 || OBJECT_STARTS.has(ctx.forms[c.end] ?? ''));
  const isState = (c: TrieMatch): boolean => c.entry.category === 'suffering_state';
  const out: FrameFinding[] = [];
  const firstOther = other[0] ?? null;

  // --- Who suffers: the owner of each suffering cue (possessor, subject, passive subject or object of harm).
  const owners = new Map<TrieMatch, TokenMention | null>();
  for (const s of suffering) owners.set(s, ownerOfSuffering(ctx, s, agentive(s)));
  const ownedBy = (s: TrieMatch, person: 'self' | 'other'): boolean => {
    const o = owners.get(s) ?? null;
    if (!o) return false;
    return person === 'self' ? o.person === 'self' : o.person === 'other' || o.person === 'group';
  };

  // --- Inclusive evidence: a both-sides reference, two sides joined, or a shared marker with both sides
  // present, each attached to a suffering cue (near it, same clause, no contrast in between).
  const shared = of('shared_marker').filter((c) => isAdditiveMarker(ctx, c));
  const bothSides = of('both_sides').filter((b) => !(ctx.forms[b.end] === 'else'));
  const joined = joinedGroups(ctx);
  type Inclusive = { s: TrieMatch; cue: { start: number; end: number } };
  const inclusive: Inclusive[] = [];
  let sharedEquated = false;
  for (const s of suffering) {
    const b = bothSides.find((c) => bothAttached(ctx, c, s, self.length > 0 && other.length > 0) && !(agentive(s) && c.end <= s.start));
    if (b) {
      inclusive.push({ s, cue: b });
      continue;
    }
    // The shared marker is on the suffering itself: "the same grief", "lost just as much", "they too have
    // suffered" — not on another noun nearby ("the same failed policies that devastated ...").
    const sh = shared.find((c) => near(ctx, c, s, ADDITIVE.has(c.entry.term) ? 1 : 2));
    // "Velorians and Karsks share ... the same graveyards": the shared marker on the suffering itself, the
    // joined sides further back in the same clause.
    // The pair owns the suffering: before it as subject, or right after it as object or possessor ("hurts
    // Karsks and Velorians", "the grief of Karsk and Velorian mothers"), not as its source ("losses from ...").
    const pairOwns = (g: Span): boolean => g.end <= s.start || (g.start - s.end <= 2 && !ctx.forms.slice(s.end, g.start).some((f) => f === 'from' || f === 'by'));
    const j = joined.find((g) => pairOwns(g) && (near(ctx, g, s, 5) || (shared.some((c) => near(ctx, c, s, 1)) && near(ctx, g, s, 10))));
    // Two sides named together and suffering ("Karsks and Velorians grieve"); a plain report of harm
    // ("two soldiers and three civilians were killed") needs a marker that the harm is common.
    // "both Karsk and Velorian hostages", "Karsks and Velorians alike": the pair itself marked as common.
    const pairMarked = j !== undefined && (ctx.forms[j.start - 1] === 'both' || shared.some((c) => c.start >= j.end && c.start - j.end <= 1));
    if (j && (isState(s) || sh || pairMarked)) {
      inclusive.push({ s, cue: j });
      continue;
    }
    // "Their mothers weep just as ours do", "the Karsk families I met have lost just as much": shared, with
    // both sides in the sentence and one of them owning the suffering.
    if (sh && self.length > 0 && other.length > 0 && (owners.get(s) || self.some((m) => near(ctx, m, s, 8)) || other.some((m) => near(ctx, m, s, 8)))) {
      inclusive.push({ s, cue: sh });
      sharedEquated = true;
    }
  }

  // A claim of shared suffering that is itself denied ("it is not true that both sides suffered").
  const negatedClaims = of('negated_claim');
  const deniers = [...of('denial_marker'), ...of('blame_marker')].filter((d) => !isNameLike(ctx, d));
  const deniedShared = inclusive.find(({ s, cue }) =>
    negatedClaims.some((n) => n.end <= Math.min(s.start, cue.start) && Math.min(s.start, cue.start) - n.end <= 8 && noBreakBetween(ctx, n.end - 1, s.start)) ||
    negation.isNegated(ctx, s.start, s.end, 3) ||
    deniers.some((d) => near(ctx, d, s, 4)),
  );
  const span = (xs: readonly { start: number; end: number }[]): [number, number] => [Math.min(...xs.map((m) => m.start)), Math.max(...xs.map((m) => m.end))];
  if (deniedShared) {
    const [s, e] = span([deniedShared.s, deniedShared.cue]);
    out.push({ measure: 'victimhood_exclusive', category: 'denied_shared_suffering', start: s, end: e, mention: firstOther, weight: FRAME_WEIGHT.exclusive, lexicon: lexiconId });
  } else if (inclusive.length > 0) {
    const [s, e] = span([inclusive[0]!.s, inclusive[0]!.cue]);
    out.push({ measure: 'victimhood_inclusive', category: 'shared_suffering_frame', start: s, end: e, mention: firstOther, weight: FRAME_WEIGHT.inclusive, lexicon: lexiconId });
  }
  const inInclusive = new Set(inclusive.map((x) => x.s));

  // --- Exclusive: our suffering marked as the only, real or greater one, the marker next to it.
  // A sentence that equates the two sides' suffering ("have lost just as much") is not also ranking them.
  if (!deniedShared) {
    let found: [TrieMatch, TrieMatch] | null = null;
    for (const x of of('exclusivity_marker')) {
      if (isNameLike(ctx, x)) continue;
      // "no more than theirs", "not less than": a shared marker over the same words wins.
      if (shared.some((c) => c.start <= x.end && x.start <= c.end)) continue;
      if (sharedEquated) break;
      // "suffer not only from taxes" adds, it does not rank; "many more hostages" counts, it does not rank:
      // a bare "more" ranks after the suffering ("suffered more") or as "more than".
      if (x.entry.term === 'only' && ctx.forms[x.start - 1] === 'not') continue;
      const countOnly = MORE.has(x.entry.term) && ctx.forms[x.end] !== 'than';
      // "Nobody has suffered like us": the marker is the negator, which ranks rather than denies.
      const ranksByNegating = (c: TrieMatch): boolean => x.start < c.start && /^no/.test(x.entry.term);
      const s = suffering.find((c) => !FEAR.has(c.entry.term) && ranks(ctx, x, c) && !(countOnly && x.start < c.start) && (ranksByNegating(c) || !negation.isNegated(ctx, c.start, c.end, 3)) && (ownedBy(c, 'self') || (!owners.get(c) && self.some((m) => (m.start >= c.end && near(ctx, m, c, 4)) || (m.end <= x.start && near(ctx, m, x, 4))))));
      if (s) {
        found = [x, s];
        break;
      }
    }
    // Their suffering denied, minimised, staged or blamed on them: the marker next to suffering that is not ours.
    let denied: [TrieMatch, TrieMatch] | null = null;
    for (const d of deniers) {
      const s = suffering.find((c) => denies(ctx, d, c) && !ownedBy(c, 'self') && (ownedBy(c, 'other') || other.some((m) => near(ctx, m, c, 6) || near(ctx, m, d, 3))));
      if (s) {
        denied = [d, s];
        break;
      }
    }
    // "they did not suffer as we did": their suffering itself negated. Negated fear is defiance, not denial.
    // Only a plain statement with the group as subject ("they did not suffer", "the Karsks were never
    // victims"); "should not suffer", "can't hurt anybody" and "hasn't this family suffered enough" are not.
    const negatedTheirs = denied ? null : state.find((c) => {
      if (FEAR.has(c.entry.term) || !ownedBy(c, 'other') || !negation.isNegated(ctx, c.start, c.end, 3)) return false;
      const owner = owners.get(c)!;
      if (!/^(suffer|victim|grie|mourn)/.test(c.entry.term) || owner.end > c.start) return false;
      if (!ctx.forms.slice(owner.end, c.start).some((f) => f === 'not' || f === 'never' || f.endsWith("n't"))) return false;
      if (c.start - owner.end > 3 || !noBreakBetween(ctx, owner.end - 1, c.start, Break.Comma)) return false;
      for (let t = Math.max(0, owner.start - 2); t < c.start; t++) if (MODALS.has(ctx.forms[t]!)) return false;
      return ctx.forms[owner.start - 1] !== 'this' && !ctx.forms.slice(owner.start - 2, owner.start).some((f) => f === "hasn't" || f === "haven't" || f === "didn't");
    });
    const pair = denied ?? found ?? (negatedTheirs ? [negatedTheirs, negatedTheirs] : null);
    if (pair) {
      const [s, e] = span(pair);
      const category = found && !denied ? 'exclusive_suffering' : 'denied_or_blamed_suffering';
      out.push({ measure: 'victimhood_exclusive', category, start: s, end: e, mention: firstOther ?? self[0] ?? null, weight: FRAME_WEIGHT.exclusive, lexicon: lexiconId });
    }
  }

  // --- Acknowledgement: the other side's suffering named as theirs, or reported under our recognition.
  // A cue that is part of a shared, denied or negated claim does not count.
  const usable = (c: TrieMatch): boolean => !inInclusive.has(c) && !negation.isNegated(ctx, c.start, c.end, 3) && !deniers.some((d) => near(ctx, d, c, 4)) && !negatedClaims.some((n) => n.end <= c.start && noBreakBetween(ctx, n.end - 1, c.start));
  for (const s of state) {
    // "policies that hurt working people" reports a harm done, like "killed"; it names no state of theirs.
    if (!usable(s) || !ownedBy(s, 'other') || agentive(s)) continue;
    const owner = owners.get(s)!;
    out.push({ measure: 'acknowledgement', category: 'suffering_recognition_frame', start: Math.min(owner.start, s.start), end: Math.max(owner.end, s.end), mention: owner, weight: FRAME_WEIGHT.acknowledgement, lexicon: lexiconId });
    break;
  }
  if (!out.some((f) => f.measure === 'acknowledgement')) {
    for (const st of of('recognition_stance')) {
      if (negation.isNegated(ctx, st.start, st.end, 3) || !speakerStance(ctx, st)) continue;
      // The stance governs the harm clause: the suffering follows it in the same clause, and the other side
      // stands between them or owns the suffering ("I know their children suffer", "I met Karsk mothers who
      // lost sons").
      // A new coordinated clause (", and the Karsk team ...") is outside the stance's reach.
      const coordinated = (c: TrieMatch): boolean => {
        for (let t = st.end; t < c.start; t++) if (ctx.breaks[t - 1]! >= Break.Comma && (ctx.forms[t] === 'and' || ctx.forms[t] === 'but' || ctx.forms[t] === 'or' || ctx.forms[t] === 'so')) return true;
        return ctx.forms.slice(st.end, c.start).some((f) => CONTRAST.has(f));
      };
      const s = suffering.find((c) => c.start >= st.end && c.start - st.end <= 10 && noBreakBetween(ctx, st.end - 1, c.start) && !coordinated(c) && usable(c) && !ownedBy(c, 'self') &&
        (ownedBy(c, 'other') || other.some((m) => m.start >= st.end && m.end <= c.start)));
      if (s) {
        out.push({ measure: 'acknowledgement', category: 'recognised_harm_frame', start: st.start, end: s.end, mention: owners.get(s) ?? firstOther, weight: FRAME_WEIGHT.acknowledgement, lexicon: lexiconId });
        break;
      }
    }
  }
  return out;
}

const DETERMINERS = new Set(['the', 'these', 'those', 'many', 'all', 'both', 'so', 'countless', 'our', 'their']);
/** Words that open an object noun phrase: "hurt this country", "hurt the middle class". */
const OBJECT_STARTS = new Set([...DETERMINERS, 'this', 'that', 'a', 'an', 'his', 'her', 'its', 'my', 'your', 'every', 'any', 'some', 'millions', 'thousands']);
const RELATIVES = new Set(['who', 'which', 'that', 'whose', 'whom']);

const COPULAS = new Set(['is', 'was', 'are', 'were', "it's", 'remains', 'became']);

/**
 * The marker is said of the suffering: the suffering heads the clause's subject and the marker stands in
 * its predicate ("The famine in the Karsk provinces is a myth", "the massacre they talk about was a few
 * dozen fighters at most").
 */
function predicatedOf(ctx: SentenceContext, s: Span, d: Span): boolean {
  if (d.start <= s.end || PASSIVE_AUX.has(ctx.forms[s.start - 1] ?? '')) return false;
  for (let t = s.end; t < d.start; t++) {
    if (t - s.end > 7 || ctx.breaks[t - 1] === Break.Clause) return false;
    if (COPULAS.has(ctx.forms[t]!)) {
      // "were welcomed onto the stage" is a passive verb, not a predicate about the suffering.
      const next = ctx.forms[t + 1] ?? '';
      if (t + 1 !== d.start && /ed$/.test(next)) return false;
      return d.start - t <= 6 && noBreakBetween(ctx, t, d.start);
    }
  }
  return false;
}

/** Additive shared markers ("they too", "also lost"): only right next to the suffering. */
const ADDITIVE = new Set(['too', 'also', 'as well', 'likewise']);

const MORE = new Set(['more', 'much more', 'far more', 'times more']);

const MODALS = new Set(['should', "shouldn't", 'would', "wouldn't", 'could', "couldn't", 'can', "can't", 'cannot', 'will', "won't", 'may', 'might', 'must', "mustn't", 'need', "needn't", 'let']);
/** Markers that rank as attributes ("the real victims", "our only grief") or, after a copula, as the predicate. */
const ATTRIBUTIVE = new Set(['real', 'true', 'genuine', 'unique', 'greatest', 'worst', 'only', 'truly', 'forgotten', 'ignored', 'the ones', 'first', 'alone']);
const PREPOSITIONS = new Set(['by', 'from', 'in', 'of', 'with', 'at', 'for', 'on', 'to', 'over', 'about']);
const COMPARISONS = new Set(['like', 'as', 'than', 'the way']);

/**
 * An exclusivity marker that ranks the suffering: an attribute right before it ("the real victims", "the
 * only ones who lost") or its predicate ("our pain is unique"); a comparison right after it ("suffered more",
 * "suffered first", "lost ten times more"), with no phrase of its own between ("killed by heroin alone");
 * "nobody"/"no one" before it only with a comparison after ("nobody has suffered like us").
 */
function ranks(ctx: SentenceContext, x: TrieMatch, s: TrieMatch): boolean {
  if (!noBreakBetween(ctx, Math.min(x.end, s.end) - 1, Math.max(x.start, s.start), Break.Comma)) return false;
  if (!near(ctx, x, s, 3)) return predicatedOf(ctx, s, x) && ATTRIBUTIVE.has(x.entry.term);
  if (x.end <= s.start) {
    if (/^no/.test(x.entry.term)) {
      for (let t = s.end; t < Math.min(ctx.forms.length, s.end + 3); t++) if (COMPARISONS.has(ctx.forms[t]!) || ctx.forms[t] === 'more' || ctx.forms[t] === 'way') return true;
      return false;
    }
    return s.start - x.end <= 2 && (ATTRIBUTIVE.has(x.entry.term) || ctx.forms[s.end] === 'than' || ctx.forms[x.end] === 'than');
  }
  if (s.end <= x.start) {
    if (x.start - s.end > 2) return false;
    for (let t = s.end; t < x.start; t++) if (PREPOSITIONS.has(ctx.forms[t]!)) return false;
    return !ATTRIBUTIVE.has(x.entry.term) || x.entry.term === 'first' || x.entry.term === 'alone' || predicatedOf(ctx, s, x);
  }
  return true;
}

/**
 * A denial or blame marker said of the suffering: right before it ("so-called suffering", "exaggerate their
 * casualties", "crocodile tears"), or in its predicate ("the famine is a myth", "their grief is theatre");
 * a blame marker anywhere after it in the clause ("they lost their homes, but they brought it on themselves").
 */
function denies(ctx: SentenceContext, d: TrieMatch, s: TrieMatch): boolean {
  if (predicatedOf(ctx, s, d)) return true;
  if (d.entry.category === 'blame_marker') return gap(d, s) <= 10 && noBreakBetween(ctx, Math.min(d.end, s.end) - 1, Math.max(d.start, s.start));
  if (d.end <= s.start) return s.start - d.end <= 3 && near(ctx, d, s, 3) && noBreakBetween(ctx, d.end - 1, s.start, Break.Comma);
  // "their children only get hurt when a camera crew is nearby": staged for the occasion.
  if (d.start - s.end <= 4 && near(ctx, d, s, 4) && ctx.forms.slice(s.end, d.start).some((f) => f === 'when' || f === 'whenever')) return true;
  return d.start - s.end <= 1 && near(ctx, d, s, 1);
}

/** Fear words: "they are not afraid" is defiance, not a denial of their suffering. */
const FEAR = new Set(['fear', 'fears', 'afraid', 'terrified', 'scared', 'frightened']);
/** Words that turn what follows into a contrast: cues on either side do not combine. */
const CONTRAST = new Set(['but', 'while', 'whereas', 'although', 'though', 'yet', 'however', 'unlike']);
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'be', 'is', 'are', 'get', 'got', 'gets', 'getting']);
const FIRST_SINGULAR = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me']);
/** Single both-sides words that need a group right next to them ("both peoples", "they both"). */
const WEAK_BOTH = new Set(['both', 'everyone', 'everybody', 'we all', 'all of us', 'every one of us', 'all lost', 'each other', 'one another']);

type Span = { readonly start: number; readonly end: number };

/** Token gap between two spans (0 when they touch or overlap). */
function gap(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** Two spans belong together: at most `max` tokens apart, no clause break and no contrast word between. */
function near(ctx: SentenceContext, a: Span, b: Span, max: number): boolean {
  if (gap(a, b) > max) return false;
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  for (let t = first.end - 1; t < second.start; t++) if (t >= 0 && ctx.breaks[t] === Break.Clause) return false;
  for (let t = first.end; t < second.start; t++) if (CONTRAST.has(ctx.forms[t]!)) return false;
  return true;
}

/** A capitalised cue inside the sentence is a name ("the Truth in Lending Act", "First Lady"), not a marker. */
function isNameLike(ctx: SentenceContext, c: Span): boolean {
  if (c.start === 0 || c.end - c.start > 1) return false;
  const ch = ctx.text[ctx.starts[c.start]!] ?? '';
  return ch !== ch.toLowerCase() && ctx.breaks[c.start - 1] !== Break.Clause;
}

/**
 * A shared marker that says "as well" rather than degree: "too" counts at the end of a clause or set off
 * by commas ("Karsk mothers weep too", "we, too, have buried"), or right after a group ("they too");
 * "too many", "too late" are degree.
 */
function isAdditiveMarker(ctx: SentenceContext, c: TrieMatch): boolean {
  // "killed as many as one in nine" is a quantity; "buried as many sons as we have" compares.
  if (c.entry.term === 'as many') return ctx.forms[c.end] !== 'as';
  if (c.entry.term !== 'too') return true;
  const i = c.start;
  if (i === ctx.forms.length - 1 || ctx.breaks[i]! >= Break.Comma) return true;
  return i > 0 && (ctx.breaks[i - 1]! >= Break.Comma || ctx.mentionAt[i - 1]! >= 0);
}

/**
 * A both-sides cue attached to a suffering cue: a full phrase ("both sides", "every family") within five
 * tokens in the clause; a bare "both"/"everyone" only as the subject or owner of the suffering, with a
 * group next to "both" ("both peoples", "they both") and "everyone" shortly before the suffering.
 */
function bothAttached(ctx: SentenceContext, b: TrieMatch, s: TrieMatch, bothSidesMentioned: boolean): boolean {
  // "called on all sides to reduce casualties": a purpose, not suffering of both sides.
  // "condemnation from all sides": the sides are the source, not the ones who suffer.
  // "families from both communities" is membership: a group before "from".
  // A set-off ", from both sides," describes the subject before it too.
  const source = (ctx.forms[b.start - 1] === 'from' || ctx.forms[b.start - 1] === 'by') && !(b.start >= 2 && (ctx.mentionAt[b.start - 2]! >= 0 || ctx.breaks[b.start - 2]! >= Break.Comma));
  if (!WEAK_BOTH.has(b.entry.term)) return !source && near(ctx, b, s, 7) && !ctx.forms.slice(Math.min(b.end, s.end), Math.max(b.start, s.start)).includes('to');
  if (!near(ctx, b, s, 5)) return false;
  const term = b.entry.term;
  // "hurt each other", "killed one another": reciprocal harm, right after the verb; mutual fear is not it.
  if (term === 'each other' || term === 'one another') return s.end <= b.start && b.start - s.end <= 1 && !FEAR.has(s.entry.term);
  // A bare "both" in the news is two persons ("both women lost", "both victims"); two sides are named
  // ("both peoples", "Karsks and Velorians") by the phrases and the joined groups.
  if (term === 'both') return false;
  // "everyone", "everybody": only with both sides in the sentence, as the subject of the suffering.
  if ((term === 'everyone' || term === 'everybody') && !bothSidesMentioned) return false;
  // "we have all lost", "all of us grieve": the subject, with at most auxiliaries between.
  if (!(b.end <= s.start && s.start - b.end <= 2)) return false;
  for (let t = b.end; t < s.start; t++) if (!AUXILIARIES.has(ctx.forms[t]!)) return false;
  return true;
}

const AUXILIARIES = new Set(['have', 'has', 'had', 'are', 'were', 'is', 'was', 'will', 'would', 'can', 'do', 'did', 'also', 'been', 'now', 'still', 'all']);

const PEOPLES = new Set(['national', 'ethnic', 'religious', 'inferred']);

function sideOf(m: TokenMention): string {
  return m.person === 'self' ? 'ingroup' : m.person === 'other' ? 'outgroup' : m.side;
}

/**
 * Pairs of mentions of two different groups joined by "and"/"or" ("Velorians and Karsks", "Israeli and
 * Palestinian parents"), as one span. With sides known they must be different sides.
 */
function joinedGroups(ctx: SentenceContext): Span[] {
  const out: Span[] = [];
  const ms = ctx.mentions;
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1]!;
    if (a.label === b.label || b.start - a.end > 2 || a.person === 'person' || b.person === 'person') continue;
    const sa = sideOf(a);
    const sb = sideOf(b);
    // With sides known they must differ; with none known ("Israelis and Palestinians") both must be peoples,
    // not "students and taxpayers" or "teachers and parents".
    if (sa !== 'unspecified' && sb !== 'unspecified' ? sa === sb : !(PEOPLES.has(a.category) && PEOPLES.has(b.category))) continue;
    let joined = false;
    for (let t = a.end; t < b.start; t++) if (ctx.forms[t] === 'and' || ctx.forms[t] === 'or') joined = true;
    // "they can hurt us, and they can hurt ...": clauses joined, not two groups.
    if (!noBreakBetween(ctx, a.end - 1, b.start, Break.Comma)) joined = false;
    // "Israeli and Palestinian parents": the head noun after the second mention belongs to the span.
    if (joined) out.push({ start: a.start, end: b.end });
  }
  return out;
}

/**
 * Whose suffering a cue is: the group that possesses it or is its subject, shortly before it in the clause
 * ("their grief", "Karsk families have lost"); for an active harm verb, the group right after it ("killed
 * our children"); for a state, a group after "of"/"among" ("the grief of Karsk mothers"). Singular persons
 * ("he lost") are not a side.
 */
function ownerOfSuffering(ctx: SentenceContext, cue: TrieMatch, agentive: boolean): TokenMention | null {
  const isGroup = (m: TokenMention): boolean => m.person !== 'person';
  const term = cue.entry.term;
  // Active harm verb: the group right after it is the victim; the one before it is the agent, not the owner.
  if (agentive) {
    for (let t = cue.end; t < Math.min(ctx.forms.length, cue.end + 3); t++) {
      const k = ctx.mentionAt[t]!;
      if (k >= 0) {
        const m = ctx.mentions[k]!;
        if (isGroup(m) && near(ctx, m, cue, 2)) return m;
        break;
      }
    }
    return null;
  }
  let best: TokenMention | null = null;
  for (const m of ctx.mentions) {
    if (m.end > cue.start || cue.start - m.end > 5 || !near(ctx, m, cue, 5) || !noBreakBetween(ctx, m.end - 1, cue.start, Break.Comma)) continue;
    // "we pray for those who have lost": a relative clause on another noun; its head owns the loss.
    let relative = false;
    for (let t = m.end + 1; t < cue.start; t++) if (RELATIVES.has(ctx.forms[t]!)) relative = true;
    if (relative) continue;
    if (!best || m.end > best.end) best = m;
  }
  if (best) return isGroup(best) ? best : null;
  if (cue.entry.category === 'suffering_state') {
    const link = ctx.forms[cue.end];
    if (link === 'of' || link === 'among') {
      for (let t = cue.end + 1; t < Math.min(ctx.forms.length, cue.end + 3); t++) {
        const k = ctx.mentionAt[t]!;
        // "the loss of their patron": a possessive pronoun owns the thing lost, not the loss.
        if (k >= 0) return isGroup(ctx.mentions[k]!) && !FEAR.has(term) && ctx.mentions[k]!.category !== 'pronoun' ? ctx.mentions[k]! : null;
        if (!DETERMINERS.has(ctx.forms[t]!)) break;
      }
    }
  }
  return null;
}

/**
 * A recognition stance held by the speaker: "I know", "we must understand", "I have met", or an imperative
 * at the head of a clause ("Imagine ..."). "The president met families" reports someone else's meeting.
 */
function speakerStance(ctx: SentenceContext, st: TrieMatch): boolean {
  let t = st.start - 1;
  if (t < 0 || ctx.breaks[t]! >= Break.Comma) return ctx.forms[st.start] !== 'see' && ctx.forms[st.start] !== 'saw';
  for (let k = 0; k < 4 && t >= 0; k++, t--) {
    const f = ctx.forms[t]!;
    if (FIRST_SINGULAR.has(f)) return true;
    const m = ctx.mentionAt[t]!;
    if (m >= 0) return ctx.mentions[m]!.person === 'self' && ctx.mentions[m]!.category === 'pronoun';
    if (ctx.breaks[t - 1] === Break.Clause) return false;
  }
  return false;
}
