import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, isoDateOf } from '../../../src/domain/dates.ts';

describe('dates', () => {
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

  it('writes a duration as mm:ss, whole seconds rounded down, hours only when reached', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(2_999)).toBe('00:02');
    expect(formatDuration(15 * 60_000)).toBe('15:00');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('00:00');
  });
});
