/**
 * Staff authoring of units: create under a parent, edit (name, code, level, languages) and move. Every write
 * runs under the change lock, re-checks the placement rules (unit-input.ts) against the tree as it is then,
 * and gives the unit the next change_rev so devices pull it.
 *
 * A device pulls by its unit's lineage and languages (tables.ts), so a move or a new language also changes
 * what older rows a device may see; those rows get new revs in the same transaction so they pass every
 * device's cursor again:
 * - a move: the new ancestors and the units below the moved one (devices on either side now see them), the
 *   published bulletins targeted at the new ancestors and their slots; bulletins reachable only through the
 *   old ancestors get the moved unit in former_target_unit_ids, so its subtree's devices are told to drop them;
 * - a new language: the approved slots in it of the published bulletins the unit's devices see. Languages are
 *   per unit (a pull uses the device's own unit's), so the units below keep what they had.
 * What a device may no longer see goes by the scope a pull page carries with the device's own unit (sql-store.ts):
 * the units of the moved subtree (the edited unit's row included) are written, so their devices learn they lost
 * their old ancestors; the old ancestors no longer above the moved unit get new revs, so their devices learn
 * they lost the moved subtree; an edited unit's row tells its devices about a language it lost.
 */
import { v7 as uuidV7 } from 'uuid';
import {
  placementProblem,
  type PlacementProblem,
  type UnitInput,
  type UnitUpdate,
} from '../../domain/unit-input.ts';
import type { Unit, UnitLevel } from '../../domain/schemas/unit.ts';
import type { SqlExecutor } from './sql.ts';
import type { SyncedWrites } from './sql-store.ts';
import { ancestorIds, findUnit, subtreeIds } from './unit-tree.ts';

const CHILD_LEVELS_SQL = 'SELECT level FROM units WHERE parent_id = $1';

const BUMP_UNITS_SQL = "UPDATE units SET rev = nextval('change_rev') WHERE id = ANY($1::uuid[])";

/** Published bulletins targeted at any of $1, re-sent with their slots; returns their ids. */
const BUMP_BULLETINS_SQL = `UPDATE bulletins SET rev = nextval('change_rev')
  WHERE status = 'published' AND target_unit_ids && $1::uuid[] RETURNING id`;

const BUMP_BULLETIN_SLOTS_SQL = `UPDATE language_slots SET rev = nextval('change_rev')
  WHERE bulletin_id = ANY($1::uuid[])`;

/**
 * Bulletins sent through an old ancestor ($1) and not reaching the new lineage ($2): the moved unit $3 joins
 * their former targets (the trigger leaves them alone, as targets do not change) and a new rev sends the
 * withdrawal to the moved subtree.
 */
const FORGET_BULLETINS_SQL = `UPDATE bulletins
  SET former_target_unit_ids = CASE WHEN $3::uuid = ANY(former_target_unit_ids) THEN former_target_unit_ids
      ELSE former_target_unit_ids || $3::uuid END,
    rev = nextval('change_rev')
  WHERE status IN ('published', 'withdrawn') AND target_unit_ids && $1::uuid[]
    AND NOT target_unit_ids && $2::uuid[]`;

/** Approved slots in languages $1 of the published bulletins targeted at the lineage $2. */
const BUMP_LANGUAGE_SLOTS_SQL = `UPDATE language_slots SET rev = nextval('change_rev')
  WHERE status = 'approved' AND lang = ANY($1::text[])
    AND bulletin_id IN (SELECT id FROM bulletins WHERE status = 'published' AND target_unit_ids && $2::uuid[])`;

/** What a write found: the unit now, or why it did not happen. */
export type UnitWriteResult =
  | { ok: true; unit: Unit }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; current: Unit }
  | { ok: false; reason: 'placement'; problem: PlacementProblem };

/** Unit writes for the staff workspace. */
export interface UnitAuthoring {
  /** One unit, or undefined. */
  get(id: string): Promise<Unit | undefined>;
  /** Stores `input` as a new unit under its parent, changed at `now` (not_found: no such parent). */
  create(input: UnitInput, now: string): Promise<UnitWriteResult>;
  /** Replaces unit `id` with `update`, if `update.updatedAt` is still its updatedAt. */
  update(id: string, update: UnitUpdate, now: string): Promise<UnitWriteResult>;
}

/** The placement problem of `unit` under `parentId` in the tree as `tx` sees it; undefined: no such parent. */
async function checkPlacement(
  tx: SqlExecutor,
  unit: { id: string | null; level: UnitLevel; currentParentId: string | null | undefined },
  parentId: string | null,
): Promise<PlacementProblem | null | undefined> {
  const parentUnit = parentId === null ? null : await findUnit(tx, parentId);
  if (parentUnit === undefined) return undefined;
  const parent = parentUnit && {
    id: parentUnit.id,
    level: parentUnit.level,
    ancestorIds: await ancestorIds(tx, parentUnit.id),
  };
  const childLevels =
    unit.id === null
      ? []
      : (await tx.query<{ level: UnitLevel }>(CHILD_LEVELS_SQL, [unit.id])).map((row) => row.level);
  return placementProblem({
    unitId: unit.id,
    level: unit.level,
    currentParentId: unit.currentParentId,
    parent,
    childLevels,
  });
}

/** A timestamp after `previous`: `now`, or a millisecond later than `previous` if the clock has not passed it. */
function nextUpdatedAt(previous: string, now: string): string {
  return Date.parse(now) > Date.parse(previous) ? now : new Date(Date.parse(previous) + 1).toISOString();
}

/** Unit `id` as stored, inside the transaction that just wrote it. */
async function readWritten(tx: SqlExecutor, id: string): Promise<Unit> {
  const unit = await findUnit(tx, id);
  if (unit === undefined) throw new Error(`Unit ${id} was written but cannot be read back`);
  return unit;
}

/** Re-sends to devices what `before` → `after` lets them see (see the header). */
async function resendReach(tx: SqlExecutor, before: Unit, after: Unit, oldAncestors: readonly string[]) {
  const lineage = [after.id, ...(await ancestorIds(tx, after.id))];
  if (after.parentId !== before.parentId) {
    const gained = lineage.filter((id) => !oldAncestors.includes(id) && id !== after.id);
    const lost = oldAncestors.filter((id) => !lineage.includes(id));
    const below = (await subtreeIds(tx, [after.id])).filter((id) => id !== after.id);
    await tx.query(BUMP_UNITS_SQL, [[...gained, ...below, ...lost]]);
    const bulletinIds = (await tx.query<{ id: string }>(BUMP_BULLETINS_SQL, [gained])).map((row) => row.id);
    await tx.query(BUMP_BULLETIN_SLOTS_SQL, [bulletinIds]);
    await tx.query(FORGET_BULLETINS_SQL, [lost, lineage, after.id]);
  }
  const newLanguages = after.languages.filter((code) => !before.languages.includes(code));
  if (newLanguages.length > 0) await tx.query(BUMP_LANGUAGE_SLOTS_SQL, [newLanguages, lineage]);
}

/** Unit authoring on the store's engine and synced writes. */
export function createUnitAuthoring(db: SqlExecutor, writes: SyncedWrites): UnitAuthoring {
  return {
    get: (id) => findUnit(db, id),

    create: (input, now) =>
      writes.write(async (tx): Promise<UnitWriteResult> => {
        const unit: Unit = { ...input, id: uuidV7(), updatedAt: now, rev: 0 };
        const problem = await checkPlacement(tx, { ...unit, currentParentId: undefined }, input.parentId);
        if (problem === undefined) return { ok: false, reason: 'not_found' };
        if (problem !== null) return { ok: false, reason: 'placement', problem };
        // The rev given is ignored: the upsert draws the real one.
        await writes.upsertUnits(tx, [unit]);
        return { ok: true, unit: await readWritten(tx, unit.id) };
      }),

    update: (id, { updatedAt, ...content }, now) =>
      writes.write(async (tx): Promise<UnitWriteResult> => {
        const current = await findUnit(tx, id);
        if (current === undefined) return { ok: false, reason: 'not_found' };
        if (Date.parse(current.updatedAt) !== Date.parse(updatedAt))
          return { ok: false, reason: 'conflict', current };
        const wanted: Unit = { ...current, ...content };
        // Saving an unchanged form sends nothing new to anyone.
        if (JSON.stringify(wanted) === JSON.stringify(current)) return { ok: true, unit: current };
        const problem = await checkPlacement(
          tx,
          { id, level: wanted.level, currentParentId: current.parentId },
          wanted.parentId,
        );
        if (problem === undefined) return { ok: false, reason: 'not_found' };
        if (problem !== null) return { ok: false, reason: 'placement', problem };
        const oldAncestors = await ancestorIds(tx, id);
        await writes.upsertUnits(tx, [{ ...wanted, updatedAt: nextUpdatedAt(current.updatedAt, now) }]);
        await resendReach(tx, current, wanted, oldAncestors);
        return { ok: true, unit: await readWritten(tx, id) };
      }),
  };
}
