/**
 * Totals of broadcasts for today, this week (Monday–Sunday) and this month, in Vietnam time: how many
 * broadcasts and how many minutes on air. A corrected log counts once, as its correction, in the period its
 * correction started in; a filter applies to the logs that count (see countedLogs in log-history.ts). A partial
 * airing (completion.ts) counts in minutes and as partial, not as a broadcast.
 */
import { isCompleteAiring } from './completion.ts';
import { calendarSpan, VIETNAM_TIME_ZONE } from './airing.ts';
import { isoDateOf, startOfDay } from './dates.ts';
import { countedLogs, logDurationMs, type HistoryLog, type LogFilter } from './log-history.ts';

/** Broadcasts and time on air in one period. */
export interface LogTotal {
  /** Complete airings. */
  count: number;
  /** Partial airings: on air, but cut short inside the first pass. */
  partial: number;
  durationMs: number;
  /** durationMs in whole minutes, rounded to the nearest: the unit reports use. */
  minutes: number;
}

/** The three periods History shows. */
export interface LogTotals {
  today: LogTotal;
  week: LogTotal;
  month: LogTotal;
}

/** The periods a total is counted over. */
export type TotalPeriod = keyof LogTotals;

const SPAN_OF = { today: 'day', week: 'week', month: 'month' } as const;

/** The first instant and the first instant after each period containing `now`, as epoch milliseconds. */
export function totalPeriods(
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): Record<TotalPeriod, { start: number; end: number }> {
  const today = isoDateOf(now, timeZone);
  const bounds = (period: TotalPeriod) => {
    const { first, next } = calendarSpan(today, SPAN_OF[period]);
    return { start: startOfDay(first, timeZone).getTime(), end: startOfDay(next, timeZone).getTime() };
  };
  return { today: bounds('today'), week: bounds('week'), month: bounds('month') };
}

/** The earliest instant any of the totals reads: the start of this week or of this month, whichever is first. */
export function totalsStart(now: Date, timeZone: string = VIETNAM_TIME_ZONE): Date {
  const { week, month } = totalPeriods(now, timeZone);
  return new Date(Math.min(week.start, month.start));
}

/**
 * Totals for the periods containing `now`. `logs` must hold every log that started in them and every log
 * correcting one of those, so that corrected logs are left out.
 */
export function logTotals(
  logs: readonly HistoryLog[],
  now: Date,
  filter: LogFilter = {},
  timeZone: string = VIETNAM_TIME_ZONE,
): LogTotals {
  const periods = totalPeriods(now, timeZone);
  const counted = countedLogs(logs, filter);
  const total = (period: TotalPeriod): LogTotal => {
    const { start, end } = periods[period];
    let count = 0;
    let partial = 0;
    let durationMs = 0;
    for (const log of counted) {
      const at = Date.parse(log.startedAt);
      if (at < start || at >= end) continue;
      if (isCompleteAiring(log)) count += 1;
      else partial += 1;
      durationMs += logDurationMs(log);
    }
    return { count, partial, durationMs, minutes: Math.round(durationMs / 60_000) };
  };
  return { today: total('today'), week: total('week'), month: total('month') };
}
