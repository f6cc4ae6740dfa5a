/**
 * The evidence rows of a report: every stored log of some units started within a period (Vietnam calendar days),
 * oldest first, with the unit's name and the bulletin's title. Read in pages by keyset on (started_at, id), so a
 * million-log period streams into the XLSX and CSV exports without being held, and the DOCX, which stops after
 * its cap, reads only the first pages. Corrected logs stay in the list: it is the evidence, not the count.
 */
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import type { ReportPeriod } from '../../domain/coverage.ts';
import { addDays, startOfDay } from '../../domain/dates.ts';
import type { ReportLog } from '../../domain/report.ts';
import { RECEIVED_LOG_SELECT } from './log-store.ts';
import type { SqlExecutor } from './sql.ts';

/** Rows per query: few round trips for a million logs, a small page in memory. */
export const REPORT_LOG_PAGE = 2_000;

/** $1 units, [$2, $3) instants, after ($4, $5) when $4 is given, $6 rows. */
const PAGE_SQL = `SELECT ${RECEIVED_LOG_SELECT}, units.name AS "unitName", bulletins.title AS "bulletinTitle"
  FROM broadcast_logs
  JOIN units ON units.id = broadcast_logs.unit_id
  LEFT JOIN bulletins ON bulletins.id = broadcast_logs.bulletin_id
  WHERE broadcast_logs.unit_id = ANY($1::uuid[])
    AND broadcast_logs.started_at >= $2::timestamptz AND broadcast_logs.started_at < $3::timestamptz
    AND ($4::timestamptz IS NULL OR (broadcast_logs.started_at, broadcast_logs.id) > ($4::timestamptz, $5::uuid))
  ORDER BY broadcast_logs.started_at, broadcast_logs.id
  LIMIT $6`;

/** Reads of the evidence rows. */
export interface ReportLogStore {
  /** The logs of `unitIds` started within the period, oldest first, page by page. */
  reportLogs(unitIds: readonly string[], period: ReportPeriod, pageSize?: number): AsyncGenerator<ReportLog>;
}

/** Evidence reads on the store's engine. */
export function createReportLogStore(sql: SqlExecutor): ReportLogStore {
  return {
    async *reportLogs(unitIds, period, pageSize = REPORT_LOG_PAGE) {
      const from = startOfDay(period.from, VIETNAM_TIME_ZONE).toISOString();
      const until = startOfDay(addDays(period.to, 1), VIETNAM_TIME_ZONE).toISOString();
      let after: { startedAt: string; id: string } | null = null;
      for (;;) {
        const rows: ReportLog[] = await sql.query<ReportLog & Record<string, unknown>>(PAGE_SQL, [
          unitIds,
          from,
          until,
          after?.startedAt ?? null,
          after?.id ?? null,
          pageSize,
        ]);
        yield* rows;
        const last = rows.at(-1);
        if (rows.length < pageSize || !last) return;
        after = { startedAt: last.startedAt, id: last.id };
      }
    },
  };
}
