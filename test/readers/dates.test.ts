import { describe, expect, it } from 'vitest';
import { compileDateFormat, parseDate } from '../../src/readers/dates.js';

describe('parseDate', () => {
  it.each([
    ['1999', {}, '1999', 'year'],
    [1999, {}, '1999', 'year'],
    ['1999-03', {}, '1999-03', 'month'],
    ['1999-03-02', {}, '1999-03-02', 'day'],
    ['1999-03-02T10:20:30Z', {}, '1999-03-02T10:20:30.000Z', 'time'],
    ['1999-03-02 10:20', {}, '1999-03-02T10:20:00.000Z', 'time'],
    ['1999-03-02T10:20:30.5+02:00', {}, '1999-03-02T08:20:30.500Z', 'time'],
    ['1999-03-02T10:20:30-0500', {}, '1999-03-02T15:20:30.000Z', 'time'],
    ['1999-03-02T10:00', { timezone: '+05:30' }, '1999-03-02T04:30:00.000Z', 'time'],
    ['2021-07-01T12:00', { timezone: 'Europe/Berlin' }, '2021-07-01T10:00:00.000Z', 'time'],
    ['2021-01-01T12:00', { timezone: 'Europe/Berlin' }, '2021-01-01T11:00:00.000Z', 'time'],
    ['2021-01-01T12:00Z', { timezone: 'Europe/Berlin' }, '2021-01-01T12:00:00.000Z', 'time'],
    ['1999-03-02', { timezone: 'America/New_York' }, '1999-03-02', 'day'],
    ['02/03/1999', { format: '%d/%m/%Y' }, '1999-03-02', 'day'],
    ['03/02/1999 14:05', { format: '%m/%d/%Y %H:%M' }, '1999-03-02T14:05:00.000Z', 'time'],
    ['3/2/99', { format: '%m/%d/%y' }, '1999-03-02', 'day'],
    ['3/2/16', { format: '%m/%d/%y' }, '2016-03-02', 'day'],
    ['March 1999', { format: '%B %Y' }, '1999-03', 'month'],
    ['Tue, 2 Mar 1999 02:05 PM', { format: '%a, %d %b %Y %I:%M %p' }, '1999-03-02T14:05:00.000Z', 'time'],
    ['02.03.1999 10:00 +0100', { format: '%d.%m.%Y %H:%M %z' }, '1999-03-02T09:00:00.000Z', 'time'],
    ['02.03.1999 10:00', { format: '%d.%m.%Y %H:%M', timezone: '+01:00' }, '1999-03-02T09:00:00.000Z', 'time'],
    ['920332800', { format: '%s' }, '1999-03-02T00:00:00.000Z', 'time'],
    ['1999-03-02', { format: '%d/%m/%Y' }, '1999-03-02', 'day'],
  ] as const)('%s %j → %s (%s)', (raw, options, date, precision) => {
    expect(parseDate(raw, options)).toEqual({ ok: true, date, precision });
  });

  it.each([
    ['', {}],
    ['yesterday', {}],
    ['1999-13', {}],
    ['1999-02-29', {}],
    ['1999-03-02T25:00', {}],
    ['02/03/1999', {}],
    ['31/02/1999', { format: '%d/%m/%Y' }],
    ['02/03/1999x', { format: '%d/%m/%Y' }],
    ['13:00 PM', { format: '%I:%M %p %Y' }],
  ] as const)('refuses %j %j without guessing', (raw, options) => {
    const r = parseDate(raw, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
  });

  it('rejects unknown directives and formats without a year', () => {
    expect(() => compileDateFormat('%Q')).toThrow(/E_DATE_FORMAT|unknown directive/);
    expect(() => compileDateFormat('%d/%m')).toThrow(/no year/);
  });

  it('runs in linear time on hostile input', () => {
    const fmt = compileDateFormat('%d %d %d %d %d %d %Y');
    const hostile = `${'1 '.repeat(50000)}x`;
    const t = performance.now();
    expect(parseDate(hostile, { format: fmt }).ok).toBe(false);
    expect(parseDate(`${'9'.repeat(100000)}-`, {}).ok).toBe(false);
    expect(performance.now() - t).toBeLessThan(500);
  });
});

describe('undated records', () => {
  it.each([
    ['keep', 'kept'],
    ['reject', 'E_UNDATED'],
  ] as const)('undated: %s', async (undated, expected) => {
    const { readByteStream } = await import('../../src/readers/read-inputs.js');
    const { chunksOf } = await import('./helpers.js');
    const out: string[] = [];
    for await (const e of readByteStream(chunksOf('{"id":"1","text":"no date"}\n'), { path: 'x.jsonl', undated })) {
      out.push(e.kind === 'document' ? (e.document.date === undefined ? 'kept' : 'dated') : e.kind === 'reject' ? e.reject.code : e.kind);
    }
    expect(out).toEqual([expected]);
  });
});
