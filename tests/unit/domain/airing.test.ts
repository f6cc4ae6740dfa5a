import { describe, expect, it } from 'vitest';
import { airingProgress, supersede, type CountedLog } from '../../../src/domain/airing.ts';
import type { AiringRequirement } from '../../../src/domain/schemas/bulletin.ts';

const BULLETIN_ID = 'b-1';

function bulletin(
  airing: AiringRequirement | null,
  validFrom = '2026-01-01',
  validUntil: string | null = null,
) {
  return { id: BULLETIN_ID, airing, validFrom, validUntil };
}

let seq = 0;
function log(startedAt: string, overrides: Partial<CountedLog> = {}): CountedLog {
  seq += 1;
  return {
    id: `log-${seq}`,
    bulletinId: BULLETIN_ID,
    startedAt,
    correctsLogId: null,
    repeats: 1,
    completion: { passes: 1, measured: true },
    ...overrides,
  };
}

const weekly = bulletin({ times: 3, perDays: 7, untilDate: null });

describe('airingProgress periods in Vietnam time', () => {
  // Sunday 29/11/2026 23:30 in Vietnam is 16:30Z; Monday 30/11 00:10 is 17:10Z on Sunday.
  const sundayLate = log('2026-11-29T16:30:00.000Z');
  const mondayEarly = log('2026-11-29T17:10:00.000Z');

  it('puts 23:30 Sunday in that week and 00:10 Monday in the next (calendar week Monday–Sunday)', () => {
    const sunday = airingProgress(weekly, [sundayLate, mondayEarly], new Date('2026-11-29T16:45:00.000Z'));
    expect(sunday).toMatchObject({
      period: 'week',
      firstDay: '2026-11-23',
      lastDay: '2026-11-29',
      periodStart: '2026-11-22T17:00:00.000Z',
      periodEnd: '2026-11-29T17:00:00.000Z',
      aired: 1,
      required: 3,
      remaining: 2,
      label: 'week',
    });
    const monday = airingProgress(weekly, [sundayLate, mondayEarly], new Date('2026-11-30T02:00:00.000Z'));
    expect(monday).toMatchObject({ firstDay: '2026-11-30', lastDay: '2026-12-06', aired: 1 });
  });

  it('counts the calendar day for perDays 1', () => {
    const daily = bulletin({ times: 2, perDays: 1, untilDate: null });
    const logs = [
      log('2026-11-24T17:00:00.000Z'), // 00:00 on 25/11
      log('2026-11-25T16:59:00.000Z'), // 23:59 on 25/11
      log('2026-11-25T17:00:00.000Z'), // 00:00 on 26/11
    ];
    expect(airingProgress(daily, logs, new Date('2026-11-25T05:00:00.000Z'))).toMatchObject({
      period: 'day',
      firstDay: '2026-11-25',
      lastDay: '2026-11-25',
      aired: 2,
      remaining: 0,
    });
  });

  it('counts the calendar month for perDays 30 and 31, whatever the month length', () => {
    const monthly = bulletin({ times: 4, perDays: 30, untilDate: null });
    const logs = [log('2027-01-31T16:30:00.000Z'), log('2027-01-31T17:10:00.000Z')];
    expect(airingProgress(monthly, logs, new Date('2027-02-10T00:00:00.000Z'))).toMatchObject({
      period: 'month',
      firstDay: '2027-02-01',
      lastDay: '2027-02-28',
      aired: 1,
    });
    const january = airingProgress(
      bulletin({ times: 4, perDays: 31, untilDate: null }),
      logs,
      new Date('2027-01-31T16:00:00.000Z'),
    );
    expect(january).toMatchObject({ firstDay: '2027-01-01', lastDay: '2027-01-31', aired: 1 });
  });

  it('counts consecutive windows from the day the bulletin takes effect for other periods', () => {
    const fortnightly = bulletin({ times: 2, perDays: 14, untilDate: null }, '2026-11-04');
    const logs = [log('2026-11-17T10:00:00.000Z'), log('2026-11-18T10:00:00.000Z')];
    expect(airingProgress(fortnightly, logs, new Date('2026-11-20T10:00:00.000Z'))).toMatchObject({
      period: 'window',
      firstDay: '2026-11-18',
      lastDay: '2026-12-01',
      periodStart: '2026-11-17T17:00:00.000Z',
      aired: 1,
      label: 'window',
    });
  });

  it('moves the boundaries with the time zone it is given', () => {
    const utc = airingProgress(
      weekly,
      [log('2026-11-29T17:10:00.000Z')],
      new Date('2026-11-29T18:00:00.000Z'),
      'UTC',
    );
    expect(utc).toMatchObject({ firstDay: '2026-11-23', periodEnd: '2026-11-30T00:00:00.000Z', aired: 1 });
  });
});

describe('airingProgress counting', () => {
  const now = new Date('2026-11-26T05:00:00.000Z');

  it('is null without a requirement', () => {
    expect(airingProgress(bulletin(null), [], now)).toBeNull();
  });

  it('counts broadcasts in any language and version, but only of this bulletin', () => {
    const logs = [
      log('2026-11-24T01:00:00.000Z'),
      log('2026-11-25T01:00:00.000Z'),
      log('2026-11-25T02:00:00.000Z', { bulletinId: 'other' }),
      log('2026-11-25T03:00:00.000Z', { bulletinId: null }),
    ];
    expect(airingProgress(weekly, logs, now)?.aired).toBe(2);
  });

  it('never reports a negative remainder', () => {
    const logs = [3, 4, 5, 6].map((d) => log(`2026-11-2${d}T01:00:00.000Z`));
    expect(airingProgress(weekly, logs, now)).toMatchObject({ aired: 4, remaining: 0 });
  });

  it('counts only broadcasts that aired the bulletin to the end at least once', () => {
    const logs = [
      log('2026-11-24T01:00:00.000Z'),
      // Stopped inside its first pass: on air, but no airing.
      log('2026-11-25T01:00:00.000Z', { completion: { passes: 0, measured: true } }),
      // Three passes planned, the third stopped: two full passes make one airing.
      log('2026-11-25T02:00:00.000Z', { repeats: 3, completion: { passes: 2, measured: true } }),
      // Written before completion was recorded: declared complete.
      log('2026-11-25T03:00:00.000Z', { completion: undefined }),
    ];
    expect(airingProgress(weekly, logs, now)).toMatchObject({ aired: 3, remaining: 0 });
    expect(airingProgress(weekly, logs.slice(0, 2), now)).toMatchObject({ aired: 1, remaining: 2 });
  });

  it('takes an airing away when a correction says it was cut short', () => {
    const original = log('2026-11-24T01:00:00.000Z');
    const correction = log('2026-11-24T01:00:00.000Z', {
      correctsLogId: original.id,
      completion: { passes: 0, measured: false },
    });
    expect(airingProgress(weekly, [original, correction], now)?.aired).toBe(0);
  });

  it('counts a corrected broadcast once, at its corrected time', () => {
    const original = log('2026-11-24T01:00:00.000Z');
    const correction = log('2026-11-25T01:00:00.000Z', { correctsLogId: original.id });
    const second = log('2026-11-26T01:00:00.000Z', { correctsLogId: correction.id });
    expect(airingProgress(weekly, [original, correction], now)?.aired).toBe(1);
    expect(airingProgress(weekly, [original, correction, second], now)?.aired).toBe(1);
    const movedToLastWeek = log('2026-11-20T01:00:00.000Z', { correctsLogId: original.id });
    expect(airingProgress(weekly, [original, movedToLastWeek], now)?.aired).toBe(0);
  });

  it('drops a broadcast whose correction names another bulletin', () => {
    const original = log('2026-11-24T01:00:00.000Z');
    const correction = log('2026-11-24T01:00:00.000Z', { bulletinId: 'other', correctsLogId: original.id });
    expect(airingProgress(weekly, [original, correction], now)?.aired).toBe(0);
  });

  it('says the requirement ended after its end date, or after the bulletin expired when it has none', () => {
    const until = bulletin({ times: 3, perDays: 7, untilDate: '2026-11-25' });
    expect(airingProgress(until, [], new Date('2026-11-25T16:59:00.000Z'))?.label).toBe('week');
    expect(airingProgress(until, [], new Date('2026-11-25T17:00:00.000Z'))?.label).toBe('ended');
    const expired = bulletin({ times: 3, perDays: 7, untilDate: null }, '2026-01-01', '2026-11-20');
    expect(airingProgress(expired, [], now)?.label).toBe('ended');
  });

  it('says when counting starts for a bulletin not yet in force', () => {
    const later = bulletin({ times: 3, perDays: 7, untilDate: null }, '2026-12-02');
    expect(airingProgress(later, [], now)).toMatchObject({
      label: 'upcoming',
      firstDay: '2026-11-30',
      aired: 0,
    });
  });
});

describe('supersede', () => {
  it('keeps corrections and uncorrected logs, drops what was corrected', () => {
    const a = log('2026-11-24T01:00:00.000Z');
    const b = log('2026-11-24T02:00:00.000Z', { correctsLogId: a.id });
    const c = log('2026-11-24T03:00:00.000Z');
    expect(supersede([a, b, c])).toEqual([b, c]);
  });
});
