import { Hono } from 'hono';
import { VIETNAM_TIME_ZONE } from '../../../domain/airing.ts';
import { computeCoverage } from '../../../domain/coverage.ts';
import { DAY_MS, isoDateOf } from '../../../domain/dates.ts';
import {
  BROKEN_LOGS_LISTED,
  CoverageQuerySchema,
  VEHICLE_STOPS_MAX,
  type CoverageReport,
} from '../../../domain/coverage-report.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { validQuery } from '../validation.ts';

/**
 * GET /api/coverage: the coverage of a unit's subtree (the staff member's own unit unless `unitId` names one
 * they may report on) over a period of Vietnam calendar days, with the map's stops, the silent devices and the
 * logs that failed verification.
 */
export function coverageRoutes(store: Store): Hono<AppEnv> {
  return new Hono<AppEnv>().use(requireStaff(store)).get('/', async (c) => {
    const query = validQuery(c, CoverageQuerySchema);
    const unitId = query.unitId ?? c.get('staff').unitId;
    await authorize(c, 'reports.read', unitId);
    const period = { from: query.from, to: query.to };
    const silentSince = new Date(Date.now() - query.silentDays * DAY_MS).toISOString();
    const unitIds = await store.accounts.subtreeIds([unitId]);
    const [input, stops, silentDevices, enrolledDevices, brokenLogs, refusedLogs] = await Promise.all([
      store.coverage.coverageInput(unitId, period),
      store.coverage.vehicleStops(unitIds, period, VEHICLE_STOPS_MAX),
      store.coverage.silentDevices(unitIds, silentSince),
      store.coverage.enrolledDevices(unitIds),
      store.coverage.brokenLogs(unitIds, period, BROKEN_LOGS_LISTED),
      store.coverage.refusedLogs(unitIds, period, BROKEN_LOGS_LISTED),
    ]);
    const body: CoverageReport = {
      coverage: computeCoverage({
        rootUnitId: unitId,
        period,
        asOf: isoDateOf(new Date(), VIETNAM_TIME_ZONE),
        ...input,
      }),
      vehicleStops: { total: stops.total, stops: stops.stops },
      silentDevices,
      enrolledDevices,
      brokenLogs,
      refusedLogs,
      bounds: stops.bounds,
    };
    return c.json(body);
  });
}
