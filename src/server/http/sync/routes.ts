/**
 * The device's sync endpoints, both behind the device's bearer token: GET /pull sends the changes its unit
 * may see after its cursor; POST /push stores a batch of its logs and answers per log (see log-store.ts), a log
 * the log schema refuses being answered `invalid` while the others are stored.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { auditValues } from '../../../domain/audit.ts';
import { BroadcastLogSchema } from '../../../domain/schemas/broadcast-log.ts';
import { PullQuerySchema, PushRequestSchema } from '../../../domain/sync.ts';
import type { PullPage, PushResponse, PushResult } from '../../../domain/sync.ts';
import { requireDevice } from '../../auth/device-auth.ts';
import { DeviceRevokedError } from '../../store/log-store.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv, AuthDevice } from '../app-env.ts';
import { auditDeviceChange } from '../audit/record.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

/**
 * Records a push that changed something (a log stored or refused) in the audit trail: how many logs of each
 * outcome, the reasons of refusals and the seqs stored, which trace each log to the push that brought it.
 * A batch sent again whole (every log a duplicate) changed nothing and records nothing.
 */
async function auditPush(
  store: Store,
  device: AuthDevice,
  logs: readonly { id: string; seq?: unknown }[],
  results: readonly PushResult[],
): Promise<void> {
  const count = (status: PushResult['status']) => results.filter((result) => result.status === status).length;
  if (count('accepted') + count('rejected') === 0) return;
  const rejected: Record<string, number> = {};
  for (const result of results) {
    if (result.status === 'rejected') rejected[result.reason] = (rejected[result.reason] ?? 0) + 1;
  }
  const storedSeqs = logs.flatMap((log, i) =>
    results[i]?.status === 'accepted' && typeof log.seq === 'number' ? [log.seq] : [],
  );
  await auditDeviceChange(store, device, {
    action: 'logs.push',
    unitIds: [device.unitId],
    targetId: device.id,
    after: auditValues({
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      rejected,
      seqRange: storedSeqs.length === 0 ? null : [Math.min(...storedSeqs), Math.max(...storedSeqs)],
    }),
  });
}

/** The sync routes, mounted at /api/sync; `onPushed` hears every push's answers (the metrics count them). */
export function syncRoutes(
  store: Store,
  onPushed: (results: readonly PushResult[]) => void = () => undefined,
): Hono<AppEnv> {
  const device = requireDevice(store);
  return new Hono<AppEnv>()
    .get('/pull', device, async (c) => {
      const query = validQuery(c, PullQuerySchema);
      const page: PullPage = await store.pullChanges({ ...query, unitId: c.get('device').unitId });
      return c.json(page);
    })
    .post('/push', device, async (c) => {
      const { logs } = await validJson(c, PushRequestSchema);
      // The server's clock when the batch arrived: log times are checked against it (verify-log.ts).
      const receivedAt = new Date().toISOString();
      const checked = logs.map((log) => v.safeParse(BroadcastLogSchema, log));
      const valid = checked.flatMap((result) => (result.success ? [result.output] : []));
      const invalid = logs.filter((_, i) => !checked[i]!.success);
      try {
        const stored = valid.length > 0 ? await store.logs.push(c.get('device'), valid, receivedAt) : [];
        if (invalid.length > 0) await store.logs.keepInvalid(c.get('device'), invalid, receivedAt);
        let next = 0;
        const results = logs.map(({ id }, i): PushResult =>
          checked[i]!.success ? stored[next++]! : { id, status: 'rejected', reason: 'invalid' },
        );
        onPushed(results);
        await auditPush(store, c.get('device'), logs, results);
        const response: PushResponse = { results };
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
