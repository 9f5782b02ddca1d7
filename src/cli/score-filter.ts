/**
 * `rehumanize score`: a Unix filter. JSONL documents in, one JSON line per input line out, in input order,
 * so it fits Spark's `pipe`, Hadoop streaming and GNU parallel. A line that cannot be used still gets an
 * output line (with `error`), so output lines stay aligned with input lines; the same error goes to stderr
 * and, with `--rejects`, to a rejects file.
 */

import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import type { DocumentResult, InputDocument } from '../core/types.js';
import type { DocumentContribution } from '../aggregate/contribution.js';
import type { Scorer } from '../measures/scorer.js';

/** Options of the filter. */
export interface ScoreFilterOptions {
  readonly sentences: boolean;
  readonly rejectsPath?: string;
  readonly maxChars: number;
  /**
   * With `--pipeline`: builds the document from a parsed line as the pipeline's reader would (text, id, date,
   * metadata), or says why it cannot be used. Without it, the line's `text` is scored as it is.
   */
  readonly toDocument?: (record: Record<string, unknown>, derivedId: string, origin: { file: string; line: number }) => { document: InputDocument } | { error: { code: string; message: string } };
  /** With `--pipeline`: the document's contribution to the indicators, added to its line as `contribution`. */
  readonly contribution?: (document: InputDocument, result: DocumentResult) => DocumentContribution;
  /** Called with every contribution, in input order (for `--partial`). */
  readonly onContribution?: (contribution: DocumentContribution) => void;
}

/** Counts of a filter run. */
export interface ScoreFilterResult {
  readonly read: number;
  readonly scored: number;
  readonly rejected: number;
}

/** Scores every line of every input (files, or stdin when none) and writes JSON lines to `out`. */
export async function runScoreFilter(scorer: Scorer, files: readonly string[], out: Writable, err: Writable, options: ScoreFilterOptions): Promise<ScoreFilterResult> {
  const rejects = options.rejectsPath ? createWriteStream(options.rejectsPath) : null;
  let read = 0;
  let scored = 0;
  let rejected = 0;
  const sources: Array<{ name: string; stream: () => Readable }> =
    files.length > 0 ? files.map((f) => ({ name: f, stream: () => createReadStream(f) })) : [{ name: '<stdin>', stream: () => process.stdin }];
  for (const source of sources) {
    let input: Readable;
    try {
      input = source.stream();
      await new Promise<void>((resolve, reject) => {
        input.once('readable', resolve);
        input.once('end', resolve);
        input.once('error', reject);
      });
    } catch (error) {
      rejected++;
      const reject = { file: source.name, code: 'E_FILE_UNREADABLE', message: `cannot read ${source.name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      err.write(`${source.name}: ${reject.code} ${reject.message}\n`);
      rejects?.write(`${JSON.stringify(reject)}\n`);
      continue;
    }
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      read++;
      const derivedId = `${source.name === '<stdin>' ? 'stdin' : source.name}:${line}`;
      const problem = options.toDocument ? parsePipelineLine(text, derivedId, source.name, line, options) : parseDocumentLine(text, options.maxChars);
      if ('error' in problem) {
        rejected++;
        const reject = { file: source.name, line, code: problem.error.code, message: problem.error.message, raw: text.slice(0, 2048) };
        await write(out, `${JSON.stringify({ line, error: { code: reject.code, message: reject.message } })}\n`);
        err.write(`${source.name}:${line}: ${reject.code} ${reject.message}\n`);
        rejects?.write(`${JSON.stringify(reject)}\n`);
        continue;
      }
      const { record } = problem;
      const document = (problem as { document?: InputDocument }).document;
      const id = document ? document.id : record.id === undefined || record.id === null ? derivedId : String(record.id);
      const result = scorer.scoreDocument(id, document ? document.text : (record.text as string));
      scored++;
      const output = documentLine(id, record, result, options.sentences);
      if (document && options.contribution) {
        const contribution = options.contribution(document, result);
        output.contribution = contribution;
        options.onContribution?.(contribution);
      }
      await write(out, `${JSON.stringify(output)}\n`);
    }
  }
  if (rejects) {
    rejects.end();
    await once(rejects, 'finish');
  }
  return { read, scored, rejected };
}

type LineProblem = { error: { code: string; message: string } };

/** One input line as a JSON object, or the reason it is not one. */
function parseJsonObject(text: string): { record: Record<string, unknown> } | LineProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: { code: 'E_JSON_PARSE', message: `expected a JSON object, found invalid JSON (${(error as Error).message})` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: { code: 'E_JSON_NOT_OBJECT', message: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}` } };
  }
  return { record: value as Record<string, unknown> };
}

function parseDocumentLine(text: string, maxChars: number): { record: Record<string, unknown> } | LineProblem {
  const parsed = parseJsonObject(text);
  if ('error' in parsed) return parsed;
  const record = parsed.record;
  if (typeof record.text !== 'string') {
    return { error: { code: 'E_NO_TEXT_FIELD', message: `expected a string field "text", found ${record.text === undefined ? 'none' : typeof record.text}` } };
  }
  if (record.text.trim() === '') return { error: { code: 'E_EMPTY_TEXT', message: 'the "text" field is empty' } };
  if (record.text.length > maxChars) return { error: { code: 'E_TOO_LONG', message: `text has ${record.text.length} characters; the limit is ${maxChars} (--max-chars)` } };
  return { record };
}

/** A line for a pipeline: a JSON object that the pipeline's record rules turn into a document. */
function parsePipelineLine(
  text: string,
  derivedId: string,
  file: string,
  line: number,
  options: ScoreFilterOptions,
): { record: Record<string, unknown>; document: InputDocument } | { error: { code: string; message: string } } {
  const parsed = parseJsonObject(text);
  if ('error' in parsed) return parsed;
  const record = parsed.record;
  const built = options.toDocument!(record, derivedId, { file, line });
  if ('error' in built) return built;
  if (built.document.text.length > options.maxChars) {
    return { error: { code: 'E_TOO_LONG', message: `text has ${built.document.text.length} characters; the limit is ${options.maxChars} (--max-chars)` } };
  }
  return { record, document: built.document };
}

/** The output line: id, the input's other fields, document scores and (optionally) sentences. */
export function documentLine(id: string, record: Record<string, unknown>, result: DocumentResult, withSentences: boolean): Record<string, unknown> {
  const { text: _text, id: _id, ...fields } = record;
  const line: Record<string, unknown> = {
    id,
    ...fields,
    sentence_count: result.sentences.length,
    tokens: result.tokens,
    scores: result.scores,
    counts: {
      ...result.counts,
      dehumanization_own_voice: result.sentences.filter((s) => s.dehumanization_own_voice >= 0.5).length,
      dehumanization_quoted: result.sentences.filter((s) => s.dehumanization_quoted >= 0.5).length,
    },
  };
  if (withSentences) line.sentences = result.sentences;
  return line;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
