import { describe, expect, it } from 'vitest';
import {
  correctionsByOriginal,
  countedLogs,
  groupByDay,
  logDurationMs,
  matchesLogFilter,
} from '../../../src/domain/log-history.ts';
import { makeLog } from '../../helpers/factories.ts';

const BULLETIN = 'b0000000-0000-4000-8000-000000000001';

describe('groupByDay', () => {
  it('groups by the Vietnam calendar day, newest day and newest log first', () => {
    const tuesdayLate = makeLog(BULLETIN, { startedAt: '2026-11-24T16:30:00.000Z' }); // 23:30 Tue
    const wednesdayEarly = makeLog(BULLETIN, { startedAt: '2026-11-24T17:05:00.000Z' }); // 00:05 Wed
    const wednesdayMorning = makeLog(BULLETIN, { startedAt: '2026-11-24T23:00:00.000Z' }); // 06:00 Wed
    const days = groupByDay([tuesdayLate, wednesdayEarly, wednesdayMorning]);

    expect(days.map((d) => d.day)).toEqual(['2026-11-25', '2026-11-24']);
    expect(days[0]?.logs.map((l) => l.id)).toEqual([wednesdayMorning.id, wednesdayEarly.id]);
    expect(days[1]?.logs.map((l) => l.id)).toEqual([tuesdayLate.id]);
  });

  it('keeps two logs of the same minute in a stable order, the later id first', () => {
    const a = makeLog(BULLETIN, { id: '01900000-0000-7000-8000-000000000001' });
    const b = makeLog(BULLETIN, { id: '01900000-0000-7000-8000-000000000002' });
    expect(groupByDay([a, b])[0]?.logs.map((l) => l.id)).toEqual([b.id, a.id]);
    expect(groupByDay([b, a])[0]?.logs.map((l) => l.id)).toEqual([b.id, a.id]);
  });
});

describe('corrections', () => {
  it('maps each corrected log to its newest correction', () => {
    const original = makeLog(BULLETIN, { startedAt: '2026-11-25T00:00:00.000Z' });
    const first = makeLog(BULLETIN, { correctsLogId: original.id, startedAt: '2026-11-25T00:00:00.000Z' });
    const second = makeLog(BULLETIN, { correctsLogId: first.id, startedAt: '2026-11-25T00:01:00.000Z' });
    const map = correctionsByOriginal([second, original, first]);
    expect(map.get(original.id)?.id).toBe(first.id);
    expect(map.get(first.id)?.id).toBe(second.id);
    expect(map.has(second.id)).toBe(false);
  });

  it('counts only the logs nobody corrected, then applies the filter', () => {
    const original = makeLog(BULLETIN);
    const correction = makeLog(null, { bulletinVersion: null, correctsLogId: original.id });
    expect(countedLogs([original, correction]).map((l) => l.id)).toEqual([correction.id]);
    expect(countedLogs([original, correction], { bulletinId: BULLETIN })).toEqual([]);
  });
});

describe('matchesLogFilter', () => {
  it('keeps every log with no filter and tells live broadcasts from bulletins', () => {
    const live = makeLog(null, { bulletinVersion: null });
    expect(matchesLogFilter(live, {})).toBe(true);
    expect(matchesLogFilter(live, { bulletinId: null })).toBe(true);
    expect(matchesLogFilter(live, { bulletinId: BULLETIN })).toBe(false);
    expect(matchesLogFilter(makeLog(BULLETIN), { bulletinId: null })).toBe(false);
  });
});

describe('logDurationMs', () => {
  it('is the time between start and end', () => {
    expect(logDurationMs(makeLog(BULLETIN))).toBe(5 * 60_000);
  });
});
