import { describe, expect, it } from 'vitest';
import {
  dueBulletins,
  isForUnit,
  planToday,
  slotPlan,
  unitLineage,
} from '../../../src/domain/due-bulletins.ts';
import { makeBulletin, makeLog, makeUnit } from '../../helpers/factories.ts';

/** Wednesday 25/11/2026 10:00 in Vietnam. */
const NOW = new Date('2026-11-25T03:00:00.000Z');
/** 06:05 that morning in Vietnam. */
const MORNING = '2026-11-24T23:05:00.000Z';

describe('unitLineage and isForUnit', () => {
  const province = makeUnit({ level: 'province' });
  const district = makeUnit({ level: 'district', parentId: province.id });
  const commune = makeUnit({ parentId: district.id });
  const sibling = makeUnit({ parentId: district.id });

  it('walks from the unit up to the root', () => {
    expect(unitLineage(commune.id, [province, district, commune, sibling])).toEqual(
      new Set([commune.id, district.id, province.id]),
    );
  });

  it('stops at a loop in the parent links', () => {
    const a = makeUnit();
    const b = makeUnit({ parentId: a.id });
    a.parentId = b.id;
    expect(unitLineage(a.id, [a, b])).toEqual(new Set([a.id, b.id]));
  });

  it('keeps a bulletin sent to the unit or above it, not one sent to a sibling', () => {
    const lineage = unitLineage(commune.id, [province, district, commune, sibling]);
    expect(isForUnit(makeBulletin({ targetUnitIds: [district.id] }), lineage)).toBe(true);
    expect(isForUnit(makeBulletin({ targetUnitIds: [commune.id] }), lineage)).toBe(true);
    expect(isForUnit(makeBulletin({ targetUnitIds: [sibling.id] }), lineage)).toBe(false);
  });
});

describe('dueBulletins', () => {
  const urgentMet = makeBulletin({
    title: 'Bão số 14',
    urgency: 'urgent',
    airing: { times: 1, perDays: 1, untilDate: null },
  });
  const urgentOpen = makeBulletin({ title: 'Lũ quét', urgency: 'urgent', airing: null });
  const weekly = makeBulletin({ title: 'Bảo hiểm y tế', airing: { times: 3, perDays: 7, untilDate: null } });
  const daily = makeBulletin({
    title: 'Định danh điện tử',
    airing: { times: 2, perDays: 1, untilDate: null },
  });
  const met = makeBulletin({
    title: 'An toàn giao thông',
    airing: { times: 1, perDays: 7, untilDate: null },
  });
  const noRequirement = makeBulletin({ title: 'Đất đai', airing: null });
  const expired = makeBulletin({ title: 'Hết hạn', validUntil: '2026-11-20' });
  const upcoming = makeBulletin({ title: 'Sắp tới', validFrom: '2026-12-01' });
  const logs = [
    makeLog(urgentMet.id, { startedAt: MORNING }),
    makeLog(met.id, { startedAt: '2026-11-23T01:00:00.000Z' }),
    makeLog(weekly.id, { startedAt: '2026-11-23T01:00:00.000Z' }),
  ];
  const entries = dueBulletins(
    [noRequirement, met, weekly, daily, urgentMet, urgentOpen, expired, upcoming],
    logs,
    NOW,
  );

  it('lists urgent first, then unmet requirements (daily before weekly), then the rest', () => {
    expect(entries.map((e) => e.bulletin.title)).toEqual([
      'Lũ quét',
      'Bão số 14',
      'Định danh điện tử',
      'Bảo hiểm y tế',
      'An toàn giao thông',
      'Đất đai',
    ]);
    expect(entries.map((e) => e.group)).toEqual(['urgent', 'urgent', 'due', 'due', 'rest', 'rest']);
  });

  it('says what is still needed and what was aired today', () => {
    const byTitle = new Map(entries.map((e) => [e.bulletin.title, e]));
    expect(byTitle.get('Bảo hiểm y tế')?.progress).toMatchObject({ aired: 1, remaining: 2, period: 'week' });
    expect(byTitle.get('Bão số 14')).toMatchObject({ needsAiring: false, airedToday: [MORNING] });
    expect(byTitle.get('Lũ quét')).toMatchObject({ needsAiring: true, airedToday: [] });
    expect(byTitle.get('An toàn giao thông')).toMatchObject({ needsAiring: false, airedToday: [] });
  });

  it('moves a bulletin out of the due group once its requirement is met, counting a correction once', () => {
    const first = makeLog(daily.id, { startedAt: MORNING });
    const wrong = makeLog(daily.id, { startedAt: '2026-11-25T01:00:00.000Z' });
    const again = dueBulletins([daily], [first, wrong], NOW)[0];
    expect(again).toMatchObject({ group: 'rest', needsAiring: false });
    const correction = makeLog(noRequirement.id, { startedAt: wrong.startedAt, correctsLogId: wrong.id });
    const corrected = dueBulletins([daily], [first, wrong, correction], NOW)[0];
    expect(corrected).toMatchObject({ group: 'due', needsAiring: true, airedToday: [MORNING] });
    expect(corrected?.progress?.remaining).toBe(1);
  });

  it('does not ask for a requirement that has ended', () => {
    const ended = makeBulletin({ airing: { times: 3, perDays: 7, untilDate: '2026-11-20' } });
    expect(dueBulletins([ended], [], NOW)[0]).toMatchObject({ group: 'rest', needsAiring: false });
  });
});

describe('slotPlan', () => {
  const daily = makeBulletin({ airing: { times: 3, perDays: 1, untilDate: null } });
  const urgentDaily = makeBulletin({ urgency: 'urgent', airing: { times: 3, perDays: 1, untilDate: null } });
  const weekly = makeBulletin({ airing: { times: 2, perDays: 7, untilDate: null } });
  const urgent = makeBulletin({ urgency: 'urgent', airing: null });
  /** 05:00 Wednesday 25/11/2026 in Vietnam, before the first broadcast. */
  const EARLY = new Date('2026-11-24T22:00:00.000Z');
  const timesOf = (plan: { due: { bulletinId: string; times: number }[] }, id: string) =>
    plan.due.find((d) => d.bulletinId === id)?.times ?? 0;

  it('puts urgent bulletins at the next slot, as early as their requirement allows', () => {
    const plan = slotPlan(['06:00', '17:00'], dueBulletins([urgentDaily, urgent], [], EARLY), [], EARLY);
    expect(plan.map((p) => [p.time, p.state])).toEqual([
      ['06:00', 'next'],
      ['17:00', 'later'],
    ]);
    expect(plan[0]?.due).toEqual([
      { bulletinId: urgent.id, times: 1 },
      { bulletinId: urgentDaily.id, times: 2 },
    ]);
    expect(plan[1]?.due).toEqual([{ bulletinId: urgentDaily.id, times: 1 }]);
  });

  it("fits a day's requirement into today's open slots", () => {
    const plan = slotPlan(['06:00', '11:00', '17:00'], dueBulletins([daily], [], EARLY), [], EARLY);
    expect(plan.reduce((sum, p) => sum + timesOf(p, daily.id), 0)).toBe(3);
    expect(plan.every((p) => timesOf(p, daily.id) === 1)).toBe(true);
  });

  it('spreads bulletins with the same weekly requirement over the week instead of piling them up', () => {
    // 05:00 Monday 23/11: 14 broadcasts this week; ten bulletins wanted twice each, 20 airings in all.
    const monday = new Date('2026-11-22T22:00:00.000Z');
    const bulletins = Array.from({ length: 10 }, (_, i) =>
      makeBulletin({ title: `Bản tin ${i}`, airing: { times: 2, perDays: 7, untilDate: null } }),
    );
    const plan = slotPlan(['06:00', '17:00'], dueBulletins(bulletins, [], monday), [], monday);
    const today = plan.flatMap((p) => p.due);
    // 20 airings over 14 slots: about 2.9 in today's two, never all ten at once.
    expect(today.reduce((sum, d) => sum + d.times, 0)).toBeGreaterThanOrEqual(2);
    expect(today.reduce((sum, d) => sum + d.times, 0)).toBeLessThanOrEqual(4);
    expect(plan.every((p) => p.due.length <= 3 && p.due.every((d) => d.times === 1))).toBe(true);
  });

  it('crowds the last day of a period: the final day of a week asks for everything left', () => {
    // 05:00 Sunday 29/11 in Vietnam, nothing aired this week.
    const now = new Date('2026-11-28T22:00:00.000Z');
    const plan = slotPlan(['06:00', '17:00'], dueBulletins([weekly], [], now), [], now);
    expect(plan.map((p) => p.due)).toEqual([
      [{ bulletinId: weekly.id, times: 1 }],
      [{ bulletinId: weekly.id, times: 1 }],
    ]);
  });

  it('leaves past slots empty, gives the rest to the open ones and counts broadcasts by the nearest slot', () => {
    // 10:00 Wednesday: 06:00 is past; the daily bulletin went out once at 06:05.
    const morning = makeLog(daily.id, { startedAt: MORNING });
    const live = makeLog(null, { bulletinVersion: null, startedAt: '2026-11-25T09:40:00.000Z' });
    const plan = slotPlan(['06:00', '17:00'], dueBulletins([daily], [morning], NOW), [morning, live], NOW);
    expect(plan[0]).toMatchObject({ state: 'past', aired: 1, due: [] });
    expect(plan[1]).toMatchObject({ state: 'next', aired: 1, due: [{ bulletinId: daily.id, times: 2 }] });
  });

  it('has nothing to plan without slots or once every slot has passed', () => {
    const due = dueBulletins([daily], [], NOW);
    expect(slotPlan([], due, [], NOW)).toEqual([]);
    const evening = new Date('2026-11-25T14:00:00.000Z');
    expect(slotPlan(['06:00', '17:00'], due, [], evening).every((p) => p.due.length === 0)).toBe(true);
  });
});

describe('planToday', () => {
  it('leaves a slot open and the bulletin due when its playback was stopped inside the first pass', () => {
    const bulletin = makeBulletin({ airing: { times: 1, perDays: 1, untilDate: null } });
    const stopped = makeLog(bulletin.id, { startedAt: MORNING, completion: { passes: 0, measured: true } });
    const plan = planToday([bulletin], [stopped], [stopped], ['06:00', '17:00'], NOW);
    expect(plan.slots.map((s) => s.aired)).toEqual([0, 0]);
    expect(plan.due[0]).toMatchObject({ needsAiring: true, airedToday: [] });
    expect(plan.due[0]?.progress).toMatchObject({ aired: 0, remaining: 1 });
  });

  it('counts a corrected broadcast once at its slot', () => {
    const bulletin = makeBulletin({ airing: { times: 2, perDays: 1, untilDate: null } });
    const original = makeLog(bulletin.id, { startedAt: MORNING });
    const correction = makeLog(bulletin.id, { startedAt: MORNING, correctsLogId: original.id });
    const logs = [original, correction];
    const plan = planToday([bulletin], logs, logs, ['06:00', '17:00'], NOW);
    expect(plan.slots.map((s) => s.aired)).toEqual([1, 0]);
    expect(plan.due[0]?.progress?.remaining).toBe(1);
    expect(plan.slots[1]?.due).toEqual([{ bulletinId: bulletin.id, times: 1 }]);
  });
});
