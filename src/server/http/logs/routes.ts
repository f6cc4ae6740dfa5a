import { Hono } from 'hono';
import * as v from 'valibot';
import { VIETNAM_TIME_ZONE } from '../../../domain/airing.ts';
import { daySpanInstants } from '../../../domain/dates.ts';
import { IdSchema, TimestampSchema } from '../../../domain/schemas/common.ts';
import { LogQuerySchema } from '../../../domain/staff-api.ts';
import type { LogPage } from '../../../domain/staff-api.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { LogPosition } from '../../store/staff-queries.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem } from '../problem.ts';
import { validQuery } from '../validation.ts';

const PositionSchema = v.strictTuple([TimestampSchema, IdSchema]);

/** The opaque `next` of a page: where it ended, as base64url JSON, which clients pass back untouched. */
function encodePosition({ startedAt, id }: LogPosition): string {
  return Buffer.from(JSON.stringify([startedAt, id])).toString('base64url');
}

/** The position a `before` cursor names; 400 when it is not one this server made. */
function decodePosition(cursor: string): LogPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!v.is(PositionSchema, decoded)) {
    throw new ApiProblem(400, {
      error: 'invalid_request',
      message: 'Invalid before',
      issues: [{ field: 'before', message: 'Not a cursor from a previous page' }],
    });
  }
  return { startedAt: decoded[0], id: decoded[1] };
}

/**
 * GET /api/logs: the logs received from a unit and the units below it (the staff member's own unit unless
 * `unitId` names one they may read), with their verification, newest first, a page at a time.
 */
export function logRoutes(store: Store): Hono<AppEnv> {
  return new Hono<AppEnv>().use(requireStaff(store)).get('/', async (c) => {
    const query = validQuery(c, LogQuerySchema);
    const unitId = query.unitId ?? c.get('staff').unitId;
    await authorize(c, 'logs.read', unitId);
    // Days are Vietnamese calendar days, as staff and the reports count them.
    const page = await store.staffQueries.logs({
      unitIds: await store.accounts.subtreeIds([unitId]),
      ...daySpanInstants(query, VIETNAM_TIME_ZONE),
      verification: query.verification,
      before: query.before === undefined ? undefined : decodePosition(query.before),
      limit: query.limit,
    });
    const body: LogPage = { logs: page.logs, next: page.next === null ? null : encodePosition(page.next) };
    return c.json(body);
  });
}
