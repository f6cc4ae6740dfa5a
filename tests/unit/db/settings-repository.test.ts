import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import {
  deviceLanguages,
  getDeviceSettings,
  listUnitChoices,
  setAddedLanguages,
  setDeviceUnit,
} from '../../../src/client/db/settings-repository.ts';
import { freshDb } from '../../helpers/db.ts';
import { makePage, makeUnit } from '../../helpers/factories.ts';

describe('device settings', () => {
  it('start with no unit and no added language', async () => {
    expect(await getDeviceSettings(freshDb())).toMatchObject({ unit: undefined, addedLanguages: [] });
  });

  it('remember the chosen unit until it is cleared', async () => {
    const db = freshDb();
    const unit = makeUnit({ languages: ['vie', 'hmn', 'blt'] });
    await applyPullPage(db, makePage({ units: [unit] }), 0);

    await setDeviceUnit(db, unit.id);
    expect((await getDeviceSettings(db)).unit).toEqual(unit);

    await setDeviceUnit(db, null);
    expect((await getDeviceSettings(db)).unit).toBeUndefined();
  });

  it('refuse a unit the device does not hold, keeping the previous choice', async () => {
    const db = freshDb();
    const unit = makeUnit();
    await applyPullPage(db, makePage({ units: [unit] }), 0);
    await setDeviceUnit(db, unit.id);

    await expect(setDeviceUnit(db, crypto.randomUUID())).rejects.toThrow(/not on this device/);
    expect((await getDeviceSettings(db)).unit?.id).toBe(unit.id);
  });

  it('keep added languages once each, in registry order, never Vietnamese', async () => {
    const db = freshDb();
    await setAddedLanguages(db, ['kuf', 'vie', 'khm', 'kuf']);
    expect((await getDeviceSettings(db)).addedLanguages).toEqual(['khm', 'kuf']);
  });

  it("offer the unit's languages and the added ones beside Vietnamese", async () => {
    const db = freshDb();
    const unit = makeUnit({ languages: ['vie', 'hmn', 'blt'] });
    await applyPullPage(db, makePage({ units: [unit] }), 0);
    await setDeviceUnit(db, unit.id);
    await setAddedLanguages(db, ['khm', 'hmn']);
    expect(deviceLanguages(await getDeviceSettings(db))).toEqual(['khm', 'hmn', 'blt']);
  });
});

describe('listUnitChoices', () => {
  it('lists the tree depth first, siblings by level then Vietnamese order of names', async () => {
    const db = freshDb();
    const province = makeUnit({ level: 'province', name: 'Tỉnh Hòa Giang' });
    const district = makeUnit({ level: 'district', name: 'Huyện Thanh Lâm', parentId: province.id });
    const team = makeUnit({ level: 'team', name: 'Đội thông tin lưu động', parentId: district.id });
    const xuan = makeUnit({ name: 'Xã Xuân Phong', parentId: district.id });
    const an = makeUnit({ name: 'Xã An Phú', parentId: district.id });
    const dong = makeUnit({ name: 'Xã Đông Sơn', parentId: district.id });
    const orphan = makeUnit({ name: 'Xã Ngoài', parentId: crypto.randomUUID() });
    await applyPullPage(db, makePage({ units: [team, xuan, orphan, an, district, dong, province] }), 0);

    const choices = (await listUnitChoices(db)).map((c) => `${c.depth} ${c.unit.name}`);

    expect(choices).toEqual([
      '0 Tỉnh Hòa Giang',
      '1 Huyện Thanh Lâm',
      '2 Xã An Phú',
      '2 Xã Đông Sơn',
      '2 Xã Xuân Phong',
      '2 Đội thông tin lưu động',
      '0 Xã Ngoài',
    ]);
  });

  it('still offers units caught in a parent loop', async () => {
    const db = freshDb();
    const a = makeUnit({ name: 'A' });
    const b = makeUnit({ name: 'B', parentId: a.id });
    await applyPullPage(db, makePage({ units: [{ ...a, parentId: b.id }, b] }), 0);
    expect((await listUnitChoices(db)).map((c) => c.unit.name)).toEqual(['A', 'B']);
  });
});
