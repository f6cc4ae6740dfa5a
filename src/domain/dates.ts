/**
 * Dates as Vietnamese documents write them: dd/mm/yyyy, 24-hour time. Stored dates stay ISO (yyyy-mm-dd and
 * ISO timestamps); these helpers only convert at the edge, in the UI and in reports.
 */
import enCommon from '../../locales/en/common.json';
import viCommon from '../../locales/vi/common.json';

// Building a DateTimeFormat costs ten times what formatting with it does, and reports format millions of
// instants: formats of a named zone are kept. The runtime's zone is looked up each time, as it may change.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The parts every formatter here reads from Intl (en-GB, 24-hour, two digits): the reference of partsOf. */
export const PARTS_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

function partsFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const cached = timeZone === undefined ? undefined : zoneFormats.get(timeZone);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat('en-GB', { ...PARTS_FORMAT, timeZone });
  if (timeZone !== undefined) zoneFormats.set(timeZone, format);
  return format;
}

function formattedParts(instant: Date, timeZone: string | undefined): Record<string, string> {
  return Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
}

const HOUR_MS = 3_600_000;

/** Twenty-four hours in milliseconds. */
export const DAY_MS = 86_400_000;
const OFFSETS_KEPT = 100_000;

// formatToParts costs about ten microseconds, which a report of a million logs pays several times per row. A
// zone's offset from UTC only changes on a whole hour or quarter hour, so the offset of a named zone is worked
// out once per hour of UTC and the parts are then plain arithmetic. An hour whose two ends differ holds a change
// of offset and is left to the formatter (null).
const hourOffsets = new Map<string, number | null>();

function offsetAt(hourStart: number, timeZone: string): number {
  const p = formattedParts(new Date(hourStart), timeZone);
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) - hourStart;
}

function hourOffset(hour: number, timeZone: string): number | null {
  const key = `${timeZone} ${hour}`;
  const kept = hourOffsets.get(key);
  if (kept !== undefined) return kept;
  const start = offsetAt(hour * HOUR_MS, timeZone);
  const offset = start === offsetAt((hour + 1) * HOUR_MS - 1000, timeZone) ? start : null;
  if (hourOffsets.size >= OFFSETS_KEPT) hourOffsets.clear();
  hourOffsets.set(key, offset);
  return offset;
}

function partsOf(instant: Date, timeZone: string | undefined): Record<string, string> {
  const time = instant.getTime();
  const offset =
    timeZone === undefined || !Number.isFinite(time)
      ? null
      : hourOffset(Math.floor(time / HOUR_MS), timeZone);
  if (offset === null) return formattedParts(instant, timeZone);
  const local = new Date(time + offset);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(local.getUTCFullYear()).padStart(4, '0'),
    month: two(local.getUTCMonth() + 1),
    day: two(local.getUTCDate()),
    hour: two(local.getUTCHours()),
    minute: two(local.getUTCMinutes()),
    second: two(local.getUTCSeconds()),
  };
}

/** Formats a yyyy-mm-dd date as dd/mm/yyyy; anything else is returned unchanged rather than mangled. */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** Formats an ISO timestamp as dd/mm/yyyy HH:mm in the given time zone (the runtime's when omitted). */
export function formatDateTime(timestamp: string, timeZone?: string): string {
  const p = partsOf(new Date(timestamp), timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Formats an ISO timestamp as dd/mm/yyyy HH:mm:ss in the given time zone: a measured time, to the second. */
export function formatDateTimeSeconds(timestamp: string, timeZone?: string): string {
  const p = partsOf(new Date(timestamp), timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** Formats an ISO timestamp as HH:mm, 24-hour, in the given time zone (the runtime's when omitted). */
export function formatTime(timestamp: string, timeZone?: string): string {
  const p = partsOf(new Date(timestamp), timeZone);
  return `${p.hour}:${p.minute}`;
}

/** The calendar date (yyyy-mm-dd) of an instant in the given time zone (the runtime's when omitted). */
export function isoDateOf(instant: Date, timeZone?: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A language a duration is written in: the interface's, or Vietnamese, which the reports are written in. */
export type DurationLanguage = 'vi' | 'en';

const DURATION_UNITS: Record<DurationLanguage, typeof viCommon.durationUnits> = {
  vi: viCommon.durationUnits,
  en: enCommon.durationUnits,
};

/**
 * A duration in words, rounded down to the whole second: "15 phút", "4 phút 30 giây", "1 giờ 5 phút", "2 ngày 3
 * giờ" ("15 min", "4 min 30 s", "1 h 5 min", "2 d 3 h"). A clock's "15:00" would read as a time of day. No time
 * at all, or none to measure (negative from a clock set back, not a number from a missing end), is "0 giây"
 * rather than "NaN".
 */
export function formatDuration(ms: number, lang: DurationLanguage): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const units = DURATION_UNITS[lang];
  const parts = [
    { count: Math.floor(total / 86_400), unit: units.day },
    { count: Math.floor((total % 86_400) / 3600), unit: units.hour },
    { count: Math.floor((total % 3600) / 60), unit: units.minute },
    { count: total % 60, unit: units.second },
  ].filter((part) => part.count > 0);
  if (parts.length === 0) return `0 ${units.second}`;
  return parts.map((part) => `${part.count} ${part.unit}`).join(' ');
}

/** The calendar date `days` days after (or before, when negative) a yyyy-mm-dd date. */
export function addDays(isoDate: string, days: number): string {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The day of the week of a yyyy-mm-dd date: 0 for Sunday through 6 for Saturday, as Date.getDay counts. */
export function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** The instant a yyyy-mm-dd calendar day begins in the given time zone (the runtime's when omitted). */
export function startOfDay(isoDate: string, timeZone?: string): Date {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number);
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  let instant = midnightAsUtc;
  // Two rounds: the zone's offset at the first guess may differ from the offset at midnight (a DST change).
  for (let round = 0; round < 2; round += 1) {
    const p = partsOf(new Date(instant), timeZone);
    const wallClock = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
    );
    instant -= wallClock - midnightAsUtc;
  }
  return new Date(instant);
}

/**
 * The instants a span of calendar days (`from` … `to`, both included, either open) begins and ends in the given
 * time zone, as ISO strings for a `>= from AND < to` filter; undefined where the span is open.
 */
export function daySpanInstants(
  span: { from?: string | undefined; to?: string | undefined },
  timeZone?: string,
): { from: string | undefined; to: string | undefined } {
  return {
    from: span.from === undefined ? undefined : startOfDay(span.from, timeZone).toISOString(),
    to: span.to === undefined ? undefined : startOfDay(addDays(span.to, 1), timeZone).toISOString(),
  };
}
