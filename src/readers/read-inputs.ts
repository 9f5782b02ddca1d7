/**
 * The readers' entry point for the pipeline: resolves each input's files, picks a reader by format
 * (or by extension, `.gz` ignored), streams documents, rejects and duplicates, and deduplicates
 * across all inputs. Also describes the input files (size, sha256) for the run manifest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from '../core/errors.js';
import type { ReaderEvent } from '../core/types.js';
import { READER_CODES as C, reject } from './codes.js';
import { makeContext, type ReadContext } from './context.js';
import { readCsv } from './csv.js';
import { Deduper } from './dedupe.js';
import { ByteSourceError, maybeGunzip, openByteStream, stripGzExtension } from './gzip.js';
import type { InputFormat, InputSpec } from './input-spec.js';
import { readJsonArray } from './json-array.js';
import { readJsonl } from './jsonl.js';
import { checkPathPattern } from './path-pattern.js';
import { recordRules, type RecordRules } from './record.js';
import { readSpeakerTurns } from './speaker-turns.js';
import { readSrt } from './srt.js';
import { readTextFile } from './text-folder.js';
import { readWebVtt } from './webvtt.js';

/** Options of {@link readInputs}. */
export interface ReadInputsOptions {
  /** Folder that relative input paths are resolved against (the pipeline file's folder). */
  readonly baseDir: string;
  /** Throw a UserError (exit code 1) at the first reject instead of yielding it. */
  readonly strict?: boolean;
  /** Called with the number of bytes read from disk (compressed size for gzip), for progress. */
  readonly onBytes?: (n: number) => void;
  /** Drop duplicates (yielded as `duplicate` events). Default true. */
  readonly dedupe?: boolean;
}

const EXTENSIONS: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.vtt': 'vtt',
  '.srt': 'srt',
};

/** The format for a file name, ignoring a trailing `.gz`; undefined when the extension is unknown. */
export function formatFromPath(file: string): InputFormat | undefined {
  return EXTENSIONS[path.extname(stripGzExtension(file)).toLowerCase()];
}

/** Reads one byte source in the given format. Exposed for callers that have bytes rather than files. */
export function readFormat(format: InputFormat, chunks: AsyncIterable<Uint8Array>, ctx: ReadContext): AsyncGenerator<ReaderEvent> {
  switch (format) {
    case 'csv':
      return readCsv(chunks, ctx, ',');
    case 'tsv':
      return readCsv(chunks, ctx, '\t');
    case 'jsonl':
      return readJsonl(chunks, ctx);
    case 'json':
      return readJsonArray(chunks, ctx);
    case 'text':
      return readTextFile(chunks, ctx);
    case 'transcript':
      return readSpeakerTurns(chunks, ctx);
    case 'vtt':
      return readWebVtt(chunks, ctx);
    case 'srt':
      return readSrt(chunks, ctx);
  }
}

/**
 * Reads a byte stream (gunzipped when it starts with the gzip magic) as one input file named `file`.
 * Used by benchmarks and tests that feed generated data; no deduplication.
 */
export function readByteStream(chunks: AsyncIterable<Uint8Array>, spec: InputSpec, file = spec.path): AsyncGenerator<ReaderEvent> {
  const format = spec.format ?? formatFromPath(file) ?? 'text';
  return readFormat(format, maybeGunzip(chunks), makeContext(file, spec));
}

/** One file to read, or a reject for an input that cannot be read at all. */
type Planned =
  | { kind: 'file'; abs: string; display: string; relPath: string; format: InputFormat | undefined; spec: InputSpec; rules: RecordRules }
  | { kind: 'reject'; event: ReaderEvent };

function displayPath(abs: string, baseDir: string): string {
  const rel = path.relative(baseDir, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/** The folder part of a glob before its first dynamic segment, for relative paths and path patterns. */
function globRoot(pattern: string): string {
  const segs = pattern.split('/');
  const fixed: string[] = [];
  for (const s of segs) {
    if (isDynamicPattern(s)) break;
    fixed.push(s);
  }
  if (fixed.length === segs.length) fixed.pop();
  return fixed.join('/') || '.';
}

const STRUCTURED = new Set<InputFormat | undefined>(['csv', 'tsv', 'jsonl', 'json']);

async function planSpec(spec: InputSpec, baseDir: string): Promise<Planned[]> {
  const rules = recordRules(spec);
  if (spec.pathPattern) {
    try {
      checkPathPattern(spec.pathPattern);
    } catch (error) {
      throw new UserError('E_INPUT_PATH_PATTERN', (error as Error).message, { hint: 'use {name} for a field, * within a folder name, ** across folders' });
    }
  }
  const pattern = spec.path.split(path.sep).join('/');
  const files = (root: string, found: string[]): Planned[] =>
    found.sort().map((abs) => ({
      kind: 'file' as const,
      abs,
      display: displayPath(abs, baseDir),
      relPath: path.relative(root, abs).split(path.sep).join('/'),
      format: spec.format ?? formatFromPath(abs) ?? 'text',
      spec,
      rules,
    }));
  if (isDynamicPattern(pattern)) {
    const found = await glob(pattern, { cwd: baseDir, absolute: true, onlyFiles: true, dot: false });
    if (found.length === 0) {
      throw new UserError(C.INPUT_NO_FILES, `input ${JSON.stringify(spec.path)} matches no files (looked in ${baseDir})`, {
        hint: 'check the path and pattern; paths are relative to the pipeline file',
      });
    }
    return files(path.resolve(baseDir, globRoot(pattern)), found);
  }
  const abs = path.resolve(baseDir, spec.path);
  const display = displayPath(abs, baseDir);
  let st;
  try {
    st = await stat(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? C.FILE_MISSING : C.FILE_UNREADABLE;
    return [{ kind: 'reject', event: reject(display, code, `expected a readable file or folder, found ${code === C.FILE_MISSING ? 'nothing at this path' : (error as Error).message}`) }];
  }
  if (st.isDirectory()) {
    if (STRUCTURED.has(spec.format)) {
      return [{ kind: 'reject', event: reject(display, C.NOT_A_FILE, `expected a ${spec.format} file, found a folder (use a glob like ${JSON.stringify(`${spec.path}/*.${spec.format}`)})`) }];
    }
    const found = await glob('**/*', { cwd: abs, absolute: true, onlyFiles: true, dot: false });
    if (found.length === 0) throw new UserError(C.INPUT_NO_FILES, `input folder ${JSON.stringify(spec.path)} holds no files`, { hint: 'check the path' });
    return files(abs, found);
  }
  if (!st.isFile()) return [{ kind: 'reject', event: reject(display, C.NOT_A_FILE, 'expected a regular file, found a device, socket or pipe') }];
  const format = spec.format ?? formatFromPath(abs);
  if (!format) {
    return [{ kind: 'reject', event: reject(display, C.FORMAT_UNKNOWN, `expected a known extension (${Object.keys(EXTENSIONS).join(' ')}, optionally .gz) or a format in the input, found ${JSON.stringify(path.basename(abs))}`) }];
  }
  return [{ kind: 'file', abs, display, relPath: spec.path.split(path.sep).join('/'), format, spec, rules }];
}

async function planAll(specs: readonly InputSpec[], baseDir: string): Promise<Planned[]> {
  const all: Planned[] = [];
  // Resolve every input before reading any, so a glob that matches nothing fails at once, not after hours.
  for (const spec of specs) all.push(...(await planSpec(spec, baseDir)));
  return all;
}

function strictError(event: ReaderEvent & { kind: 'reject' }): UserError {
  const r = event.reject;
  return new UserError(r.code, r.message, {
    place: { file: r.file, line: r.line },
    exitCode: 1,
    hint: r.line === undefined && r.byteOffset !== undefined ? `at byte offset ${r.byteOffset}; without strict mode bad records are rejected and counted` : 'without strict mode bad records are rejected and counted',
  });
}

/**
 * Reads all inputs in order and yields documents, rejects and duplicates. Nothing is dropped silently:
 * for every record read, exactly one event is yielded.
 */
export async function* readInputs(specs: readonly InputSpec[], options: ReadInputsOptions): AsyncGenerator<ReaderEvent> {
  const baseDir = path.resolve(options.baseDir);
  const deduper = options.dedupe === false ? undefined : new Deduper();
  const planned = await planAll(specs, baseDir);
  const emit = function* (event: ReaderEvent): Generator<ReaderEvent> {
    if (event.kind === 'reject' && options.strict) throw strictError(event);
    if (event.kind === 'document' && deduper) {
      const first = deduper.check(event.document);
      if (first !== undefined) {
        yield { kind: 'duplicate', id: event.document.id, origin: event.document.origin, duplicateOf: first };
        return;
      }
    }
    yield event;
  };
  for (const p of planned) {
    if (p.kind === 'reject') {
      yield* emit(p.event);
      continue;
    }
    const ctx = makeContext(p.display, p.spec, { relPath: p.relPath, rules: p.rules });
    const chunks = openByteStream(p.abs, { onBytes: options.onBytes });
    try {
      for await (const event of readFormat(p.format ?? 'text', chunks, ctx)) yield* emit(event);
    } catch (error) {
      if (error instanceof ByteSourceError) {
        yield* emit(reject(p.display, error.code, error.message, { byteOffset: error.byteOffset }));
        continue;
      }
      throw error;
    }
  }
}

/** Total size on disk of the input files, for progress and ETA; cheap (no reading). Unreadable inputs count 0. */
export async function totalInputBytes(specs: readonly InputSpec[], baseDir: string): Promise<number> {
  let total = 0;
  for (const p of await planAll(specs, path.resolve(baseDir))) {
    if (p.kind !== 'file') continue;
    try {
      total += (await stat(p.abs)).size;
    } catch {
      /* reported as a reject when read */
    }
  }
  return total;
}

/** Size and sha256 of every input file (as stored on disk), for the run manifest. Unreadable inputs are left out. */
export async function describeInputFiles(specs: readonly InputSpec[], baseDir: string): Promise<Array<{ path: string; bytes: number; sha256: string }>> {
  const base = path.resolve(baseDir);
  const out: Array<{ path: string; bytes: number; sha256: string }> = [];
  for (const p of await planAll(specs, base)) {
    if (p.kind !== 'file') continue;
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of createReadStream(p.abs) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
      }
    } catch {
      continue;
    }
    out.push({ path: p.display, bytes, sha256: hash.digest('hex') });
  }
  return out;
}
