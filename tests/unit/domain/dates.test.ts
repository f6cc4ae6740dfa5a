import { describe, expect, it } from 'vitest';
import { VIETNAM_TIME_ZONE } from '../../../src/domain/airing.ts';
import {
  daySpanInstants,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatDuration,
  isoDateOf,
  PARTS_FORMAT,
} from '../../../src/domain/dates.ts';

describe('dates', () => {
  it('gives the instants a span of Vietnam calendar days begins and ends, either end open', () => {
    expect(daySpanInstants({ from: '2026-12-01', to: '2026-12-07' }, VIETNAM_TIME_ZONE)).toEqual({
      from: '2026-11-30T17:00:00.000Z',
      to: '2026-12-07T17:00:00.000Z',
    });
    expect(daySpanInstants({}, VIETNAM_TIME_ZONE)).toEqual({ from: undefined, to: undefined });
  });

  it('writes a calendar date as dd/mm/yyyy', () => {
    expect(formatDate('2026-12-05')).toBe('05/12/2026');
  });

  it('returns what is not a yyyy-mm-dd date unchanged', () => {
    expect(formatDate('05/12/2026')).toBe('05/12/2026');
  });

  it('writes an instant as dd/mm/yyyy HH:mm in the given time zone, 24-hour', () => {
    expect(formatDateTime('2026-11-25T10:05:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('25/11/2026 17:05');
    expect(formatDateTime('2026-11-24T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('25/11/2026 00:00');
  });

  it('gives the calendar date of an instant in the given time zone', () => {
    expect(isoDateOf(new Date('2026-12-31T18:30:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2027-01-01');
    expect(isoDateOf(new Date('2026-12-31T18:30:00.000Z'), 'UTC')).toBe('2026-12-31');
  });

  it('writes every instant as the platform formatter does, across changes of offset in any zone', () => {
    const reference = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { ...PARTS_FORMAT, timeZone });
    // Daylight saving on the hour (Berlin, New York), by half an hour (Lord Howe), a quarter-hour offset
    // (Kathmandu), a zone that dropped an offset change mid-year (Samoa skipped 30/12/2011), and Vietnam.
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Apia',
    ];
    const starts = [
      '2026-03-08T00:00:00Z',
      '2026-03-29T00:00:00Z',
      '2026-10-04T00:00:00Z',
      '2011-12-29T00:00:00Z',
    ];
    for (const timeZone of [...zones, VIETNAM_TIME_ZONE]) {
      const format = reference(timeZone);
      for (const start of starts)
        for (let minutes = 0; minutes < 3 * 24 * 60; minutes += 7) {
          const instant = new Date(Date.parse(start) + minutes * 60_000 + 13_500);
          const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
          const expected = `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
          expect(
            formatDateTimeSeconds(instant.toISOString(), timeZone),
            `${timeZone} ${instant.toISOString()}`,
          ).toBe(expected);
          expect(isoDateOf(instant, timeZone)).toBe(`${p.year}-${p.month}-${p.day}`);
        }
    }
  });

  it('writes a duration in words with its units, never as a clock that reads as a time of day', () => {
    const cases: [number, string, string][] = [
      [0, '0 giây', '0 s'],
      [59_000, '59 giây', '59 s'],
      [60_000, '1 phút', '1 min'],
      [270_000, '4 phút 30 giây', '4 min 30 s'],
      [15 * 60_000, '15 phút', '15 min'],
      [3_600_000, '1 giờ', '1 h'],
      [3_900_000, '1 giờ 5 phút', '1 h 5 min'],
      [3_723_000, '1 giờ 2 phút 3 giây', '1 h 2 min 3 s'],
      [3_601_000, '1 giờ 1 giây', '1 h 1 s'],
      [25 * 3_600_000, '1 ngày 1 giờ', '1 d 1 h'],
      [2 * 86_400_000, '2 ngày', '2 d'],
    ];
    for (const [ms, vi, en] of cases) {
      expect(formatDuration(ms, 'vi'), String(ms)).toBe(vi);
      expect(formatDuration(ms, 'en'), String(ms)).toBe(en);
    }
  });

  it('rounds a duration down to the whole second', () => {
    expect(formatDuration(999, 'vi')).toBe('0 giây');
    expect(formatDuration(2_999, 'vi')).toBe('2 giây');
    expect(formatDuration(59_999.9, 'vi')).toBe('59 giây');
    expect(formatDuration(3_599_999, 'en')).toBe('59 min 59 s');
  });

  it('writes no time for a negative duration or one that is not a number, never "NaN"', () => {
    for (const ms of [-5, -60_000, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatDuration(ms, 'vi'), String(ms)).toBe('0 giây');
      expect(formatDuration(ms, 'en'), String(ms)).toBe('0 s');
    }
  });
});
