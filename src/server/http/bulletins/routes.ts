import { Hono } from 'hono';
import { auditChange, auditValues } from '../../../domain/audit.ts';
import { auditStaffChange } from '../audit/record.ts';
import type { Context } from 'hono';
import { BulletinInputSchema, BulletinUpdateSchema } from '../../../domain/bulletin-input.ts';
import { BulletinListQuerySchema } from '../../../domain/staff-api.ts';
import type { BulletinList, BulletinWritten } from '../../../domain/staff-api.ts';
import type { Bulletin } from '../../../domain/schemas/bulletin.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { AuthoringResult } from '../../store/bulletin-authoring.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { idParam, notFoundProblem } from '../id-param.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

function versionConflict(current: Bulletin): ApiProblem {
  return new ApiProblem(409, {
    error: 'version_conflict',
    message: `The bulletin is at version ${current.version} now: reload it and edit again`,
  });
}

function withdrawnProblem(): ApiProblem {
  return new ApiProblem(409, {
    error: 'bulletin_withdrawn',
    message: 'The bulletin has been withdrawn and can no longer be edited: write a new bulletin',
  });
}

/** The bulletin a write answers with, or the problem that stopped it. */
function written(result: AuthoringResult): BulletinWritten {
  if (result.ok) return { bulletin: result.bulletin };
  if (result.reason === 'not_found') throw notFoundProblem('bulletin');
  throw result.reason === 'withdrawn' ? withdrawnProblem() : versionConflict(result.current);
}

/**
 * Staff bulletins under /api/bulletins. Every write needs bulletins.write on every unit the bulletin targets,
 * before and after the change, so nobody can reach, or take away from, units outside their subtree.
 */
export function bulletinRoutes(store: Store): Hono<AppEnv> {
  const authoring = store.bulletinAuthoring;

  /** The stored bulletin of `:id`, once the staff member may write to all its current targets. */
  const writable = async (c: Context<AppEnv>): Promise<Bulletin> => {
    const bulletin = await authoring.get(idParam(c, 'bulletin'));
    if (bulletin === undefined) throw notFoundProblem('bulletin');
    await authorize(c, 'bulletins.write', bulletin.targetUnitIds);
    return bulletin;
  };

  /** Publishes or withdraws `:id` at the version whose targets were just authorised. */
  const setStatus = async (c: Context<AppEnv>, status: 'published' | 'withdrawn') => {
    const bulletin = await writable(c);
    const body = written(
      await authoring.setStatus(bulletin.id, status, bulletin.version, new Date().toISOString()),
    );
    // Publishing what is already published changes nothing, so records nothing.
    if (body.bulletin.status !== bulletin.status) {
      await auditStaffChange(c, {
        action: status === 'published' ? 'bulletin.publish' : 'bulletin.withdraw',
        unitIds: bulletin.targetUnitIds,
        targetId: bulletin.id,
        ...auditChange(bulletin, body.bulletin),
      });
    }
    return c.json(body);
  };

  return new Hono<AppEnv>()
    .use(requireStaff(store))
    .get('/', async (c) => {
      const { status } = validQuery(c, BulletinListQuerySchema);
      const { unitId } = c.get('staff');
      await authorize(c, 'bulletins.read', unitId);
      // What targets the staff member's unit, an ancestor (bulletins they relay) or a unit below (their own).
      const unitIds = [
        ...(await store.accounts.ancestorIds(unitId)),
        ...(await store.accounts.subtreeIds([unitId])),
      ];
      const body: BulletinList = { bulletins: await authoring.list(unitIds, status) };
      return c.json(body);
    })
    .get('/:id', async (c) => {
      // One bulletin for its editor, so only to those who may write to it: the list shows staff the rest.
      const body: BulletinWritten = { bulletin: await writable(c) };
      return c.json(body);
    })
    .post('/', async (c) => {
      const input = await validJson(c, BulletinInputSchema);
      await authorize(c, 'bulletins.write', input.targetUnitIds);
      const body: BulletinWritten = { bulletin: await authoring.create(input, new Date().toISOString()) };
      await auditStaffChange(c, {
        action: 'bulletin.create',
        unitIds: body.bulletin.targetUnitIds,
        targetId: body.bulletin.id,
        after: auditValues(body.bulletin),
      });
      return c.json(body, 201);
    })
    .put('/:id', async (c) => {
      const update = await validJson(c, BulletinUpdateSchema);
      const bulletin = await writable(c);
      // Checked here too, not only in the store: the targets just authorised are those of this version.
      if (update.version !== bulletin.version) throw versionConflict(bulletin);
      await authorize(c, 'bulletins.write', update.targetUnitIds);
      const body = written(await authoring.update(bulletin.id, update, new Date().toISOString()));
      await auditStaffChange(c, {
        action: 'bulletin.update',
        unitIds: [...bulletin.targetUnitIds, ...body.bulletin.targetUnitIds],
        targetId: bulletin.id,
        ...auditChange(bulletin, body.bulletin),
      });
      return c.json(body);
    })
    .post('/:id/publish', (c) => setStatus(c, 'published'))
    .post('/:id/withdraw', (c) => setStatus(c, 'withdrawn'));
}
