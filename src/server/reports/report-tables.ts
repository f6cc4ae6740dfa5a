/**
 * The tables of the report, defined once for the three exports: which columns each table has, what kind of value
 * each column holds, and the rows the report's figures (reportFigures, which the drafted narrative cites too) give.
 * DOCX and CSV write the values as Vietnamese text (formatCell); XLSX writes them as typed cells (numbers,
 * percentages, dates) from the same definitions.
 */
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import type { Coverage, ReportPeriod } from '../../domain/coverage.ts';
import { formatDateTime, formatDuration } from '../../domain/dates.ts';
import { slugify } from '../../domain/file-name.ts';
import {
  channelLabel,
  completionLabel,
  completionSourceLabel,
  formatMonth,
  formatNumberVi,
  formatPercentVi,
  languageLabel,
  periodLabel,
  presetOf,
  reportFigures,
  topicLabel,
  verificationLabel,
  type ReportFigures,
  type ReportFormat,
  type ReportLog,
  type ReportRequest,
  type TallyFigure,
} from '../../domain/report.ts';

/**
 * What a column holds: text; a count; a share from 0 to 1; a month (yyyy-mm); an instant (ISO timestamp, shown in
 * Vietnam time); a duration in whole seconds.
 */
export type CellKind = 'text' | 'integer' | 'percent' | 'month' | 'datetime' | 'duration';

/** A cell's value: null is an empty cell (a share of nothing, a log without a place). */
export type CellValue = string | number | null;

/** A column of a report table. */
export interface ReportColumn {
  header: string;
  kind: CellKind;
  /** Width in characters (XLSX); DOCX shares the text width in proportion to it. */
  width: number;
}

/**
 * The unit each export counts a duration column in, which its header then names: a bare "15:00" reads as a time
 * of day. The DOCX writes durations in words with their units ("4 phút 30 giây"), the XLSX as minutes, numbers
 * to sum as the tables' "Số phút phát" are, and the CSV as whole seconds, for programs to read.
 */
const DURATION_UNITS: Record<ReportFormat, string | null> = { docx: null, xlsx: 'phút', csv: 'giây' };

/** A column's header in an export: a duration column's names the unit its cells are counted in. */
export function columnHeader(column: ReportColumn, format: ReportFormat): string {
  const unit = column.kind === 'duration' ? DURATION_UNITS[format] : null;
  return unit === null ? column.header : `${column.header} (${unit})`;
}

/** A table of figures: a section of part I of the DOCX and a sheet of the XLSX. */
export interface ReportTable {
  /** Which table it is, for what the DOCX says after it. */
  key: 'units' | 'channels' | 'topics' | 'languages' | 'months';
  /** Sheet name (at most 31 characters, as Excel allows). */
  sheet: string;
  /** Heading in the DOCX. */
  heading: string;
  columns: readonly ReportColumn[];
  rows: CellValue[][];
  /** The "Tổng cộng" row. */
  total: CellValue[];
}

const TOTAL = 'Tổng cộng';

const TALLY_COLUMNS: readonly ReportColumn[] = [
  { header: 'Số lượt phát', kind: 'integer', width: 14 },
  { header: 'Số phút phát', kind: 'integer', width: 14 },
  { header: 'Tỷ lệ lượt phát', kind: 'percent', width: 14 },
];

/**
 * A table of tallies by one key (channel, topic, language, month), with each row's share of the broadcasts. The
 * key cell is the row's label, unless `keyOf` gives the value its column's kind asks for (a month's yyyy-mm).
 */
function tallyTable<K>(
  key: ReportTable['key'],
  sheet: string,
  heading: string,
  keyColumn: ReportColumn,
  rows: readonly TallyFigure<K>[],
  totals: ReportFigures['totals'],
  keyOf: (row: TallyFigure<K>) => CellValue = (row) => row.label,
): ReportTable {
  return {
    key,
    sheet,
    heading,
    columns: [keyColumn, ...TALLY_COLUMNS],
    rows: rows.map((row) => [keyOf(row), row.broadcasts, row.minutes, row.share]),
    total: [TOTAL, totals.broadcasts, totals.minutes, totals.share],
  };
}

/** Indents a unit's name by its depth below the report's unit, as the tree shows it. */
function indented(name: string, depth: number): string {
  return `${'\u2003'.repeat(Math.max(0, depth - 1))}${name}`;
}

/** The tables of part I, in the order the report shows them. */
export function reportTables(coverage: Coverage): ReportTable[] {
  const { totals } = coverage;
  const figures = reportFigures(coverage);
  const byUnit: ReportTable = {
    key: 'units',
    sheet: 'Đơn vị',
    heading: 'Kết quả theo đơn vị',
    columns: [
      { header: 'Đơn vị', kind: 'text', width: 30 },
      { header: 'Lượt phải phát theo yêu cầu', kind: 'integer', width: 13 },
      { header: 'Lượt phát đạt yêu cầu', kind: 'integer', width: 13 },
      { header: 'Tỷ lệ đạt', kind: 'percent', width: 12 },
      { header: 'Tổng lượt phát', kind: 'integer', width: 11 },
      { header: 'Số phút phát', kind: 'integer', width: 11 },
      { header: 'Lượt phát dở dang (chỉ tính phút)', kind: 'integer', width: 13 },
      { header: 'Lượt phát tiếng DTTS', kind: 'integer', width: 13 },
    ],
    // The first row is the report's unit itself: its figures are the total row.
    rows: coverage.units
      .filter((row) => row.depth > 0)
      .map((row) => [
        indented(row.name, row.depth),
        row.required,
        row.aired,
        row.compliance,
        row.broadcasts,
        row.minutes,
        row.partial,
        row.minorityBroadcasts,
      ]),
    total: [
      TOTAL,
      totals.required,
      totals.aired,
      totals.compliance,
      totals.broadcasts,
      totals.minutes,
      totals.partial,
      totals.minorityBroadcasts,
    ],
  };
  return [
    byUnit,
    tallyTable(
      'channels',
      'Hình thức phát',
      'Kết quả theo hình thức phát',
      { header: 'Hình thức phát', kind: 'text', width: 34 },
      figures.channels,
      figures.totals,
    ),
    tallyTable(
      'topics',
      'Chủ đề',
      'Kết quả theo chủ đề',
      { header: 'Chủ đề', kind: 'text', width: 34 },
      figures.topics,
      figures.totals,
    ),
    tallyTable(
      'languages',
      'Ngôn ngữ',
      'Kết quả theo ngôn ngữ phát',
      { header: 'Ngôn ngữ', kind: 'text', width: 34 },
      figures.languages,
      figures.totals,
    ),
    tallyTable(
      'months',
      'Theo tháng',
      'Kết quả theo tháng',
      { header: 'Tháng', kind: 'month', width: 14 },
      figures.months,
      figures.totals,
      (row) => row.key,
    ),
  ];
}

/** A column of the raw-log list, with where its value comes from. */
export interface LogColumn extends ReportColumn {
  value: (log: ReportLog) => CellValue;
  /** Whether the DOCX appendix shows it: the page has room for the essentials only. */
  inDocx: boolean;
}

/** Seconds on air of a log, whole: rounded down, as every duration shown is. */
function secondsOf(log: ReportLog): number {
  return Math.floor(Math.max(0, Date.parse(log.endedAt) - Date.parse(log.startedAt)) / 1000);
}

/** The columns of the raw-log list: the DOCX appendix, the "Nhật ký" sheet and the CSV. */
export const LOG_COLUMNS: readonly LogColumn[] = [
  { header: 'Thời gian bắt đầu', kind: 'datetime', width: 19, inDocx: true, value: (log) => log.startedAt },
  { header: 'Đơn vị', kind: 'text', width: 26, inDocx: true, value: (log) => log.unitName },
  {
    header: 'Bản tin',
    kind: 'text',
    width: 40,
    inDocx: true,
    value: (log) => log.bulletinTitle ?? topicLabel(null),
  },
  {
    header: 'Hình thức phát',
    kind: 'text',
    width: 28,
    inDocx: true,
    value: (log) => channelLabel(log.channel),
  },
  { header: 'Ngôn ngữ', kind: 'text', width: 16, inDocx: true, value: (log) => languageLabel(log.lang) },
  { header: 'Thời lượng', kind: 'duration', width: 13, inDocx: true, value: secondsOf },
  { header: 'Phát trọn vẹn', kind: 'text', width: 11, inDocx: true, value: completionLabel },
  { header: 'Số lần trọn vẹn do', kind: 'text', width: 16, inDocx: false, value: completionSourceLabel },
  { header: 'Người phát', kind: 'text', width: 22, inDocx: false, value: (log) => log.operator },
  { header: 'Địa điểm', kind: 'text', width: 24, inDocx: false, value: (log) => log.placeName },
  {
    header: 'Vĩ độ',
    kind: 'text',
    width: 11,
    inDocx: false,
    value: (log) => log.location?.lat.toFixed(5) ?? null,
  },
  {
    header: 'Kinh độ',
    kind: 'text',
    width: 11,
    inDocx: false,
    value: (log) => log.location?.lng.toFixed(5) ?? null,
  },
  {
    header: 'Xác minh',
    kind: 'text',
    width: 19,
    inDocx: true,
    value: (log) => verificationLabel(log.verification),
  },
  { header: 'Máy chủ nhận lúc', kind: 'datetime', width: 17, inDocx: false, value: (log) => log.receivedAt },
  { header: 'Mã nhật ký', kind: 'text', width: 38, inDocx: false, value: (log) => log.id },
  { header: 'Mã thiết bị', kind: 'text', width: 38, inDocx: false, value: (log) => log.deviceId },
  {
    header: 'Số thứ tự trên thiết bị',
    kind: 'text',
    width: 12,
    inDocx: false,
    value: (log) => String(log.seq),
  },
  {
    header: 'Đính chính nhật ký',
    kind: 'text',
    width: 38,
    inDocx: false,
    value: (log) => log.correctsLogId,
  },
];

/** Whether a month column's cell holds a month (yyyy-mm) rather than the label of the total row. */
export function isMonth(value: string): boolean {
  return /^\d{4}-\d{2}$/.test(value);
}

/** A cell as Vietnamese text: 1.234, 91,2%, 01/2026, 05/12/2026 07:30 (Vietnam time), 4 phút 30 giây. */
export function formatCell(kind: CellKind, value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    if (kind === 'datetime') return formatDateTime(value, VIETNAM_TIME_ZONE);
    if (kind === 'month' && isMonth(value)) return formatMonth(value);
    return value;
  }
  if (kind === 'percent') return formatPercentVi(value);
  if (kind === 'duration') return formatDuration(value * 1000, 'vi');
  return formatNumberVi(value);
}

/** Everything an export is made from. */
export interface ReportData {
  request: ReportRequest;
  coverage: Coverage;
  /**
   * The logs of the period, oldest first, for the evidence list. An async iterable lets the server stream a
   * million rows from the database into the XLSX and CSV without holding them.
   */
  logs: Iterable<ReportLog> | AsyncIterable<ReportLog>;
}

/** The file name of an export, ASCII only: "bao-cao-truyen-thong-chinh-sach-2026.docx", "…-6-thang-dau-nam-2026.xlsx". */
export function reportFileName(period: ReportPeriod, ext: 'docx' | 'xlsx' | 'csv'): string {
  const preset = presetOf(period);
  const name = preset?.preset === 'year' ? String(preset.year) : slugify(periodLabel(period), 80);
  return `bao-cao-truyen-thong-chinh-sach-${name}.${ext}`;
}
