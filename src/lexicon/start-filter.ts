/**
 * One lookup per token for several tries at once: which tokens can start a term of which trie.
 *
 * The cheap pass asks, for every token of every sentence, whether an actor term, a pronoun or a measure
 * term starts there. Asked trie by trie that is five or six hash lookups per token (word, possessive,
 * wildcard bucket, per trie); fused it is one lookup in a small table of every root word, plus one integer
 * lookup for wildcards. The result is a bit mask per token; a sentence whose mask is all zero cannot match
 * any of the tries, so the tries are not walked at all.
 */

import { isPossessive, type TrieRoots } from './trie.js';

/** Fills `mask[i]` with the bits of the tries token i may start; returns the OR of all bits. */
export type StartMasker = (forms: readonly string[], mask: Uint8Array) => number;

/** A set of roots and the bit it sets. */
export interface MaskSource {
  readonly roots: Pick<TrieRoots, 'words' | 'prefixes'>;
  /** A single bit (1, 2, 4, …, 128). */
  readonly bit: number;
}

/** First three code units as a small integer; distinct prefixes may share one, so a bucket is re-checked. */
function key3(form: string): number {
  return ((form.charCodeAt(0) & 0x3ff) << 20) | ((form.charCodeAt(1) & 0x3ff) << 10) | (form.charCodeAt(2) & 0x3ff);
}

/** Compiles the roots of several tries (and any plain word lists) into one masker. */
export function createStartMasker(sources: readonly MaskSource[]): StartMasker {
  const words = new Map<string, number>();
  const prefixes = new Map<number, Array<{ prefix: string; bits: number }>>();
  for (const { roots, bit } of sources) {
    if (!Number.isInteger(bit) || bit <= 0 || bit > 128 || (bit & (bit - 1)) !== 0) throw new Error(`start filter: bit ${bit} is not one of 1, 2, 4, …, 128`);
    for (const w of roots.words) words.set(w, (words.get(w) ?? 0) | bit);
    for (const p of roots.prefixes) {
      // Wildcards have at least three letters (the lexicon parser refuses shorter ones, and the trie's
      // buckets are keyed by three letters), so a token shorter than three starts none.
      if (p.length < 3) continue;
      const key = key3(p);
      let bucket = prefixes.get(key);
      if (!bucket) prefixes.set(key, (bucket = []));
      const found = bucket.find((b) => b.prefix === p);
      if (found) found.bits |= bit;
      else bucket.push({ prefix: p, bits: bit });
    }
  }
  return (forms, mask) => {
    let any = 0;
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i]!;
      let bits = words.get(form) ?? 0;
      const n = form.length;
      // A possessive reads as its noun ("Karsk's"), as the trie reads it.
      if (isPossessive(form)) bits |= words.get(form.slice(0, -2)) ?? 0;
      if (n >= 3) {
        const bucket = prefixes.get(key3(form));
        if (bucket !== undefined) for (const b of bucket) if (form.startsWith(b.prefix)) bits |= b.bits;
      }
      mask[i] = bits;
      any |= bits;
    }
    return any;
  };
}
