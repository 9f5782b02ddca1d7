/**
 * Commands for scoring beyond one machine: `aggregate` (scored shards or partials → a run's result files) and
 * `worker` (score batches from a Redis queue). `run --queue` lives with `run` in main.ts and calls
 * {@link runQueuedCommand}.
 */

import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { loadPipeline } from '../pipeline/config.js';
import { aggregateFiles } from './aggregate.js';
import { runQueued } from './coordinator.js';
import { DEFAULT_BATCH_DOCUMENTS, DEFAULT_QUEUE_NAME } from './queue.js';
import { runWorker } from './worker.js';

/** Parses a positive whole number option. */
export function positiveWhole(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UserError('E_USAGE', `${flag} ${value}: expected a positive whole number`);
  return n;
}

/** Options `run` takes for the queue. */
export interface RunQueueFlags {
  readonly queue: string;
  readonly queueName?: string;
  readonly batchDocs?: number;
  readonly out?: string;
  readonly strict?: boolean;
  readonly quiet?: boolean;
  readonly batchSize?: number;
}

/** `rehumanize run <pipeline> --queue URL`: returns the exit code. */
export async function runQueuedCommand(pipeline: string, flags: RunQueueFlags): Promise<number> {
  const config = loadPipeline(pipeline);
  const summary = await runQueued(config, {
    queue: flags.queue,
    queueName: flags.queueName,
    outDir: flags.out,
    strict: flags.strict,
    batchDocuments: flags.batchDocs,
    batchSize: flags.batchSize,
    onProgress: flags.quiet ? undefined : (line) => process.stderr.write(`  ${line}\n`),
    onNotice: (message) => process.stderr.write(`rehumanize: ${message}\n`),
  });
  const workers = [...summary.queue.workers.values()].sort((a, b) => (a.worker < b.worker ? -1 : 1));
  process.stdout.write(
    [
      `rehumanize: ${config.name} done in ${summary.seconds.toFixed(1)} s with ${workers.length} worker(s) over ${flags.queue.replace(/\/\/[^@/]*@/, '//')}`,
      `  read ${summary.read} = scored ${summary.scored} + skipped ${summary.skipped} (already stored) + rejected ${summary.rejected} + duplicates ${summary.duplicates}`,
      `  ${summary.queue.queued} batches; ${summary.queue.failedAttempts} failed attempt(s) and ${summary.queue.stalled} stalled batch(es) retried by the queue; ${summary.queue.repeated} repeated result(s) ignored`,
      ...workers.map((w) => `  worker ${w.worker}: ${w.batches} batches, ${w.documents} documents, ${w.busyMs > 0 ? (w.documents / (w.busyMs / 1000)).toFixed(1) : '-'} documents/s while scoring`),
      `  ${summary.sentences} sentences scored; the store holds ${summary.storedDocuments} documents; ${summary.indicatorRows} indicator rows; ${summary.changePoints} change points${config.comparison ? `; ${summary.comparisons} comparison rows` : ''}`,
      `  outputs in ${summary.outDir}: ${summary.files.join(', ')}`,
      summary.rejected > 0 ? `  ${summary.rejected} record(s) could not be used: see rejects.jsonl for file, line and reason` : '',
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  return summary.rejected > 0 ? 1 : 0;
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

  program
    .command('worker')
    .description('score batches of documents from a Redis queue for `rehumanize run --queue`; start as many as you like, on any machine that reaches Redis')
    .requiredOption('--queue <url>', 'Redis URL, such as redis://127.0.0.1:6379')
    .option('--queue-name <name>', 'queue name (must match the run\'s)', DEFAULT_QUEUE_NAME)
    .option('--concurrency <n>', 'batches scored at once; above 1 each in its own thread (one per core is plenty)', (v) => positiveWhole(v, '--concurrency'), 1)
    .option('--lock-duration <ms>', 'how long a batch stays locked without renewal before another worker may take it (default: $REHUMANIZE_QUEUE_LOCK_MS or 30000)', (v) =>
      positiveWhole(v, '--lock-duration'),
    )
    .option('--stalled-interval <ms>', 'how often to look for batches whose worker vanished (default: $REHUMANIZE_QUEUE_STALLED_MS or 30000)', (v) => positiveWhole(v, '--stalled-interval'))
    .option('--idle-exit <seconds>', 'exit after this long without a batch (default: run until stopped)', (v) => positiveWhole(v, '--idle-exit'))
    .option('--quiet', 'print only when starting and stopping')
    .action(async (opts: { queue: string; queueName: string; concurrency: number; lockDuration?: number; stalledInterval?: number; idleExit?: number; quiet?: boolean }) => {
      const quietSkip = /: batch .* (started|done)/;
      await runWorker({
        queue: opts.queue,
        queueName: opts.queueName,
        concurrency: opts.concurrency,
        timings: { lockDuration: opts.lockDuration, stalledInterval: opts.stalledInterval },
        idleExit: opts.idleExit,
        log: (line) => {
          if (!opts.quiet || !quietSkip.test(line)) process.stderr.write(`${line}\n`);
        },
      });
    });
}

export { DEFAULT_BATCH_DOCUMENTS };
