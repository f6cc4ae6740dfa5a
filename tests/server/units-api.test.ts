import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitList, UnitWritten } from '../../src/domain/staff-api.ts';
import type { Unit } from '../../src/domain/schemas/unit.ts';
import type { UnitInput, UnitUpdate } from '../../src/domain/unit-input.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNITS, DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { demoUsersWithPasswords } from '../../src/server/demo/demo-users.ts';
import { enrolTestDevice, signIn, staffFetch } from '../helpers/auth.ts';
import { makeBulletin, makeSlot } from '../helpers/factories.ts';
import { expectApiError, openStaffContentApp, pullAll } from '../helpers/staff-content.ts';
import type { OtherDistrict } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin } = DEMO_UNIT_IDS;

/** A new commune of the demo district speaking Vietnamese only unless overridden. */
function communeInput(overrides: Partial<UnitInput> = {}): UnitInput {
  return {
    name: 'Xã Nậm Cang',
    code: '15907',
    level: 'commune',
    parentId: district,
    languages: ['vie'],
    ...overrides,
  };
}

/** `unit` as an edit sends it back, with `changes`. */
function editOf(unit: Unit, changes: Partial<UnitUpdate> = {}): UnitUpdate {
  const { id: _id, rev: _rev, ...content } = unit;
  return { ...content, ...changes };
}

describe.each(ENGINES)('staff units API on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;
  let provinceStaff: string;

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
    provinceStaff = await signIn(app, 'so.vhtt');
  });
  afterEach(() => db.dispose());

  async function unitIds(login: string): Promise<string[]> {
    const response = await staffFetch(app, await signIn(app, login), 'GET', '/api/units');
    expect(response.status).toBe(200);
    return ((await response.json()) as UnitList).units.map((unit) => unit.id);
  }

  /** POST /api/units as the province staff, expecting 201; returns the unit. */
  async function create(input: UnitInput): Promise<Unit> {
    const response = await staffFetch(app, provinceStaff, 'POST', '/api/units', input);
    expect(response.status, 'create').toBe(201);
    return ((await response.json()) as UnitWritten).unit;
  }

  /** PUT /api/units/:id as the province staff, expecting 200; returns the unit. */
  async function edit(unit: Unit, changes: Partial<UnitUpdate>): Promise<Unit> {
    const response = await staffFetch(
      app,
      provinceStaff,
      'PUT',
      `/api/units/${unit.id}`,
      editOf(unit, changes),
    );
    expect(response.status, 'edit').toBe(200);
    return ((await response.json()) as UnitWritten).unit;
  }

  it('lists the unit, its ancestors and its subtree, parents first, never another branch', async () => {
    const ids = await unitIds('phong.vhtt');
    expect(ids.slice(0, 2)).toEqual([province, district]);
    expect(ids.slice(2).sort()).toEqual(
      DEMO_UNITS.map((unit) => unit.id)
        .filter((id) => id !== province && id !== district)
        .sort(),
    );
    expect(ids).not.toContain(other.districtId);
    expect(ids).not.toContain(other.communeId);
    expect(await unitIds('xa.taphin')).toEqual([province, district, taPhin]);
    const all = await unitIds('so.vhtt');
    expect(all).toHaveLength(DEMO_UNITS.length + 2);
    expect(all.indexOf(other.districtId)).toBeLessThan(all.indexOf(other.communeId));
  });

  it('needs a session', async () => {
    await expectApiError(await app.request('/api/units'), 401, 'not_signed_in');
    await expectApiError(
      await staffFetch(app, await signIn(app, 'admin'), 'GET', '/api/units?all=1'),
      400,
      'invalid_request',
    );
  });

  it('creates a unit under a parent with a fresh rev, shown to the staff of the subtree', async () => {
    const maxRev = Math.max(
      ...(await db.sql.query<{ rev: number }>('SELECT rev FROM units')).map((r) => r.rev),
    );
    const unit = await create(communeInput({ name: '  Xã Nậm Cang ', languages: ['vie', 'hmn'] }));
    expect(unit).toMatchObject({ ...communeInput({ languages: ['vie', 'hmn'] }), id: expect.any(String) });
    expect(unit.rev).toBeGreaterThan(maxRev);
    expect(await unitIds('phong.vhtt')).toContain(unit.id);
    expect(await unitIds('phong.bacson')).not.toContain(unit.id);
    // Any depth: a team under the new commune, then nothing under the team.
    const car = await create(communeInput({ name: 'Tổ loa bản Nậm Cang', level: 'team', parentId: unit.id }));
    expect(car.parentId).toBe(unit.id);
    const refused = await expectApiError(
      await staffFetch(app, provinceStaff, 'POST', '/api/units', communeInput({ parentId: car.id })),
      400,
      'invalid_request',
    );
    expect(refused.issues?.map((issue) => issue.field)).toEqual(['parentId']);
  });

  it('answers 400 naming the fields, changing nothing', async () => {
    const before = await db.sql.query('SELECT * FROM units ORDER BY id');
    const bad = await expectApiError(
      await staffFetch(app, provinceStaff, 'POST', '/api/units', {
        ...communeInput(),
        name: ' ',
        languages: ['hmn', 'vie'],
      }),
      400,
      'invalid_request',
    );
    expect(new Set(bad.issues?.map((issue) => issue.field))).toEqual(new Set(['name', 'languages']));
    const above = await expectApiError(
      await staffFetch(app, provinceStaff, 'POST', '/api/units', communeInput({ level: 'province' })),
      400,
      'invalid_request',
    );
    expect(above.issues?.map((issue) => issue.field)).toEqual(['level']);
    await expectApiError(
      await staffFetch(app, provinceStaff, 'POST', '/api/units', { ...communeInput(), parentId: null }),
      400,
      'invalid_request',
    );
    expect(await db.sql.query('SELECT * FROM units ORDER BY id')).toEqual(before);
  });

  it('edits a unit with a new rev and refuses an edit made from an older state', async () => {
    const unit = await create(communeInput());
    const edited = await edit(unit, { name: 'Xã Nậm Cang Mới', languages: ['vie', 'hmn', 'ium'] });
    expect(edited).toMatchObject({ id: unit.id, name: 'Xã Nậm Cang Mới', languages: ['vie', 'hmn', 'ium'] });
    expect(edited.rev).toBeGreaterThan(unit.rev);
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(unit.updatedAt));
    // Saving the same form again sends nothing new.
    expect(await edit(edited, {})).toEqual(edited);
    await expectApiError(
      await staffFetch(app, provinceStaff, 'PUT', `/api/units/${unit.id}`, editOf(unit, { name: 'Xã Cũ' })),
      409,
      'version_conflict',
    );
    // The province edits its own root, which stays a root.
    const root = DEMO_UNITS.find((u) => u.id === province);
    if (root === undefined) throw new Error('No demo province');
    expect((await edit(root, { code: '40' })).parentId).toBeNull();
    const moved = await staffFetch(
      app,
      provinceStaff,
      'PUT',
      `/api/units/${unit.id}`,
      editOf(edited, { parentId: null }),
    );
    expect((await expectApiError(moved, 400, 'invalid_request')).issues?.[0]?.field).toBe('parentId');
  });

  it('answers 404 for an unknown unit', async () => {
    const unit = await create(communeInput());
    for (const id of [crypto.randomUUID(), 'xa-nam-cang']) {
      await expectApiError(
        await staffFetch(app, provinceStaff, 'PUT', `/api/units/${id}`, editOf(unit)),
        404,
        'not_found',
      );
    }
  });

  it('moves a unit within the subtree, never under itself or below it', async () => {
    const unit = await create(communeInput());
    const moved = await edit(unit, { parentId: other.districtId });
    expect(moved.parentId).toBe(other.districtId);
    expect(await unitIds('phong.bacson')).toContain(unit.id);
    expect(await unitIds('phong.vhtt')).not.toContain(unit.id);
    const districtUnit = DEMO_UNITS.find((u) => u.id === district);
    if (districtUnit === undefined) throw new Error('No demo district');
    for (const parentId of [district, taPhin]) {
      await expectApiError(
        await staffFetch(
          app,
          provinceStaff,
          'PUT',
          `/api/units/${district}`,
          editOf(districtUnit, { parentId }),
        ),
        409,
        'unit_cycle',
      );
    }
  });

  it('lets only province and admin staff write, and a move needs the old parent too', async () => {
    const before = await db.sql.query('SELECT * FROM units ORDER BY id');
    const districtStaff = await signIn(app, 'phong.vhtt');
    await expectApiError(
      await staffFetch(app, districtStaff, 'POST', '/api/units', communeInput()),
      403,
      'forbidden',
    );
    const taPhinUnit = DEMO_UNITS.find((u) => u.id === taPhin);
    if (taPhinUnit === undefined) throw new Error('No demo commune');
    await expectApiError(
      await staffFetch(app, districtStaff, 'PUT', `/api/units/${taPhin}`, editOf(taPhinUnit, { name: 'X' })),
      403,
      'forbidden',
    );
    // A province-role account placed at the second district may write it, not the province above it: moving
    // it is refused for the old parent before the tree is even looked at (under its own commune: a cycle).
    const [template] = await demoUsersWithPasswords();
    if (template === undefined) throw new Error('No demo user');
    await db.store.accounts.insertUsers([
      {
        ...template,
        id: crypto.randomUUID(),
        unitId: other.districtId,
        role: 'province',
        login: 'so.bacson',
      },
    ]);
    const otherDistrict = await db.store.unitAuthoring.get(other.districtId);
    if (otherDistrict === undefined) throw new Error('No second district');
    await expectApiError(
      await staffFetch(
        app,
        await signIn(app, 'so.bacson'),
        'PUT',
        `/api/units/${other.districtId}`,
        editOf(otherDistrict, { parentId: other.communeId }),
      ),
      403,
      'forbidden',
    );
    expect(await db.sql.query('SELECT * FROM units ORDER BY id')).toEqual(before);
  });

  it('sends devices what a new language or a move lets them see', async () => {
    const unit = await create(communeInput());
    const car = await create(communeInput({ name: 'Tổ loa bản Nậm Cang', level: 'team', parentId: unit.id }));
    const here = makeBulletin({ targetUnitIds: [district] });
    const there = makeBulletin({ targetUnitIds: [other.districtId] });
    await db.store.upsertBulletins([here, there]);
    await db.store.upsertSlots([makeSlot(here.id), makeSlot(there.id)]);
    const device = await enrolTestDevice(app, unit.id);
    const carDevice = await enrolTestDevice(app, car.id);
    const otherDevice = await enrolTestDevice(app, other.districtId);
    const first = await pullAll(app, device);
    expect(first.bulletins.map((b) => b.id)).toEqual([here.id]);
    expect(first.slots).toEqual([]);
    const carCursor = (await pullAll(app, carDevice)).cursor;
    const otherCursor = (await pullAll(app, otherDevice)).cursor;

    // H'Mông added: the approved H'Mông slot of the bulletin the commune already has.
    const speaking = await edit(unit, { languages: ['vie', 'hmn'] });
    const afterLanguage = await pullAll(app, device, first.cursor);
    expect(afterLanguage.units.map((u) => u.id)).toEqual([unit.id]);
    expect(afterLanguage.slots.map((s) => `${s.bulletinId}/${s.lang}`)).toEqual([`${here.id}/hmn`]);
    expect(afterLanguage.bulletins).toEqual([]);

    // Moved to the second district: its ancestors and bulletins in, the old district's bulletin out.
    await edit(speaking, { parentId: other.districtId });
    const afterMove = await pullAll(app, device, afterLanguage.cursor);
    expect(afterMove.units.map((u) => u.id).sort()).toEqual([unit.id, car.id, other.districtId].sort());
    expect(afterMove.bulletins.map((b) => b.id)).toEqual([there.id]);
    expect(afterMove.slots.map((s) => `${s.bulletinId}/${s.lang}`)).toEqual([`${there.id}/hmn`]);
    expect(afterMove.withdrawals).toEqual([here.id]);
    // The team below moves with it (its own languages decide its slots: Vietnamese only).
    const carAfter = await pullAll(app, carDevice, carCursor);
    expect(carAfter.bulletins.map((b) => b.id)).toEqual([there.id]);
    expect(carAfter.withdrawals).toEqual([here.id]);
    // The second district's devices now see the moved commune and the team below it (and get their own
    // district and its bulletin again: re-sent to the commune, they are re-sent to all who see them).
    const otherAfter = await pullAll(app, otherDevice, otherCursor);
    expect(otherAfter.units.map((u) => u.id).sort()).toEqual([unit.id, car.id, other.districtId].sort());
    expect(otherAfter.withdrawals).toEqual([]);
  });
});
