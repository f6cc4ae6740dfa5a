import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isoDateOf } from '../../../src/domain/dates.ts';

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
});
