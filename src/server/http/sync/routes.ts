/**
 * The device's sync endpoints, both behind the device's bearer token: GET /pull sends the changes its unit
 * may see after its cursor; POST /push stores a batch of its logs and answers per log (see log-store.ts).
 */
import { Hono } from 'hono';
import { PullQuerySchema, PushRequestSchema } from '../../../domain/sync.ts';
import type { PullPage, PushResponse } from '../../../domain/sync.ts';
import { requireDevice } from '../../auth/device-auth.ts';
import { DeviceRevokedError } from '../../store/log-store.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

/** The sync routes, mounted at /api/sync. */
export function syncRoutes(store: Store): Hono<AppEnv> {
  const device = requireDevice(store);
  return new Hono<AppEnv>()
    .get('/pull', device, async (c) => {
      const query = validQuery(c, PullQuerySchema);
      const page: PullPage = await store.pullChanges({ ...query, unitId: c.get('device').unitId });
      return c.json(page);
    })
    .post('/push', device, async (c) => {
      const { logs } = await validJson(c, PushRequestSchema);
      try {
        const response: PushResponse = { results: await store.logs.push(c.get('device'), logs) };
        return c.json(response);
      } catch (error) {
        // Revoked while the batch was on its way: answered like a revoked token, with nothing stored.
        if (!(error instanceof DeviceRevokedError)) throw error;
        throw new ApiProblem(401, {
          error: 'device_revoked',
          message: 'This device was revoked: ask the district for a new pairing code',
        });
      }
    });
}
