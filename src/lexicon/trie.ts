/**
 * Compiles lexicon entries once into a token trie and matches it against token forms.
 *
 * Words are hash lookups; `prefix*` wildcards are grouped by their first three letters, so a token only
 * tests the few wildcards that share its start; slots ask a resolver for the end of an actor mention. No
 * regular expression is built from lexicon text, so no lexicon can make matching backtrack. Matching is
 * O(tokens x longest term) with small constants.
 */

import type { LexiconEntry, Slot } from './types.js';

interface TrieNode {
  words: Map<string, TrieNode> | null;
  /** Wildcards grouped by their first three letters, as a number so lookups allocate no string. */
  prefixes: Map<number, Array<{ prefix: string; node: TrieNode }>> | null;
  slots: Map<Slot, TrieNode> | null;
  entries: LexiconEntry[] | null;
}

/** A lexicon entry found in a token sequence: tokens `[start, end)`, with where each slot's mention began. */
export interface TrieMatch {
  readonly entry: LexiconEntry;
  readonly start: number;
  readonly end: number;
  readonly slotStarts: readonly number[];
}

/** Tells the matcher where a slot's mention ends when it starts at a token, or -1 when none starts there. */
export type SlotResolver = (slot: Slot, tokenIndex: number) => number;

const NO_SLOTS: SlotResolver = () => -1;

/** A compiled set of entries. */
export interface CompiledTrie {
  /**
   * All matches starting at every token, in order of start. `slotStarts[i]`, when given, says whether any
   * slot can start at token i, so the resolver is not asked at every token.
   */
  matchAll(forms: readonly string[], slots?: SlotResolver, slotStarts?: Uint8Array, startFilter?: StartFilter): TrieMatch[];
  /** Number of entries compiled. */
  readonly size: number;
  /** What a term can start with: its first word, wildcard or slot. Lets callers pre-filter tokens. */
  readonly roots: TrieRoots;
}

/** The first elements of all compiled terms. */
export interface TrieRoots {
  /** Words a term starts with (a possessive "x's" also starts what "x" starts). */
  readonly words: readonly string[];
  /** `prefix*` wildcards a term starts with, without the star. */
  readonly prefixes: readonly string[];
  /** Whether some term starts with a slot (`<group>`, `<any>`, …). */
  readonly slots: boolean;
}

/**
 * Tokens that may start a term, worked out by the caller in one pass for several tries: token i is tried from
 * the root only when `mask[i] & bit` is set. Root slots are still tried where `slotStarts` allows.
 */
export interface StartFilter {
  readonly mask: Uint8Array;
  readonly bit: number;
}

/**
 * True for a possessive form ("karsk's"), which reads as its noun ("karsk"): `form.slice(0, -2)`. Checked by
 * character codes because it runs on every token that misses a lookup.
 */
export function isPossessive(form: string): boolean {
  const n = form.length;
  return n > 2 && form.charCodeAt(n - 1) === 115 && form.charCodeAt(n - 2) === 39;
}

/** The first three UTF-16 code units of a word as one number (exact in a double). */
function key3(form: string): number {
  return form.charCodeAt(0) * 4294967296 + form.charCodeAt(1) * 65536 + form.charCodeAt(2);
}

function newNode(): TrieNode {
  return { words: null, prefixes: null, slots: null, entries: null };
}

/** Builds the trie for `entries`. */
export function compileTrie(entries: readonly LexiconEntry[]): CompiledTrie {
  const root = newNode();
  for (const entry of entries) {
    let node = root;
    for (const element of entry.elements) {
      if (element.type === 'word') {
        node.words ??= new Map();
        let next = node.words.get(element.value);
        if (!next) node.words.set(element.value, (next = newNode()));
        node = next;
      } else if (element.type === 'prefix') {
        node.prefixes ??= new Map();
        const key = key3(element.value);
        let bucket = node.prefixes.get(key);
        if (!bucket) node.prefixes.set(key, (bucket = []));
        let found = bucket.find((b) => b.prefix === element.value);
        if (!found) bucket.push((found = { prefix: element.value, node: newNode() }));
        node = found.node;
      } else {
        node.slots ??= new Map();
        let next = node.slots.get(element.value);
        if (!next) node.slots.set(element.value, (next = newNode()));
        node = next;
      }
    }
    (node.entries ??= []).push(entry);
  }

  function walk(
    node: TrieNode,
    forms: readonly string[],
    start: number,
    at: number,
    slotStarts: number[],
    resolve: SlotResolver,
    out: TrieMatch[],
  ): void {
    if (node.entries && at > start) {
      for (const entry of node.entries) out.push({ entry, start, end: at, slotStarts: slotStarts.slice() });
    }
    if (at >= forms.length) return;
    const form = forms[at]!;
    if (node.words) {
      let next = node.words.get(form);
      // A possessive reads as its noun: "Karsk's" matches "karsk".
      if (next === undefined && isPossessive(form)) {
        next = node.words.get(form.slice(0, -2));
      }
      if (next) walk(next, forms, start, at + 1, slotStarts, resolve, out);
    }
    if (node.prefixes && form.length >= 3) {
      const bucket = node.prefixes.get(key3(form));
      if (bucket) {
        for (const { prefix, node: next } of bucket) {
          if (form.startsWith(prefix)) walk(next, forms, start, at + 1, slotStarts, resolve, out);
        }
      }
    }
    if (node.slots) {
      for (const [slot, next] of node.slots) {
        const end = slot === '<any>' ? at + 1 : resolve(slot, at);
        if (end > at) {
          slotStarts.push(at);
          walk(next, forms, start, end, slotStarts, resolve, out);
          slotStarts.pop();
        }
      }
    }
  }

  const rootWords = root.words;
  const rootPrefixes = root.prefixes;
  /** The nodes a token leads to from the root: its word, a possessive's noun, matching wildcards. */
  const rootSteps = (form: string, visit: (node: TrieNode) => void): void => {
    if (rootWords) {
      let next = rootWords.get(form);
      if (next === undefined && isPossessive(form)) {
        next = rootWords.get(form.slice(0, -2));
      }
      if (next) visit(next);
    }
    if (rootPrefixes && form.length >= 3) {
      const bucket = rootPrefixes.get(key3(form));
      if (bucket) for (const { prefix, node } of bucket) if (form.startsWith(prefix)) visit(node);
    }
  };

  return {
    size: entries.length,
    roots: {
      words: [...(rootWords?.keys() ?? [])],
      prefixes: [...(rootPrefixes?.values() ?? [])].flatMap((bucket) => bucket.map((b) => b.prefix)),
      slots: root.slots !== null,
    },
    matchAll(forms, slots = NO_SLOTS, slotStarts?: Uint8Array, startFilter?: StartFilter) {
      const out: TrieMatch[] = [];
      const stack: number[] = [];
      const rootSlots = root.slots;
      // The root step is done here, not by a recursive call: almost every token starts nothing.
      let i = 0;
      const visit = (node: TrieNode): void => {
        // Most root hits are function words ("the", "to", "of") that start a few phrases and whose next token
        // continues none of them: decide that with one lookup before paying for a walk.
        if (node.entries === null && node.prefixes === null && node.slots === null && node.words !== null) {
          const next = forms[i + 1];
          if (next === undefined) return;
          if (node.words.get(next) === undefined && !(isPossessive(next) && node.words.has(next.slice(0, -2)))) return;
        }
        walk(node, forms, i, i + 1, stack, slots, out);
      };
      const mask = startFilter?.mask;
      const bit = startFilter?.bit ?? 0;
      for (; i < forms.length; i++) {
        if (mask === undefined || (mask[i]! & bit) !== 0) rootSteps(forms[i]!, visit);
        if (rootSlots && (slotStarts === undefined || slotStarts[i] === 1)) {
          for (const [slot, next] of rootSlots) {
            const end = slot === '<any>' ? i + 1 : slots(slot, i);
            if (end > i) {
              stack.push(i);
              walk(next, forms, i, end, stack, slots, out);
              stack.pop();
            }
          }
        }
      }
      return out;
    },
  };
}
