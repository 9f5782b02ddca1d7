/**
 * Finds who a sentence talks about: human-group nouns from the actor lexicons and personal pronouns.
 *
 * Built once per scorer from the actor lexicons; per sentence it returns mentions as token ranges, longest
 * match first, without overlaps. Pronouns are grammar, not lexicon data: first-person plural is the speaker's
 * own group, third-person plural the other, singular third person a person.
 */

import type { Side } from '../core/types.js';
import { compileTrie, type StartFilter, type TrieRoots } from '../lexicon/trie.js';
import type { Lexicon } from '../lexicon/types.js';

/** How a mention can fill the slots of a lexicon term. */
export type MentionPerson = 'self' | 'other' | 'person' | 'group';

/** A mention as token indices `[start, end)` in the sentence. */
export interface TokenMention {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly category: string;
  readonly side: Side;
  readonly person: MentionPerson;
}

export const FIRST_PERSON_PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", "we've", "we'll", "we'd"]);
export const THIRD_PERSON_PLURAL = new Set(['they', 'them', 'their', 'theirs', 'themselves', "they're", "they've", "they'll", "they'd"]);
export const THIRD_PERSON_SINGULAR = new Set(['he', 'him', 'his', 'she', 'her', 'hers', 'himself', 'herself', "he's", "she's"]);
/** Pronouns that carry a copula with them ("they're animals"). */
export const PRONOUN_WITH_COPULA = new Set(["we're", "they're", "he's", "she's"]);

/**
 * Finds mentions in token forms; `isCapitalized(i)` says whether token i starts with a capital letter. With
 * `starts`, only tokens whose mask has the finder's bits set are looked up (see {@link ActorFinder.roots}).
 */
export interface ActorFinder {
  (forms: readonly string[], isCapitalized?: (token: number) => boolean, starts?: StartFilter): TokenMention[];
  /** Root words and wildcards of the actor terms, and the pronouns, for a fused start mask. */
  readonly roots: TrieRoots;
}

/**
 * Group names no list can foresee ("the Orenites", "Karskians") look like capitalised demonym plurals. Such a
 * word, not already a known mention, is taken as a group with category `inferred`.
 */
const DEMONYM_PLURAL = /^[a-z][a-z'-]{2,}(?:ites|ians|ans|ese|ists|is|ards|ics)$/;
const NOT_DEMONYMS = new Set(['christmas', 'thanks', 'dues', 'physics', 'politics', 'economics', 'ethics', 'statistics', 'olympics', 'analysis', 'basis', 'crisis', 'thesis', 'tennis',
  // Animals and things that look like demonyms: "Termites infested the church" names no people.
  'termites', 'mites', 'parasites', 'satellites', 'sites', 'websites', 'favorites', 'favourites', 'suites', 'rites', 'bites', 'kites', 'sprites', 'pelicans', 'toucans', 'pecans', 'cans', 'jeans', 'plans', 'loans', 'means', 'beans', 'fans', 'vans', 'scans', 'pans', 'bans', 'clans', 'elections', 'genesis']);

/** Determiners before a capitalised name that may be a people ("the Sulavi", "those Dravani"). */
const PLURAL_NAME_DETERMINERS = new Set(['the', 'those', 'these']);
/** Verbs that agree only with a plural subject: after "the <Name>" they show the name is a people. */
const PLURAL_VERBS = new Set(['are', 'were', 'have', "'ve", "aren't", "weren't", "haven't", 'do', "don't"]);

/** Compiles the actor lexicons into a finder. Sides from the lexicon override nothing about pronouns. */
export function createActorFinder(actorLexicons: readonly Lexicon[]): ActorFinder {
  const trie = compileTrie(actorLexicons.flatMap((l) => l.entries));
  const find = (forms: readonly string[], isCapitalized?: (token: number) => boolean, starts?: StartFilter): TokenMention[] => {
    const matches = trie.matchAll(forms, undefined, undefined, starts);
    const mentions: TokenMention[] = [];
    // Longest match wins at each position; later matches may not overlap earlier ones.
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
    let coveredUntil = 0;
    let m = 0;
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i]!;
      while (m < matches.length && matches[m]!.start < i) m++;
      if (i < coveredUntil) continue;
      const pronoun = starts === undefined || (starts.mask[i]! & starts.bit) !== 0 ? pronounMention(form, i) : null;
      if (pronoun) {
        mentions.push(pronoun);
        coveredUntil = i + 1;
        continue;
      }
      const match = matches[m];
      if (match && match.start === i) {
        const entry = match.entry;
        mentions.push({
          start: i,
          end: match.end,
          label: entry.term,
          category: entry.category,
          side: entry.side,
          person: entry.side === 'ingroup' ? 'self' : 'group',
        });
        coveredUntil = match.end;
        continue;
      }
      // Cheapest tests first: every demonym ending ends in "s" or "e".
      const last = form.charCodeAt(form.length - 1);
      if ((last === 115 || last === 101) && form.length >= 5 && isCapitalized?.(i) && DEMONYM_PLURAL.test(form) && !NOT_DEMONYMS.has(form)) {
        mentions.push({ start: i, end: i + 1, label: form, category: 'inferred', side: 'unspecified', person: 'group' });
        coveredUntil = i + 1;
        continue;
      }
      // "the Sulavi are", "the Dravani have": a capitalised name after "the" that takes a plural verb is a
      // people, whatever its ending (demonyms like "Dravani" or "Halvi" fit no suffix).
      if (i > 0 && PLURAL_NAME_DETERMINERS.has(forms[i - 1]!) && PLURAL_VERBS.has(forms[i + 1] ?? '') && isCapitalized?.(i) && !NOT_DEMONYMS.has(form)) {
        mentions.push({ start: i, end: i + 1, label: form, category: 'inferred', side: 'unspecified', person: 'group' });
        coveredUntil = i + 1;
      }
    }
    return claimPossessed(mentions);
  };
  const roots: TrieRoots = { words: [...trie.roots.words, ...PRONOUN_PERSON.keys()], prefixes: trie.roots.prefixes, slots: trie.roots.slots };
  return Object.assign(find, { roots });
}

/**
 * "our police", "our army", "we Velorians": a group right after a first-person plural pronoun is our own
 * side, whatever the list says; "their soldiers" stays the other side.
 */
function claimPossessed(mentions: TokenMention[]): TokenMention[] {
  for (let i = 1; i < mentions.length; i++) {
    const prev = mentions[i - 1]!;
    const m = mentions[i]!;
    if (prev.end === m.start && (prev.label === 'our' || prev.label === 'we') && m.category !== 'pronoun') {
      mentions[i] = { ...m, person: 'self', side: 'ingroup' };
    }
  }
  return mentions;
}

/** Person of each pronoun, in one table so a token costs one lookup. */
const PRONOUN_PERSON = new Map<string, MentionPerson>([
  ...[...FIRST_PERSON_PLURAL].map((p) => [p, 'self'] as const),
  ...[...THIRD_PERSON_PLURAL].map((p) => [p, 'other'] as const),
  ...[...THIRD_PERSON_SINGULAR].map((p) => [p, 'person'] as const),
]);

function pronounMention(form: string, i: number): TokenMention | null {
  const person = PRONOUN_PERSON.get(form);
  if (person === undefined) return null;
  return { start: i, end: i + 1, label: form, category: 'pronoun', side: person === 'self' ? 'ingroup' : 'unspecified', person };
}
