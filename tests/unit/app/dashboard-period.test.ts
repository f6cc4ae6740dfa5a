import { describe, expect, it } from 'vitest';
import { presetPeriod } from '../../../src/app/staff/dashboard-period.ts';

describe('the dashboard period presets', () => {
  const now = new Date('2026-02-10T05:00:00Z');

  it('cover the halves and the whole of the current year', () => {
    expect(presetPeriod('firstHalf', now)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(presetPeriod('secondHalf', now)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(presetPeriod('year', now)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('end the month on its last day, leap years included', () => {
    expect(presetPeriod('month', now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('month', new Date('2028-02-15T00:00:00Z'))).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(presetPeriod('month', new Date('2026-12-15T00:00:00Z'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });

  it('read the year and month on the Vietnam calendar, not UTC', () => {
    // 31/12/2026 18:00 UTC is already 1 January 2027 in Vietnam.
    expect(presetPeriod('year', new Date('2026-12-31T18:00:00Z'))).toEqual({
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(presetPeriod('month', new Date('2026-12-31T18:00:00Z'))).toEqual({
      from: '2027-01-01',
      to: '2027-01-31',
    });
  });
});
