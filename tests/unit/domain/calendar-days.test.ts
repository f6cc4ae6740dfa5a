import { describe, expect, it } from 'vitest';
import { addDays, startOfDay } from '../../../src/domain/dates.ts';

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-25', 0)).toBe('2026-11-25');
  });
});

describe('startOfDay', () => {
  it('gives the instant a day begins in the time zone', () => {
    expect(startOfDay('2026-11-30', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(startOfDay('2026-11-30', 'UTC').toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('follows a daylight-saving change in zones that have one', () => {
    // Berlin moves from UTC+1 to UTC+2 on 29/03/2026.
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});
