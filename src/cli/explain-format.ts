/** Formats `rehumanize explain` output: every sentence, every finding and why, readable in a terminal. */

import { MEASURES } from '../core/types.js';
import type { ExplainedSentence } from '../measures/scorer.js';
import type { ModelContribution } from '../classify/model-scorer.js';

/** Renders explained sentences as text. */
export function formatExplanation(sentences: readonly ExplainedSentence[]): string {
  const lines: string[] = [];
  for (const s of sentences) {
    lines.push(`[${s.index}] ${s.text}`);
    lines.push(`    scores: ${MEASURES.map((m) => `${m}=${s[m].toFixed(2)}`).join('  ')}  (own voice ${s.dehumanization_own_voice.toFixed(2)}, quoted ${s.dehumanization_quoted.toFixed(2)})`);
    if (s.mentions.length > 0) {
      lines.push(`    groups: ${s.mentions.map((m) => `"${m.text}" (${m.category}${m.side !== 'unspecified' ? `, ${m.side}` : ''})`).join(', ')}`);
    }
    for (const f of s.findings) {
      const flags = [f.negated ? 'NEGATED' : null, f.quoted ? 'QUOTED' : null, f.weight === 0 ? 'does not count' : null].filter(Boolean).join(', ');
      lines.push(
        `    + ${f.measure} / ${f.category}: "${f.match}" -> target ${f.target ? `"${f.target}"` : '(none)'} by rule ${f.rule}, weight ${f.weight}${flags ? ` [${flags}]` : ''}  (${f.lexicon}, chars ${f.start}-${f.end})`,
      );
    }
    for (const r of s.rejected) lines.push(`    - ${r.measure} / ${r.category}: "${r.match}" not counted: ${r.reason}`);
    const models = (s as ExplainedSentence & { models?: readonly ModelContribution[] }).models ?? [];
    for (const m of models) {
      const combined = m.combinedScore === null ? '' : `, combined ${m.combinedScore.toFixed(2)}`;
      lines.push(`    * ${m.measure} (mode ${m.mode}): score ${m.score.toFixed(2)} = rules ${m.ruleScore.toFixed(2)}, model ${m.modelScore.toFixed(2)} (logit ${m.logit.toFixed(2)})${combined}  [${m.model}]`);
      if (m.strongest.length > 0) lines.push(`      strongest features: ${m.strongest.map((f) => `${f.feature} ${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(2)}`).join(', ')}`);
    }
    if (s.findings.length === 0 && s.rejected.length === 0) lines.push('    (no finding)');
  }
  return `${lines.join('\n')}\n`;
}
