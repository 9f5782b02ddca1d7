/**
 * Date parsing for readers: ISO forms, year-only and year-month kept at their precision
 * (a 1999 speech must not silently become 1 January 1999), and a small strftime-like pattern
 * for everything else. Date-times are normalised to UTC; plain calendar dates are not shifted,
 * because a day has no time zone to convert from.
 *
 * Nothing here uses a backtracking regex on user patterns: the ISO regexes have no nested or
 * adjacent ambiguous quantifiers, and `dateFormat` patterns are run by a hand-written scanner.
 */
import type { DatePrecision } from '../core/types.js';
import { UserError } from '../core/errors.js';

/** Options for {@link parseDate}. */
export interface DateOptions {
  /** strftime-like pattern tried when the value is not ISO, e.g. `%d/%m/%Y` or `%m/%d/%Y %H:%M`. */
  readonly format?: string;
  /** Zone for date-times without one: IANA name or `±HH:MM`. Default UTC. */
  readonly timezone?: string;
}

/** A parsed date: the ISO string stored in InputDocument.date and its precision. */
export type DateResult =
  | { readonly ok: true; readonly date: string; readonly precision: DatePrecision }
  | { readonly ok: false; readonly reason: string };

const YEAR = /^(\d{4})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `Z`, `+05:30`, `-0800`, `+02` into minutes east of UTC; undefined when not an offset. */
export function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z' || text === 'UTC' || text === 'GMT') return 0;
  const sign = text[0] === '-' ? -1 : text[0] === '+' ? 1 : 0;
  if (sign === 0) return undefined;
  const digits = text.slice(1).replace(':', '');
  if (!/^\d{2}(\d{2})?$/.test(digits)) return undefined;
  const h = Number(digits.slice(0, 2));
  const m = digits.length === 4 ? Number(digits.slice(2)) : 0;
  if (h > 23 || m > 59) return undefined;
  return sign * (h * 60 + m);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of an IANA zone from UTC, in minutes, at the given UTC instant. */
function ianaOffsetMinutes(zone: string, utcMs: number): number {
  let fmt = zoneFormats.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(zone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** Converts a wall-clock time (given as if it were UTC) in `zone` to a UTC instant. */
export function wallClockToUtc(wallMs: number, zone: string | undefined): number {
  if (!zone) return wallMs;
  const fixed = parseOffset(zone);
  if (fixed !== undefined) return wallMs - fixed * 60000;
  // Two rounds find the right offset around daylight-saving changes.
  const first = wallMs - ianaOffsetMinutes(zone, wallMs) * 60000;
  return wallMs - ianaOffsetMinutes(zone, first) * 60000;
}

interface Parts {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millis?: number;
  /** Minutes east of UTC, when the value carries a zone. */
  offset?: number;
  /** Seconds since 1970, from `%s`. */
  epoch?: number;
}

function finish(p: Parts, precision: DatePrecision, timezone: string | undefined): DateResult {
  if (p.epoch !== undefined) return { ok: true, date: new Date(p.epoch * 1000).toISOString(), precision: 'time' };
  const { year } = p;
  const month = p.month ?? 1;
  const day = p.day ?? 1;
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} is not 1-12` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `day ${day} does not exist in ${year}-${pad(month)}` };
  if (precision === 'year') return { ok: true, date: pad(year, 4), precision };
  if (precision === 'month') return { ok: true, date: `${pad(year, 4)}-${pad(month)}`, precision };
  if (precision === 'day') return { ok: true, date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, precision };
  const hour = p.hour ?? 0;
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  if (hour > 23 || minute > 59 || second > 60) return { ok: false, reason: `time ${pad(hour)}:${pad(minute)}:${pad(second)} is out of range` };
  const wall = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), p.millis ?? 0);
  const utc = p.offset !== undefined ? wall - p.offset * 60000 : wallClockToUtc(wall, timezone);
  return { ok: true, date: new Date(utc).toISOString(), precision: 'time' };
}

function parseIso(text: string, timezone: string | undefined): DateResult | undefined {
  let m = YEAR.exec(text);
  if (m) return finish({ year: Number(m[1]) }, 'year', timezone);
  m = YEAR_MONTH.exec(text);
  if (m) return finish({ year: Number(m[1]), month: Number(m[2]) }, 'month', timezone);
  m = DAY.exec(text);
  if (m) return finish({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, 'day', timezone);
  m = DATE_TIME.exec(text);
  if (m) {
    const offset = m[8] === undefined ? undefined : parseOffset(m[8].toUpperCase());
    if (m[8] !== undefined && offset === undefined) return { ok: false, reason: `unreadable zone ${m[8]}` };
    return finish(
      {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4]),
        minute: Number(m[5]),
        second: m[6] === undefined ? 0 : Number(m[6]),
        millis: m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000),
        offset,
      },
      'time',
      timezone,
    );
  }
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type Token = { kind: 'lit'; text: string } | { kind: 'space' } | { kind: 'field'; spec: string };

/** A compiled `dateFormat`; compile once per input with {@link compileDateFormat}. */
export interface DateFormat {
  readonly pattern: string;
  readonly tokens: readonly Token[];
  readonly precision: DatePrecision;
}

const KNOWN = new Set(['Y', 'y', 'm', 'd', 'e', 'H', 'I', 'M', 'S', 'f', 'b', 'B', 'a', 'A', 'p', 'z', 'Z', 's', '%']);

/**
 * Compiles a strftime-like pattern. Supported: `%Y %y %m %d %e %H %I %M %S %f %b %B %a %A %p %z %Z %s %%`;
 * whitespace in the pattern matches any run of whitespace. Throws UserError `E_DATE_FORMAT` for unknown directives.
 */
export function compileDateFormat(pattern: string): DateFormat {
  const tokens: Token[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit) tokens.push({ kind: 'lit', text: lit });
    lit = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') {
      const d = pattern[i + 1];
      if (d === undefined || !KNOWN.has(d)) {
        throw new UserError('E_DATE_FORMAT', `dateFormat ${JSON.stringify(pattern)}: unknown directive %${d ?? ''} at position ${i + 1}`, {
          hint: 'use %Y %y %m %d %e %H %I %M %S %f %b %B %a %A %p %z %Z %s or %%',
        });
      }
      i++;
      if (d === '%') lit += '%';
      else {
        flush();
        tokens.push({ kind: 'field', spec: d });
      }
    } else if (c === ' ' || c === '\t') {
      flush();
      if (tokens[tokens.length - 1]?.kind !== 'space') tokens.push({ kind: 'space' });
    } else lit += c;
  }
  flush();
  const has = (s: string): boolean => tokens.some((t) => t.kind === 'field' && t.spec === s);
  const precision: DatePrecision =
    has('H') || has('I') || has('s') ? 'time' : has('d') || has('e') ? 'day' : has('m') || has('b') || has('B') ? 'month' : 'year';
  if (!has('Y') && !has('y') && !has('s')) {
    throw new UserError('E_DATE_FORMAT', `dateFormat ${JSON.stringify(pattern)} has no year (%Y, %y) or %s`, { hint: 'a date without a year cannot be placed in time' });
  }
  return { pattern, tokens, precision };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (ch: string): boolean => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');

/** Runs a compiled format over the text: one left-to-right pass, no backtracking. */
function applyFormat(fmt: DateFormat, text: string, timezone: string | undefined): DateResult {
  const p: Partial<Parts> = {};
  let pm: boolean | undefined;
  let i = 0;
  const digits = (min: number, max: number): number | undefined => {
    let j = i;
    while (j < text.length && j - i < max && isDigit(text.charCodeAt(j))) j++;
    if (j - i < min) return undefined;
    const v = Number(text.slice(i, j));
    i = j;
    return v;
  };
  const word = (): string => {
    let j = i;
    while (j < text.length && isAlpha(text[j])) j++;
    const w = text.slice(i, j);
    i = j;
    return w;
  };
  const fail = (what: string): DateResult => ({
    ok: false,
    reason: `expected ${what} at position ${i + 1} for format ${JSON.stringify(fmt.pattern)}`,
  });
  for (const t of fmt.tokens) {
    if (t.kind === 'space') {
      if (i >= text.length || !/\s/.test(text[i])) return fail('a space');
      while (i < text.length && /\s/.test(text[i])) i++;
      continue;
    }
    if (t.kind === 'lit') {
      if (text.slice(i, i + t.text.length).toLowerCase() !== t.text.toLowerCase()) return fail(JSON.stringify(t.text));
      i += t.text.length;
      continue;
    }
    let v: number | undefined;
    switch (t.spec) {
      case 'Y':
        if ((v = digits(4, 4)) === undefined) return fail('a 4-digit year');
        p.year = v;
        break;
      case 'y':
        if ((v = digits(2, 2)) === undefined) return fail('a 2-digit year');
        // POSIX pivot: 69-99 are 1969-1999, 00-68 are 2000-2068.
        p.year = v >= 69 ? 1900 + v : 2000 + v;
        break;
      case 'm':
        if ((v = digits(1, 2)) === undefined) return fail('a month number');
        p.month = v;
        break;
      case 'd':
      case 'e':
        if (t.spec === 'e' && text[i] === ' ') i++;
        if ((v = digits(1, 2)) === undefined) return fail('a day number');
        p.day = v;
        break;
      case 'H':
      case 'I':
        if ((v = digits(1, 2)) === undefined) return fail('an hour');
        p.hour = v;
        break;
      case 'M':
        if ((v = digits(2, 2)) === undefined) return fail('minutes');
        p.minute = v;
        break;
      case 'S':
        if ((v = digits(2, 2)) === undefined) return fail('seconds');
        p.second = v;
        break;
      case 'f': {
        const start = i;
        if (digits(1, 9) === undefined) return fail('a fraction of a second');
        p.millis = Math.floor(Number(`0.${text.slice(start, i)}`) * 1000);
        break;
      }
      case 'b':
      case 'B': {
        const w = word().toLowerCase();
        const idx = w.length >= 3 ? MONTHS.indexOf(w.slice(0, 3)) : -1;
        if (idx < 0) return fail('a month name');
        p.month = idx + 1;
        break;
      }
      case 'a':
      case 'A':
        if (word().length < 3) return fail('a weekday name');
        break;
      case 'p': {
        const w = word().toLowerCase();
        if (w !== 'am' && w !== 'pm') return fail('AM or PM');
        pm = w === 'pm';
        break;
      }
      case 'z': {
        if (text[i] === 'Z' || text[i] === 'z') {
          p.offset = 0;
          i++;
          break;
        }
        const start = i;
        if (text[i] !== '+' && text[i] !== '-') return fail('a zone offset like +02:00');
        i++;
        if (digits(2, 2) === undefined) return fail('a zone offset like +02:00');
        if (text[i] === ':') i++;
        digits(2, 2);
        const off = parseOffset(text.slice(start, i));
        if (off === undefined) return fail('a zone offset like +02:00');
        p.offset = off;
        break;
      }
      case 'Z': {
        const w = word().toUpperCase();
        if (w !== 'UTC' && w !== 'GMT' && w !== 'Z') return fail('UTC or GMT (other zone names are ambiguous; use %z)');
        p.offset = 0;
        break;
      }
      case 's': {
        const neg = text[i] === '-';
        if (neg) i++;
        if ((v = digits(1, 12)) === undefined) return fail('seconds since 1970');
        p.epoch = neg ? -v : v;
        break;
      }
    }
  }
  if (i !== text.length) return fail('the end of the value');
  if (pm !== undefined && p.hour !== undefined) {
    if (p.hour < 1 || p.hour > 12) return { ok: false, reason: `hour ${p.hour} with AM/PM is not 1-12` };
    p.hour = (p.hour % 12) + (pm ? 12 : 0);
  }
  if (p.year === undefined && p.epoch === undefined) return fail('a year');
  return finish({ year: p.year ?? 1970, ...p } as Parts, fmt.precision, timezone);
}

/**
 * Parses a date value: ISO forms first (`1999`, `1999-03`, `1999-03-02`, `1999-03-02T10:00:00+01:00`),
 * then `format` when given. Never guesses: anything else is `{ ok: false }` with the reason.
 */
export function parseDate(raw: string | number, options: DateOptions | { format?: DateFormat; timezone?: string } = {}): DateResult {
  const text = String(raw).trim();
  if (text === '') return { ok: false, reason: 'the value is empty' };
  const iso = parseIso(text, options.timezone);
  if (iso) return iso;
  if (options.format !== undefined) {
    const fmt = typeof options.format === 'string' ? compileDateFormat(options.format) : options.format;
    return applyFormat(fmt, text, options.timezone);
  }
  return { ok: false, reason: 'expected an ISO date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][zone]); set dateFormat for other forms' };
}
