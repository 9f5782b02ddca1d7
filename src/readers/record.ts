/**
 * Turns one parsed record into an InputDocument or a reject, the same way for every format:
 * text from the mapped field(s), id, date, canonical fields, the rest of the record carried through,
 * and the input's constant defaults.
 */
import type { FieldValue, InputDocument, SourcePosition } from '../core/types.js';
import { READER_CODES as C, reject, shown } from './codes.js';
import { compileDateFormat, parseDate, type DateFormat } from './dates.js';
import { setDedupeBasis, type DedupeBasis } from './dedupe.js';
import { flattenRecord, getPath, toFieldValue } from './field-path.js';
import { DEFAULT_MAX_CHARS, type InputSpec } from './input-spec.js';
import type { ReaderEvent } from '../core/types.js';

/** The parts of an input spec a record needs, prepared once per input. */
export interface RecordRules {
  readonly textPaths: readonly string[];
  readonly idPath: string;
  readonly datePath: string;
  /** canonical name → path, for every mapped field other than text, id and date. */
  readonly mapped: ReadonlyArray<readonly [string, string]>;
  /** Paths not to carry through because they are mapped under another name. */
  readonly skip: ReadonlySet<string>;
  readonly dateFormat?: DateFormat;
  readonly timezone?: string;
  readonly undated: 'keep' | 'reject';
  readonly maxChars: number;
  readonly defaults: Readonly<Record<string, FieldValue>>;
}

/** Prepares {@link RecordRules} from a spec (compiles the date format once). */
export function recordRules(spec: InputSpec): RecordRules {
  const f = spec.fields ?? {};
  const textPaths = f.text === undefined ? ['text'] : typeof f.text === 'string' ? [f.text] : [...f.text];
  const idPath = f.id ?? 'id';
  const datePath = f.date ?? 'date';
  const mapped: Array<[string, string]> = [];
  for (const [name, path] of Object.entries(f)) {
    if (name === 'text' || name === 'id' || name === 'date' || typeof path !== 'string') continue;
    mapped.push([name, path]);
  }
  const skip = new Set<string>([...textPaths, idPath, datePath, ...mapped.map(([, p]) => p)]);
  return {
    textPaths,
    idPath,
    datePath,
    mapped,
    skip,
    dateFormat: spec.dateFormat ? compileDateFormat(spec.dateFormat) : undefined,
    timezone: spec.timezone,
    undated: spec.undated ?? 'keep',
    maxChars: spec.maxChars ?? DEFAULT_MAX_CHARS,
    defaults: spec.defaults ?? {},
  };
}

/** One record as a reader found it. */
export interface RawRecord {
  /** The parsed record; for text files and transcripts, the metadata from path and front matter. */
  readonly record: Record<string, unknown>;
  /** When the format itself delivers the text (text files, transcript turns), it is given here. */
  readonly text?: string;
  /** Fields the reader adds (speaker, turn, start, end...), after the record's own. */
  readonly extra?: Readonly<Record<string, FieldValue>>;
  readonly origin: SourcePosition;
  /** Id to use when the record has none: file and position. */
  readonly derivedId: string;
  /** How to deduplicate when the id was derived (content for whole records, position for turns). */
  readonly derivedBasis: DedupeBasis;
  /** The raw record text, for rejects. */
  readonly raw: () => string;
}

const place = (o: SourcePosition, raw: string): { line?: number; byteOffset?: number; raw: string } => ({
  line: o.line,
  byteOffset: o.line === undefined ? o.byteOffset : undefined,
  raw,
});

/** Builds the document, or the reject that says why not. */
export function buildDocument(r: RawRecord, rules: RecordRules): ReaderEvent {
  const { origin } = r;
  const file = origin.file;

  // Text
  let text: string;
  if (r.text !== undefined) text = r.text;
  else {
    const parts: string[] = [];
    let found = false;
    for (const p of rules.textPaths) {
      const v = getPath(r.record, p);
      if (v === undefined || v === null) continue;
      if (typeof v === 'object') {
        return reject(file, C.NO_TEXT_FIELD, `expected text in field ${shown(p)}, found ${Array.isArray(v) ? 'a list' : 'an object'}`, place(origin, r.raw()));
      }
      found = true;
      const s = String(v);
      if (s.trim() !== '') parts.push(s);
    }
    if (!found) {
      const keys = Object.keys(r.record).slice(0, 20).join(', ');
      return reject(
        file,
        C.NO_TEXT_FIELD,
        `expected a text field ${rules.textPaths.map((p) => shown(p)).join(' or ')}, found only: ${keys || '(no fields)'}`,
        place(origin, r.raw()),
      );
    }
    // Several text columns (title + body) are joined by a blank line so they read as paragraphs.
    text = parts.join('\n\n');
  }
  if (text.trim() === '') return reject(file, C.EMPTY_TEXT, 'expected some text, found none (empty or whitespace only)', place(origin, r.raw()));
  if (text.length > rules.maxChars) {
    return reject(file, C.TOO_LONG, `expected at most ${rules.maxChars} characters of text (maxChars), found ${text.length}`, place(origin, r.raw()));
  }

  // Fields: the rest of the record, then canonical mapped names, then reader extras, then defaults where empty.
  const fields: Record<string, FieldValue> = flattenRecord(r.record, rules.skip);
  for (const [name, path] of rules.mapped) {
    const v = toFieldValue(getPath(r.record, path));
    if (v !== undefined) fields[name] = v;
  }
  if (r.extra) Object.assign(fields, r.extra);
  for (const [name, v] of Object.entries(rules.defaults)) {
    if (name === 'date' || name === 'id') continue;
    if (fields[name] === undefined || fields[name] === null || fields[name] === '') fields[name] = v;
  }

  // Id
  const idValue = getPath(r.record, rules.idPath);
  const idText = idValue === undefined || idValue === null || typeof idValue === 'object' ? '' : String(idValue).trim();
  const id = idText !== '' ? idText : r.derivedId;
  const basis: DedupeBasis = idText !== '' ? 'id' : r.derivedBasis;

  // Date: never guessed. Missing or unreadable is kept undated or rejected, as configured.
  let dateValue = getPath(r.record, rules.datePath);
  if ((dateValue === undefined || dateValue === null || dateValue === '') && rules.defaults.date !== undefined) dateValue = rules.defaults.date;
  let date: string | undefined;
  let precision: InputDocument['datePrecision'];
  if (dateValue === undefined || dateValue === null || String(dateValue).trim() === '') {
    if (rules.undated === 'reject') {
      return reject(file, C.UNDATED, `expected a date in field ${shown(rules.datePath)}, found none (undated: reject)`, place(origin, r.raw()));
    }
  } else if (typeof dateValue === 'string' || typeof dateValue === 'number') {
    const parsed = parseDate(dateValue, { format: rules.dateFormat, timezone: rules.timezone });
    if (parsed.ok) {
      date = parsed.date;
      precision = parsed.precision;
    } else if (rules.undated === 'reject') {
      return reject(file, C.DATE, `unreadable date ${shown(String(dateValue))} in field ${shown(rules.datePath)}: ${parsed.reason}`, place(origin, r.raw()));
    } else {
      // Kept undated, but the value the user gave is not thrown away.
      fields.date_raw = String(dateValue);
    }
  } else if (rules.undated === 'reject') {
    return reject(file, C.DATE, `expected a date string in field ${shown(rules.datePath)}, found ${typeof dateValue}`, place(origin, r.raw()));
  } else fields.date_raw = JSON.stringify(dateValue);

  const document: InputDocument =
    date === undefined ? { id, text, fields, origin } : { id, text, date, datePrecision: precision, fields, origin };
  setDedupeBasis(document, basis);
  return { kind: 'document', document };
}
