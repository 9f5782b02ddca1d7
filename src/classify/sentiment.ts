/**
 * A small sentiment word list, written for rehumanize as a baseline: if a measure of acknowledgement only
 * tracked positive tone, it would correlate with a human rating no better than this does.
 * Score = (positive − negative words) / √tokens, with a negator in the two words before flipping the word.
 */

import { tokenize } from '../text/tokenize.js';

const POSITIVE = new Set(
  'good great excellent fair reasonable right agree agreed appreciate appreciated understand understandable valid respect respectful thank thanks grateful glad happy hope hopeful helpful kind nice important interesting insightful thoughtful true honest support supportive useful positive benefit beneficial better best safe trust well welcome love like care caring compassion empathy empathize sympathy sympathize open fairness justice improve improvement progress together common share agreeable wise sensible valuable worth worthy legitimate correct point points perspective consider considered acknowledge recognize'.split(
    ' ',
  ),
);
const NEGATIVE = new Set(
  'bad wrong terrible awful horrible stupid ridiculous absurd nonsense disagree unfair unjust hate angry anger fear afraid worse worst harm harmful dangerous danger threat problem problems fail failed failure false lie lies liar blame fault crazy insane ignorant idiot idiotic evil disgusting pathetic ludicrous outrageous never against attack violence violent abuse corrupt dishonest lazy greedy selfish hypocrite hypocritical sad upset annoying worried concern concerned crime criminal victim suffer suffering kill killed death destroy'.split(
    ' ',
  ),
);
const NEGATORS = new Set(['not', 'no', 'never', "n't", 'nothing', 'hardly', 'without']);

/** Sentiment of a text: positive above 0, negative below. */
export function sentimentScore(text: string): number {
  const { forms } = tokenize(text);
  let score = 0;
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i]!;
    const polarity = POSITIVE.has(f) ? 1 : NEGATIVE.has(f) ? -1 : 0;
    if (polarity === 0) continue;
    const negated = [forms[i - 1], forms[i - 2]].some((p) => p !== undefined && (NEGATORS.has(p) || p.endsWith("n't")));
    score += negated ? -polarity : polarity;
  }
  return forms.length === 0 ? 0 : score / Math.sqrt(forms.length);
}

/** Number of word tokens, the length baseline. */
export function lengthScore(text: string): number {
  return tokenize(text).forms.length;
}
