import { Hono } from 'hono';
import { UnitListQuerySchema } from '../../../domain/staff-api.ts';
import type { UnitList } from '../../../domain/staff-api.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { validQuery } from '../validation.ts';

/** GET /api/units: the staff member's unit, its ancestors and its subtree, parents before children. */
export function unitRoutes(store: Store): Hono<AppEnv> {
  return new Hono<AppEnv>().use(requireStaff(store)).get('/', async (c) => {
    validQuery(c, UnitListQuerySchema);
    const { unitId } = c.get('staff');
    await authorize(c, 'units.read', unitId);
    const body: UnitList = { units: await store.staffQueries.visibleUnits(unitId) };
    return c.json(body);
  });
}
