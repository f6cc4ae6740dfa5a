import {
  columnHeader,
  formatCell,
  LOG_COLUMNS,
  type CellKind,
  type CellValue,
  type ReportData,
} from './report-tables.ts';

/** Excel reads a CSV as UTF-8 only when it starts with the byte order mark; without it Vietnamese is garbled. */
export const CSV_BOM = '\uFEFF';

/** Logs per chunk: large enough that a million logs are a few thousand writes, small enough to stay streaming. */
const ROWS_PER_CHUNK = 500;

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Text Excel would run as a formula (=, +, -, @ first) gets a leading apostrophe, which Excel hides: operator
 * names and place names come from devices, and a CSV must not be a way to run a formula on a staff computer.
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A cell as the CSV writes it: Vietnamese text as in the DOCX, but a duration as its plain number of seconds (the
 * header names the unit), which a program reads and a spreadsheet sums without parsing "4 phút 30 giây".
 */
function csvCell(kind: CellKind, value: CellValue): string {
  return kind === 'duration' && typeof value === 'number' ? String(value) : formatCell(kind, value);
}

/** One CSV record with its CRLF. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * The raw logs as CSV (UTF-8 with BOM, CRLF line ends, Vietnamese headers, one row per log), in chunks as the logs
 * arrive, so a million-log period streams without being held in memory.
 */
export async function* csvReport(data: Pick<ReportData, 'logs'>): AsyncGenerator<string> {
  let chunk = CSV_BOM + csvLine(LOG_COLUMNS.map((column) => columnHeader(column, 'csv')));
  let rows = 0;
  for await (const log of data.logs) {
    chunk += csvLine(LOG_COLUMNS.map((column) => inertText(csvCell(column.kind, column.value(log)))));
    rows += 1;
    if (rows % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
