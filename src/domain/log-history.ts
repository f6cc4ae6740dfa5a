/**
 * The device's broadcast logs as History shows them: filtered, grouped by calendar day in Vietnam time, and
 * linked to their corrections. A log is never changed; a correction is a new log naming the one it corrects, so
 * History shows both and counts only the correction (supersede in airing.ts decides which logs count).
 */
import { supersede, VIETNAM_TIME_ZONE } from './airing.ts';
import { isoDateOf } from './dates.ts';
import type { LanguageCode } from './languages.ts';
import type { BroadcastLog, Channel } from './schemas/broadcast-log.ts';

/** The part of a log History filters, groups and counts by. */
export type HistoryLog = Pick<
  BroadcastLog,
  | 'id'
  | 'bulletinId'
  | 'channel'
  | 'lang'
  | 'startedAt'
  | 'endedAt'
  | 'correctsLogId'
  | 'repeats'
  | 'completion'
>;

/**
 * History's filters; an absent field keeps every log. `bulletinId: null` keeps the broadcasts tied to no
 * bulletin (live readings and relays).
 */
export interface LogFilter {
  bulletinId?: string | null;
  channel?: Channel;
  lang?: LanguageCode;
}

/** One calendar day of History, newest log first. */
export interface HistoryDay<T> {
  /** yyyy-mm-dd in the time zone. */
  day: string;
  logs: T[];
}

/** Whether a log passes every filter that is set. */
export function matchesLogFilter(log: HistoryLog, filter: LogFilter): boolean {
  if (filter.bulletinId !== undefined && log.bulletinId !== filter.bulletinId) return false;
  if (filter.channel !== undefined && log.channel !== filter.channel) return false;
  if (filter.lang !== undefined && log.lang !== filter.lang) return false;
  return true;
}

/**
 * The logs that count under a filter: corrected logs are dropped first and the filter applies to what remains,
 * so a correction that names another bulletin takes the broadcast out of the first bulletin's count.
 */
export function countedLogs<T extends HistoryLog>(logs: readonly T[], filter: LogFilter = {}): T[] {
  return supersede(logs).filter((log) => matchesLogFilter(log, filter));
}

/** Newest first: by start, then by id (UUID v7 ids sort by creation), so two logs never swap places. */
export function compareNewestFirst(a: HistoryLog, b: HistoryLog): number {
  return b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id);
}

/** The logs by the calendar day they started on in the time zone, newest day first, newest first within it. */
export function groupByDay<T extends HistoryLog>(
  logs: readonly T[],
  timeZone: string = VIETNAM_TIME_ZONE,
): HistoryDay<T>[] {
  const days: HistoryDay<T>[] = [];
  for (const log of [...logs].sort(compareNewestFirst)) {
    const day = isoDateOf(new Date(log.startedAt), timeZone);
    const last = days[days.length - 1];
    if (last?.day === day) last.logs.push(log);
    else days.push({ day, logs: [log] });
  }
  return days;
}

/** For each corrected log, the log that corrects it (the newest one when it was corrected more than once). */
export function correctionsByOriginal<T extends HistoryLog>(logs: readonly T[]): Map<string, T> {
  const corrections = new Map<string, T>();
  for (const log of [...logs].sort(compareNewestFirst).reverse()) {
    if (log.correctsLogId !== null) corrections.set(log.correctsLogId, log);
  }
  return corrections;
}

/** How long a broadcast lasted, in milliseconds (never negative). */
export function logDurationMs(log: Pick<BroadcastLog, 'startedAt' | 'endedAt'>): number {
  return Math.max(0, Date.parse(log.endedAt) - Date.parse(log.startedAt));
}
