/**
 * `rehumanize score --pipeline P.yaml [--partial FILE]`: the filter scores with the pipeline's scorer, reads
 * each line with the pipeline's record rules, adds each document's `contribution` to its line, and can write
 * the shard's partial aggregate, so shards scored anywhere can be aggregated into a run's indicators.
 */

import { writeFile } from 'node:fs/promises';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { UserError } from '../core/errors.js';
import { loadPipeline } from '../pipeline/config.js';
import type { ScoreFilterOptions } from '../cli/score-filter.js';
import type { Scorer } from '../measures/scorer.js';
import { partialOf } from './partial.js';
import { pipelineScoring } from './pipeline-scoring.js';

/** The scorer and filter options for a pipeline, and what to do when the filter is done. */
export interface PipelineScoreSetup {
  readonly scorer: Scorer;
  readonly options: Pick<ScoreFilterOptions, 'toDocument' | 'contribution' | 'onContribution'>;
  /** Writes the partial aggregate, when one was asked for. */
  finish(): Promise<void>;
}

/** Prepares `score` for a pipeline file; `partialPath` also collects the shard's partial aggregate. */
export function scoreForPipeline(pipelineFile: string, partialPath: string | undefined): PipelineScoreSetup {
  const config = loadPipeline(pipelineFile);
  const scoring = pipelineScoring(config);
  const contributions: DocumentContribution[] = [];
  return {
    scorer: scoring.scorer,
    options: {
      toDocument: scoring.toDocument,
      contribution: scoring.contribution,
      onContribution: partialPath ? (c) => contributions.push(c) : undefined,
    },
    async finish() {
      if (!partialPath) return;
      const partial = partialOf(contributions, {
        pipeline: config.name,
        config_hash: config.configHash,
        scorer: scoring.identity.version,
        period: config.period,
        attributes: scoring.attributes,
      });
      try {
        await writeFile(partialPath, `${JSON.stringify(partial)}\n`);
      } catch (error) {
        throw new UserError('E_OUTPUT_WRITE', `cannot write ${partialPath} (${(error as NodeJS.ErrnoException).code ?? 'EIO'})`, { exitCode: 1 });
      }
    },
  };
}

/** `--partial` needs `--pipeline`: the partial is cut by the pipeline's period and groups. */
export function checkScoreFlags(opts: { pipeline?: string; partial?: string }): void {
  if (opts.partial && !opts.pipeline) {
    throw new UserError('E_USAGE', '--partial needs --pipeline P.yaml: a partial aggregate is cut by the pipeline\'s period and grouping fields');
  }
}
