/**
 * Reject codes of the readers and the helper that builds rejects, so every reader words them alike.
 * The codes are a public contract, listed in docs/errors-readers.md.
 */
import type { RejectRecord } from '../core/types.js';

/** Stable reject codes of the readers. */
export const READER_CODES = {
  CSV_WIDTH: 'E_CSV_WIDTH',
  CSV_PARSE: 'E_CSV_PARSE',
  JSON_PARSE: 'E_JSON_PARSE',
  JSON_NOT_OBJECT: 'E_JSON_NOT_OBJECT',
  JSON_NOT_ARRAY: 'E_JSON_NOT_ARRAY',
  EMPTY_TEXT: 'E_EMPTY_TEXT',
  NO_TEXT_FIELD: 'E_NO_TEXT_FIELD',
  TOO_LONG: 'E_TOO_LONG',
  UTF8: 'E_UTF8',
  BINARY: 'E_BINARY',
  DATE: 'E_DATE',
  UNDATED: 'E_UNDATED',
  FRONT_MATTER: 'E_FRONT_MATTER',
  CUE: 'E_CUE',
  GZIP: 'E_GZIP',
  FILE_MISSING: 'E_FILE_MISSING',
  FILE_UNREADABLE: 'E_FILE_UNREADABLE',
  NOT_A_FILE: 'E_NOT_A_FILE',
  FORMAT_UNKNOWN: 'E_FORMAT_UNKNOWN',
  INPUT_NO_FILES: 'E_INPUT_NO_FILES',
} as const;

/** Raw records in rejects are cut to this many characters so one huge bad row cannot bloat the reject file. */
export const RAW_LIMIT = 2048;

/** Cuts a raw record to {@link RAW_LIMIT} characters, marking the cut. */
export function truncateRaw(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…[${raw.length - RAW_LIMIT} more characters]` : raw;
}

/** Builds a reject event; `raw` is truncated here so callers need not remember to. */
export function reject(
  file: string,
  code: string,
  message: string,
  place: { line?: number; byteOffset?: number; raw?: string } = {},
): { readonly kind: 'reject'; readonly reject: RejectRecord } {
  const r: { -readonly [K in keyof RejectRecord]: RejectRecord[K] } = { file, code, message };
  if (place.line !== undefined) r.line = place.line;
  if (place.byteOffset !== undefined) r.byteOffset = place.byteOffset;
  const raw = truncateRaw(place.raw);
  if (raw !== undefined) r.raw = raw;
  return { kind: 'reject', reject: r };
}

/** Shows a found value in a message: quoted, shortened, with control characters visible. */
export function shown(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}
