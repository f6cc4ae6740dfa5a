import { describe, expect, it } from 'vitest';
import { logTotals, totalPeriods, totalsStart } from '../../../src/domain/log-totals.ts';
import { makeLog } from '../../helpers/factories.ts';

const BULLETIN = 'b0000000-0000-4000-8000-000000000001';
const OTHER = 'b0000000-0000-4000-8000-000000000002';

/** Wednesday 25/11/2026 10:00 in Vietnam. */
const NOW = new Date('2026-11-25T03:00:00.000Z');

function minutesLong(startedAt: string, minutes: number, overrides = {}) {
  return makeLog(BULLETIN, {
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(),
    ...overrides,
  });
}

describe('totalPeriods in Vietnam time', () => {
  it('starts today at local midnight, the week on Monday and the month on the 1st', () => {
    const periods = totalPeriods(NOW);
    expect(new Date(periods.today.start).toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(new Date(periods.today.end).toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(new Date(periods.week.start).toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(new Date(periods.week.end).toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(new Date(periods.month.start).toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(new Date(periods.month.end).toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });

  it('reads from the week start when the week began in the previous month', () => {
    // Tuesday 01/12/2026: the week began on Monday 30/11.
    expect(totalsStart(new Date('2026-12-01T03:00:00.000Z')).toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(totalsStart(NOW).toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });
});

describe('logTotals', () => {
  it('counts broadcasts and minutes at the boundaries of Vietnam days, weeks and months', () => {
    const logs = [
      // 00:00 Wednesday in Vietnam (17:00Z Tuesday): today.
      minutesLong('2026-11-24T17:00:00.000Z', 12),
      // 23:59 Tuesday in Vietnam: this week, not today.
      minutesLong('2026-11-24T16:59:00.000Z', 3),
      // 00:10 Monday 23/11 in Vietnam: this week.
      minutesLong('2026-11-22T17:10:00.000Z', 5),
      // 23:50 Sunday 22/11 in Vietnam: last week, this month.
      minutesLong('2026-11-22T16:50:00.000Z', 7),
      // 23:30 Saturday 31/10 in Vietnam: last month.
      minutesLong('2026-10-31T16:30:00.000Z', 9),
      // 00:30 Sunday 01/11 in Vietnam: this month.
      minutesLong('2026-10-31T17:30:00.000Z', 1.5),
    ];

    expect(logTotals(logs, NOW)).toEqual({
      today: { count: 1, partial: 0, durationMs: 12 * 60_000, minutes: 12 },
      week: { count: 3, partial: 0, durationMs: 20 * 60_000, minutes: 20 },
      month: { count: 5, partial: 0, durationMs: 28.5 * 60_000, minutes: 29 },
    });
  });

  it('counts a partial airing in minutes and apart, not as a broadcast', () => {
    const complete = minutesLong('2026-11-25T01:00:00.000Z', 10);
    const stopped = minutesLong('2026-11-25T02:00:00.000Z', 1, { completion: { passes: 0, measured: true } });
    expect(logTotals([complete, stopped], NOW).today).toEqual({
      count: 1,
      partial: 1,
      durationMs: 11 * 60_000,
      minutes: 11,
    });
  });

  it('counts a corrected broadcast once, as its correction', () => {
    const original = minutesLong('2026-11-25T01:00:00.000Z', 10);
    const correction = minutesLong('2026-11-25T01:00:00.000Z', 4, { correctsLogId: original.id });

    expect(logTotals([original, correction], NOW).today).toEqual({
      count: 1,
      partial: 0,
      durationMs: 4 * 60_000,
      minutes: 4,
    });
  });

  it('counts a correction that moved the start time in the period it now names', () => {
    const original = minutesLong('2026-11-25T01:00:00.000Z', 10);
    // The broadcast really happened on Monday: it leaves today but stays in this week.
    const correction = minutesLong('2026-11-23T01:00:00.000Z', 10, { correctsLogId: original.id });

    const totals = logTotals([original, correction], NOW);

    expect(totals.today.count).toBe(0);
    expect(totals.week.count).toBe(1);
  });

  it('drops a broadcast from a bulletin filter once a correction names another bulletin', () => {
    const kept = minutesLong('2026-11-25T00:00:00.000Z', 5);
    const wrong = minutesLong('2026-11-25T01:00:00.000Z', 5);
    const moved = minutesLong('2026-11-25T01:00:00.000Z', 5, { bulletinId: OTHER, correctsLogId: wrong.id });
    const logs = [kept, wrong, moved];

    expect(logTotals(logs, NOW, { bulletinId: BULLETIN }).today.count).toBe(1);
    expect(logTotals(logs, NOW, { bulletinId: OTHER }).today.count).toBe(1);
    expect(logTotals(logs, NOW).today.count).toBe(2);
  });

  it('filters by channel, language and broadcasts of no bulletin', () => {
    const logs = [
      minutesLong('2026-11-25T00:00:00.000Z', 5, { channel: 'mobile_vehicle', lang: 'hmn' }),
      minutesLong('2026-11-25T01:00:00.000Z', 5, { channel: 'wired_loudspeaker', lang: 'hmn' }),
      minutesLong('2026-11-25T02:00:00.000Z', 5, { bulletinId: null, bulletinVersion: null, source: 'live' }),
    ];

    expect(logTotals(logs, NOW, { channel: 'mobile_vehicle' }).today.count).toBe(1);
    expect(logTotals(logs, NOW, { lang: 'hmn' }).today.count).toBe(2);
    expect(logTotals(logs, NOW, { bulletinId: null }).today.count).toBe(1);
    expect(logTotals(logs, NOW, { lang: 'hmn', channel: 'wired_loudspeaker' }).today.count).toBe(1);
  });

  it('is zero everywhere without logs', () => {
    const zero = { count: 0, partial: 0, durationMs: 0, minutes: 0 };
    expect(logTotals([], NOW)).toEqual({ today: zero, week: zero, month: zero });
  });
});
