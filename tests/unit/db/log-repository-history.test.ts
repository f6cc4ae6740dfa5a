import { describe, expect, it } from 'vitest';
import {
  listLogsForBulletins,
  listLogsStartedBetween,
  readHistory,
  readLogFacets,
  readLogTotals,
} from '../../../src/client/db/log-repository.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makeLog } from '../../helpers/factories.ts';

/** Wednesday 25/11/2026 10:00 in Vietnam. */
const NOW = new Date('2026-11-25T03:00:00.000Z');

describe('listLogsStartedBetween', () => {
  it('reads the range and the corrections of what it found, even corrections started elsewhere', async () => {
    const db = freshDb();
    const inside = makeLog(null, { bulletinVersion: null, startedAt: '2026-11-25T01:00:00.000Z' });
    const before = makeLog(null, { bulletinVersion: null, startedAt: '2026-11-24T16:59:59.999Z' });
    const atEnd = makeLog(null, { bulletinVersion: null, startedAt: '2026-11-25T17:00:00.000Z' });
    const movedEarlier = makeLog(null, {
      bulletinVersion: null,
      startedAt: '2026-11-20T01:00:00.000Z',
      correctsLogId: inside.id,
    });
    await db.logs.bulkAdd([inside, before, atEnd, movedEarlier]);

    const logs = await listLogsStartedBetween(
      db,
      new Date('2026-11-24T17:00:00.000Z'),
      new Date('2026-11-25T17:00:00.000Z'),
    );

    expect(logs.map((l) => l.id).sort()).toEqual([inside.id, movedEarlier.id].sort());
  });
});

describe('listLogsForBulletins', () => {
  it('reads the logs of several bulletins and their corrections', async () => {
    const db = freshDb();
    const [a, b, c] = [makeBulletin(), makeBulletin(), makeBulletin()];
    const ofA = makeLog(a.id);
    const ofB = makeLog(b.id);
    const ofC = makeLog(c.id);
    const fixesB = makeLog(c.id, { correctsLogId: ofB.id });
    await db.logs.bulkAdd([ofA, ofB, ofC, fixesB]);

    const logs = await listLogsForBulletins(db, [a.id, b.id]);

    expect(logs.map((l) => l.id).sort()).toEqual([ofA.id, ofB.id, fixesB.id].sort());
    expect(await listLogsForBulletins(db, [])).toEqual([]);
  });
});

describe('readHistory', () => {
  it('returns the logs from a start on, newest first, with unsent ids, titles and what lies before', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ title: 'Phòng chống bão' });
    await db.bulletins.add(bulletin);
    const october = makeLog(bulletin.id, { startedAt: '2026-10-20T01:00:00.000Z' });
    const early = makeLog(bulletin.id, { startedAt: '2026-11-02T01:00:00.000Z' });
    const late = makeLog(null, { bulletinVersion: null, startedAt: '2026-11-25T01:00:00.000Z' });
    const gone = makeLog(crypto.randomUUID(), { startedAt: '2026-11-10T01:00:00.000Z' });
    await db.logs.bulkAdd([october, early, late, gone]);
    await db.outbox.add({ id: late.id, seq: 3, queuedAt: late.startedAt });

    const page = await readHistory(db, new Date('2026-10-31T17:00:00.000Z'));

    expect(page.logs.map((l) => l.id)).toEqual([late.id, gone.id, early.id]);
    expect([...page.unsent]).toEqual([late.id]);
    expect(page.titles).toEqual(new Map([[bulletin.id, 'Phòng chống bão']]));
    expect(page.olderStartedAt).toBe(october.startedAt);

    const all = await readHistory(db, new Date('2026-09-30T17:00:00.000Z'));
    expect(all.logs).toHaveLength(4);
    expect(all.olderStartedAt).toBeNull();
  });
});

describe('readLogFacets', () => {
  it('lists the bulletins by title, channels and languages in registry order, and whether live logs exist', async () => {
    const db = freshDb();
    const storm = makeBulletin({ title: 'Bão số 14' });
    const insurance = makeBulletin({ title: 'Bảo hiểm y tế' });
    await db.bulletins.bulkAdd([storm, insurance]);
    const unknown = crypto.randomUUID();
    await db.logs.bulkAdd([
      makeLog(storm.id, { channel: 'mobile_vehicle', lang: 'hmn' }),
      makeLog(insurance.id, { channel: 'wired_loudspeaker' }),
      makeLog(storm.id, { lang: 'vie' }),
      makeLog(unknown),
    ]);

    const facets = await readLogFacets(db);

    expect(facets.bulletins).toEqual([
      { id: unknown, title: null },
      { id: insurance.id, title: 'Bảo hiểm y tế' },
      { id: storm.id, title: 'Bão số 14' },
    ]);
    expect(facets.channels).toEqual(['wired_loudspeaker', 'mobile_vehicle']);
    expect(facets.langs).toEqual(['vie', 'hmn']);
    expect(facets.live).toBe(false);

    await db.logs.add(makeLog(null, { bulletinVersion: null, source: 'live' }));
    expect((await readLogFacets(db)).live).toBe(true);
  });
});

describe('readLogTotals', () => {
  it('counts this week across the month boundary and a corrected log once', async () => {
    const db = freshDb();
    const bulletin = makeBulletin();
    // Tuesday 01/12/2026 in Vietnam; Monday 30/11 belongs to this week but to last month.
    const now = new Date('2026-12-01T03:00:00.000Z');
    const monday = makeLog(bulletin.id, { startedAt: '2026-11-30T01:00:00.000Z' });
    const today = makeLog(bulletin.id, { startedAt: '2026-12-01T01:00:00.000Z' });
    const fix = makeLog(bulletin.id, {
      startedAt: today.startedAt,
      endedAt: '2026-12-01T01:02:00.000Z',
      correctsLogId: today.id,
    });
    const lastWeek = makeLog(bulletin.id, { startedAt: '2026-11-25T01:00:00.000Z' });
    await db.logs.bulkAdd([monday, today, fix, lastWeek]);

    const totals = await readLogTotals(db, now);

    expect(totals.today).toEqual({ count: 1, partial: 0, durationMs: 120_000, minutes: 2 });
    expect(totals.week).toEqual({ count: 2, partial: 0, durationMs: 420_000, minutes: 7 });
    expect(totals.month).toEqual({ count: 1, partial: 0, durationMs: 120_000, minutes: 2 });
    expect((await readLogTotals(db, now, { channel: 'mobile_vehicle' })).week.count).toBe(0);
    expect((await readLogTotals(db, NOW)).month.count).toBe(2);
  });
});
