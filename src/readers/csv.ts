/**
 * CSV and TSV through csv-parse in streaming mode. The first record is the header. Records of the
 * wrong width, invalid UTF-8 and parse errors are rejected one by one; the file goes on.
 */
import { parse, type CsvError, type Info, type InfoRecord } from 'csv-parse';
import type { ReaderEvent } from '../core/types.js';
import { READER_CODES as C, reject, shown } from './codes.js';
import type { ReadContext } from './context.js';
import { buildDocument } from './record.js';
import { Utf8StreamValidator } from './utf8.js';

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** 1-based first line of a record, from csv-parse's end line and the newlines inside the raw record. */
/** Line breaks at the start of a record's raw text: the empty lines the parser skipped before it (one byte each). */
function leadingBreaks(raw: string): number {
  let n = 0;
  while (n < raw.length && (raw.charCodeAt(n) === 10 || raw.charCodeAt(n) === 13)) n++;
  return n;
}

function firstLine(endLine: number, raw: string): number {
  const body = raw.replace(/\r?\n$|\r$/, '');
  return Math.max(1, endLine - countNewlines(body));
}

/**
 * Where each line's first content byte is, so a record's line comes from its byte offset rather than from
 * csv-parse's line counter (which counts the two bytes of a CRLF inside a quoted field as two lines).
 * `\n`, `\r\n` and a lone `\r` each end a line, as they end a record. Entries are dropped once records
 * have passed them, so memory stays bounded by how far the parser lags behind the bytes.
 */
class LineStarts {
  private readonly starts: Array<{ offset: number; line: number }> = [];
  private head = 0;
  private offset = 0;
  private line = 1;
  private atLineStart = true;
  private pendingCR = false;

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        this.line++;
        this.atLineStart = true;
        if (b === 10) continue;
      }
      if (b === 13) this.pendingCR = true;
      else if (b === 10) {
        this.line++;
        this.atLineStart = true;
      } else if (this.atLineStart) {
        this.starts.push({ offset: this.offset + i, line: this.line });
        this.atLineStart = false;
      }
    }
    this.offset += chunk.length;
  }

  /**
   * Like {@link lineAt}, without moving on: for a record the parser skipped, which may be reported before
   * the records in front of it have been read from the parser.
   */
  peekLineAt(from: number): number | undefined {
    let lo = this.head;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]!.offset < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.starts.length ? this.starts[lo]!.line : undefined;
  }

  /** Line of the first content byte at or after `from`, or undefined when none is known (yet). */
  lineAt(from: number): number | undefined {
    while (this.head < this.starts.length && this.starts[this.head].offset < from) this.head++;
    if (this.head > 4096) {
      this.starts.splice(0, this.head);
      this.head = 0;
    }
    return this.head < this.starts.length ? this.starts[this.head].line : undefined;
  }
}

/**
 * Reads CSV (or TSV with `delimiter` `\t`) from byte chunks. Byte offsets count from the start of the
 * (decompressed) input. The parser only sees text once the header is known.
 */
export async function* readCsv(chunks: AsyncIterable<Uint8Array>, ctx: ReadContext, defaultDelimiter = ','): AsyncGenerator<ReaderEvent> {
  const { file, rules } = ctx;
  const delimiter = ctx.spec.delimiter === '\\t' ? '\t' : (ctx.spec.delimiter ?? defaultDelimiter);
  const utf8 = new Utf8StreamValidator();
  const lineStarts = new LineStarts();
  const skipped: ReaderEvent[] = [];
  let lastBytes = 0;
  /** Byte offset where the last record the parser accepted ended, for the line of a record it skips next. */
  let lastRecordEnd = 0;
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    raw: true,
    // Every record may end in LF, CRLF or CR. Left to auto-detection, the first line's ending is the only one:
    // a file whose header ends in LF and rows in CRLF kept quotes and a CR in the last field, and a CRLF file
    // with one LF row merged two records into one.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A stray quote inside a field is kept as text: the alternative drops the rest of the file into one error.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Runs inside the parser, in step with on_skip (the records themselves are read later, asynchronously).
    on_record: (record: string[], context: InfoRecord) => {
      lastRecordEnd = context.bytes;
      return record;
    },
    on_skip: (err: CsvError | undefined, raw?: string) => {
      if (!err) return;
      const e = err as CsvError & { lines?: number };
      const rawText = raw === undefined ? '' : String(raw);
      // The skipped record starts where the last good record ended; its line comes from there, because
      // csv-parse's own line count takes a CRLF inside quotes for two lines.
      const line = lineStarts.peekLineAt(lastRecordEnd + leadingBreaks(rawText)) ?? (e.lines !== undefined ? firstLine(e.lines, rawText) : undefined);
      skipped.push(reject(file, C.CSV_PARSE, `expected a well-formed CSV record, found a problem: ${e.message}`, { line, raw: rawText }));
    },
  });

  let header: string[] | undefined;
  let pumpError: unknown;
  let stopped = false;
  // Feed the parser in the background, honouring backpressure, while this generator consumes records.
  const pump = (async () => {
    try {
      for await (const chunk of chunks) {
        if (stopped) return;
        utf8.push(chunk);
        lineStarts.push(chunk);
        if (!parser.write(chunk)) {
          await new Promise<void>((resolve) => {
            parser.once('drain', resolve);
            parser.once('close', resolve);
          });
        }
      }
      utf8.end();
      if (!stopped) parser.end();
    } catch (error) {
      pumpError = error;
      parser.destroy();
    }
  })();

  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info; raw: string }>) {
      while (skipped.length > 0) yield skipped.shift()!;
      const { record, info, raw } = item;
      const start = lastBytes;
      lastBytes = info.bytes;
      // The raw text of a record keeps the empty lines skipped before it: its line is the first non-empty one.
      const line = lineStarts.lineAt(start + leadingBreaks(raw)) ?? firstLine(info.lines, raw);
      const bad = utf8.takeIn(start, info.bytes);
      if (bad !== undefined) {
        yield reject(file, C.UTF8, `expected UTF-8 text, found an invalid byte at offset ${bad}`, { line, byteOffset: bad, raw });
        if (!header) return;
        continue;
      }
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = rules.textPaths.filter((p) => !header!.includes(p));
        if (missing.length === rules.textPaths.length) {
          // A header without the text column is a config problem; rejecting every row would bury it.
          yield reject(
            file,
            C.NO_TEXT_FIELD,
            `expected a text column ${rules.textPaths.map((p) => shown(p)).join(' or ')} in the header, found: ${header.join(', ')}`,
            { line, raw },
          );
          parser.destroy();
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        yield reject(file, C.CSV_WIDTH, `expected ${header.length} fields as in the header, found ${record.length}`, { line, raw });
        continue;
      }
      const obj: Record<string, unknown> = { ...ctx.pathMeta };
      for (let i = 0; i < header.length; i++) obj[header[i]] = record[i];
      yield buildDocument(
        { record: obj, origin: { file, line }, derivedId: `${file}:${line}`, derivedBasis: 'content', raw: () => raw },
        rules,
      );
    }
    while (skipped.length > 0) yield skipped.shift()!;
  } catch (error) {
    if (pumpError) throw pumpError;
    while (skipped.length > 0) yield skipped.shift()!;
    const e = error as CsvError & { lines?: number };
    yield reject(file, C.CSV_PARSE, `expected well-formed CSV, found a problem that stops this file: ${e.message}`, { line: e.lines });
  } finally {
    stopped = true;
    parser.destroy();
    await pump;
  }
  if (pumpError) throw pumpError;
}
