import { Hono } from 'hono';
import { auditChange, auditValues } from '../../../domain/audit.ts';
import { auditStaffChange } from '../audit/record.ts';
import { UnitListQuerySchema } from '../../../domain/staff-api.ts';
import type { UnitList, UnitWritten } from '../../../domain/staff-api.ts';
import type { Unit } from '../../../domain/schemas/unit.ts';
import {
  PLACEMENT_FIELDS,
  PLACEMENT_MESSAGES,
  UnitInputSchema,
  UnitUpdateSchema,
} from '../../../domain/unit-input.ts';
import type { PlacementProblem } from '../../../domain/unit-input.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { Store } from '../../store/store.ts';
import type { UnitWriteResult } from '../../store/unit-authoring.ts';
import type { AppEnv } from '../app-env.ts';
import { idParam, notFoundProblem } from '../id-param.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

function versionConflict(current: Unit): ApiProblem {
  return new ApiProblem(409, {
    error: 'version_conflict',
    message: `The unit was changed at ${current.updatedAt}: reload it and edit again`,
  });
}

/** A move into the unit's own subtree is a conflict with the tree (409); other placements are bad input (400). */
function placementRefused(problem: PlacementProblem): ApiProblem {
  const message = PLACEMENT_MESSAGES[problem];
  if (problem === 'cycle') return new ApiProblem(409, { error: 'unit_cycle', message });
  return new ApiProblem(400, {
    error: 'invalid_request',
    message,
    issues: [{ field: PLACEMENT_FIELDS[problem], message }],
  });
}

/** The unit a write answers with, or the problem that stopped it. */
function written(result: UnitWriteResult): UnitWritten {
  if (result.ok) return { unit: result.unit };
  if (result.reason === 'not_found') throw notFoundProblem('unit');
  throw result.reason === 'conflict' ? versionConflict(result.current) : placementRefused(result.problem);
}

/**
 * Staff units under /api/units. Reading shows the staff member's unit, its ancestors and its subtree; writing
 * needs units.write on the unit and on its parent, and a move needs it on the old and the new parent, so
 * nobody takes a unit out of, or puts one into, a subtree that is not theirs.
 */
export function unitRoutes(store: Store): Hono<AppEnv> {
  const authoring = store.unitAuthoring;
  return new Hono<AppEnv>()
    .use(requireStaff(store))
    .get('/', async (c) => {
      validQuery(c, UnitListQuerySchema);
      const { unitId } = c.get('staff');
      await authorize(c, 'units.read', unitId);
      const body: UnitList = { units: await store.staffQueries.visibleUnits(unitId) };
      return c.json(body);
    })
    .post('/', async (c) => {
      const input = await validJson(c, UnitInputSchema);
      await authorize(c, 'units.write', input.parentId);
      const body = written(await authoring.create(input, new Date().toISOString()));
      await auditStaffChange(c, {
        action: 'unit.create',
        unitIds: [body.unit.id, input.parentId],
        targetId: body.unit.id,
        after: auditValues(body.unit),
      });
      return c.json(body, 201);
    })
    .put('/:id', async (c) => {
      const update = await validJson(c, UnitUpdateSchema);
      const unit = await authoring.get(idParam(c, 'unit'));
      if (unit === undefined) throw notFoundProblem('unit');
      await authorize(c, 'units.write', unit.id);
      // Checked here too, not only in the store: the parent authorised below must be the current one.
      if (Date.parse(update.updatedAt) !== Date.parse(unit.updatedAt)) throw versionConflict(unit);
      if (update.parentId !== unit.parentId) {
        const parents = [unit.parentId, update.parentId].filter((id): id is string => id !== null);
        await authorize(c, 'units.write', parents);
      }
      const body = written(await authoring.update(unit.id, update, new Date().toISOString()));
      await auditStaffChange(c, {
        action: 'unit.update',
        // A move concerns both parents' subtrees: each sees the unit leave or arrive.
        unitIds: [unit.id, ...[unit.parentId, body.unit.parentId].filter((id): id is string => id !== null)],
        targetId: unit.id,
        ...auditChange(unit, body.unit),
      });
      return c.json(body);
    });
}
