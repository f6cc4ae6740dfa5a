import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitList } from '../../src/domain/staff-api.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNITS, DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { signIn, staffFetch } from '../helpers/auth.ts';
import { expectApiError, openStaffContentApp } from '../helpers/staff-content.ts';
import type { OtherDistrict } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin } = DEMO_UNIT_IDS;

describe.each(ENGINES)('staff units API on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
  });
  afterEach(() => db.dispose());

  async function unitIds(login: string): Promise<string[]> {
    const response = await staffFetch(app, await signIn(app, login), 'GET', '/api/units');
    expect(response.status).toBe(200);
    return ((await response.json()) as UnitList).units.map((unit) => unit.id);
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
});
