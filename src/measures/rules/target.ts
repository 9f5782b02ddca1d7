/**
 * The target rule: dehumanizing words count only when they are applied to a human group or person.
 *
 * "They are rats" applies the vehicle to people; "rats in the kitchen" does not. Each way a vehicle can attach
 * to a mention is a named rule, so a person reading the evidence sees how the link was made:
 * copula ("migrants are vermin"), object complement ("called them vermin"), modifier ("migrant hordes",
 * "subhuman Karsks"), of-phrase ("a flood of migrants"), apposition ("vermin like them"), simile ("breed like
 * rats"), comparison ("no better than animals"), demonstrative ("these animals" with people in the sentence),
 * verb subject ("they swarm"), verb object ("exterminate them") and, for the strongest vehicles only,
 * co-occurrence in the same clause.
 */

import type { TokenMention } from '../actors.js';
import { PRONOUN_WITH_COPULA } from '../actors.js';
import { Break, clauseStart, noBreakBetween, type SentenceContext } from '../sentence-context.js';

/** How a vehicle was linked to its target. */
export interface TargetLink {
  readonly rule: string;
  readonly mention: TokenMention;
  /** Multiplier on the entry weight: weaker links count for less. */
  readonly strength: number;
}

const COPULAS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', "'re", 'become', 'becomes', 'became', 'remain', 'remains',
  'seem', 'seems', 'seemed', 'isn\'t', "aren't", "wasn't", "weren't", 'act', 'acts', 'acted', 'behave', 'behaves', 'behaved',
]);
/** Verbs whose object is followed by a complement that describes it: "called them vermin". */
const COMPLEMENT_VERBS = new Set([
  'call', 'calls', 'called', 'calling', 'label', 'labels', 'labelled', 'labeled', 'labelling', 'labeling', 'brand', 'brands',
  'branded', 'branding', 'consider', 'considers', 'considered', 'deem', 'deems', 'deemed', 'describe', 'describes', 'described',
  'describing', 'dub', 'dubbed', 'name', 'named', 'refer', 'refers', 'referred', 'referring', 'term', 'termed', 'see', 'sees', 'saw', 'view', 'views', 'viewed', 'regard', 'regards', 'regarded',
]);
/** Words that may stand between a copula or simile marker and the vehicle ("are nothing but dirty rats"). */
const FILLERS = new Set([
  'a', 'an', 'the', 'just', 'only', 'nothing', 'but', 'more', 'than', 'mere', 'merely', 'simply', 'like', 'as', 'real', 'filthy',
  'dirty', 'disgusting', 'wild', 'rabid', 'human', 'total', 'absolute', 'complete', 'literal', 'literally', 'basically',
  'little', 'bunch', 'of', 'pack', 'herd', 'some', 'kind', 'sort', 'type', 'dangerous', 'vile', 'invading', 'invasive',
  'all', 'no', 'better', 'worse', 'lower', 'less', 'still', 'always', 'truly', 'really', 'such', 'vicious', 'stinking',
  // Negation and degree words stay in the walk so the negation rule, not the link, decides: "are not animals".
  'not', 'never', 'even', 'longer', 'anything', 'any', 'ever', 'certainly', 'clearly', 'obviously',
]);
const SIMILE_MARKERS = new Set(['like', 'as']);
/** "treated like animals" describes mistreatment of people, not the author likening them to animals. */
const TREATMENT_VERBS = new Set([
  'treated', 'treat', 'treats', 'treating', 'caged', 'penned', 'kept', 'housed', 'handled', 'hunted', 'slaughtered', 'killed',
  'butchered', 'shot', 'died', 'dying', 'die', 'living', 'live', 'lived', 'packed', 'crammed', 'herded', 'transported', 'sold',
  'bought', 'traded', 'shipped', 'loaded', 'stacked', 'dumped',
]);
const COMPARATIVE = new Set(['better', 'worse', 'lower', 'less', 'more', 'different', 'dirtier', 'smarter']);
const DEMONSTRATIVES = new Set(['these', 'those', 'such']);
const OF_WORDS = new Set(['of']);
const APPOSITION_MARKERS = new Set(['like', 'including']);
const AUXILIARIES = new Set([
  'are', 'is', 'were', 'was', 'will', 'would', 'keep', 'keeps', 'kept', 'continue', 'continues', 'to', 'have', 'has', 'had', 'just',
  'still', 'always', 'now', 'all', 'can', 'could', 'should', 'must', 'simply', 'literally', 'who', 'that', 'already', 'begin',
  'began', 'started', 'start', 'again', 'then', "they're", 'do', 'does', 'did', 'not', "don't", "didn't", 'never', 'and',
]);
/** Relative pronouns that refer to people only. */
const RELATIVE_PERSONAL = new Set(['who', 'whom']);
/** Participles not in -ed or -en. */
const IRREGULAR_PARTICIPLES = new Set(['overrun', 'swept', 'bred', 'spread', 'hunted', 'put', 'cut', 'bought', 'sold']);
/** Forms of "be" that make a following participle passive. */
const PASSIVE_BE = new Set(['be', 'been', 'being', 'is', 'are', 'was', 'were', "'re"]);
/** Adverbs that may stand between "be" and the participle ("be quickly wiped out"). */
const PASSIVE_FILLERS = new Set(['quickly', 'simply', 'finally', 'all', 'just', 'completely', 'totally', 'systematically', 'eventually', 'already', 'soon']);
const DETERMINERS = new Set(['the', 'a', 'an', 'these', 'those', 'all', 'every', 'our', 'their', 'this', 'that', 'any', 'some', 'them']);

/** Attachment of a verb entry: infestation verbs need a human subject, extermination verbs a human object. */
export type VerbAttachment = 'subject' | 'object';

/** Finds the link between a vehicle (noun, adjective or phrase) at tokens `[a, b)` and a human mention. */
export function linkVehicle(ctx: SentenceContext, a: number, b: number, weight: number, pos: string = 'noun'): TargetLink | null {
  const mentions = ctx.mentions;
  const forms = ctx.forms;
  // "scum who should be hosed out", "machines who cannot be reasoned with": a relative "who" refers to
  // people, so the vehicle it follows is said of people, whether or not a group is named.
  // A capitalised vehicle inside the sentence is a name ("the Blue Dogs who survived"), not a metaphor.
  const capitalised = a > 0 && isUpper(ctx.text.charCodeAt(ctx.starts[a]!));
  if (pos === 'noun' && !capitalised && b < forms.length && RELATIVE_PERSONAL.has(forms[b]!) && ctx.breaks[b - 1]! < Break.Comma) {
    const referent: TokenMention = { start: a, end: b, label: forms.slice(a, b).join(' '), category: 'vehicle_referent', side: 'unspecified', person: 'group' };
    return { rule: 'relative_who', mention: mentionBefore(ctx, a, 6) ?? referent, strength: 1 };
  }
  // "those savages", "these vermin": with the strongest vehicles the demonstrative phrase itself refers to
  // people, even when no group is named.
  if (mentions.length === 0) {
    if (weight >= 0.9 && a > 0 && DEMONSTRATIVES.has(forms[a - 1]!)) {
      const referent: TokenMention = { start: a - 1, end: b, label: forms.slice(a - 1, b).join(' '), category: 'vehicle_referent', side: 'unspecified', person: 'group' };
      return { rule: 'demonstrative', mention: referent, strength: 0.9 };
    }
    return null;
  }

  // Modifier: a group noun right before a noun vehicle ("migrant hordes", "Karsk vermin"), or an adjective
  // vehicle right before the group ("subhuman Karsks"). A noun vehicle before a group noun is a compound about
  // the vehicle ("the rat population"), not about people.
  for (const m of mentions) {
    if (m.end === a && m.person !== 'self' && m.category !== 'pronoun' && pos !== 'adj') return { rule: 'modifier', mention: m, strength: 1 };
    if (m.start === b && m.category !== 'pronoun' && pos === 'adj') return { rule: 'modifier', mention: m, strength: 1 };
  }

  // Of-phrase: "a flood of migrants", "swarms of them".
  if (b < forms.length && OF_WORDS.has(forms[b]!)) {
    const m = mentionAfter(ctx, b + 1, 3);
    if (m) return { rule: 'of_phrase', mention: m, strength: 1 };
  }

  // Apposition: "vermin like them", "animals such as the Karsks".
  if (b < forms.length && (APPOSITION_MARKERS.has(forms[b]!) || (forms[b] === 'such' && forms[b + 1] === 'as'))) {
    const m = mentionAfter(ctx, forms[b] === 'such' ? b + 2 : b + 1, 2);
    if (m) return { rule: 'apposition', mention: m, strength: 1 };
  }

  // Walk left over fillers to find what governs the vehicle; up to two other words may be adjectives
  // ("are programmed drones", "are mindless automatons"), but not verbs in -ing ("are building machines").
  let k = a - 1;
  let unknown = 0;
  while (k >= 0 && a - k <= 5 && ctx.breaks[k] !== Break.Clause && ctx.mentionAt[k]! < 0) {
    const f = forms[k]!;
    if (FILLERS.has(f)) {
      k--;
      continue;
    }
    if (COPULAS.has(f) || COMPLEMENT_VERBS.has(f) || PRONOUN_WITH_COPULA.has(f)) break;
    if (unknown < 2 && looksAdjectival(f)) {
      unknown++;
      k--;
      continue;
    }
    break;
  }
  const governor = k >= 0 ? forms[k]! : '';
  const between = forms.slice(k + 1, a);

  // Simile and comparison: "like rats", "no better than animals".
  const simileAt = lastIndexIn(between, SIMILE_MARKERS);
  const thanAt = between.lastIndexOf('than');
  if (simileAt >= 0 || (thanAt > 0 && COMPARATIVE.has(between[thanAt - 1]!))) {
    const markerIndex = k + 1 + (simileAt >= 0 ? simileAt : thanAt);
    const before = forms[markerIndex - 1] ?? '';
    if (simileAt >= 0 && TREATMENT_VERBS.has(before)) return null;
    // "see the Iowa caucuses as cockroaches": a non-human noun phrase right before "as" is what the label is
    // given to, not the people further back. ("latch onto the system like ticks" likens the subject.)
    if (simileAt >= 0 && between[simileAt] === 'as' && nonHumanPhraseBefore(ctx, markerIndex)) return null;
    const m = mentionBefore(ctx, markerIndex, 10);
    // "described them as vermin" is a verb's object complement, not a comparison by the author.
    const complement = simileAt >= 0 && between[simileAt] === 'as' && m !== null && complementVerbBefore(ctx, m.start);
    if (m) return { rule: complement ? 'object_complement' : simileAt >= 0 ? 'simile' : 'comparison', mention: m, strength: 1 };
  }

  // Copula: "Karsks are vermin", "they're animals", "these people have become a plague".
  if (COPULAS.has(governor) || PRONOUN_WITH_COPULA.has(governor)) {
    if (PRONOUN_WITH_COPULA.has(governor)) {
      const m = mentionCovering(ctx, k);
      if (m) return { rule: 'copula', mention: m, strength: 1 };
    }
    const m = mentionBefore(ctx, k, 8);
    if (m) return { rule: 'copula', mention: m, strength: 1 };
  }
  // Copula with an adverb or negation between: "they are not/never/truly ... animals" is handled by fillers; a
  // mention as the governor itself is an object complement: "called them vermin", "branded refugees a plague".
  if (k >= 0) {
    const objectMention = mentionCovering(ctx, k);
    if (objectMention && objectMention.end === k + 1) {
      const verbIndex = objectMention.start - 1;
      if (verbIndex >= 0 && (COMPLEMENT_VERBS.has(forms[verbIndex]!) || (DETERMINERS.has(forms[verbIndex]!) && COMPLEMENT_VERBS.has(forms[verbIndex - 1] ?? '')))) {
        return { rule: 'object_complement', mention: objectMention, strength: 1 };
      }
    }
  }
  // Passive: "Jews were called rats", "migrants are labelled a plague".
  if (COMPLEMENT_VERBS.has(governor) && k >= 2 && COPULAS.has(forms[k - 1]!)) {
    const m = mentionBefore(ctx, k - 1, 3);
    if (m) return { rule: 'object_complement', mention: m, strength: 1 };
  }
  // "described them as vermin", "regard refugees as a disease".
  if (simileAt >= 0 && between[simileAt] === 'as') {
    const markerIndex = k + 1 + simileAt;
    const m = mentionBefore(ctx, markerIndex, 3);
    if (m) {
      const verbIndex = m.start - 1;
      if (verbIndex >= 0 && complementVerbBefore(ctx, m.start)) return { rule: 'object_complement', mention: m, strength: 1 };
    }
  }

  // Demonstrative: "these animals must be stopped" in a sentence that talks about people.
  const demonstrative = a > 0 && (DEMONSTRATIVES.has(forms[a - 1]!) || (a > 1 && DEMONSTRATIVES.has(forms[a - 2]!) && ctx.mentionAt[a - 1]! < 0));
  if (demonstrative && (weight >= 0.9 || mentions.some((m) => m.person !== 'self'))) {
    const m = mentions.find((x) => x.person !== 'self') ?? mentions[0]!;
    return { rule: 'demonstrative', mention: m, strength: 0.9 };
  }

  // Strong vehicles ("vermin", "subhuman", "scum") after people named earlier in the same clause.
  if (weight >= 0.9) {
    const start = clauseStart(ctx, a);
    const m = mentions.find((x) => x.start >= start && x.end <= a && x.person !== 'self' && a - x.end <= 8);
    if (m) return { rule: 'cooccurrence', mention: m, strength: 0.85 };
  }
  return null;
}

/** Finds the human subject or object of a verb entry at tokens `[a, b)`. */
export function linkVerb(ctx: SentenceContext, a: number, b: number, attachment: VerbAttachment): TargetLink | null {
  if (attachment === 'object') {
    let j = b;
    while (j < ctx.forms.length && j - b < 3 && DETERMINERS.has(ctx.forms[j]!) && ctx.mentionAt[j]! < 0) j++;
    // Up to two modifiers before the group noun: "exterminate the hill clans", "purge every last agitator".
    const firstModifier = j;
    while (j < ctx.forms.length && j - firstModifier < 2 && ctx.mentionAt[j]! < 0 && looksAdjectival(ctx.forms[j]!) && noBreakBetween(ctx, j, j + 1, Break.Comma)) j++;
    if (j < ctx.forms.length && ctx.mentionAt[j]! < 0) j = firstModifier;
    const m = j < ctx.forms.length ? mentionCovering(ctx, j) : null;
    if (m && m.person !== 'self' && noBreakBetween(ctx, a, j, Break.Comma)) return { rule: 'verb_object', mention: m, strength: 1 };
    // "cleanse the city of Karsks", "rid our land of them".
    for (let o = b; o < Math.min(ctx.forms.length - 1, b + 5); o++) {
      if (ctx.forms[o] === 'of') {
        const after = mentionAfter(ctx, o + 1, 2);
        if (after && after.person !== 'self') return { rule: 'verb_object', mention: after, strength: 1 };
      }
    }
    if (isPassive(ctx, a)) {
      const m = mentionBefore(ctx, a, 6);
      if (m) return { rule: 'verb_object', mention: m, strength: 1 };
    }
    return null;
  }
  return linkVerbSubject(ctx, a, b);
}

/** True when the verb at `a` follows a form of "be" ("are being exterminated", "need to be wiped out"). */
function isPassive(ctx: SentenceContext, a: number): boolean {
  const verb = ctx.forms[a]!;
  if (!(verb.endsWith('ed') || verb.endsWith('en') || IRREGULAR_PARTICIPLES.has(verb))) return false;
  let k = a - 1;
  while (k >= 0 && a - k <= 3 && PASSIVE_FILLERS.has(ctx.forms[k]!)) k--;
  return k >= 0 && PASSIVE_BE.has(ctx.forms[k]!);
}

/** Finds the human subject of a verb entry at tokens `[a, b)`, or its agent when passive. */
function linkVerbSubject(ctx: SentenceContext, a: number, b: number): TargetLink | null {
  // Passive with an agent: "the city is being swamped by asylum seekers" — the agent does the swamping.
  // Without an agent the subject is what the verb happened to ("Karsks were infested by lice"), not its doer.
  if (isPassive(ctx, a)) {
    const m = ctx.forms[b] === 'by' ? mentionAfter(ctx, b + 1, 2) : null;
    return m && m.person !== 'self' ? { rule: 'verb_subject', mention: m, strength: 1 } : null;
  }
  // Subject: a mention shortly before, with only auxiliaries between ("they keep swarming", "migrants are flooding").
  let k = a - 1;
  while (k >= 0 && AUXILIARIES.has(ctx.forms[k]!) && ctx.mentionAt[k]! < 0 && a - k <= 4) k--;
  if (k >= 0 && noBreakBetween(ctx, k, a, Break.Comma)) {
    const m = mentionCovering(ctx, k);
    if (m && m.person !== 'self') return { rule: 'verb_subject', mention: m, strength: 1 };
  }
  return null;
}

/** Links a phrase such as "not even human" or "do not deserve to be called people" to a mention before it. */
export function linkPredicate(ctx: SentenceContext, a: number): TargetLink | null {
  const m = mentionBefore(ctx, a, 10);
  return m ? { rule: 'predicate', mention: m, strength: 1 } : null;
}

/** Function words and verbs that can stand after a copula but are not adjectives of the vehicle. */
const NOT_ADJECTIVES = new Set([
  'to', 'for', 'with', 'in', 'on', 'at', 'by', 'from', 'into', 'about', 'have', 'has', 'had', 'do', 'does', 'did', 'get', 'got', 'make',
  'made', 'feed', 'fed', 'keep', 'kept', 'own', 'owned', 'use', 'used', 'raise', 'raised', 'sell', 'sold', 'buy', 'bought', 'build', 'built',
  'fix', 'fixed', 'repair', 'repaired', 'design', 'designed', 'run', 'ran', 'driving', 'drive', 'operate', 'operated', 'study', 'studied',
  'watch', 'watched', 'fear', 'feared', 'hunt', 'hunted', 'catch', 'caught', 'kill', 'killed', 'treat', 'treated', 'called', 'named',
  'there', 'here', 'where', 'when', 'what', 'which', 'who', 'that', 'this', 'it', 'its', 'i', 'you', 'he', 'she', 'we', 'they',
]);

/** A word that may be an adjective before the vehicle: not a function word, not a verb in -ing. */
function looksAdjectival(form: string): boolean {
  if (NOT_ADJECTIVES.has(form)) return false;
  // A verb in -ing after a copula is a progressive ("are building machines"), but a hyphenated compound is
  // an adjective ("knuckle-dragging apes").
  if (form.endsWith('ing') && form.length > 5 && !form.includes('-')) return false;
  return /^[\p{L}-]+$/u.test(form);
}

const NP_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'my', 'your']);

/** True when a determiner within three tokens before `marker` opens a noun phrase that names no people. */
function nonHumanPhraseBefore(ctx: SentenceContext, marker: number): boolean {
  for (let j = marker - 1; j >= 0 && marker - j <= 3; j--) {
    if (ctx.mentionAt[j]! >= 0) return false;
    if (ctx.breaks[j] === Break.Clause) return false;
    if (NP_DETERMINERS.has(ctx.forms[j]!)) return j < marker - 1;
  }
  return false;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** A labelling verb right before a mention, across a determiner or "to": "referred to the women as". */
function complementVerbBefore(ctx: SentenceContext, mentionStart: number): boolean {
  for (let j = mentionStart - 1; j >= 0 && mentionStart - j <= 3; j--) {
    const f = ctx.forms[j]!;
    if (COMPLEMENT_VERBS.has(f)) return true;
    if (!DETERMINERS.has(f) && f !== 'to') return false;
  }
  return false;
}

function mentionCovering(ctx: SentenceContext, token: number): TokenMention | null {
  const index = ctx.mentionAt[token]!;
  return index >= 0 ? ctx.mentions[index]! : null;
}

/** The nearest mention ending before `token`, within `window` tokens and the same clause. */
function mentionBefore(ctx: SentenceContext, token: number, window: number): TokenMention | null {
  for (let j = token - 1; j >= 0 && token - j <= window; j--) {
    if (ctx.breaks[j] === Break.Clause) return null;
    const m = mentionCovering(ctx, j);
    if (m && m.person !== 'self') return m;
  }
  return null;
}

/** The first mention starting at or after `token`, skipping up to `skip` determiners or adjectives. */
function mentionAfter(ctx: SentenceContext, token: number, skip: number): TokenMention | null {
  for (let j = token; j < ctx.forms.length && j - token <= skip; j++) {
    const m = mentionCovering(ctx, j);
    if (m) return m.person === 'self' ? null : m;
    if (j > token && ctx.breaks[j - 1]! >= Break.Comma) return null;
  }
  return null;
}

function lastIndexIn(words: readonly string[], set: ReadonlySet<string>): number {
  for (let i = words.length - 1; i >= 0; i--) if (set.has(words[i]!)) return i;
  return -1;
}
