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
  prefixes: Map<string, Array<{ prefix: string; node: TrieNode }>> | null;
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
  /** All matches starting at every token, in order of start then length. */
  matchAll(forms: readonly string[], slots?: SlotResolver): TrieMatch[];
  /** Number of entries compiled. */
  readonly size: number;
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
        const key = element.value.slice(0, 3);
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
      const next = node.words.get(form) ?? (form.endsWith("'s") ? node.words.get(form.slice(0, -2)) : undefined);
      if (next) walk(next, forms, start, at + 1, slotStarts, resolve, out);
    }
    if (node.prefixes && form.length >= 3) {
      const bucket = node.prefixes.get(form.slice(0, 3));
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

  return {
    size: entries.length,
    matchAll(forms, slots = NO_SLOTS) {
      const out: TrieMatch[] = [];
      const slotStarts: number[] = [];
      for (let i = 0; i < forms.length; i++) walk(root, forms, i, i, slotStarts, slots, out);
      return out;
    },
  };
}
