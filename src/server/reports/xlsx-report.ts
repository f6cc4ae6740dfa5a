import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDateTimeSeconds } from '../../domain/dates.ts';
import {
  columnHeader,
  isMonth,
  LOG_COLUMNS,
  reportTables,
  type CellKind,
  type CellValue,
  type ReportColumn,
  type ReportData,
} from './report-tables.ts';

/** Rows between looks at the output's backpressure. */
const DRAIN_EVERY = 1_000;

/** The sheet of raw logs, after the tables' sheets. */
export const LOG_SHEET = 'Nhật ký';

/** Excel's number formats for each kind of cell; text has none. */
const NUMBER_FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  percent: '0.0%',
  month: 'mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
  duration: '#,##0.0',
};

/**
 * The wall-clock time in Vietnam as a Date whose UTC fields hold it: Excel dates carry no time zone and exceljs
 * writes a Date's UTC fields, so this is what makes the cell read 07:30 for a broadcast at 07:30 in Vietnam.
 */
function vietnamWallClock(timestamp: string): Date {
  const [day = '', time = ''] = formatDateTimeSeconds(timestamp, VIETNAM_TIME_ZONE).split(' ');
  const [d, m, y] = day.split('/').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0));
}

/**
 * A cell's value as Excel should hold it: numbers as numbers, times as dates, durations as minutes (the header
 * says so), which add up to the "Số phút phát" of the tables where a time format would show hours and seconds.
 */
function excelValue(kind: CellKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'number') return kind === 'duration' ? value / 60 : value;
  if (kind === 'datetime') return vietnamWallClock(value);
  if (kind === 'month' && isMonth(value)) return new Date(`${value}-01T00:00:00Z`);
  return value;
}

function addRow(
  sheet: ExcelJS.Worksheet,
  columns: readonly ReportColumn[],
  values: readonly CellValue[],
): ExcelJS.Row {
  return sheet.addRow(columns.map((column, i) => excelValue(column.kind, values[i] ?? null)));
}

/** A sheet with its columns' widths and number formats (cells take their column's style) and a bold header row. */
function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly ReportColumn[],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return { width: column.width, style: numFmt === undefined ? {} : { numFmt } };
  });
  const header = sheet.addRow(columns.map((column) => columnHeader(column, 'xlsx')));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  header.commit();
  return sheet;
}

/**
 * Writes the XLSX report to `output`: one sheet per table of the report (header row bold, a bold total row) and
 * the raw logs on the last sheet, streamed row by row so a million logs never sit in memory.
 */
export async function writeXlsxReport(data: ReportData, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = data.request.issuer.body;
  workbook.created = new Date(`${data.request.signedOn}T00:00:00Z`);
  for (const table of reportTables(data.coverage)) {
    const sheet = addSheet(workbook, table.sheet, table.columns);
    for (const values of table.rows) addRow(sheet, table.columns, values).commit();
    const total = addRow(sheet, table.columns, table.total);
    total.eachCell((cell) => {
      cell.font = { ...cell.font, bold: true };
    });
    total.commit();
    sheet.commit();
  }
  const logs = addSheet(workbook, LOG_SHEET, LOG_COLUMNS);
  let rows = 0;
  for await (const log of data.logs) {
    addRow(
      logs,
      LOG_COLUMNS,
      LOG_COLUMNS.map((column) => column.value(log)),
    ).commit();
    rows += 1;
    // A slow download must slow the reading of logs down, or the file piles up in memory: the zip writer gets a
    // turn to move the rows on, and when the output is full the reading waits. A download given up (the output
    // closed) ends the work.
    if (rows % DRAIN_EVERY === 0) {
      await setImmediate();
      if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
      if (output.destroyed) return;
    }
  }
  logs.commit();
  await workbook.commit();
}
