import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import { setDeviceUnit } from '../../../src/client/db/settings-repository.ts';
import { readToday } from '../../../src/client/db/today-repository.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makeLog, makePage, makeUnit } from '../../helpers/factories.ts';

/** Wednesday 25/11/2026 10:00 in Vietnam. */
const NOW = new Date('2026-11-25T03:00:00.000Z');

describe('readToday', () => {
  const district = makeUnit({ level: 'district' });
  const commune = makeUnit({ parentId: district.id });
  const other = makeUnit({ parentId: district.id });
  const forDistrict = makeBulletin({ title: 'Cả huyện', targetUnitIds: [district.id] });
  const forOther = makeBulletin({ title: 'Xã khác', targetUnitIds: [other.id] });
  const expired = makeBulletin({ title: 'Hết hạn', targetUnitIds: [district.id], validUntil: '2026-11-24' });
  const withdrawn = makeBulletin({ status: 'withdrawn', targetUnitIds: [district.id] });

  async function seeded() {
    const db = freshDb();
    await applyPullPage(
      db,
      makePage({ units: [district, commune, other], bulletins: [forDistrict, forOther, expired, withdrawn] }),
      0,
    );
    return db;
  }

  it('keeps the bulletins in force today for the unit or a unit above it', async () => {
    const db = await seeded();
    await setDeviceUnit(db, commune.id);
    const data = await readToday(db, NOW);
    expect(data.settings.unit?.id).toBe(commune.id);
    expect(data.bulletins.map((b) => b.title)).toEqual(['Cả huyện']);
  });

  it('keeps every bulletin in force while no unit is chosen', async () => {
    const data = await readToday(await seeded(), NOW);
    expect(data.bulletins.map((b) => b.title).sort()).toEqual(['Cả huyện', 'Xã khác']);
  });

  it("reads the bulletins' logs and today's logs in Vietnam time", async () => {
    const db = await seeded();
    const lastWeek = makeLog(forDistrict.id, { startedAt: '2026-11-18T01:00:00.000Z' });
    const earlyToday = makeLog(null, { bulletinVersion: null, startedAt: '2026-11-24T17:00:00.000Z' });
    const yesterday = makeLog(forOther.id, { startedAt: '2026-11-24T16:59:00.000Z' });
    await db.logs.bulkAdd([lastWeek, earlyToday, yesterday]);
    await setDeviceUnit(db, commune.id);

    const data = await readToday(db, NOW);

    expect(data.logs.map((l) => l.id)).toEqual([lastWeek.id]);
    expect(data.todayLogs.map((l) => l.id)).toEqual([earlyToday.id]);
  });
});
