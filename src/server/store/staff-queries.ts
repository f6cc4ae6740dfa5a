/**
 * Reads of the staff workspace that no device makes: the units a staff account sees and the broadcast logs
 * received from its units, with their verification, paged newest first by a keyset (startedAt, id) so a page
 * never repeats or skips a log when new ones arrive between pages.
 */
import type { Unit } from '../../domain/schemas/unit.ts';
import type { Verification } from '../../domain/schemas/broadcast-log.ts';
import type { ReceivedLog } from '../../domain/sync.ts';
import type { LogDetail } from '../../domain/staff-api.ts';
import { compareVietnamese } from '../../domain/fold.ts';
import { RECEIVED_LOG_SELECT } from './log-store.ts';
import type { SqlExecutor } from './sql.ts';
import { UNITS, selectColumnsSql } from './tables.ts';
import { ancestorIds, subtreeIds } from './unit-tree.ts';

const UNITS_SQL = `SELECT ${selectColumnsSql(UNITS)} FROM units WHERE id = ANY($1::uuid[])`;

/** $1 units, $2/$3 started in [from, to), $4 verification, $5/$6 keyset position, $7 rows; nulls filter nothing. */
const LOGS_SQL = `SELECT ${RECEIVED_LOG_SELECT} FROM broadcast_logs
  WHERE unit_id = ANY($1::uuid[])
    AND ($2::timestamptz IS NULL OR started_at >= $2::timestamptz)
    AND ($3::timestamptz IS NULL OR started_at < $3::timestamptz)
    AND ($4::text IS NULL OR verification = $4::text)
    AND ($5::timestamptz IS NULL OR (started_at, id) < ($5::timestamptz, $6::uuid))
  ORDER BY started_at DESC, id DESC
  LIMIT $7`;

/** One log with why it is not verified and its device's label. */
const LOG_SQL = `SELECT ${RECEIVED_LOG_SELECT}, broadcast_logs.verification_detail AS "problem",
    devices.label AS "deviceLabel"
  FROM broadcast_logs JOIN devices ON devices.id = broadcast_logs.device_id
  WHERE broadcast_logs.id = $1`;

/**
 * The chain of device $1 up to seq $2: logs held, broken ones, and the first seq with no log, found as seq 1 or
 * the seq after a held log whose successor is not held.
 */
const CHAIN_SQL = `SELECT count(*)::integer AS "held",
    (count(*) FILTER (WHERE verification = 'broken_chain'))::integer AS "broken",
    CASE WHEN bool_or(seq = 1) IS NOT TRUE THEN 1 ELSE (
      SELECT min(a.seq) + 1 FROM broadcast_logs AS a
      WHERE a.device_id = $1 AND a.seq < $2
        AND NOT EXISTS (SELECT 1 FROM broadcast_logs AS b WHERE b.device_id = $1 AND b.seq = a.seq + 1)
    ) END AS "firstMissing"
  FROM broadcast_logs WHERE device_id = $1 AND seq <= $2`;

/** Where a page of logs ends: the last log's start and id. */
export interface LogPosition {
  startedAt: string;
  id: string;
}

/** Which logs a page holds. Instants are ISO timestamps; `to` is exclusive. */
export interface LogSelection {
  unitIds: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  verification?: Verification | undefined;
  before?: LogPosition | undefined;
  limit: number;
}

/** Staff reads of units and logs. */
export interface StaffQueries {
  /** `unitId`, its ancestors and every unit below it, parents before children, siblings by name. */
  visibleUnits(unitId: string): Promise<Unit[]>;
  /** Logs of the selection, newest first; `next` is where the following page starts, if there is one. */
  logs(selection: LogSelection): Promise<{ logs: ReceivedLog[]; next: LogPosition | null }>;
  /** One log with its verification problem, device and chain status; undefined when no log has this id. */
  logDetail(id: string): Promise<LogDetail | undefined>;
}

/** Sorts units so every parent in the list comes before its children, siblings in Vietnamese order. */
function parentsFirst(units: Unit[]): Unit[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const depth = new Map<string, number>();
  const depthOf = (unit: Unit, seen: Set<string>): number => {
    const known = depth.get(unit.id);
    if (known !== undefined) return known;
    const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
    // A parent outside the list (or a cycle in bad data) makes the unit a root of the list.
    const value = parent === undefined || seen.has(parent.id) ? 0 : depthOf(parent, seen.add(unit.id)) + 1;
    depth.set(unit.id, value);
    return value;
  };
  return [...units].sort(
    (a, b) => depthOf(a, new Set()) - depthOf(b, new Set()) || compareVietnamese(a.name, b.name),
  );
}

/** Staff queries on the store's engine. */
export function createStaffQueries(db: SqlExecutor): StaffQueries {
  return {
    async visibleUnits(unitId) {
      const ids = [...(await ancestorIds(db, unitId)), ...(await subtreeIds(db, [unitId]))];
      return parentsFirst(await db.query<Unit>(UNITS_SQL, [ids]));
    },

    async logs({ unitIds, from, to, verification, before, limit }) {
      const rows = await db.query<ReceivedLog>(LOGS_SQL, [
        unitIds,
        from ?? null,
        to ?? null,
        verification ?? null,
        before?.startedAt ?? null,
        before?.id ?? null,
        limit + 1,
      ]);
      const logs = rows.slice(0, limit);
      const last = logs.at(-1);
      const next =
        rows.length > limit && last !== undefined ? { startedAt: last.startedAt, id: last.id } : null;
      return { logs, next };
    },

    async logDetail(id) {
      const [row] = await db.query<ReceivedLog & Pick<LogDetail, 'problem' | 'deviceLabel'>>(LOG_SQL, [id]);
      if (row === undefined) return undefined;
      const { problem, deviceLabel, ...log } = row;
      const [chain] = await db.query<LogDetail['chain']>(CHAIN_SQL, [log.deviceId, log.seq]);
      // The log itself is held, so the aggregate always has its one row.
      return { log, problem, deviceLabel, chain: chain ?? { held: 1, broken: 0, firstMissing: null } };
    },
  };
}
