/**
 * Dates as Vietnamese documents write them: dd/mm/yyyy, 24-hour time. Stored dates stay ISO (yyyy-mm-dd and
 * ISO timestamps); these helpers only convert at the edge, in the UI and in reports.
 */

function partsOf(instant: Date, timeZone: string | undefined): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
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

/** The calendar date (yyyy-mm-dd) of an instant in the given time zone (the runtime's when omitted). */
export function isoDateOf(instant: Date, timeZone?: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
