/**
 * Where a trained model may decide. A victimhood frame is a claim about suffering: a sentence that names no
 * suffering, no loss and no harm cannot hold one, whatever its words suggest ("both parties alike", "the same
 * as in May"). There a victimhood model keeps the rule score, so the model cannot flag news for the words around
 * suffering alone. Dehumanization and acknowledgement models decide everywhere.
 */

import type { MeasureName } from '../core/types.js';
import { compileTrie } from '../lexicon/trie.js';
import type { Lexicon } from '../lexicon/types.js';
import type { ExplainedSentence } from '../measures/scorer.js';
import { sentenceTokens } from './sentence-tokens.js';

/** Decides, per sentence and measure, whether a model's score may replace the rule score. */
export interface ModelGate {
  allows(measure: MeasureName, sentence: ExplainedSentence): boolean;
}

const SUFFERING = new Set(['suffering_state', 'harm_event']);
const NOT_SUFFERING = 'not_suffering';

/** Compiles the gate from the rule scorer's lexicons (the frame cue classes). */
export function createModelGate(lexicons: readonly Lexicon[]): ModelGate {
  const cues = compileTrie(lexicons.filter((l) => l.info.measure === 'frame').flatMap((l) => l.entries).filter((e) => SUFFERING.has(e.category) || e.category === NOT_SUFFERING));
  const namesSuffering = (sentence: ExplainedSentence): boolean => {
    const found = cues.matchAll(sentenceTokens(sentence).forms);
    const idioms = found.filter((c) => c.entry.category === NOT_SUFFERING);
    // "lost the election", "took pains": a suffering word inside a fixed expression names no suffering.
    return found.some((c) => c.entry.category !== NOT_SUFFERING && !idioms.some((i) => i.start <= c.start && c.end <= i.end));
  };
  return {
    allows(measure, sentence) {
      if (measure !== 'victimhood_exclusive' && measure !== 'victimhood_inclusive') return true;
      // A lexicon phrase of the measure ("we are the real victims") is enough: the rules already saw a claim.
      if (sentence.findings.some((f) => f.measure === measure) || sentence.rejected.some((r) => r.measure === measure)) return true;
      return namesSuffering(sentence);
    },
  };
}
