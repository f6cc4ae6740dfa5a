/**
 * The report as a Word document in the administrative format of Nghị định 30/2020/NĐ-CP: A4, Times New Roman,
 * margins top and bottom 20 mm, left 30 mm, right 15 mm; the issuing body and the national motto side by side,
 * the number and the place-and-date line under them; the title; numbered parts; "Nơi nhận" bottom left and the
 * signature bottom right; page numbers from page 2, centred at the top. The evidence appendix lists the logs on
 * landscape pages, at most DOCX_LOG_CAP of them: the XLSX and CSV carry the full list.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  FileChild,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IContext,
  type ISectionOptions,
  type IXmlableObject,
} from 'docx';
import { formatDate } from '../../domain/dates.ts';
import {
  channelLabel,
  formatNumberVi,
  formatPercentVi,
  inSentence,
  nextPeriodLabel,
  periodLabel,
  placeDateLine,
  type ReportLog,
} from '../../domain/report.ts';
import {
  columnHeader,
  formatCell,
  LOG_COLUMNS,
  reportTables,
  type CellKind,
  type ReportColumn,
  type ReportData,
  type ReportTable,
} from './report-tables.ts';

/** Logs listed in the DOCX appendix at most: about 60 landscape pages, as far as a printed annex is useful. */
export const DOCX_LOG_CAP = 2_000;

const FONT = 'Times New Roman';
/**
 * Sizes in half-points (NĐ 30): body, motto and title 14 pt; tables and the number 13 pt; issuing body and
 * national name and the appendix table 12 pt; "Nơi nhận" 12 pt and its list 11 pt.
 */
const BODY = 28;
const SMALL = 26;
const COMPACT = 24;
const RECIPIENT_HEADING = 24;
const RECIPIENT = 22;

/** A4 in twips, and the margins in twips (20 mm = 1134). */
const PAGE = { width: 11_906, height: 16_838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 851 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.left - MARGIN.right;
/**
 * The header block's columns: the issuing body on the left, the national name and motto on the right. As in
 * printed documents, the block reaches 5 mm into the side margins so that neither line has to wrap.
 */
const HEADER_OUTSET = 284;
const HEADER_LEFT = 4_200;
const HEADER_RIGHT = TEXT_WIDTH + 2 * HEADER_OUTSET - HEADER_LEFT;

const RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
/** Grid borders and cell margins are set on the table, not on each cell: a 2,000-row appendix builds far less. */
const GRID_BORDERS = {
  top: CELL_BORDER,
  bottom: CELL_BORDER,
  left: CELL_BORDER,
  right: CELL_BORDER,
  insideHorizontal: CELL_BORDER,
  insideVertical: CELL_BORDER,
};
const GRID_MARGINS = { top: 30, bottom: 30, left: 80, right: 80 };

interface Line {
  text: string;
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

/** A centred line of the header or signature block. */
function centred(line: Line, spacingAfter = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // A little over single spacing: stacked Vietnamese marks (Ệ, Ộ) would touch the line above.
    spacing: { before: 0, after: spacingAfter, line: 264 },
    children: [
      new TextRun({ text: line.text, bold: line.bold, italics: line.italics, size: line.size ?? SMALL }),
    ],
  });
}

/**
 * A short horizontal rule under a header line, `width` twips long and centred in the column: an empty paragraph
 * one point high with a bottom border (its line height is exact, or the paragraph mark's 14 pt would push the
 * rule a line down).
 */
function rule(columnWidth: number, width: number): Paragraph {
  const indent = Math.max(0, Math.round((columnWidth - width) / 2));
  return new Paragraph({
    spacing: { before: 50, after: 60, line: 20, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { bottom: RULE },
    children: [],
  });
}

function blankCell(width: number, children: Paragraph[], verticalAlign = VerticalAlign.TOP): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: TableBorders.NONE,
    verticalAlign,
    children,
  });
}

/** The issuing body and the national motto, then the number and the place-and-date line (NĐ 30, Phụ lục I). */
function headerBlock(data: ReportData): Table {
  const { request } = data;
  const left: Paragraph[] = [];
  if (request.issuer.parent !== '') {
    left.push(centred({ text: request.issuer.parent.toLocaleUpperCase('vi'), size: COMPACT }));
  }
  left.push(
    centred({ text: request.issuer.body.toLocaleUpperCase('vi'), bold: true, size: COMPACT }),
    rule(HEADER_LEFT, 1_300),
  );
  const right = [
    centred({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: COMPACT }),
    centred({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, size: BODY }),
    rule(HEADER_RIGHT, 3_300),
  ];
  const number = request.number === '' ? '       /BC' : request.number;
  return new Table({
    width: { size: HEADER_LEFT + HEADER_RIGHT, type: WidthType.DXA },
    indent: { size: -HEADER_OUTSET, type: WidthType.DXA },
    columnWidths: [HEADER_LEFT, HEADER_RIGHT],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0 },
    rows: [
      new TableRow({ children: [blankCell(HEADER_LEFT, left), blankCell(HEADER_RIGHT, right)] }),
      new TableRow({
        children: [
          blankCell(HEADER_LEFT, [centred({ text: `Số: ${number}` })]),
          blankCell(HEADER_RIGHT, [
            centred({ text: placeDateLine(request.place, request.signedOn), italics: true, size: BODY }),
          ]),
        ],
      }),
    ],
  });
}

/** A paragraph of the body: justified, first line indented 1 cm, 6 pt after. */
function bodyParagraph(text: string, options: { italics?: boolean; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: options.before ?? 0, after: 120, line: 288 },
    children: [new TextRun({ text, italics: options.italics })],
  });
}

/** A part heading ("I. KẾT QUẢ THỰC HIỆN") or an item heading ("1. Kết quả theo đơn vị"): bold, kept with what follows. */
function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 120, after: 120, line: 288 },
    keepNext: true,
    children: [new TextRun({ text, bold: true })],
  });
}

/** An empty line, `before` twips high plus a line. */
function spacer(before: number): Paragraph {
  return new Paragraph({ spacing: { before, after: 0 }, children: [] });
}

/** Staff prose: one paragraph per line, blank lines dropped. */
function prose(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => bodyParagraph(line));
}

/** The paragraph style of table cells in `size` half-points. */
const cellStyle = (size: number) => `Cell${size}`;

/**
 * Table cells' paragraphs, single-spaced with no space around, one style per size of the tables: set once in the
 * styles rather than on each cell, where for the 2,000-row appendix it was a third of the document's XML.
 */
const CELL_STYLES = [SMALL, COMPACT].map((size) => ({
  id: cellStyle(size),
  name: `Table cell ${size / 2} pt`,
  run: { size },
  paragraph: { spacing: { before: 0, after: 0, line: 240 } },
}));

function tableCell(
  text: string,
  width: number,
  options: { bold: boolean; align: 'left' | 'right' | 'center'; size: number },
) {
  const alignment = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER }[
    options.align
  ];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        style: cellStyle(options.size),
        alignment,
        // Bold only where set: docx writes "not bold" out on every run it is given false for.
        children: [new TextRun({ text, bold: options.bold || undefined })],
      }),
    ],
  });
}

/** Counts right-aligned, dates and durations centred, text on the left. */
const ALIGNMENTS: Record<CellKind, 'left' | 'right' | 'center'> = {
  text: 'left',
  integer: 'right',
  percent: 'right',
  month: 'center',
  datetime: 'center',
  duration: 'center',
};

/** Widths in twips for the columns, in proportion to their character widths, filling `total`. */
function columnWidths(columns: readonly ReportColumn[], total: number): number[] {
  const sum = columns.reduce((acc, column) => acc + column.width, 0);
  const widths = columns.map((column) => Math.floor((column.width / sum) * total));
  widths[0] = (widths[0] ?? 0) + total - widths.reduce((acc, width) => acc + width, 0);
  return widths;
}

/** A template cell's text: this private-use character, which no report text holds, then the column's index. */
const SLOT = '\uE000';

/** Writes a copy of a rendered template row with each slot's text replaced by the row's cell. */
type Stamp = (cells: readonly string[]) => unknown;

/**
 * Compiles a rendered template row into its Stamp: only the path to each slot is copied per row, and everything
 * else (properties, borders, widths) is shared by every row, which the XML writer only reads. Null when `node`
 * holds no slot.
 */
function stampOf(node: unknown): Stamp | null {
  if (typeof node === 'string') {
    if (!node.startsWith(SLOT)) return null;
    const column = Number(node.slice(SLOT.length));
    return (cells) => cells[column] ?? '';
  }
  if (typeof node !== 'object' || node === null) return null;
  const entries = Object.entries(node).map(([key, child]) => ({ key, child, stamp: stampOf(child) }));
  if (entries.every((entry) => entry.stamp === null)) return null;
  if (Array.isArray(node)) return (cells) => entries.map((entry) => entry.stamp?.(cells) ?? entry.child);
  return (cells) => {
    const copy: Record<string, unknown> = {};
    for (const entry of entries) copy[entry.key] = entry.stamp?.(cells) ?? entry.child;
    return copy;
  };
}

/**
 * A table whose body rows docx renders once, as a template row of slots, and which writes each row as a copy of
 * it with the row's texts filled in. docx builds and then walks a tree of a dozen components for every cell:
 * for the 2,000-row appendix that took seconds and most of the report's time, while its rows differ only in
 * their texts. The table (properties, grid, header row) and the templates are docx's own rendering.
 */
class StampedTable extends FileChild {
  constructor(
    /** The table with its header row, then the body template and, when there is one, the total's. */
    private readonly table: Table,
    private readonly rows: readonly (readonly string[])[],
    private readonly totalRow: readonly string[] | null,
  ) {
    super('w:tbl');
  }

  override prepForXml(context: IContext): IXmlableObject {
    const rendered = this.table.prepForXml(context) as { 'w:tbl': unknown[] };
    const parts = rendered['w:tbl'];
    const templates = this.totalRow ? 2 : 1;
    const [body, total] = parts.slice(-templates).map((row) => stampOf(row) ?? (() => row));
    return {
      'w:tbl': [
        ...parts.slice(0, -templates),
        ...this.rows.map((cells) => body?.(cells)),
        ...(this.totalRow ? [total?.(this.totalRow)] : []),
      ],
    };
  }
}

/** A bordered table with a bold header row repeated on every page, in `size` half-points. */
function gridTable(
  columns: readonly ReportColumn[],
  rows: readonly (readonly string[])[],
  totalRow: readonly string[] | null,
  width: number,
  size: number,
): FileChild {
  const widths = columnWidths(columns, width);
  const slots = columns.map((_, i) => `${SLOT}${i}`);
  const line = (bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: columns.map((column, i) =>
        tableCell(slots[i] ?? '', widths[i] ?? 0, { bold, align: ALIGNMENTS[column.kind], size }),
      ),
    });
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    margins: GRID_MARGINS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((column, i) =>
          tableCell(columnHeader(column, 'docx'), widths[i] ?? 0, { bold: true, align: 'center', size }),
        ),
      }),
      line(false),
      ...(totalRow ? [line(true)] : []),
    ],
  });
  return new StampedTable(table, rows, totalRow);
}

/** With the "STT" (ordinal) column every Vietnamese table starts with. */
const ORDINAL: ReportColumn = { header: 'STT', kind: 'text', width: 8 };

function figuresTable(table: ReportTable): FileChild {
  const text = (values: readonly (string | number | null)[]) =>
    table.columns.map((column, i) => formatCell(column.kind, values[i] ?? null));
  return gridTable(
    [ORDINAL, ...table.columns],
    table.rows.map((values, i) => [String(i + 1), ...text(values)]),
    ['', ...text(table.total)],
    TEXT_WIDTH,
    SMALL,
  );
}

/** The sentence that follows a table, for the figures the plans single out. */
function noteAfter(table: ReportTable, data: ReportData): string | null {
  const { coverage } = data;
  if (table.key === 'channels') {
    const vehicle = coverage.byChannel.find((row) => row.channel === 'mobile_vehicle');
    return `${channelLabel('mobile_vehicle')}: ${formatNumberVi(vehicle?.broadcasts ?? 0)} lượt phát, ${formatNumberVi(vehicle?.minutes ?? 0)} phút.`;
  }
  if (table.key === 'languages') {
    return coverage.minorityShare === null
      ? 'Chưa có lượt phát nào trong kỳ.'
      : `Tỷ lệ lượt phát bằng tiếng dân tộc thiểu số: ${formatPercentVi(coverage.minorityShare)} ` +
          `(${formatNumberVi(coverage.totals.minorityBroadcasts)}/${formatNumberVi(coverage.totals.broadcasts)} lượt).`;
  }
  return null;
}

/** "Nơi nhận" on the left, the signature on the right. */
function closingBlock(data: ReportData): Table {
  const { request } = data;
  const recipients = [...request.recipients.map((r) => `- ${r.replace(/[;.,\s]+$/, '')};`), '- Lưu: VT.'];
  const left = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: RECIPIENT_HEADING })],
    }),
    ...recipients.map(
      (text) =>
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [new TextRun({ text, size: RECIPIENT })],
        }),
    ),
  ];
  const right = [
    ...request.signer.title
      .split('\n')
      .map((line) => centred({ text: line.trim().toLocaleUpperCase('vi'), bold: true, size: BODY })),
    ...['', '', '', ''].map(() => centred({ text: '', size: BODY })),
    centred({ text: request.signer.name, bold: true, size: BODY }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH / 2, TEXT_WIDTH / 2],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [blankCell(TEXT_WIDTH / 2, left), blankCell(TEXT_WIDTH / 2, right)],
      }),
    ],
  });
}

/** Reads at most `cap` logs and whether more followed; stopping early closes the source (a database cursor). */
async function firstLogs(
  logs: ReportData['logs'],
  cap: number,
): Promise<{ logs: ReportLog[]; more: boolean }> {
  const taken: ReportLog[] = [];
  for await (const log of logs) {
    if (taken.length === cap) return { logs: taken, more: true };
    taken.push(log);
  }
  return { logs: taken, more: false };
}

/** The evidence appendix: one row per log, landscape, capped at DOCX_LOG_CAP. */
async function appendix(data: ReportData): Promise<FileChild[]> {
  const { logs, more } = await firstLogs(data.logs, DOCX_LOG_CAP);
  const columns = LOG_COLUMNS.filter((column) => column.inDocx);
  const number = data.request.number === '' ? '' : ` số ${data.request.number}`;
  const children: FileChild[] = [
    centred({ text: 'PHỤ LỤC', bold: true, size: BODY }),
    centred({ text: 'Danh sách nhật ký phát thanh', bold: true, size: BODY }),
    centred(
      {
        text: `(Kèm theo Báo cáo${number} ngày ${formatDate(data.request.signedOn)})`,
        italics: true,
        size: BODY,
      },
      240,
    ),
  ];
  if (logs.length === 0) {
    children.push(bodyParagraph('Không có nhật ký phát thanh nào trong kỳ báo cáo.'));
    return children;
  }
  children.push(
    gridTable(
      [ORDINAL, ...columns],
      logs.map((log, i) => [
        String(i + 1),
        ...columns.map((column) => formatCell(column.kind, column.value(log))),
      ]),
      null,
      LANDSCAPE_TEXT_WIDTH,
      COMPACT,
    ),
  );
  if (more) {
    children.push(
      bodyParagraph(
        `Phụ lục này liệt kê ${formatNumberVi(DOCX_LOG_CAP)} nhật ký đầu tiên của kỳ báo cáo; danh sách đầy đủ ` +
          'có trong tệp XLSX (trang “Nhật ký”) và tệp CSV kèm theo báo cáo.',
        { italics: true },
      ),
    );
  }
  return children;
}

/** The page number, centred at the top (NĐ 30 numbers pages from the second). */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: BODY })],
      }),
    ],
  });
}

/** The DOCX report as bytes. */
export async function docxReport(data: ReportData): Promise<Buffer> {
  const { request, coverage } = data;
  const period = { from: request.from, to: request.to };
  const area = coverage.units[0] ? ` trên địa bàn ${inSentence(coverage.units[0].name)}` : '';

  const tables = reportTables(coverage);
  const partOne: FileChild[] = [heading('I. KẾT QUẢ THỰC HIỆN')];
  tables.forEach((table, i) => {
    partOne.push(heading(`${i + 1}. ${table.heading}`), figuresTable(table));
    const note = noteAfter(table, data);
    // A table is followed by its note, or by an empty line before the next heading.
    partOne.push(note === null ? spacer(0) : bodyParagraph(note, { before: 80 }));
  });
  partOne.push(heading(`${tables.length + 1}. Đánh giá chung`), ...prose(request.sections.evaluation));

  const body: FileChild[] = [
    headerBlock(data),
    spacer(240),
    centred({ text: 'BÁO CÁO', bold: true, size: BODY }),
    centred({
      text: `Kết quả công tác truyền thông chính sách ${periodLabel(period)}`,
      bold: true,
      size: BODY,
    }),
    rule(TEXT_WIDTH, 2_000),
    spacer(120),
    ...partOne,
    heading('II. KHÓ KHĂN, VƯỚNG MẮC'),
    ...prose(request.sections.difficulties),
    heading('III. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...prose(request.sections.proposals),
    heading(`IV. PHƯƠNG HƯỚNG, NHIỆM VỤ ${nextPeriodLabel(period).toLocaleUpperCase('vi')}`),
    ...prose(request.sections.direction),
    bodyParagraph(
      `Trên đây là báo cáo kết quả công tác truyền thông chính sách ${periodLabel(period)}${area}./.`,
    ),
    spacer(120),
    closingBlock(data),
  ];

  const page = { size: { ...PAGE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN };
  const sections: ISectionOptions[] = [
    {
      properties: { page, titlePage: true },
      headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
      children: body,
    },
    {
      properties: { page: { ...page, size: { ...PAGE, orientation: PageOrientation.LANDSCAPE } } },
      headers: { default: pageNumberHeader() },
      children: await appendix(data),
    },
  ];
  const document = new Document({
    title: `Báo cáo kết quả công tác truyền thông chính sách ${periodLabel(period)}`,
    creator: request.issuer.body,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY }, paragraph: { spacing: { after: 0 } } },
      },
      paragraphStyles: CELL_STYLES,
    },
    sections,
  });
  return Packer.toBuffer(document);
}
