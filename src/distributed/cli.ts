/**
 * Commands for scoring beyond one machine: `aggregate` (scored shards or partials → a run's result files) and
 * `worker` (score batches from a Redis queue). `run --queue` lives with `run` in main.ts and calls
 * {@link runQueuedCommand}.
 */

import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { loadPipeline } from '../pipeline/config.js';
import { aggregateFiles } from './aggregate.js';

/** Parses a positive whole number option. */
export function positiveWhole(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UserError('E_USAGE', `${flag} ${value}: expected a positive whole number`);
  return n;
}

/** Adds `aggregate` and `worker` to the program; `setExit` sets the process' exit code. */
export function registerDistributedCommands(program: Command, setExit: (code: number) => void): void {
  program
    .command('aggregate')
    .description('indicators, change points and comparisons of documents scored elsewhere: scored JSONL shards (`score --pipeline`) or partial aggregates (`score --partial`)')
    .argument('<files...>', 'scored JSONL shards and/or partial aggregate files')
    .requiredOption('--pipeline <file>', 'the pipeline whose settings (period, groups, comparison, indicators) apply')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (files: string[], opts: { pipeline: string; out: string }) => {
      const config = loadPipeline(opts.pipeline);
      const started = Date.now();
      const summary = await aggregateFiles(config, files, { outDir: opts.out, onNotice: (m) => process.stderr.write(`rehumanize: ${m}\n`) });
      process.stdout.write(
        [
          `rehumanize: aggregated ${files.length} file(s) for ${config.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `  ${summary.documents} documents (${summary.duplicates} seen again in a later shard, counted once; ${summary.errorLines} line(s) rejected where they were scored)`,
          `  ${summary.indicatorRows} indicator rows; ${summary.changePoints} change points${config.comparison ? `; ${summary.comparisons} comparison rows` : ''}`,
          summary.evidenceSkipped ? `  change point evidence not written: ${summary.evidenceSkipped}` : '',
          `  outputs in ${summary.outDir}: ${summary.files.join(', ')}`,
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
      if (summary.errorLines > 0) setExit(1);
    });
}
