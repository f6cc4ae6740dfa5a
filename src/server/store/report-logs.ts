/**
 * The evidence rows of a report: every stored log of some units started within a period (Vietnam calendar days),
 * oldest first, with the unit's name and the bulletin's title. Read in pages, so a million-log period streams into
 * the XLSX and CSV exports without being held, and the DOCX, which stops after its cap, reads only the first
 * pages. Corrected logs stay in the list: it is the evidence, not the count.
 *
 * Pages are read window by window of whole Vietnam days, by keyset on (started_at, id) within a window. The
 * index on (unit_id, started_at) bounds each query to its window, which has to be sorted for the page: a page
 * taken from the whole period would sort every remaining log of the subtree for every page (a second per page
 * for a province's year of a million logs). Windows are sized to hold about a page at the density of the last
 * one, so a busy province reads day by day and a quiet commune's year takes a few queries.
 */
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import type { ReportPeriod } from '../../domain/coverage.ts';
import { addDays, startOfDay } from '../../domain/dates.ts';
import type { ReportLog } from '../../domain/report.ts';
import { RECEIVED_LOG_SELECT } from './log-store.ts';
import type { SqlExecutor } from './sql.ts';

/** Rows per query: few round trips for a million logs, a small page in memory. */
export const REPORT_LOG_PAGE = 2_000;

/** The longest window, in days: a window grows at most twofold from one to the next. */
const MAX_WINDOW_DAYS = 64;

/** $1 units, [$2, $3) instants, after ($2, $4) when $4 is given (the keyset within the window), $5 rows. */
const PAGE_SQL = `SELECT ${RECEIVED_LOG_SELECT}, units.name AS "unitName", bulletins.title AS "bulletinTitle"
  FROM broadcast_logs
  JOIN units ON units.id = broadcast_logs.unit_id
  LEFT JOIN bulletins ON bulletins.id = broadcast_logs.bulletin_id
  WHERE broadcast_logs.unit_id = ANY($1::uuid[])
    AND broadcast_logs.started_at >= $2::timestamptz AND broadcast_logs.started_at < $3::timestamptz
    AND ($4::uuid IS NULL OR (broadcast_logs.started_at, broadcast_logs.id) > ($2::timestamptz, $4::uuid))
  ORDER BY broadcast_logs.started_at, broadcast_logs.id
  LIMIT $5`;

/** Reads of the evidence rows. */
export interface ReportLogStore {
  /** The logs of `unitIds` started within the period, oldest first, page by page. */
  reportLogs(unitIds: readonly string[], period: ReportPeriod, pageSize?: number): AsyncGenerator<ReportLog>;
}

/** The days of the next window: about a page at the last window's density, at most twice as many days. */
function nextWindow(days: number, read: number, pageSize: number): number {
  const aimed = read === 0 ? Infinity : Math.floor((days * pageSize) / read);
  return Math.max(1, Math.min(aimed, 2 * days, MAX_WINDOW_DAYS));
}

/** Evidence reads on the store's engine. */
export function createReportLogStore(sql: SqlExecutor): ReportLogStore {
  const instant = (isoDate: string) => startOfDay(isoDate, VIETNAM_TIME_ZONE).toISOString();
  return {
    async *reportLogs(unitIds, period, pageSize = REPORT_LOG_PAGE) {
      const end = addDays(period.to, 1);
      let days = 1;
      for (let from = period.from; from < end;) {
        const next = addDays(from, days);
        const until = next < end ? next : end;
        let read = 0;
        let after: { startedAt: string; id: string } | null = null;
        for (;;) {
          const rows: ReportLog[] = await sql.query<ReportLog & Record<string, unknown>>(PAGE_SQL, [
            unitIds,
            after?.startedAt ?? instant(from),
            instant(until),
            after?.id ?? null,
            pageSize,
          ]);
          yield* rows;
          read += rows.length;
          const last = rows.at(-1);
          if (rows.length < pageSize || !last) break;
          after = { startedAt: last.startedAt, id: last.id };
        }
        days = nextWindow(days, read, pageSize);
        from = until;
      }
    },
  };
}
