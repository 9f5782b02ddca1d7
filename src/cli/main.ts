/**
 * The `rehumanize` command line. Exit codes a script can trust: 0 ok, 1 the run found bad input it could
 * not place (or --strict stopped it), 2 usage or config error. User mistakes print a message with a code,
 * never a stack trace (unless --debug).
 */

import { Command, CommanderError } from 'commander';
import { isUserError, UserError } from '../core/errors.js';
import { readFile, writeFile } from 'node:fs/promises';
import { importDic } from '../lexicon/dic.js';
import { loadLexiconFile, resolveLexiconPath, listBundledLexicons } from '../lexicon/load.js';
import type { LexiconKind } from '../lexicon/types.js';
import { loadPipeline } from '../pipeline/config.js';
import { runPipeline } from '../pipeline/run.js';
import { createProgress } from '../readers/progress.js';
import { totalInputBytes } from '../readers/read-inputs.js';
import { setupScorer } from '../classify/scorer-setup.js';
import { TOOL_VERSION } from '../core/version.js';
import { EXPORT_FORMATS, EXPORT_TABLES, exportTable, resolveStorePath, type ExportFormat, type ExportTable } from '../store/export.js';
import { QUERY_FORMATS, runQuery, type QueryFormat } from '../store/query.js';
import { Store } from '../store/store.js';
import { formatExplanation } from './explain-format.js';
import { runScoreFilter } from './score-filter.js';
import { registerClassifyCommands } from '../classify/cli.js';
import { parseModelSpecs } from '../classify/setup.js';
import { MODEL_MODES, type ModelMode } from '../classify/model-file.js';
import { DEFAULT_BATCH_DOCUMENTS, registerDistributedCommands, runQueuedCommand } from '../distributed/cli.js';
import { checkScoreFlags, scoreForPipeline } from '../distributed/score-options.js';

/** Parses a positive integer option. */
function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UserError('E_USAGE', `${flag} ${value}: expected a positive whole number`);
  return n;
}

/**
 * Collects a repeatable option. Options take one value each, so `--lexicon a file.jsonl` never reads the file
 * as a lexicon.
 */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Exit codes. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

/** Runs the CLI with `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command()
    .name('rehumanize')
    .description('Measure rehumanization in public discourse: dehumanization, victimhood framing and acknowledgement of the other side.')
    .version(TOOL_VERSION)
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('run a pipeline: read its inputs, score them, write documents, findings, indicators, change points, comparisons, rejects and a manifest')
    .argument('<pipeline>', 'pipeline YAML file (see pipelines/)')
    .option('--out <dir>', 'output folder (default: the pipeline\'s output.dir, or out/<pipeline name>)')
    .option('--strict', 'stop at the first bad record with exit code 1 instead of sending it to rejects.jsonl')
    .option('--quiet', 'print only the summary')
    .option('--verbose', 'also print each batch of documents as it is committed to the store')
    .option('--batch-size <n>', 'documents per store transaction (default: $REHUMANIZE_BATCH_SIZE or 500)', (v) => positiveInt(v, '--batch-size'))
    .option('--workers <n>', 'scoring threads; 1 scores in this thread (default: $REHUMANIZE_WORKERS, else one per core)', (v) => positiveInt(v, '--workers'))
    .option('--queue <url>', 'score on `rehumanize worker` processes through this Redis queue (redis://host:port) instead of here')
    .option('--queue-name <name>', 'with --queue: the queue name the workers listen on', 'rehumanize')
    .option('--batch-docs <n>', `with --queue: documents per queued batch (default ${DEFAULT_BATCH_DOCUMENTS})`, (v) => positiveInt(v, '--batch-docs'))
    .action(async (pipeline: string, opts: { out?: string; strict?: boolean; quiet?: boolean; verbose?: boolean; batchSize?: number; workers?: number; queue?: string; queueName: string; batchDocs?: number }) => {
      if (opts.queue) {
        exitCode = await runQueuedCommand(pipeline, { ...opts, queue: opts.queue });
        return;
      }
      const config = loadPipeline(pipeline);
      const started = Date.now();
      // A redrawn bar on a terminal, a plain line every few seconds in logs; nothing with --quiet.
      const progress = createProgress({ totalBytes: await totalInputBytes(config.inputs, config.baseDir), enabled: !opts.quiet });
      const summary = await runPipeline(config, {
        outDir: opts.out,
        strict: opts.strict,
        batchSize: opts.batchSize,
        workers: opts.workers,
        progress,
        onBatch: opts.verbose ? (batch, docs) => process.stderr.write(`  store: committed batch ${batch} (${docs} documents so far)\n`) : undefined,
        onNotice: (message) => process.stderr.write(`rehumanize: ${message}\n`),
      });
      progress.finish();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        [
          `rehumanize: ${config.name} done in ${seconds} s`,
          `  read ${summary.read} = scored ${summary.scored} + skipped ${summary.skipped} (already stored) + rejected ${summary.rejected} + duplicates ${summary.duplicates}`,
          `  ${summary.sentences} sentences scored; the store holds ${summary.storedDocuments} documents; ${summary.indicatorRows} indicator rows; ${summary.changePoints} change points${config.comparison ? `; ${summary.comparisons} comparison rows` : ''}`,
          `  outputs in ${summary.outDir}: ${summary.files.join(', ')}`,
          summary.rejected > 0 ? `  ${summary.rejected} record(s) could not be used: see rejects.jsonl for file, line and reason` : '',
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
      if (summary.rejected > 0) exitCode = EXIT.badInput;
    });

  program
    .command('score')
    .description('Unix filter: JSONL documents in (files or stdin; "text" plus any fields), one JSON line per input line out, in order')
    .argument('[files...]', 'JSONL files (stdin when none)')
    .option('--sentences', 'add per-sentence scores and findings')
    .option('--lexicon <ref>', 'a lexicon to use (bundled id or path); repeat for several (default: the bundled set)', collect)
    .option('--actors <ref>', 'an extra actor list, for example one that marks sides; repeatable', collect, [])
    .option('--rejects <file>', 'also write unusable lines to this JSONL file')
    .option('--max-chars <n>', 'longest accepted text', (v) => Number(v), 1_000_000)
    .option('--rules-only', 'score every measure with the rules alone, without the shipped models')
    .option('--pipeline <file>', 'score as this pipeline does (its lexicons, actors, models, record rules) and add each document\'s "contribution" for `rehumanize aggregate`')
    .option('--partial <file>', 'with --pipeline: also write this shard\'s partial aggregate to FILE')
    .action(async (files: string[], opts: { sentences?: boolean; lexicon?: string[]; actors: string[]; rejects?: string; maxChars: number; rulesOnly?: boolean; pipeline?: string; partial?: string }) => {
      checkScoreFlags(opts);
      const forPipeline = opts.pipeline ? scoreForPipeline(opts.pipeline, opts.partial) : null;
      const scorer = forPipeline ? forPipeline.scorer : setupScorer(opts.lexicon ?? ['default'], opts.actors, process.cwd(), opts.rulesOnly ? undefined : 'defaults').scorer;
      const result = await runScoreFilter(scorer, files, process.stdout, process.stderr, {
        sentences: opts.sentences ?? false,
        rejectsPath: opts.rejects,
        maxChars: opts.maxChars,
        ...forPipeline?.options,
      });
      await forPipeline?.finish();
      if (result.rejected > 0) exitCode = EXIT.badInput;
    });

  program
    .command('explain')
    .description('show each sentence, each finding with its words, rule, category, target, negation and quotation, and what was not counted and why')
    .argument('<text...>', 'the text to explain')
    .option('--lexicon <ref>', 'a lexicon to use; repeat for several (default: the bundled set)', collect)
    .option('--actors <ref>', 'an extra actor list; repeatable', collect, [])
    .option('--json', 'print JSON instead of text')
    .option('--model <measure=path...>', 'use a trained model for a measure (`default` for the shipped one); the shipped defaults apply otherwise')
    .option('--mode <mode>', `how --model combines with the rules: ${MODEL_MODES.join(', ')}`, 'both')
    .option('--rules-only', 'explain the rules alone, without any model')
    .action((words: string[], opts: { lexicon?: string[]; actors: string[]; json?: boolean; model?: string[]; mode: string; rulesOnly?: boolean }) => {
      if (!MODEL_MODES.includes(opts.mode as ModelMode)) throw new UserError('E_USAGE_MODE', `--mode ${opts.mode}: expected one of ${MODEL_MODES.join(', ')}`);
      const models = opts.rulesOnly ? undefined : opts.model ? parseModelSpecs(opts.model, opts.mode as ModelMode) : 'defaults';
      const { scorer } = setupScorer(opts.lexicon ?? ['default'], opts.actors, process.cwd(), models);
      const explained = scorer.explainDocument(words.join(' '));
      process.stdout.write(opts.json ? `${JSON.stringify(explained, null, 2)}\n` : formatExplanation(explained));
    });

  registerClassifyCommands(program);
  registerDistributedCommands(program, (code) => (exitCode = code));

  program
    .command('export')
    .description('export a table of a run\'s store (whole store, optionally filtered) as CSV, JSONL or Parquet')
    .argument('<store>', 'an output folder of `rehumanize run`, or its store.duckdb')
    .requiredOption('--table <name>', `table: ${EXPORT_TABLES.join(' | ')}`)
    .option('--format <format>', `file format: ${EXPORT_FORMATS.join(' | ')}`, 'csv')
    .requiredOption('--out <file>', 'file to write')
    .option('--from <date>', 'first day to include (YYYY-MM-DD, YYYY-MM or YYYY)')
    .option('--to <date>', 'last day to include')
    .option('--group <field=value...>', 'keep rows whose group (metadata) field has this value; repeatable')
    .option('--measure <name>', 'keep one measure (documents, findings) or indicator (indicators, changepoints, comparisons)')
    .action(async (target: string, opts: { table: string; format: string; out: string; from?: string; to?: string; group?: string[]; measure?: string }) => {
      if (!(EXPORT_TABLES as readonly string[]).includes(opts.table)) throw new UserError('E_EXPORT_TABLE', `--table ${opts.table}: expected one of ${EXPORT_TABLES.join(', ')}`);
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UserError('E_EXPORT_FORMAT', `--format ${opts.format}: expected one of ${EXPORT_FORMATS.join(', ')}`);
      const groups: Record<string, string> = {};
      for (const pair of opts.group ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UserError('E_EXPORT_GROUP', `--group ${pair}: expected field=value`);
        groups[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      const store = await Store.open(resolveStorePath(target), { readOnly: true });
      try {
        const rows = await exportTable(store, opts.table as ExportTable, opts.format as ExportFormat, opts.out, { from: opts.from, to: opts.to, groups, measure: opts.measure });
        process.stdout.write(`rehumanize: wrote ${rows} ${opts.table} row(s) to ${opts.out}\n`);
      } finally {
        store.close();
      }
    });

  program
    .command('query')
    .description('run one read-only SQL query (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE) against a store; see its tables with "SHOW TABLES"')
    .argument('<sql>', 'the query')
    .requiredOption('--store <path>', 'an output folder of `rehumanize run`, or its store.duckdb')
    .option('--format <format>', `output: ${QUERY_FORMATS.join(' | ')}`, 'table')
    .action(async (sql: string, opts: { store: string; format: string }) => {
      if (!(QUERY_FORMATS as readonly string[]).includes(opts.format)) throw new UserError('E_QUERY_FORMAT', `--format ${opts.format}: expected one of ${QUERY_FORMATS.join(', ')}`);
      await runQuery(resolveStorePath(opts.store), sql, opts.format as QueryFormat, (text) => process.stdout.write(text));
    });

  const lexicon = program.command('lexicon').description('check, inspect and import lexicons');
  lexicon
    .command('import')
    .description('convert a LIWC-style .dic dictionary (Moral Foundations and others) into a validated .tsv lexicon')
    .argument('<dic>', 'the .dic file')
    .requiredOption('--id <id>', 'id of the new lexicon (lower-case letters, digits and "-")')
    .requiredOption('--measure <measure>', 'what it measures: dehumanization, victimhood_exclusive, victimhood_inclusive, acknowledgement, actors, negation, hedge, quotation or frame')
    .option('--out <file>', 'where to write the lexicon (default: <id>.tsv)')
    .option('--weight <w>', 'weight of every entry, in (0, 1]', (v) => Number(v), 1)
    .option('--license <text>', 'licence of the dictionary, written into the header')
    .action(async (dic: string, opts: { id: string; measure: string; out?: string; weight: number; license?: string }) => {
      if (!(opts.weight > 0 && opts.weight <= 1)) throw new UserError('E_DIC_WEIGHT', `--weight must be a number in (0, 1], found "${opts.weight}"`);
      let text: string;
      try {
        text = await readFile(dic, 'utf8');
      } catch (error) {
        throw new UserError('E_DIC_UNREADABLE', `cannot read ${dic} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { place: { file: dic }, hint: 'check the path to the .dic file' });
      }
      const result = importDic(text, dic, { id: opts.id, measure: opts.measure as LexiconKind, weight: opts.weight, license: opts.license });
      const out = opts.out ?? `${opts.id}.tsv`;
      await writeFile(out, result.tsv);
      for (const p of result.problems) process.stderr.write(`${dic}:${p.line}: ${p.code} ${p.message}\n`);
      process.stdout.write(`imported ${result.entries} entries in ${result.categories} categories into ${out}${result.problems.length ? `; ${result.problems.length} line(s) skipped (listed above)` : ''}\n`);
      if (result.problems.length > 0) exitCode = EXIT.badInput;
    });
  lexicon
    .command('lint')
    .description('validate lexicon files and report every problem with file:line')
    .argument('[refs...]', 'lexicon files or bundled ids (default: every bundled lexicon)')
    .action((refs: string[]) => {
      const targets = refs.length > 0 ? refs : listBundledLexicons();
      let problems = 0;
      for (const ref of targets) {
        try {
          const l = loadLexiconFile(resolveLexiconPath(ref, process.cwd()));
          process.stdout.write(`ok  ${l.info.id}@${l.info.version}  ${l.entries.length} entries  (${l.info.file})\n`);
        } catch (error) {
          if (!isUserError(error)) throw error;
          problems++;
          process.stdout.write(`${error.format()}\n`);
        }
      }
      if (problems > 0) exitCode = EXIT.usage;
    });
  lexicon
    .command('show')
    .description('print a lexicon\'s header, categories and entries')
    .argument('<ref>', 'lexicon file or bundled id')
    .option('--category <name>', 'only this category')
    .action((ref: string, opts: { category?: string }) => {
      const l = loadLexiconFile(resolveLexiconPath(ref, process.cwd()));
      const out: string[] = [
        `${l.info.id}@${l.info.version} (${l.info.language}, ${l.info.measure}, ${l.info.license})`,
        `  ${l.info.description}`,
        `  source: ${l.info.source}`,
        `  sha256: ${l.info.sha256}`,
        '  categories:',
        ...[...l.info.categories].map(([name, d]) => `    ${name} (${l.entries.filter((e) => e.category === name).length}): ${d}`),
        '  entries:',
        ...l.entries.filter((e) => !opts.category || e.category === opts.category).map((e) => `    ${e.term}\t${e.category}\t${e.weight}\t${e.pos}${e.side !== 'unspecified' ? `\t${e.side}` : ''}${e.notes ? `\t# ${e.notes}` : ''}`),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });

  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (isUserError(error)) {
      process.stderr.write(`rehumanize: ${error.format()}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    throw error;
  }
  return exitCode;
}

export { UserError };
