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
import type { CueLookup, FrameFinding } from './frames.js';
import { lexiconOf } from './frames.js';
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
      const group = other.find((m) => m.start > j && m.end <= role.start) ?? other.find((m) => m.category !== 'pronoun');
      const personal = life.some((c) => c.start >= role.end);
      if (!group && !personal) continue;
      out.push({ measure: 'acknowledgement', category: 'individuation_frame', start: i, end: role.end, mention: group ?? null, weight: WEIGHT, lexicon: lexiconOf(role) });
      break;
    }
  }
  return out;
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
