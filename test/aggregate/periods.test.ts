import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enumeratePeriods, isoWeek, parseIsoDate, periodLabel, periodOf, precisionFits } from '../../src/aggregate/stats/periods.js';

describe('parseIsoDate', () => {
  it.each([
    ['2021', { year: 2021, month: 1, day: 1, precision: 'year' }],
    ['2021-03', { year: 2021, month: 3, day: 1, precision: 'month' }],
    ['2024-02-29', { year: 2024, month: 2, day: 29, precision: 'day' }],
    ['2021-03-04T10:00:00.000Z', { year: 2021, month: 3, day: 4, precision: 'time' }],
    // An offset moves the article into the next UTC day.
    ['2021-03-04T23:30:00-05:00', { year: 2021, month: 3, day: 5, precision: 'time' }],
    ['2021-03-04T01:30:00+0200', { year: 2021, month: 3, day: 3, precision: 'time' }],
    // No offset: taken as UTC.
    ['2021-03-04T23:59', { year: 2021, month: 3, day: 4, precision: 'time' }],
  ])('%s', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });

  it.each(['2021-02-29', '2021-13', '2021-00-10', '21-03-04', '2021/03/04', '', '2021-02-30T00:00:00Z'])('rejects %s', (text) => {
    expect(() => parseIsoDate(text)).toThrow(RangeError);
  });
});

describe('periodOf', () => {
  it.each([
    ['2021-03-17', 'day', '2021-03-17', '2021-03-17'],
    ['2021-03-17', 'week', '2021-03-15', '2021-03-21'],
    ['2021-03-17', 'month', '2021-03-01', '2021-03-31'],
    ['2021-03-17', 'quarter', '2021-01-01', '2021-03-31'],
    ['2021-11-30', 'quarter', '2021-10-01', '2021-12-31'],
    ['2021-03-17', 'year', '2021-01-01', '2021-12-31'],
    ['2024-02-10', 'month', '2024-02-01', '2024-02-29'],
    ['2023-02-10', 'month', '2023-02-01', '2023-02-28'],
    // ISO weeks across the year end.
    ['2020-12-31', 'week', '2020-12-28', '2021-01-03'],
    ['2021-01-03', 'week', '2020-12-28', '2021-01-03'],
    ['2021-01-04', 'week', '2021-01-04', '2021-01-10'],
    ['2019-12-30', 'week', '2019-12-30', '2020-01-05'],
    ['2021-01-03T22:00:00Z', 'week', '2020-12-28', '2021-01-03'],
    ['2021-01-03T22:00:00-05:00', 'week', '2021-01-04', '2021-01-10'],
    ['2021-05', 'quarter', '2021-04-01', '2021-06-30'],
    ['2021-05', 'month', '2021-05-01', '2021-05-31'],
    ['2021', 'year', '2021-01-01', '2021-12-31'],
  ] as const)('%s by %s', (date, unit, start, end) => {
    expect(periodOf(date, unit)).toEqual({ start, end });
  });

  it.each([
    ['2021', 'month'],
    ['2021', 'quarter'],
    ['2021', 'week'],
    ['2021', 'day'],
    ['2021-05', 'week'],
    ['2021-05', 'day'],
  ] as const)('returns null for %s by %s (coarser than the bucket)', (date, unit) => {
    expect(periodOf(date, unit)).toBeNull();
  });

  it('precisionFits agrees with periodOf', () => {
    expect(precisionFits('month', 'quarter')).toBe(true);
    expect(precisionFits('month', 'week')).toBe(false);
    expect(precisionFits('time', 'day')).toBe(true);
  });

  it('throws on invalid dates rather than calling them imprecise', () => {
    expect(() => periodOf('2021-02-30', 'month')).toThrow(RangeError);
  });

  it('every day lies in its week, which runs Monday to Sunday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 365 }), (offset) => {
        const d = new Date(Date.UTC(1900, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const p = periodOf(d, 'week')!;
        expect(p.start <= d && d <= p.end).toBe(true);
        expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
        expect((Date.parse(p.end) - Date.parse(p.start)) / 86_400_000).toBe(6);
      }),
    );
  });
});

describe('isoWeek and labels', () => {
  it.each([
    ['2020-12-31', 2020, 53],
    ['2021-01-03', 2020, 53],
    ['2021-01-04', 2021, 1],
    ['2008-12-29', 2009, 1],
    ['2010-01-03', 2009, 53],
    ['2019-12-30', 2020, 1],
    ['2015-12-31', 2015, 53],
    ['2021-12-31', 2021, 52],
  ])('%s is %i-W%i', (date, year, week) => {
    expect(isoWeek(date)).toEqual({ year, week });
  });

  it('labels each unit', () => {
    expect(periodLabel(periodOf('2021-01-03', 'week')!, 'week')).toBe('2020-W53');
    expect(periodLabel(periodOf('2021-01-05', 'week')!, 'week')).toBe('2021-W01');
    expect(periodLabel(periodOf('2021-08-05', 'quarter')!, 'quarter')).toBe('2021-Q3');
    expect(periodLabel(periodOf('2021-08-05', 'month')!, 'month')).toBe('2021-08');
    expect(periodLabel(periodOf('2021-08-05', 'year')!, 'year')).toBe('2021');
    expect(periodLabel(periodOf('2021-08-05', 'day')!, 'day')).toBe('2021-08-05');
  });
});

describe('enumeratePeriods', () => {
  it('lists every week, including empty ones, across a year end', () => {
    const weeks = enumeratePeriods('2020-12-20', '2021-01-12', 'week');
    expect(weeks.map((p) => periodLabel(p, 'week'))).toEqual(['2020-W51', '2020-W52', '2020-W53', '2021-W01', '2021-W02']);
  });

  it('widens coarse bounds', () => {
    expect(enumeratePeriods('2020', '2020', 'quarter').map((p) => p.start)).toEqual(['2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01']);
    expect(enumeratePeriods('2020-11', '2021-02', 'month')).toHaveLength(4);
    expect(enumeratePeriods('2020-02-29', '2020-02-29', 'day')).toEqual([{ start: '2020-02-29', end: '2020-02-29' }]);
  });

  it('is empty when from is after to, and refuses absurd ranges', () => {
    expect(enumeratePeriods('2021-02-01', '2021-01-01', 'day')).toEqual([]);
    expect(() => enumeratePeriods('1000', '9999', 'day', 1000)).toThrow(RangeError);
  });

  it('periods are contiguous and each contains the dates bucketed into it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const),
        (a, len, unit) => {
          const day = (o: number) => new Date(Date.UTC(2015, 0, 1) + o * 86_400_000).toISOString().slice(0, 10);
          const ps = enumeratePeriods(day(a), day(a + len), unit);
          for (let i = 1; i < ps.length; i++) {
            expect(Date.parse(ps[i].start) - Date.parse(ps[i - 1].end)).toBe(86_400_000);
          }
          expect(ps[0]).toEqual(periodOf(day(a), unit));
          expect(ps[ps.length - 1]).toEqual(periodOf(day(a + len), unit));
        },
      ),
      { numRuns: 200 },
    );
  });
});
