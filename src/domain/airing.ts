/**
 * Progress of a bulletin against its airing requirement ("3 times a week"), counted from broadcast logs.
 *
 * - The period follows the calendar where the requirement names one: perDays 1 is the calendar day, 7 the week
 *   Monday–Sunday, 30 or 31 the calendar month, all in the commune's time zone (Vietnam by default). Any other
 *   perDays counts consecutive windows of that many days from the day the bulletin takes effect.
 * - A broadcast counts in the period in which it started. One log is one airing: the repeats inside one
 *   broadcast are a single airing, as stations report "phát 3 lần/tuần" by broadcasts.
 * - Only complete airings count: a broadcast cut short inside its first pass is no airing (completion.ts).
 * - Every language counts, and every version of the bulletin: a H'Mông broadcast of the bulletin is an airing of
 *   it, and a correction of the text does not restart the count.
 * - A log corrected by another (correctsLogId) no longer counts; the correcting log counts instead, and only if
 *   it still names this bulletin.
 * - After the requirement's end date (or the bulletin's, when the requirement has none) nothing is due any more.
 */
import { isCompleteAiring } from './completion.ts';
import { DAY_MS, addDays, dayOfWeek, isoDateOf, startOfDay } from './dates.ts';
import type { BroadcastLog } from './schemas/broadcast-log.ts';
import type { Bulletin } from './schemas/bulletin.ts';

/** The time zone of Vietnamese stations, where the calendar periods are counted. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** How a requirement's period is counted. */
export type AiringPeriod = 'day' | 'week' | 'month' | 'window';

/** What the reader says about the progress (a key of the reader's progress texts). */
export type AiringLabel = AiringPeriod | 'upcoming' | 'ended';

/** The part of a broadcast log the count reads. */
export type CountedLog = Pick<
  BroadcastLog,
  'id' | 'bulletinId' | 'startedAt' | 'correctsLogId' | 'repeats' | 'completion'
>;

/** Airings in the current period against the number required. */
export interface AiringProgress {
  period: AiringPeriod;
  /** First instant of the period and the first instant after it, as ISO timestamps. */
  periodStart: string;
  periodEnd: string;
  /** First and last calendar day of the period (yyyy-mm-dd) in the time zone. */
  firstDay: string;
  lastDay: string;
  aired: number;
  required: number;
  remaining: number;
  /** `upcoming` before the bulletin takes effect, `ended` after the requirement ends, else the period. */
  label: AiringLabel;
}

/** Drops every log that another log in the list corrects; the correcting logs stay. */
export function supersede<T extends CountedLog>(logs: readonly T[]): T[] {
  const corrected = new Set(logs.map((log) => log.correctsLogId).filter((id) => id !== null));
  return logs.filter((log) => !corrected.has(log.id));
}

/** The airings among the logs: corrections applied first (supersede), then partial airings left out. */
export function completeAirings<T extends CountedLog>(logs: readonly T[]): T[] {
  return supersede(logs).filter(isCompleteAiring);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** A calendar period as calendar days: its first day and the first day after it (yyyy-mm-dd). */
export interface CalendarSpan {
  first: string;
  next: string;
}

/** The calendar day, week (Monday–Sunday) or month containing `day` (yyyy-mm-dd). */
export function calendarSpan(day: string, kind: 'day' | 'week' | 'month'): CalendarSpan {
  if (kind === 'day') return { first: day, next: addDays(day, 1) };
  if (kind === 'week') {
    const monday = addDays(day, -((dayOfWeek(day) + 6) % 7));
    return { first: monday, next: addDays(monday, 7) };
  }
  const first = `${day.slice(0, 7)}-01`;
  return { first, next: `${addDays(first, 31).slice(0, 7)}-01` };
}

/** The requirement period (calendar day, week, month, or window from `validFrom`) containing `day`. */
export function periodOf(
  day: string,
  perDays: number,
  validFrom: string,
): { kind: AiringPeriod; first: string; next: string } {
  if (perDays === 1) return { kind: 'day', ...calendarSpan(day, 'day') };
  if (perDays === 7) return { kind: 'week', ...calendarSpan(day, 'week') };
  if (perDays === 30 || perDays === 31) return { kind: 'month', ...calendarSpan(day, 'month') };
  const index = Math.floor(daysBetween(validFrom, day) / perDays);
  const first = addDays(validFrom, index * perDays);
  return { kind: 'window', first, next: addDays(first, perDays) };
}

/**
 * Progress of the bulletin in the period containing `now`, by the rules in the module comment; null when the
 * bulletin has no airing requirement. `logs` are the bulletin's logs and the logs correcting them.
 */
export function airingProgress(
  bulletin: Pick<Bulletin, 'id' | 'airing' | 'validFrom' | 'validUntil'>,
  logs: readonly CountedLog[],
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): AiringProgress | null {
  const requirement = bulletin.airing;
  if (!requirement) return null;
  const today = isoDateOf(now, timeZone);
  const upcoming = today < bulletin.validFrom;
  const lastDue = requirement.untilDate ?? bulletin.validUntil;
  const ended = lastDue !== null && today > lastDue;
  const { kind, first, next } = periodOf(
    upcoming ? bulletin.validFrom : today,
    requirement.perDays,
    bulletin.validFrom,
  );
  const start = startOfDay(first, timeZone).getTime();
  const end = startOfDay(next, timeZone).getTime();
  const aired = completeAirings(logs).filter((log) => {
    if (log.bulletinId !== bulletin.id) return false;
    const at = Date.parse(log.startedAt);
    return at >= start && at < end;
  }).length;
  return {
    period: kind,
    periodStart: new Date(start).toISOString(),
    periodEnd: new Date(end).toISOString(),
    firstDay: first,
    lastDay: addDays(next, -1),
    aired,
    required: requirement.times,
    remaining: Math.max(0, requirement.times - aired),
    label: upcoming ? 'upcoming' : ended ? 'ended' : kind,
  };
}
