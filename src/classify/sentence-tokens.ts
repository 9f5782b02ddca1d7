/**
 * The token forms of an explained sentence, computed once. The feature extractor, the model gate and the
 * voice splitter all read the same sentence; tokenizing it once for all of them keeps the model path from
 * paying for the tokenizer three times.
 */

import type { ExplainedSentence } from '../measures/scorer.js';
import { tokenize, type Tokens } from '../text/tokenize.js';

const cache = new WeakMap<ExplainedSentence, Tokens>();

/** Tokens of the sentence's text (offsets relative to the sentence), cached per sentence object. */
export function sentenceTokens(sentence: ExplainedSentence): Tokens {
  let tokens = cache.get(sentence);
  if (!tokens) cache.set(sentence, (tokens = tokenize(sentence.text)));
  return tokens;
}
