/**
 * Calendar buckets for indicator time series.
 *
 * All arithmetic is on UTC calendar days (days since 1970-01-01), never on local time, so a
 * report built in Berlin and one built in Lima put the same article in the same week.
 * Weeks are ISO 8601 weeks (Monday to Sunday; week 1 contains the year's first Thursday),
 * the convention newsrooms and statistical offices use in Europe.
 */

import type { DatePrecision } from '../../core/types.js';

/** Bucket sizes for a time series. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** All bucket sizes, finest first. */
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

/** One bucket: first and last day, both inclusive, as `YYYY-MM-DD`. */
export interface Period {
  readonly start: string;
  readonly end: string;
}

/** A date as parsed: UTC calendar fields plus how much of it was given. */
export interface ParsedDate {
  readonly year: number;
  /** 1–12; 1 when only the year is known. */
  readonly month: number;
  /** 1–31; 1 when only the year or month is known. */
  readonly day: number;
  readonly precision: DatePrecision;
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse an ISO 8601 date of any precision the readers emit.
 *
 * Timestamps with an offset are converted to UTC (an article stamped 23:30-05:00 belongs to
 * the next UTC day); timestamps without an offset are taken as UTC, as the core types promise.
 *
 * @param date - `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.sss]][Z|±hh:mm]`.
 * @throws RangeError when the text is not such a date or names a day that does not exist.
 */
export function parseIsoDate(date: string): ParsedDate {
  const m = DATE_RE.exec(date);
  if (m) {
    const year = Number(m[1]);
    const month = m[2] === undefined ? 1 : Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    if (month < 1 || month > 12) throw new RangeError(`invalid month in date "${date}"`);
    if (day < 1 || day > daysInMonth(year, month)) throw new RangeError(`invalid day in date "${date}"`);
    const precision: DatePrecision = m[3] !== undefined ? 'day' : m[2] !== undefined ? 'month' : 'year';
    return { year, month, day, precision };
  }
  if (TIME_RE.test(date)) {
    // Validate the calendar part ourselves: Date.parse would roll 2021-02-30 over to March.
    parseIsoDate(date.slice(0, 10));
    const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(date);
    const normalised = hasOffset ? date.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${date}Z`;
    const ms = Date.parse(normalised);
    if (Number.isNaN(ms)) throw new RangeError(`invalid timestamp "${date}"`);
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), precision: 'time' };
  }
  throw new RangeError(`not an ISO 8601 date: "${date}"`);
}

/**
 * Whether a date of this precision can be placed in a bucket of this size without guessing.
 * A year-only date fits a year bucket; a month-only date fits month, quarter and year, but not a
 * week (a month spans five weeks) or a day.
 */
export function precisionFits(precision: DatePrecision, unit: PeriodUnit): boolean {
  switch (precision) {
    case 'time':
    case 'day':
      return true;
    case 'month':
      return unit === 'month' || unit === 'quarter' || unit === 'year';
    case 'year':
      return unit === 'year';
  }
}

/**
 * The bucket a date falls in.
 *
 * @returns the period, or null when the date is less precise than the bucket (for example `2019`
 *   with a month bucket). Callers count such documents as "imprecise" rather than silently putting
 *   a year-only speech on 1 January.
 * @throws RangeError for text that is not a valid date (a data error, not a precision question).
 */
export function periodOf(date: string, unit: PeriodUnit): Period | null {
  const parsed = parseIsoDate(date);
  if (!precisionFits(parsed.precision, unit)) return null;
  return periodOfDay(toDayNumber(parsed.year, parsed.month, parsed.day), unit);
}

/**
 * Every period from the one containing `from` to the one containing `to`, in order, so that
 * periods without documents still appear as empty rows (a gap in coverage must look like a gap,
 * not like a straight line between neighbours).
 *
 * Coarse dates are widened: `from = "2020"` starts at 2020-01-01 and `to = "2020"` ends at
 * 2020-12-31. Returns an empty list when `from` is after `to`.
 *
 * @param maxPeriods - guard against a typo such as year 20200 producing millions of rows; default 100 000.
 * @throws RangeError when more than `maxPeriods` periods would be produced.
 */
export function enumeratePeriods(from: string, to: string, unit: PeriodUnit, maxPeriods = 100_000): Period[] {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  const first = toDayNumber(a.year, a.month, a.day);
  const last = lastDayCovered(b);
  const out: Period[] = [];
  if (first > last) return out;
  let cursor = first;
  while (cursor <= last) {
    const p = periodOfDay(cursor, unit);
    out.push(p);
    if (out.length > maxPeriods) {
      throw new RangeError(`more than ${maxPeriods} ${unit} periods between ${from} and ${to}`);
    }
    cursor = dayNumberOf(p.end) + 1;
  }
  return out;
}

/**
 * A short human label for a period: `2021-01-03`, `2020-W53`, `2021-03`, `2021-Q1`, `2021`.
 * Week labels use the ISO week-numbering year, which differs from the calendar year around 1 January.
 */
export function periodLabel(period: Period, unit: PeriodUnit): string {
  const [y, m] = period.start.split('-').map(Number) as [number, number];
  switch (unit) {
    case 'day':
      return period.start;
    case 'week': {
      const w = isoWeek(period.start);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'month':
      return period.start.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year':
      return String(y);
  }
}

/**
 * ISO 8601 week-numbering year and week of a day (2020-12-31 → 2020-W53, 2021-01-03 → 2020-W53,
 * 2021-01-04 → 2021-W01).
 *
 * @throws RangeError when the date is coarser than a day.
 */
export function isoWeek(date: string): { year: number; week: number } {
  const p = parseIsoDate(date);
  if (!precisionFits(p.precision, 'week')) throw new RangeError(`isoWeek needs a day, got "${date}"`);
  const day = toDayNumber(p.year, p.month, p.day);
  // The Thursday of the same ISO week decides the week-numbering year.
  const thursday = day - isoWeekday(day) + 4;
  const year = fromDayNumber(thursday).year;
  const week = Math.floor((thursday - toDayNumber(year, 1, 1)) / 7) + 1;
  return { year, week };
}

// ---- internal day arithmetic -------------------------------------------------------------

function periodOfDay(day: number, unit: PeriodUnit): Period {
  const { year, month } = fromDayNumber(day);
  switch (unit) {
    case 'day':
      return { start: formatDay(day), end: formatDay(day) };
    case 'week': {
      const monday = day - isoWeekday(day) + 1;
      return { start: formatDay(monday), end: formatDay(monday + 6) };
    }
    case 'month':
      return { start: ymd(year, month, 1), end: ymd(year, month, daysInMonth(year, month)) };
    case 'quarter': {
      const q0 = month - ((month - 1) % 3);
      return { start: ymd(year, q0, 1), end: ymd(year, q0 + 2, daysInMonth(year, q0 + 2)) };
    }
    case 'year':
      return { start: ymd(year, 1, 1), end: ymd(year, 12, 31) };
  }
}

function lastDayCovered(d: ParsedDate): number {
  if (d.precision === 'year') return toDayNumber(d.year, 12, 31);
  if (d.precision === 'month') return toDayNumber(d.year, d.month, daysInMonth(d.year, d.month));
  return toDayNumber(d.year, d.month, d.day);
}

/** 1 = Monday ... 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function toDayNumber(year: number, month: number, day: number): number {
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / 86_400_000);
}

function fromDayNumber(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function dayNumberOf(ymdText: string): number {
  const [y, m, d] = ymdText.split('-').map(Number) as [number, number, number];
  return toDayNumber(y, m, d);
}

function formatDay(day: number): string {
  const d = fromDayNumber(day);
  return ymd(d.year, d.month, d.day);
}

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
