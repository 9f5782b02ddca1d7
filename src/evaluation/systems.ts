/**
 * The systems an evaluation compares, behind one small interface: the rule scorer and the keyword
 * baseline both turn a text into document-level scores per measure.
 */
import { MEASURES, PRESENCE_THRESHOLD, type MeasureName } from '../core/types.js';
import type { Scorer } from '../measures/scorer.js';

/** Document-level scores of one text. */
export interface DocScores {
  /** Per measure: the strongest sentence score (does the text show it anywhere). */
  readonly max: Readonly<Record<MeasureName, number>>;
  /** Per measure: the share of sentences at or above the presence threshold (0 for an empty text). */
  readonly share: Readonly<Record<MeasureName, number>>;
  /** Dehumanization in the author's own voice (strongest sentence). */
  readonly dehumanizationOwnVoice: number;
  /** Dehumanization inside quoted or reported speech (strongest sentence). */
  readonly dehumanizationQuoted: number;
  readonly sentences: number;
  readonly tokens: number;
  /** Short human-readable evidence, one string per finding. */
  readonly evidence: readonly string[];
}

/** A system under evaluation. */
export interface EvalSystem {
  /** Short name for tables, e.g. `rules` or `keywords`. */
  readonly name: string;
  score(text: string): DocScores;
}

function zeroRecord(): Record<MeasureName, number> {
  const r = {} as Record<MeasureName, number>;
  for (const m of MEASURES) r[m] = 0;
  return r;
}

/** Wraps the rule scorer: every finding is listed with its rule and flags. */
export function ruleSystem(scorer: Scorer, name = 'rules'): EvalSystem {
  return {
    name,
    score(text) {
      const doc = scorer.scoreDocument('eval', text);
      const share = zeroRecord();
      let own = 0;
      let quoted = 0;
      const evidence: string[] = [];
      for (const s of doc.sentences) {
        own = Math.max(own, s.dehumanization_own_voice);
        quoted = Math.max(quoted, s.dehumanization_quoted);
        for (const f of s.findings) {
          const flags = [f.negated ? 'negated' : '', f.quoted ? 'quoted' : ''].filter(Boolean).join(',');
          evidence.push(`${f.measure}/${f.category} "${f.match}" rule=${f.rule} target=${f.target ?? '-'} w=${f.weight}${flags ? ` [${flags}]` : ''}`);
        }
      }
      const n = doc.sentences.length;
      for (const m of MEASURES) share[m] = n === 0 ? 0 : doc.counts[m] / n;
      return {
        max: { ...doc.scores },
        share,
        dehumanizationOwnVoice: own,
        dehumanizationQuoted: quoted,
        sentences: n,
        tokens: doc.tokens,
        evidence,
      };
    },
  };
}

/** True when a score counts as present. */
export function present(score: number): boolean {
  return score >= PRESENCE_THRESHOLD;
}

export { zeroRecord };
