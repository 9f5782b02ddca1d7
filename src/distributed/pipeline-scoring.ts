/**
 * Scoring for a pipeline outside its run: the same scorer (lexicons, actor lists, models), the same record
 * rules (field mapping, dates, defaults) and the same contribution fields the local run uses, so a document
 * scored by `rehumanize score --pipeline` on another machine, or by a queue worker, contributes exactly what
 * it would have contributed to `rehumanize run`.
 */

import type { DocumentContribution } from '../aggregate/contribution.js';
import { contributionOf } from '../aggregate/contribution.js';
import type { DocumentResult, InputDocument } from '../core/types.js';
import type { Scorer } from '../measures/scorer.js';
import type { PipelineConfig } from '../pipeline/config.js';
import { setupScorer } from '../classify/scorer-setup.js';
import { TOOL_VERSION } from '../core/version.js';
import type { InputSpec } from '../readers/input-spec.js';
import { buildDocument, recordRules, type RecordRules } from '../readers/record.js';
import { scorerIdentity, type ScorerIdentity } from '../store/documents.js';
import { attributeFieldsOf } from './results.js';

/** Everything needed to score records for a pipeline and reduce them to contributions. */
export interface PipelineScoring {
  readonly scorer: Scorer;
  readonly identity: ScorerIdentity;
  readonly sidesConfigured: boolean;
  /** Grouping and comparison fields a contribution keeps. */
  readonly attributes: readonly string[];
  readonly rules: RecordRules;
  /** A parsed JSONL record as the pipeline's reader would make it a document, or why it cannot be used. */
  toDocument(record: Record<string, unknown>, derivedId: string, origin: { file: string; line: number }): { document: InputDocument } | { error: { code: string; message: string } };
  /** The document's contribution to the indicators. */
  contribution(document: InputDocument, result: DocumentResult): DocumentContribution;
}

/** The pipeline input whose record rules apply to JSONL lines: its first JSON Lines input, else the defaults. */
export function jsonlSpecOf(config: PipelineConfig): InputSpec {
  const spec = config.inputs.find((i) => i.format === 'jsonl' || i.format === 'json' || (i.format === undefined && /\.jsonl?(\.gz)?$/i.test(i.path)));
  return spec ?? { path: '-', format: 'jsonl' };
}

/** Builds the pipeline's scorer and record rules, as the local run does. */
export function pipelineScoring(config: PipelineConfig): PipelineScoring {
  const { scorer, lexicons, sidesConfigured, models } = setupScorer(config.lexicons, config.actors, config.baseDir, config.models ?? 'defaults');
  const identity = scorerIdentity(lexicons, TOOL_VERSION, models);
  const attributes = attributeFieldsOf(config);
  const rules = recordRules(jsonlSpecOf(config));
  return {
    scorer,
    identity,
    sidesConfigured,
    attributes,
    rules,
    toDocument(record, derivedId, origin) {
      const event = buildDocument({ record, origin, derivedId, derivedBasis: 'content', raw: () => JSON.stringify(record) }, rules);
      if (event.kind === 'document') return { document: event.document };
      if (event.kind === 'reject') return { error: { code: event.reject.code, message: event.reject.message } };
      throw new Error(`unexpected reader event ${event.kind} for one record`);
    },
    contribution(document, result) {
      return contributionOf(result, document, attributes, sidesConfigured);
    },
  };
}
