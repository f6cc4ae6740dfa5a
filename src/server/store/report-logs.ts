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
 *
 * Every row must come strictly after the one before in (started_at, id): a row read twice (or out of order) would
 * be evidence counted twice, so the read stops with an error instead, and no export is written from it.
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

/**
 * $1 units, [$2, $3) instants, after ($6 µs since the epoch, $4) when $4 is given (the keyset within the window),
 * $5 rows. The keyset carries the start in whole microseconds, as stored: the ISO string a row is read as keeps
 * only milliseconds, and a keyset on it would read again a log stored with finer time (older servers took them).
 */
const PAGE_SQL = `SELECT ${RECEIVED_LOG_SELECT}, units.name AS "unitName", bulletins.title AS "bulletinTitle",
    (extract(epoch FROM broadcast_logs.started_at) * 1000000)::bigint AS "startedAtMicros"
  FROM broadcast_logs
  JOIN units ON units.id = broadcast_logs.unit_id
  LEFT JOIN bulletins ON bulletins.id = broadcast_logs.bulletin_id
  WHERE broadcast_logs.unit_id = ANY($1::uuid[])
    AND broadcast_logs.started_at >= $2::timestamptz AND broadcast_logs.started_at < $3::timestamptz
    AND ($4::uuid IS NULL
      OR (broadcast_logs.started_at, broadcast_logs.id) > ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $4::uuid))
  ORDER BY broadcast_logs.started_at, broadcast_logs.id
  LIMIT $5`;

/** A row of a page: the log and its start in microseconds, the keyset of the next page. */
type PageRow = ReportLog & { startedAtMicros: number };

/** Reads of the evidence rows. */
export interface ReportLogStore {
  /** The logs of `unitIds` started within the period, oldest first, page by page. */
  reportLogs(unitIds: readonly string[], period: ReportPeriod, pageSize?: number): AsyncGenerator<ReportLog>;
}

/** Thrown when the pages would give a log again or out of order: an export must not go on from it. */
export class EvidenceOrderError extends Error {
  override readonly name = 'EvidenceOrderError';
}

/** Whether row `b` comes strictly after row `a` in (started_at, id) order. */
function comesAfter(a: PageRow, b: PageRow): boolean {
  return b.startedAtMicros > a.startedAtMicros || (b.startedAtMicros === a.startedAtMicros && b.id > a.id);
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
      let previous: PageRow | undefined;
      for (let from = period.from; from < end;) {
        const next = addDays(from, days);
        const until = next < end ? next : end;
        let read = 0;
        let after: PageRow | null = null;
        for (;;) {
          const rows: PageRow[] = await sql.query<PageRow & Record<string, unknown>>(PAGE_SQL, [
            unitIds,
            instant(from),
            instant(until),
            after?.id ?? null,
            pageSize,
            after?.startedAtMicros ?? null,
          ]);
          for (const row of rows) {
            if (previous !== undefined && !comesAfter(previous, row)) {
              throw new EvidenceOrderError(
                `Log ${row.id} was read again or out of order after log ${previous.id}`,
              );
            }
            previous = row;
            const { startedAtMicros: _key, ...log } = row;
            yield log;
          }
          read += rows.length;
          const last = rows.at(-1);
          if (rows.length < pageSize || !last) break;
          after = last;
        }
        days = nextWindow(days, read, pageSize);
        from = until;
      }
    },
  };
}
