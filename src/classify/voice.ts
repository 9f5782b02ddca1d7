/**
 * Whose voice a model's dehumanization call is in. The rules decide voice per finding (quotation marks,
 * reporting verbs, attribution); a model scores the whole sentence, so its call is split by the rule evidence
 * when there is some, and otherwise by whether the sentence reports someone's words at all.
 */

import { compileTrie } from '../lexicon/trie.js';
import type { Lexicon } from '../lexicon/types.js';
import type { ExplainedSentence } from '../measures/scorer.js';
import { sentenceTokens } from './sentence-tokens.js';

/** Own-voice and quoted parts of a sentence's dehumanization score. */
export interface VoiceSplit {
  readonly ownVoice: number;
  readonly quoted: number;
}

/** Splits a dehumanization score between the author's own voice and quoted or reported speech. */
export type VoiceSplitter = (sentence: ExplainedSentence, score: number) => VoiceSplit;

/** Opening and closing quotation marks: straight, curly, guillemets and single curly quotes. */
const QUOTE_MARKS = /["“”«»„]|(?:^|[\s(])['‘][^'’]{2,}['’]/u;

/** Compiles the splitter from the quotation lexicons (their reporting verbs). */
export function createVoiceSplitter(lexicons: readonly Lexicon[]): VoiceSplitter {
  const reporting = compileTrie(lexicons.filter((l) => l.info.measure === 'quotation').flatMap((l) => l.entries).filter((e) => e.category === 'reporting_verb'));
  const reports = (sentence: ExplainedSentence): boolean => QUOTE_MARKS.test(sentence.text) || reporting.matchAll(sentenceTokens(sentence).forms).length > 0;
  return (sentence, score) => {
    const own = sentence.findings.some((f) => f.measure === 'dehumanization' && !f.negated && !f.quoted);
    const quoted = sentence.findings.some((f) => f.measure === 'dehumanization' && !f.negated && f.quoted);
    if (own || quoted) {
      // The rules found the words: their voice stands, at the model's strength.
      return { ownVoice: own ? score : 0, quoted: quoted ? score : 0 };
    }
    // A call the rules did not make: reported speech if the sentence reports anyone's words.
    return reports(sentence) ? { ownVoice: 0, quoted: score } : { ownVoice: score, quoted: 0 };
  };
}
