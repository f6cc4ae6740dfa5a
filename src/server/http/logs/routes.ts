import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { VIETNAM_TIME_ZONE } from '../../../domain/airing.ts';
import { daySpanInstants } from '../../../domain/dates.ts';
import { IdSchema, Sha256Schema, TimestampSchema } from '../../../domain/schemas/common.ts';
import { LogQuerySchema } from '../../../domain/staff-api.ts';
import type { LogDetail, LogPage } from '../../../domain/staff-api.ts';
import { createAttachmentFiles } from '../../attachments/attachment-files.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { LogPosition } from '../../store/staff-queries.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { attachmentHeaders } from '../attachments/routes.ts';
import { idParam, notFoundProblem } from '../id-param.ts';
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
 * The log of the `:id` path parameter with its detail, when the staff member may read its unit's logs. A log of
 * a unit outside their subtree is answered 404 like an unknown id, so ids cannot be probed across units.
 */
async function readableLog(c: Context<AppEnv>, store: Store): Promise<LogDetail> {
  const detail = await store.staffQueries.logDetail(idParam(c, 'log'));
  if (detail === undefined) throw notFoundProblem('log');
  try {
    await authorize(c, 'logs.read', detail.log.unitId);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 403) throw notFoundProblem('log');
    throw error;
  }
  return detail;
}

/**
 * GET /api/logs: the logs received from a unit and the units below it (the staff member's own unit unless
 * `unitId` names one they may read), with their verification, newest first, a page at a time.
 * GET /api/logs/:id: one of those logs with why it is not verified, its device and its chain's state.
 * GET /api/logs/:id/photos/:sha256: a photo of that log, when the server has received it (served only with
 * `attachmentsDir`), so staff see a stop's photos through the log they may read.
 */
export function logRoutes(store: Store, attachmentsDir?: string): Hono<AppEnv> {
  const files =
    attachmentsDir === undefined ? undefined : createAttachmentFiles(attachmentsDir, store.attachments);
  return new Hono<AppEnv>()
    .use(requireStaff(store))
    .get('/:id', async (c) => c.json(await readableLog(c, store)))
    .get('/:id/photos/:sha256', async (c) => {
      const { log } = await readableLog(c, store);
      const sha256 = c.req.param('sha256');
      if (!v.is(Sha256Schema, sha256) || !log.photoIds.includes(sha256)) throw notFoundProblem('photo');
      const photo = await files?.find(sha256);
      if (files === undefined || photo === undefined) {
        throw new ApiProblem(404, {
          error: 'not_found',
          message: 'The device has not uploaded this photo yet',
        });
      }
      return c.body(files.read(photo.id), 200, attachmentHeaders(photo));
    })
    .get('/', async (c) => {
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
