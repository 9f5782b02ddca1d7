/**
 * Where a trained model may decide. The models learn from short hand-written sentences; on real news they also
 * fire on words that sit near the constructs (cancer, viruses, "they" in a complaint, "also killed"), and a
 * read of their calls there found nearly all such additions wrong. So a model decides only where the rules saw
 * something of its measure, and elsewhere the rule score stands:
 *
 * - dehumanization: a dehumanization lexicon word in the sentence, accepted or turned down by the context rules
 *   (the model then judges target, voice and paraphrase around it better than the rules alone) — except a word of
 *   disease or of water and masses that the rules found applied to no one: "the virus", "a flood" are literal far
 *   more often than not in news, and a model let loose on them read COVID coverage as a rise in dehumanization;
 * - victimhood: suffering, loss or harm named in the sentence, or a lexicon phrase of the measure;
 * - acknowledgement: a lexicon phrase of the measure, or a cue of acknowledgement (a wrong, a grievance, its
 *   legitimacy, an apology, a perspective verb). "I know" and "I saw" are in every quote, so a stance verb is not enough.
 */

import type { MeasureName } from '../core/types.js';
import { compileTrie } from '../lexicon/trie.js';
import type { Lexicon } from '../lexicon/types.js';
import { NO_HUMAN_TARGET, type ExplainedSentence } from '../measures/scorer.js';
import { sentenceTokens } from './sentence-tokens.js';

/** Decides, per sentence and measure, whether a model's score may replace the rule score. */
export interface ModelGate {
  allows(measure: MeasureName, sentence: ExplainedSentence): boolean;
}

const SUFFERING = new Set(['suffering_state', 'harm_event']);
const NOT_SUFFERING = 'not_suffering';
/** Dehumanization categories whose words are mostly literal in news; turned down for want of a human target, they stay turned down. */
const LITERAL_CATEGORIES = new Set(['disease', 'water_mass', 'mass']);
/** Frame cue classes that signal acknowledgement; roles and personal life are everywhere in news, so they do not. */
const ACKNOWLEDGEMENT_CUES = new Set(['wrongdoing', 'grievance_noun', 'legitimacy', 'apology', 'perspective_stem']);

/** Compiles the gate from the rule scorer's lexicons (the frame cue classes). */
export function createModelGate(lexicons: readonly Lexicon[]): ModelGate {
  const cues = compileTrie(
    lexicons
      .filter((l) => l.info.measure === 'frame')
      .flatMap((l) => l.entries)
      .filter((e) => SUFFERING.has(e.category) || e.category === NOT_SUFFERING || ACKNOWLEDGEMENT_CUES.has(e.category)),
  );
  // Several models ask about the same sentence in turn: its cue classes are found once.
  let lastSentence: ExplainedSentence | null = null;
  let lastClasses = { suffering: false, acknowledgement: false };
  const cueClasses = (sentence: ExplainedSentence): { suffering: boolean; acknowledgement: boolean } => {
    if (sentence === lastSentence) return lastClasses;
    lastSentence = sentence;
    lastClasses = findCueClasses(sentence);
    return lastClasses;
  };
  const findCueClasses = (sentence: ExplainedSentence): { suffering: boolean; acknowledgement: boolean } => {
    const found = cues.matchAll(sentenceTokens(sentence).forms);
    const idioms = found.filter((c) => c.entry.category === NOT_SUFFERING);
    return {
      // "lost the election", "took pains": a suffering word inside a fixed expression names no suffering.
      suffering: found.some((c) => SUFFERING.has(c.entry.category) && !idioms.some((i) => i.start <= c.start && c.end <= i.end)),
      acknowledgement: found.some((c) => ACKNOWLEDGEMENT_CUES.has(c.entry.category)),
    };
  };
  const hasCandidate = (measure: MeasureName, sentence: ExplainedSentence): boolean =>
    sentence.findings.some((f) => f.measure === measure) || sentence.rejected.some((r) => r.measure === measure);
  return {
    allows(measure, sentence) {
      if (measure === 'dehumanization') {
        return (
          sentence.findings.some((f) => f.measure === measure) ||
          sentence.rejected.some((r) => r.measure === measure && !(r.reason === NO_HUMAN_TARGET && LITERAL_CATEGORIES.has(r.category)))
        );
      }
      if (hasCandidate(measure, sentence)) return true;
      const classes = cueClasses(sentence);
      return measure === 'acknowledgement' ? classes.acknowledgement : classes.suffering;
    },
  };
}
