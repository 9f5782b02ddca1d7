/**
 * Acknowledgement frames beyond fixed phrases (Nadler & Shnabel's needs-based model of reconciliation:
 * the other side needs its grievances recognised and the wrongs done to it admitted):
 * - own wrongs: a wrongdoing with our side as its agent ("our army committed crimes", "we burned their
 *   fields"), not a passive where we are the victims ("our children were killed");
 * - grievance recognition: the other side's grievance marked legitimate ("their distrust makes sense",
 *   "Karsk parents are right that ...");
 * - apology: an apology with a side in the sentence, not a conversational "sorry, but";
 * - individuation: a member of the other side presented as a person, by name and everyday role, with a
 *   group or a personal life in view ("Lina is a Karsk engineer who dreams of rebuilding the bridge").
 */

import type { TokenMention } from '../actors.js';
import { Break, type SentenceContext } from '../sentence-context.js';
import { lexiconOf, type CueLookup, type FrameFinding } from './frame-types.js';
import type { NegationRule } from './negation.js';

const WEIGHT = 0.7;
const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'been', 'being', 'be', 'is', 'are', 'get', 'got']);
const ARTICLES = new Set(['a', 'an']);

/** Finds acknowledgement frames in a sentence. */
export function acknowledgementFrames(ctx: SentenceContext, of: CueLookup, negation: NegationRule): FrameFinding[] {
  const out: FrameFinding[] = [];
  const self = ctx.mentions.filter((m) => m.person === 'self');
  const other = ctx.mentions.filter((m) => m.person !== 'self');

  // Own wrongs: our side is the agent, shortly before the wrongdoing, in the same clause.
  for (const cue of of('wrongdoing')) {
    if (negation.isNegated(ctx, cue.start, cue.end, 3)) continue;
    const agent = agentBefore(ctx, self, other, cue.start);
    if (!agent) continue;
    const before = ctx.forms[cue.start - 1] ?? '';
    const isAdjective = cue.entry.term === 'wrong' || cue.entry.term === 'cruel' || cue.entry.term.startsWith('were') || cue.entry.term.startsWith('was');
    if (PASSIVE_AUXILIARIES.has(before) && !isAdjective) continue;
    out.push({ measure: 'acknowledgement', category: 'own_wrongs_frame', start: agent.start, end: cue.end, mention: other[0] ?? null, weight: WEIGHT, lexicon: lexiconOf(cue) });
    break;
  }

  // Grievance recognition: their grievance, or they themselves, marked legitimate.
  if (other.length > 0) {
    for (const cue of of('legitimacy')) {
      if (negation.isNegated(ctx, cue.start, cue.end, 3)) continue;
      const grievance = of('grievance_noun').find((g) => Math.abs(g.start - cue.start) <= 6);
      const owner = other.find((m) => m.end <= cue.start && cue.start - m.end <= 6 && sameClause(ctx, m.end, cue.start));
      if (owner && (grievance || /^(are|is|were|was) right$|^(have|has|had) a point$/.test(cue.entry.term))) {
        out.push({ measure: 'acknowledgement', category: 'grievance_recognition_frame', start: Math.min(owner.start, cue.start), end: cue.end, mention: owner, weight: WEIGHT, lexicon: lexiconOf(cue) });
        break;
      }
    }
  }

  // Apology: needs a side in the sentence; "sorry, but ..." and "sorry to interrupt" are conversation.
  for (const cue of of('apology')) {
    if (negation.isNegated(ctx, cue.start, cue.end, 4)) continue;
    const next = ctx.forms[cue.end] ?? '';
    // "sorry to interrupt" is conversation; "sorry to every Karsk student" is an apology to people.
    const toPeople = next === 'to' && ctx.mentions.some((m) => m.start > cue.end && m.start - cue.end <= 4);
    if (cue.entry.term === 'sorry' && (next === 'but' || (next === 'to' && !toPeople) || ctx.breaks[cue.end - 1] === Break.Comma)) continue;
    if (self.length + other.length === 0) continue;
    // "They should apologize to us" demands an apology from the other side; it does not give one. The agent
    // is the clause's first mention (its subject), not the nearest ("we owe the community an apology").
    let clause = cue.start;
    while (clause > 0 && ctx.breaks[clause - 1] !== Break.Clause) clause--;
    const agent = ctx.mentions.find((m) => m.start >= clause && m.end <= cue.start);
    if (agent && agent.person !== 'self') continue;
    out.push({ measure: 'acknowledgement', category: 'apology_frame', start: cue.start, end: cue.end, mention: other[0] ?? null, weight: WEIGHT, lexicon: lexiconOf(cue) });
    break;
  }

  // Individuation: Name + "a/an [group] role", with the other side or a personal life in view.
  const roles = of('role_noun');
  if (roles.length > 0) {
    const life = of('personal_life');
    for (let i = 0; i < ctx.forms.length - 2; i++) {
      if (!isName(ctx, i)) continue;
      let j = i + 1;
      if (ctx.forms[j] === 'is' || ctx.forms[j] === 'was') j++;
      if (!ARTICLES.has(ctx.forms[j] ?? '')) continue;
      const role = roles.find((r) => r.start > j && r.start - j <= 4);
      if (!role) continue;
      // The group must be part of the description ("a Karsk engineer"): a group named elsewhere in the
      // sentence does not make "Maya Wang, a researcher at ..." a member of the other side (news attribution).
      const group = other.find((m) => m.start > j && m.end <= role.start && m.category !== 'pronoun');
      const personal = life.some((c) => c.start >= role.end);
      if (!group && !personal) continue;
      out.push({ measure: 'acknowledgement', category: 'individuation_frame', start: i, end: role.end, mention: group ?? null, weight: WEIGHT, lexicon: lexiconOf(role) });
      break;
    }
  }
  const perspective = perspectiveTaking(ctx, other, of, negation);
  if (perspective) out.push(perspective);
  if (!out.some((f) => f.category === 'individuation_frame')) {
    const named = namedMember(ctx, other, of);
    if (named) out.push(named);
  }
  return out;
}

/** Words that may stand between the speaker and a perspective stem ("I can finally understand why"). */
const STEM_FILLERS = new Set(['can', 'could', 'must', 'should', 'now', 'finally', 'really', 'truly', 'fully', 'begin', 'began', 'to', 'try', 'tried', 'need', 'have', 'had', 'do', 'did', 'at', 'least', 'also', 'still', 'partly', 'better', 'think', 'i', 'we']);
const SPEAKERS = new Set(['i', 'we', "i'm", "we're", "i've", "we've"]);

/**
 * Perspective taking as a structure (Galinsky's "imagining the world from another's vantage point"): the
 * speaker as the subject of a cognition verb that opens the other side's reasons or experience ("I can see
 * why so many Karsks are angry", "we have to imagine what their mothers went through"), with a group of the
 * other side inside that clause. Fixed phrases need the group right after "why"; this does not.
 */
function perspectiveTaking(ctx: SentenceContext, other: readonly TokenMention[], of: CueLookup, negation: NegationRule): FrameFinding | null {
  const groups = other.filter((m) => m.person !== 'person');
  if (groups.length === 0) return null;
  for (const stem of of('perspective_stem')) {
    if (negation.isNegated(ctx, stem.start, stem.end, 4)) continue;
    // The speaker within four words before, across modals and adverbs: "I can finally understand why".
    let j = stem.start - 1;
    let speaker = false;
    while (j >= 0 && stem.start - j <= 4 && ctx.breaks[j] !== Break.Clause) {
      if (SPEAKERS.has(ctx.forms[j]!)) {
        speaker = true;
        break;
      }
      if (!STEM_FILLERS.has(ctx.forms[j]!)) break;
      j--;
    }
    // An imperative opens the sentence the same way: "Imagine what their children went through."
    const imperative = stem.start === 0;
    if (!speaker && !imperative) continue;
    // The group opens the complement ("why so many Karsks ...", "how their mothers ..."), so whose reasons or
    // experience are meant is clear; a group further on is about something else.
    const group = groups.find((m) => m.start >= stem.end && m.start - stem.end <= 3 && sameClause(ctx, stem.end - 1, m.start));
    if (!group) continue;
    return { measure: 'acknowledgement', category: 'perspective_taking_frame', start: Math.max(0, j), end: group.end, mention: group, weight: WEIGHT, lexicon: lexiconOf(stem) };
  }
  return null;
}

/** Words that introduce a person's name after a description: "a Karsk kid named Ardan". */
const NAMING_WORDS = new Set(['named', 'called']);

/**
 * Individuation the other way round: a person in an everyday role, given a name, with a group of the other
 * side in the sentence — "a Karsk fisherman named Ilyas", "the Karsk nurse next door, Mira, ...". A name
 * alone ("my colleague, Anna,") is not acknowledgement.
 */
function namedMember(ctx: SentenceContext, other: readonly TokenMention[], of: CueLookup): FrameFinding | null {
  const groups = other.filter((m) => m.category !== 'pronoun');
  if (groups.length === 0) return null;
  const roles = of('role_noun');
  for (let i = 1; i < ctx.forms.length; i++) {
    if (!isName(ctx, i)) continue;
    const byWord = NAMING_WORDS.has(ctx.forms[i - 1]!);
    // Apposition: ", Yusuf," or ", Ilyas, laughed": the name stands between commas or ends the clause.
    const byApposition = ctx.breaks[i - 1]! >= Break.Comma && (i === ctx.forms.length - 1 || ctx.breaks[i]! >= Break.Comma);
    if (!byWord && !byApposition) continue;
    const described = byWord ? i - 1 : i;
    // The description right before: a group of the other side or a role, within five tokens, same clause.
    const group = groups.find((m) => m.end <= described && described - m.end <= 5 && sameClause(ctx, m.end, described - 1));
    const role = roles.find((r) => r.end <= described && described - r.end <= 5 && sameClause(ctx, r.end, described - 1));
    // A role is needed either way: it is what presents the person as an individual (and what sends the
    // sentence to the frame rules in the cheap pass).
    if (!role || !group) continue;
    const person = group;
    return { measure: 'acknowledgement', category: 'individuation_frame', start: Math.min(person.start, role.start), end: i + 1, mention: person, weight: WEIGHT, lexicon: lexiconOf(role) };
  }
  return null;
}

/** Our side as the agent: the nearest mention before the verb is ours, within the clause. */
function agentBefore(ctx: SentenceContext, self: readonly TokenMention[], other: readonly TokenMention[], token: number): TokenMention | null {
  const near = (m: TokenMention) => m.end <= token && token - m.end <= 5 && sameClause(ctx, m.end - 1, token);
  const ours = self.filter(near).sort((a, b) => b.end - a.end)[0];
  if (!ours) return null;
  const theirs = other.filter(near).sort((a, b) => b.end - a.end)[0];
  // "what our governments did to them" keeps our agent; "they burned our fields" has theirs closer as subject.
  if (theirs && theirs.end > ours.end && theirs.category !== 'pronoun') return null;
  return ours;
}

function sameClause(ctx: SentenceContext, from: number, to: number): boolean {
  for (let t = Math.max(0, from); t < to; t++) if (ctx.breaks[t] === Break.Clause) return false;
  return true;
}

/** A personal name: a capitalised word that is not a known group, and not just the sentence's first word. */
function isName(ctx: SentenceContext, i: number): boolean {
  if (ctx.mentionAt[i]! >= 0) return false;
  const first = ctx.text[ctx.starts[i]!] ?? '';
  if (first === first.toLowerCase() || ctx.forms[i]!.length < 3) return false;
  if (i > 0) return true;
  const next = ctx.forms[1];
  return ctx.breaks[0] === Break.Comma || next === 'is' || next === 'was';
}
