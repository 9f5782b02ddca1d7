/**
 * What the context rules need to know about one sentence: its tokens, its clause breaks, who it mentions,
 * and which tokens stand inside quotation marks. Built only for sentences where a trigger fired.
 */

import type { TokenMention } from './actors.js';

/** Strength of the boundary after a token: none, a comma-like pause, or a clause break (; : — parentheses). */
export const enum Break {
  None = 0,
  Comma = 1,
  Clause = 2,
}

/** The sentence as the rules see it. Offsets in `starts`/`ends` are document offsets. */
export interface SentenceContext {
  readonly text: string;
  readonly forms: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** `breaks[i]` is the boundary between token i and token i + 1. */
  readonly breaks: Uint8Array;
  readonly mentions: readonly TokenMention[];
  /** For each token, the index in `mentions` of the mention covering it, or -1. */
  readonly mentionAt: Int32Array;
  /** For each token, 1 when it stands inside quotation marks. */
  readonly quotedToken: Uint8Array;
}

/** Reads the punctuation between tokens into clause breaks. */
export function computeBreaks(text: string, starts: readonly number[], ends: readonly number[]): Uint8Array {
  const breaks = new Uint8Array(starts.length);
  for (let i = 0; i + 1 < starts.length; i++) {
    let strength = Break.None;
    for (let p = ends[i]!; p < starts[i + 1]!; p++) {
      const ch = text.charCodeAt(p);
      // ; : — – ( ) and sentence-internal . ! ? are clause breaks; commas are pauses.
      if (ch === 0x3b || ch === 0x3a || ch === 0x2014 || ch === 0x2013 || ch === 0x28 || ch === 0x29 || ch === 0x2e || ch === 0x21 || ch === 0x3f) {
        strength = Break.Clause;
        break;
      }
      if (ch === 0x2c) strength = Break.Comma;
    }
    breaks[i] = strength;
  }
  return breaks;
}

/** Index of the first token of the clause that contains token `i` (stops at clause breaks, not commas). */
export function clauseStart(ctx: SentenceContext, i: number): number {
  let j = i;
  while (j > 0 && ctx.breaks[j - 1] !== Break.Clause) j--;
  return j;
}

/** Index one past the last token of the clause that contains token `i`. */
export function clauseEnd(ctx: SentenceContext, i: number): number {
  let j = i;
  while (j < ctx.forms.length - 1 && ctx.breaks[j] !== Break.Clause) j++;
  return j + 1;
}

/** True when there is no boundary of at least `strength` between tokens `from` and `to` (from < to). */
export function noBreakBetween(ctx: SentenceContext, from: number, to: number, strength: Break = Break.Clause): boolean {
  for (let k = from; k < to; k++) if (ctx.breaks[k]! >= strength) return false;
  return true;
}
