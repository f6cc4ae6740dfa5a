/**
 * The first run of a deployment without demo data, under /api/setup (docs/api.md): POST creates the top unit and
 * the first administrator, once, while no account exists (GET /api/auth/session says so), with the setup code
 * the server printed at its start (admin/setup-code.ts). Wrong codes are rate-limited like sign-ins.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { AdminRequestSchema, createAdmin } from '../../admin/create-admin.ts';
import { matchesSetupCode, removeSetupCode } from '../../admin/setup-code.ts';
import { clientAddress } from '../../auth/client-address.ts';
import { SETUP_FAILURES_BY_ADDRESS, type RateLimits } from '../../auth/rate-limit.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem, refuseWhileLimited } from '../problem.ts';
import { validJson } from '../validation.ts';

const SetupRequestSchema = v.strictObject({
  ...AdminRequestSchema.entries,
  setupCode: v.pipe(v.string(), v.maxLength(40)),
  displayName: AdminRequestSchema.entries.displayName.wrapped,
  level: AdminRequestSchema.entries.level.wrapped,
});

const setupDone = () =>
  new ApiProblem(409, { error: 'setup_done', message: 'LoaXa is set up already: sign in instead' });

/** The setup routes; `codePath` is where the setup code is kept (none: the first run is not offered). */
export function setupRoutes(
  store: Store,
  limits: RateLimits,
  trustProxy: boolean,
  codePath: string | undefined,
): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/', async (c) => {
    const { setupCode, ...request } = await validJson(c, SetupRequestSchema);
    if ((await store.accounts.countUsers()) > 0) throw setupDone();
    const address = clientAddress(c, trustProxy);
    const attempt = await limits.begin([SETUP_FAILURES_BY_ADDRESS, address]);
    refuseWhileLimited(attempt.wait, 'wrong setup codes');
    if (codePath === undefined || !(await matchesSetupCode(codePath, setupCode))) {
      throw new ApiProblem(403, {
        error: 'setup_code_wrong',
        message: 'Wrong setup code: it is in the server log and in DATA_DIR/setup-code',
      });
    }
    await attempt.takeBack(SETUP_FAILURES_BY_ADDRESS);
    const outcome = await createAdmin(store, request, new Date(), 'first-run screen');
    if (!outcome.ok) {
      if (outcome.problem === 'invalid') {
        throw new ApiProblem(400, {
          error: 'invalid_request',
          message: `Invalid ${outcome.field}`,
          issues: [{ field: outcome.field, message: outcome.message }],
        });
      }
      if (outcome.problem === 'login_taken' || outcome.problem === 'other_top_unit') throw setupDone();
      throw new ApiProblem(400, {
        error: 'weak_password',
        message: `The password is refused: ${outcome.problem}`,
        issues: [{ field: 'password', message: outcome.problem }],
      });
    }
    if (codePath !== undefined) await removeSetupCode(codePath);
    return c.json({ login: outcome.login, unitName: outcome.unitName }, 201);
  });
}
