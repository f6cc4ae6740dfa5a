/**
 * Queries over the unit tree (units.parent_id) with recursive CTEs, for authorisation and per-unit
 * visibility. Every walk stops at a cycle, so bad data cannot make a query run forever.
 */
import { unitRelation } from '../../domain/authz.ts';
import type { UnitRelation } from '../../domain/authz.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { SqlExecutor } from './sql.ts';
import { UNITS, selectColumnsSql } from './tables.ts';

/** The units $1 (uuid[]) and all their ancestors as (id, parent_id); UNION drops repeats, ending cycles. */
const CHAINS_SQL = `WITH RECURSIVE chain(id, parent_id) AS (
    SELECT id, parent_id FROM units WHERE id = ANY($1::uuid[])
    UNION
    SELECT units.id, units.parent_id FROM units JOIN chain ON units.id = chain.parent_id
  ) SELECT id, parent_id AS "parentId" FROM chain`;

const ANCESTORS_SQL = `WITH RECURSIVE up(id, parent_id, depth, path) AS (
    SELECT id, parent_id, 0, ARRAY[id] FROM units WHERE id = $1
    UNION ALL
    SELECT units.id, units.parent_id, up.depth + 1, up.path || units.id
    FROM units JOIN up ON units.id = up.parent_id
    WHERE NOT units.id = ANY(up.path)
  ) SELECT id FROM up WHERE depth > 0 ORDER BY depth`;

const SUBTREE_SQL = `WITH RECURSIVE down(id) AS (
    SELECT id FROM units WHERE id = ANY($1::uuid[])
    UNION
    SELECT units.id FROM units JOIN down ON units.parent_id = down.id
  ) SELECT id FROM down`;

const UNIT_SQL = `SELECT ${selectColumnsSql(UNITS)} FROM units WHERE id = $1`;

/**
 * Where each of `targetIds` sits relative to `actorUnitId` (same, below, above, unrelated), by the domain
 * rule over the parent chains read in one query. An unknown target is unrelated.
 */
export async function unitRelations(
  db: SqlExecutor,
  actorUnitId: string,
  targetIds: readonly string[],
): Promise<UnitRelation[]> {
  const rows = await db.query<{ id: string; parentId: string | null }>(CHAINS_SQL, [
    [actorUnitId, ...targetIds],
  ]);
  const parents = new Map(rows.map((row) => [row.id, row.parentId]));
  return targetIds.map((targetId) => unitRelation(actorUnitId, targetId, (id) => parents.get(id)));
}

/** Ids of the ancestors of `unitId`, nearest first (empty for a root or an unknown unit). */
export async function ancestorIds(db: SqlExecutor, unitId: string): Promise<string[]> {
  return (await db.query<{ id: string }>(ANCESTORS_SQL, [unitId])).map((row) => row.id);
}

/** Ids of `unitIds` and every unit below them (unknown ids are left out). */
export async function subtreeIds(db: SqlExecutor, unitIds: readonly string[]): Promise<string[]> {
  return (await db.query<{ id: string }>(SUBTREE_SQL, [unitIds])).map((row) => row.id);
}

const TOP_UNITS_SQL = `SELECT ${selectColumnsSql(UNITS)} FROM units WHERE parent_id IS NULL`;

/** The units at the top of the tree (a deployment has one: its province, or a district running alone). */
export function topUnits(db: SqlExecutor): Promise<Unit[]> {
  return db.query<Unit>(TOP_UNITS_SQL);
}

/** One unit in domain shape, or undefined. */
export async function findUnit(db: SqlExecutor, unitId: string): Promise<Unit | undefined> {
  const [unit] = await db.query<Unit>(UNIT_SQL, [unitId]);
  return unit;
}
