/**
 * What the coverage dashboard and the reports read of a unit's subtree over a period, in SQL so it scales to
 * millions of logs. Policy:
 * - airing facts are the domain's airingFactsOf kept by the database: the airing_facts table, which triggers on
 *   broadcast_logs maintain as logs arrive and are re-verified (migration 004). A log corrected by another stored
 *   log does not count (its correction does), a broadcast belongs to the Vietnam calendar day it started on
 *   (`AT TIME ZONE`, whatever the session's time zone), and facts are kept per unit, bulletin, day, channel and
 *   language, complete and partial airings apart (migration 006). tests/server/coverage.test.ts holds them equal
 *   to airingFactsOf of the stored logs;
 * - the logs read directly (stops, broken logs) are selected by the period's days turned into instants by the
 *   database too, so the range on (unit_id, started_at) stays a plain index range;
 * - vehicle stops, like facts, leave corrected logs out; broken logs list what verification refused, corrected
 *   or not, because they are evidence problems to look at.
 */
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import type {
  CoverageReport,
  MapBounds,
  RefusedLogSummary,
  SilentDevice,
  VehicleStop,
} from '../../domain/coverage-report.ts';
import type { AiringFact, CoverageBulletin, CoverageUnit, ReportPeriod } from '../../domain/coverage.ts';
import type { ReceivedLog } from '../../domain/sync.ts';
import { RECEIVED_LOG_SELECT } from './log-store.ts';
import type { SqlEngine } from './sql.ts';
import { ancestorIds, subtreeIds } from './unit-tree.ts';

/** The time zone of the calendar days, as a SQL literal (a constant, so it is not a parameter). */
const ZONE = `'${VIETNAM_TIME_ZONE}'`;

/** `column` within $2/$3 (yyyy-mm-dd): the half-open range [start of $2, start of the day after $3) in Vietnam. */
function inPeriod(column: string): string {
  return `${column} >= ($2::date::timestamp AT TIME ZONE ${ZONE})
    AND ${column} < (($3::date + 1)::timestamp AT TIME ZONE ${ZONE})`;
}

/** Logs started within the period. */
const IN_PERIOD = inPeriod('broadcast_logs.started_at');

/** Logs no other stored log corrects. */
const COUNTED = `NOT EXISTS (
    SELECT 1 FROM broadcast_logs AS correction WHERE correction.corrects_log_id = broadcast_logs.id
  )`;

/** $1 units, $2/$3 period: the airing facts (see the header). */
const FACTS_SQL = `SELECT unit_id AS "unitId", bulletin_id AS "bulletinId", day, channel, lang, broadcasts, partial,
    seconds::float8 AS "seconds", verified
  FROM airing_facts
  WHERE unit_id = ANY($1::uuid[]) AND day >= $2::date AND day <= $3::date AND (broadcasts > 0 OR partial > 0)`;

const UNITS_SQL = `SELECT id, parent_id AS "parentId", level, name FROM units WHERE id = ANY($1::uuid[])`;

/** $1 units that may be bound (subtree and ancestors), $2 bulletins the facts name. */
const BULLETINS_SQL = `SELECT id, status, topic, airing, valid_from AS "validFrom", valid_until AS "validUntil",
    target_unit_ids AS "targetUnitIds"
  FROM bulletins
  WHERE id = ANY($2::uuid[])
    OR (status IN ('published', 'withdrawn') AND target_unit_ids && $1::uuid[])`;

/** $1 units, $2/$3 period, $4 rows: counted logs with a position, the most recent first. */
const STOPS_SQL = `SELECT broadcast_logs.id AS "logId", broadcast_logs.unit_id AS "unitId",
    broadcast_logs.channel AS "channel", broadcast_logs.location_lat AS "lat", broadcast_logs.location_lng AS "lng",
    broadcast_logs.started_at AS "startedAt", broadcast_logs.place_name AS "placeName"
  FROM broadcast_logs
  WHERE broadcast_logs.unit_id = ANY($1::uuid[]) AND ${IN_PERIOD}
    AND broadcast_logs.location_lat IS NOT NULL AND ${COUNTED}
  ORDER BY broadcast_logs.started_at DESC, broadcast_logs.id DESC
  LIMIT $4`;

/** $1 units, $2/$3 period: how many stops there are and the box around them. */
const STOP_BOUNDS_SQL = `SELECT count(*) AS "total",
    min(broadcast_logs.location_lat) AS "minLat", max(broadcast_logs.location_lat) AS "maxLat",
    min(broadcast_logs.location_lng) AS "minLng", max(broadcast_logs.location_lng) AS "maxLng"
  FROM broadcast_logs
  WHERE broadcast_logs.unit_id = ANY($1::uuid[]) AND ${IN_PERIOD}
    AND broadcast_logs.location_lat IS NOT NULL AND ${COUNTED}`;

/** $1 units, $2/$3 period. */
const BROKEN_COUNT_SQL = `SELECT count(*) AS "count" FROM broadcast_logs
  WHERE broadcast_logs.unit_id = ANY($1::uuid[]) AND ${IN_PERIOD} AND broadcast_logs.verification <> 'verified'`;

/** $1 units, $2/$3 period, $4 rows. */
const BROKEN_LATEST_SQL = `SELECT ${RECEIVED_LOG_SELECT} FROM broadcast_logs
  WHERE broadcast_logs.unit_id = ANY($1::uuid[]) AND ${IN_PERIOD} AND broadcast_logs.verification <> 'verified'
  ORDER BY broadcast_logs.started_at DESC, broadcast_logs.id DESC
  LIMIT $4`;

/** Refused logs of the units that arrived in the period. */
const REFUSED_IN = `refused_logs.unit_id = ANY($1::uuid[]) AND ${inPeriod('refused_logs.received_at')}`;

/** $1 units, $2/$3 period. */
const REFUSED_COUNT_SQL = `SELECT count(*)::integer AS "count",
    count(*) FILTER (WHERE reason = 'not_signed')::integer AS "notSigned"
  FROM refused_logs WHERE ${REFUSED_IN}`;

/** $1 units, $2/$3 period, $4 rows. */
const REFUSED_LATEST_SQL = `SELECT refused_logs.log_id AS "logId", refused_logs.device_id AS "deviceId",
    devices.label AS "deviceLabel", refused_logs.unit_id AS "unitId", refused_logs.received_at AS "receivedAt",
    refused_logs.seq, refused_logs.reason, refused_logs.problem
  FROM refused_logs JOIN devices ON devices.id = refused_logs.device_id
  WHERE ${REFUSED_IN}
  ORDER BY refused_logs.id DESC
  LIMIT $4`;

/**
 * $1 units, $2 the instant before which a device is silent. Silence counts from the last request, or from the
 * enrolment when there was none; the last log is the head of the device's chain (highest seq).
 */
const SILENT_SQL = `SELECT devices.id AS "deviceId", devices.unit_id AS "unitId", devices.label AS "label",
    devices.last_seen_at AS "lastSeenAt", head.started_at AS "lastLogAt"
  FROM devices
  LEFT JOIN LATERAL (
    SELECT broadcast_logs.started_at FROM broadcast_logs
    WHERE broadcast_logs.device_id = devices.id ORDER BY broadcast_logs.seq DESC LIMIT 1
  ) AS head ON true
  WHERE devices.unit_id = ANY($1::uuid[]) AND devices.revoked_at IS NULL
    AND coalesce(devices.last_seen_at, devices.enrolled_at) < $2::timestamptz
  ORDER BY coalesce(devices.last_seen_at, devices.enrolled_at), devices.id`;

/** What computeCoverage needs for one root unit and period. */
export interface CoverageInput {
  /** The root's subtree and its ancestors. */
  units: CoverageUnit[];
  /** Bulletins that may bind a unit of the subtree, and every bulletin the facts name. */
  bulletins: CoverageBulletin[];
  facts: AiringFact[];
}

/** Coverage reads (see the header). `unitIds` are a whole subtree, as subtreeIds gives it. */
export interface CoverageStore {
  /** The airing facts of the units over the period: airingFactsOf of their stored logs. */
  airingFacts(unitIds: readonly string[], period: ReportPeriod): Promise<AiringFact[]>;
  /** Units, bulletins and facts for the coverage of `rootUnitId`'s subtree over the period. */
  coverageInput(rootUnitId: string, period: ReportPeriod): Promise<CoverageInput>;
  /** The most recent `limit` stops of the period, how many there are, and the box around all of them. */
  vehicleStops(
    unitIds: readonly string[],
    period: ReportPeriod,
    limit: number,
  ): Promise<{ total: number; stops: VehicleStop[]; bounds: MapBounds | null }>;
  /** Devices of the units, not revoked, not heard from since `silentSince` (an ISO instant). */
  silentDevices(unitIds: readonly string[], silentSince: string): Promise<SilentDevice[]>;
  /** How many devices of the units are not revoked. */
  enrolledDevices(unitIds: readonly string[]): Promise<number>;
  /** How many logs of the period are not verified, and the latest `limit` of them. */
  brokenLogs(
    unitIds: readonly string[],
    period: ReportPeriod,
    limit: number,
  ): Promise<{ count: number; latest: ReceivedLog[] }>;
  /** How many logs pushes brought in the period were refused (and how many unsigned), the latest `limit`. */
  refusedLogs(
    unitIds: readonly string[],
    period: ReportPeriod,
    limit: number,
  ): Promise<CoverageReport['refusedLogs']>;
}

/** Coverage reads on the store's engine. */
export function createCoverageStore(engine: SqlEngine): CoverageStore {
  const airingFacts = (unitIds: readonly string[], period: ReportPeriod): Promise<AiringFact[]> =>
    engine.query<AiringFact & Record<string, unknown>>(FACTS_SQL, [unitIds, period.from, period.to]);

  return {
    airingFacts,

    async coverageInput(rootUnitId, period) {
      const subtree = await subtreeIds(engine, [rootUnitId]);
      const lineage = [...subtree, ...(await ancestorIds(engine, rootUnitId))];
      const [units, facts] = await Promise.all([
        engine.query<CoverageUnit & Record<string, unknown>>(UNITS_SQL, [lineage]),
        airingFacts(subtree, period),
      ]);
      const named = [
        ...new Set(facts.flatMap((fact) => (fact.bulletinId === null ? [] : [fact.bulletinId]))),
      ];
      const bulletins = await engine.query<CoverageBulletin & Record<string, unknown>>(BULLETINS_SQL, [
        lineage,
        named,
      ]);
      return { units, bulletins, facts };
    },

    async vehicleStops(unitIds, period, limit) {
      const params = [unitIds, period.from, period.to];
      const [[summary], stops] = await Promise.all([
        engine.query<{ total: number } & MapBounds & Record<string, unknown>>(STOP_BOUNDS_SQL, params),
        engine.query<VehicleStop & Record<string, unknown>>(STOPS_SQL, [...params, limit]),
      ]);
      const total = summary?.total ?? 0;
      // With no stop the minima and maxima are null: there is no box to draw.
      const bounds =
        summary !== undefined && total > 0
          ? { minLat: summary.minLat, maxLat: summary.maxLat, minLng: summary.minLng, maxLng: summary.maxLng }
          : null;
      return { total, stops, bounds };
    },

    silentDevices: (unitIds, silentSince) =>
      engine.query<SilentDevice & Record<string, unknown>>(SILENT_SQL, [unitIds, silentSince]),

    async enrolledDevices(unitIds) {
      const [row] = await engine.query<{ count: number }>(
        'SELECT count(*)::integer AS count FROM devices WHERE unit_id = ANY($1::uuid[]) AND revoked_at IS NULL',
        [unitIds],
      );
      return row?.count ?? 0;
    },

    async brokenLogs(unitIds, period, limit) {
      const params = [unitIds, period.from, period.to];
      const [[counted], latest] = await Promise.all([
        engine.query<{ count: number }>(BROKEN_COUNT_SQL, params),
        engine.query<ReceivedLog>(BROKEN_LATEST_SQL, [...params, limit]),
      ]);
      return { count: counted?.count ?? 0, latest };
    },

    async refusedLogs(unitIds, period, limit) {
      const params = [unitIds, period.from, period.to];
      const [[counted], latest] = await Promise.all([
        engine.query<{ count: number; notSigned: number }>(REFUSED_COUNT_SQL, params),
        engine.query<RefusedLogSummary & Record<string, unknown>>(REFUSED_LATEST_SQL, [...params, limit]),
      ]);
      return { count: counted?.count ?? 0, notSigned: counted?.notSigned ?? 0, latest };
    },
  };
}
