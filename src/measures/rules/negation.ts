/**
 * The negation rule: "they are not animals" reverses the vehicle; "nothing but animals" and "no better than
 * animals" do not. A negator counts when it stands within a short window before the matched words, in the
 * same clause, and is not part of a pseudo-negation ("not only", "nothing but", "no better than").
 */

import { compileTrie, type CompiledTrie } from '../../lexicon/trie.js';
import type { Lexicon } from '../../lexicon/types.js';
import { Break, type SentenceContext } from '../sentence-context.js';

/** Decides whether matched words are negated. */
export interface NegationRule {
  /** True when tokens `[a, b)` are negated. `window` is how many tokens before `a` to look at. */
  isNegated(ctx: SentenceContext, a: number, b: number, window?: number): boolean;
  /** True when the token is a negator (for features and for entries that carry their own negation). */
  isNegator(form: string): boolean;
  /** True when a claim negation ("it is false that") stands before token `a` in the sentence. */
  isClaimDenied(ctx: SentenceContext, a: number): boolean;
}

/** Built-in fallback so the rule works without a negation lexicon; the lexicon adds to it. */
const CORE_NEGATORS = ['not', 'no', 'never', "n't", 'cannot', 'nobody', 'none', 'nothing', 'neither', 'nor', 'without'];

/** Compiles the negation lexicons (category `negator`, `denial_verb`, `pseudo_negation`). */
export function createNegationRule(lexicons: readonly Lexicon[]): NegationRule {
  const negators = new Set<string>(CORE_NEGATORS);
  const pseudoEntries = [];
  const claimEntries = [];
  for (const lexicon of lexicons) {
    for (const entry of lexicon.entries) {
      if (entry.category === 'pseudo_negation') pseudoEntries.push(entry);
      else if (entry.category === 'claim_negation') claimEntries.push(entry);
      else if (entry.elements.length === 1 && entry.elements[0]!.type === 'word') negators.add(entry.elements[0]!.value);
    }
  }
  const pseudo: CompiledTrie = compileTrie(pseudoEntries);
  const isNegator = (form: string): boolean => negators.has(form) || form.endsWith("n't");

  const claims: CompiledTrie = compileTrie(claimEntries);
  return {
    isNegator,
    isClaimDenied(ctx, a) {
      if (claims.size === 0) return false;
      return claims.matchAll(ctx.forms).some((m) => m.end <= a);
    },
    isNegated(ctx, a, b, window = 4) {
      const from = Math.max(0, a - window);
      // Tokens covered by a pseudo-negation ("not only", "nothing but") are not negators.
      const covered = new Uint8Array(b - from);
      const slice = ctx.forms.slice(from, b);
      for (const m of pseudo.matchAll(slice)) for (let t = m.start; t < m.end; t++) covered[t] = 1;
      for (let j = a - 1; j >= from; j--) {
        if (ctx.breaks[j] === Break.Clause) break;
        if (covered[j - from]) continue;
        if (isNegator(ctx.forms[j]!)) {
          // "no better than animals", "nothing more than vermin": a comparison, not a negation.
          const next = ctx.forms[j + 1];
          if ((next === 'better' || next === 'more' || next === 'different') && ctx.forms[j + 2] === 'than') continue;
          // "nothing less than vermin" affirms; but when "less than" is the matched phrase itself ("not less
          // than human"), the negator right before it negates it.
          if (next === 'but' || (next === 'less' && ctx.forms[j + 2] === 'than' && j + 1 !== a)) continue;
          return true;
        }
      }
      return false;
    },
  };
}
