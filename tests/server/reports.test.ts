import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  airingFactsOf,
  computeCoverage,
  type Coverage,
  type CoverageBulletin,
  type CoverageUnit,
} from '../../src/domain/coverage.ts';
import { draftReport, formatNumberVi, type ReportLog } from '../../src/domain/report.ts';
import type { Topic } from '../../src/domain/schemas/bulletin.ts';
import { csvField, csvReport, inertText } from '../../src/server/reports/csv-report.ts';
import { DOCX_LOG_CAP, docxReport } from '../../src/server/reports/docx-report.ts';
import {
  columnHeader,
  formatCell,
  LOG_COLUMNS,
  reportFileName,
  reportTables,
  type ReportData,
  type ReportTable,
} from '../../src/server/reports/report-tables.ts';
import { LOG_SHEET, writeXlsxReport } from '../../src/server/reports/xlsx-report.ts';
import {
  BULLETIN_TITLES,
  FAKE_NEWS_BULLETIN,
  H2_2026,
  REPORT_UNIT_IDS,
  REPORT_UNITS,
  reportData,
  reportLog,
  reportRequest,
} from '../helpers/report-data.ts';

/** The text of word/document.xml, and its paragraphs' and table cells' text with the XML removed. */
async function openDocx(data: ReportData) {
  const files = unzipSync(new Uint8Array(await docxReport(data)));
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  const styles = strFromU8(files['word/styles.xml'] ?? new Uint8Array());
  const textOf = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => unescapeXml(textOf(m[0])));
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
    [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => unescapeXml(textOf(cell[0]))),
  );
  return { xml, styles, paragraphs, rows };
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

async function xlsxOf(data: ReportData): Promise<ExcelJS.Workbook> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeXlsxReport(data, output);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function csvOf(data: Pick<ReportData, 'logs'>): Promise<string> {
  let text = '';
  for await (const chunk of csvReport(data)) text += chunk;
  return text;
}

/** Splits RFC 4180 CSV into records of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return records;
}

function* manyLogs(count: number): Generator<ReportLog> {
  for (let i = 0; i < count; i += 1) {
    yield reportLog(new Date(Date.parse('2026-07-01T00:00:00.000Z') + i * 60_000).toISOString());
  }
}

const DISTRICT = REPORT_UNITS[1] as CoverageUnit;

/** The topics the fixture's bulletins are about, the most aired first. */
const AIRED_TOPICS: readonly Topic[] = [
  'disaster_preparedness',
  'health_insurance',
  'digital_transformation',
  'agriculture',
  'education',
];

/**
 * The district's logs and figures with `count` topics of bulletins aired at Tả Phìn, each less than the one before
 * (so a shortlist of the first few would leave the last out); with `others`, also a live relay (no topic) and a
 * topic aired only in part, which the topic table lists with 0 broadcasts.
 */
function topicsData(count: number, others = false): ReportData {
  const topics = AIRED_TOPICS.slice(0, count);
  const bulletinOf = (i: number) => `21000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
  const bulletins: CoverageBulletin[] = [...topics, 'environment' as const].map((topic, i) => ({
    id: bulletinOf(i),
    status: 'published',
    topic,
    airing: null,
    validFrom: '2026-01-01',
    validUntil: null,
    targetUnitIds: [REPORT_UNIT_IDS.district],
  }));
  const logs: ReportLog[] = [];
  let day = 0;
  const air = (overrides: Partial<ReportLog>, minutes: number) => {
    day += 1;
    const startedAt = new Date(Date.parse('2026-07-01T00:00:00.000Z') + day * 86_400_000).toISOString();
    const endedAt = new Date(Date.parse(startedAt) + minutes * 60_000).toISOString();
    logs.push(reportLog(startedAt, { bulletinTitle: 'Bản tin', ...overrides, endedAt }));
  };
  topics.forEach((_, i) => {
    for (let n = 0; n < count - i + 1; n += 1) air({ bulletinId: bulletinOf(i) }, 4 + i + n / 2);
  });
  if (others) {
    air({ bulletinId: null, bulletinTitle: null, source: 'live', completion: null }, 27);
    air({ bulletinId: bulletinOf(topics.length), completion: { passes: 0, measured: true } }, 3);
  }
  const request = reportRequest();
  const coverage = computeCoverage({
    rootUnitId: REPORT_UNIT_IDS.district,
    units: REPORT_UNITS,
    bulletins,
    facts: airingFactsOf(logs, H2_2026),
    period: H2_2026,
  });
  return { request: { ...request, sections: draftReport(coverage, DISTRICT, H2_2026) }, coverage, logs };
}

/** A table's row as the DOCX and CSV write its cells. */
function cellTexts(table: ReportTable, values: readonly (string | number | null)[]): string[] {
  return table.columns.map((column, i) => formatCell(column.kind, values[i] ?? null));
}

/** The list item the narrative gives a tally row: its label, broadcasts, share and minutes as the table shows them. */
function tallyItem([label, broadcasts, minutes, share]: readonly string[]): string {
  return `- ${label ?? ''}: ${broadcasts ?? ''} lượt (${share ?? ''}), ${minutes ?? ''} phút`;
}

/** Asserts that the narrative drafted from `coverage` says what the report's tables show, figure for figure. */
function expectNarrativeOfTables(coverage: Coverage): void {
  const draft = draftReport(coverage, DISTRICT, H2_2026, { vehicleStops: 2 });
  const tables = reportTables(coverage);
  const table = (key: ReportTable['key']) => tables.find((t) => t.key === key) as ReportTable;

  // Every topic the topic table lists, in its order, with its broadcasts, share and minutes: none left out.
  const topics = table('topics');
  const items = draft.evaluation.split('\n').filter((line) => line.startsWith('- '));
  expect(items.map((line) => line.replace(/[;.]$/, ''))).toEqual(
    topics.rows.map((values) => tallyItem(cellTexts(topics, values))),
  );

  // The totals the narrative starts from are the tables' "Tổng cộng" rows, in the same units.
  const [, broadcasts, minutes] = topics.total;
  for (const tally of tables.filter((t) => t.key !== 'units')) {
    expect(tally.total.slice(1, 3)).toEqual([broadcasts, minutes]);
  }
  expect(table('units').total.slice(4, 6)).toEqual([broadcasts, minutes]);
  const [, broadcastsText, minutesText] = cellTexts(topics, topics.total);
  if (broadcasts === 0) {
    expect(draft.evaluation).toContain('chưa ghi nhận lượt phát tin, bài nào');
  } else {
    expect(draft.evaluation).toContain(
      `đã phát ${broadcastsText ?? ''} lượt tin, bài tuyên truyền với tổng thời lượng ${minutesText ?? ''} phút ` +
        `(khoảng ${formatNumberVi(Number(minutes) / 60, 1)} giờ)`,
    );
  }

  // The vehicles' figures are the channel table's row, and a lagging unit's share is the unit table's.
  const channels = table('channels');
  const vehicle = channels.rows
    .map((values) => cellTexts(channels, values))
    .find(([label]) => label === 'Xe thông tin lưu động');
  if (vehicle?.[1] !== '0') {
    expect(draft.evaluation).toContain(
      `Xe thông tin lưu động đã thực hiện ${vehicle?.[1] ?? ''} lượt phát (${vehicle?.[2] ?? ''} phút)`,
    );
  }
  const units = table('units');
  for (const values of units.rows) {
    const [name = '', , , compliance = ''] = cellTexts(units, values);
    const share = values[3];
    if (typeof share === 'number' && share < 0.8)
      expect(draft.difficulties).toContain(`${name} (${compliance})`);
  }
}

describe('the drafted narrative and the tables', () => {
  it('names every one of 4 topics the topic table lists, with the table’s figures', () => {
    const { coverage } = topicsData(4);
    expect(coverage.byTopic).toHaveLength(4);
    expectNarrativeOfTables(coverage);
  });

  it('names every one of 6 topics, a live relay and a topic aired only in part among them', () => {
    const { coverage } = topicsData(4, true);
    expect(coverage.byTopic).toHaveLength(6);
    expect(coverage.byTopic.at(-1)).toMatchObject({ topic: 'environment', broadcasts: 0, minutes: 3 });
    expectNarrativeOfTables(coverage);
  });

  it('agrees with the tables of the usual fixture: vehicles, a partial airing, a lagging commune', () => {
    expectNarrativeOfTables(reportData().coverage);
  });

  it('puts every topic row of the DOCX table into the drafted evaluation of the same DOCX', async () => {
    const data = topicsData(5, true);
    const { rows, paragraphs } = await openDocx(data);
    const header = rows.findIndex((row) => row[1] === 'Chủ đề');
    const total = rows.findIndex((row, i) => i > header && row[1] === 'Tổng cộng');
    const topicRows = rows.slice(header + 1, total);
    expect(topicRows).toHaveLength(7);
    const evaluation = paragraphs.slice(paragraphs.indexOf('6. Đánh giá chung'));
    for (const row of topicRows) {
      const item = tallyItem(row.slice(1));
      expect(
        evaluation.some((paragraph) => paragraph.startsWith(item)),
        item,
      ).toBe(true);
    }
  });
});

describe('DOCX report', () => {
  it('has the header block, title, numbered parts and closing of NĐ 30', async () => {
    const { paragraphs, rows } = await openDocx(reportData());
    const header = rows[0] ?? [];
    expect(header[0]).toBe('UBND HUYỆN THANH LÂMPHÒNG VĂN HÓA VÀ THÔNG TIN');
    expect(header[1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc');
    expect(rows[1]).toEqual(['Số: 12/BC-VHTT', 'Thanh Lâm, ngày 05 tháng 12 năm 2026']);
    const title = paragraphs.indexOf('BÁO CÁO');
    expect(title).toBeGreaterThan(0);
    expect(paragraphs[title + 1]).toBe('Kết quả công tác truyền thông chính sách 6 tháng cuối năm 2026');
    const parts = paragraphs.filter((p) => /^(I|II|III|IV)\. /.test(p));
    expect(parts).toEqual([
      'I. KẾT QUẢ THỰC HIỆN',
      'II. KHÓ KHĂN, VƯỚNG MẮC',
      'III. ĐỀ XUẤT, KIẾN NGHỊ',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027',
    ]);
    for (const heading of [
      '1. Kết quả theo đơn vị',
      '2. Kết quả theo hình thức phát',
      '3. Kết quả theo chủ đề',
      '4. Kết quả theo ngôn ngữ phát',
      '5. Kết quả theo tháng',
      '6. Đánh giá chung',
      'Đoạn đánh giá thứ nhất.',
      'Đoạn đánh giá thứ hai.',
      'Sóng 3G yếu ở các thôn vùng cao.',
      'Tỷ lệ lượt phát bằng tiếng dân tộc thiểu số: 23,5% (4/17 lượt).',
      'Xe thông tin lưu động: 2 lượt phát, 45 phút.',
      'Trên đây là báo cáo kết quả công tác truyền thông chính sách 6 tháng cuối năm 2026 trên địa bàn huyện Thanh Lâm./.',
    ]) {
      expect(paragraphs).toContain(heading);
    }
    const closing = rows.find((row) => row[0]?.startsWith('Nơi nhận:'));
    expect(closing?.[0]).toBe(
      'Nơi nhận:- Sở Văn hóa, Thể thao và Du lịch;- UBND huyện (b/c);- UBND các xã;- Lưu: VT.',
    );
    expect(closing?.[1]).toBe('KT. TRƯỞNG PHÒNGPHÓ TRƯỞNG PHÒNGLò Văn Minh');
  });

  it('tabulates the figures of the coverage, with the totals', async () => {
    const data = reportData();
    const { rows } = await openDocx(data);
    expect(rows).toContainEqual([
      'STT',
      'Đơn vị',
      'Lượt phải phát theo yêu cầu',
      'Lượt phát đạt yêu cầu',
      'Tỷ lệ đạt',
      'Tổng lượt phát',
      'Số phút phát',
      'Lượt phát dở dang (chỉ tính phút)',
      'Lượt phát tiếng DTTS',
    ]);
    expect(rows).toContainEqual([
      '1',
      'Đội Thông tin lưu động huyện Thanh Lâm',
      '0',
      '0',
      '',
      '2',
      '45',
      '0',
      '1',
    ]);
    // Tả Phìn's playback stopped after 40 seconds on 8/7: its minutes count, as a partial airing, not a broadcast.
    expect(rows).toContainEqual(['2', 'Xã Tả Phìn', '10', '9', '90,0%', '10', '76', '1', '3']);
    expect(rows).toContainEqual(['3', 'Xã Vĩnh Hải', '10', '3', '30,0%', '5', '25', '0', '0']);
    expect(rows).toContainEqual(['', 'Tổng cộng', '20', '12', '60,0%', '17', '146', '1', '4']);
    expect(rows).toContainEqual(['', 'Tổng cộng', '17', '146', '100,0%']);
    expect(rows).toContainEqual(['4', 'Xe thông tin lưu động', '2', '45', '11,8%']);
    expect(rows).toContainEqual(['1', 'Bảo hiểm y tế', '14', '71', '82,4%']);
    expect(rows).toContainEqual(['2', "Tiếng H'Mông", '4', '40', '23,5%']);
    expect(rows).toContainEqual(['1', '07/2026', '13', '66', '76,5%']);
    expect(rows.filter((row) => row[1] === 'Tổng cộng')).toHaveLength(5);
    expect(rows).toContainEqual(['2', '08/2026', '0', '0', '0,0%']);
    // Every table of the shared definitions is in the document, row for row.
    for (const table of reportTables(data.coverage)) {
      const texts = table.rows.map((values, i) => [
        String(i + 1),
        ...table.columns.map((column, j) => formatCell(column.kind, values[j] ?? null)),
      ]);
      for (const row of texts) expect(rows).toContainEqual(row);
    }
  });

  it('is A4 portrait in Times New Roman 13–14 pt with the margins of NĐ 30', async () => {
    const { xml, styles } = await openDocx(reportData());
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<w:sz w:val="28"\/>/);
    const sizes = new Set([...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1])));
    // 13–14 pt everywhere but "Nơi nhận" (12 and 11 pt) and the hairline of the rules.
    expect([...sizes].filter((size) => size !== 8).sort()).toEqual([22, 24, 26, 28]);
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
  });

  it('lists every log of the period in the appendix with its verification, in Vietnam time', async () => {
    const data = reportData();
    const { rows, paragraphs, xml } = await openDocx(data);
    expect(paragraphs).toContain('PHỤ LỤC');
    expect(paragraphs).toContain('Danh sách nhật ký phát thanh');
    expect(paragraphs).toContain('(Kèm theo Báo cáo số 12/BC-VHTT ngày 05/12/2026)');
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(rows).toContainEqual([
      'STT',
      'Thời gian bắt đầu',
      'Đơn vị',
      'Bản tin',
      'Hình thức phát',
      'Ngôn ngữ',
      'Thời lượng',
      'Phát trọn vẹn',
      'Xác minh',
    ]);
    const logs = [...(data.logs as ReportLog[])];
    const listed = rows.filter((row) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(row[1] ?? ''));
    expect(listed).toHaveLength(logs.length);
    // 1 July 2026 00:00 UTC is 07:00 in Vietnam.
    expect(listed[0]).toEqual([
      '1',
      '01/07/2026 07:00',
      'Xã Tả Phìn',
      'Bảo hiểm y tế hộ gia đình, năm 2026',
      'Loa truyền thanh có dây',
      'Tiếng Việt',
      '5 phút',
      '1 lần',
      'Đã xác minh',
    ]);
    expect(listed.filter((row) => row[8] === 'Chưa xác minh')).toHaveLength(1);
    expect(listed.filter((row) => row[7] === 'Dở dang')).toEqual([
      [
        expect.any(String),
        '08/07/2026 07:00',
        'Xã Tả Phìn',
        expect.any(String),
        expect.any(String),
        'Tiếng Việt',
        '40 giây',
        'Dở dang',
        'Đã xác minh',
      ],
    ]);
    expect(
      listed.some(
        (row) => row[3] === BULLETIN_TITLES[FAKE_NEWS_BULLETIN] && row[4] === 'Xe thông tin lưu động',
      ),
    ).toBe(true);
    expect(paragraphs.some((p) => p.includes('danh sách đầy đủ'))).toBe(false);
  });

  it(`caps the appendix at ${DOCX_LOG_CAP} logs and points to the XLSX and CSV`, async () => {
    const { rows, paragraphs } = await openDocx({ ...reportData(), logs: manyLogs(DOCX_LOG_CAP + 500) });
    const listed = rows.filter((row) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(row[1] ?? ''));
    expect(listed).toHaveLength(DOCX_LOG_CAP);
    expect(paragraphs).toContain(
      `Phụ lục này liệt kê ${formatNumberVi(DOCX_LOG_CAP)} nhật ký đầu tiên của kỳ báo cáo; danh sách đầy đủ có ` +
        'trong tệp XLSX (trang “Nhật ký”) và tệp CSV kèm theo báo cáo.',
    );
  });
});

describe('XLSX report', () => {
  it('has one sheet per table and the raw logs, with bold headers and the totals', async () => {
    const data = reportData();
    const workbook = await xlsxOf(data);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Đơn vị',
      'Hình thức phát',
      'Chủ đề',
      'Ngôn ngữ',
      'Theo tháng',
      LOG_SHEET,
    ]);
    const units = workbook.getWorksheet('Đơn vị');
    expect(units?.getRow(1).values).toEqual([
      undefined,
      'Đơn vị',
      'Lượt phải phát theo yêu cầu',
      'Lượt phát đạt yêu cầu',
      'Tỷ lệ đạt',
      'Tổng lượt phát',
      'Số phút phát',
      'Lượt phát dở dang (chỉ tính phút)',
      'Lượt phát tiếng DTTS',
    ]);
    expect(units?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(units?.getRow(3).values).toEqual([undefined, 'Xã Tả Phìn', 10, 9, 0.9, 10, 76, 1, 3]);
    expect(units?.getRow(3).getCell(4).numFmt).toBe('0.0%');
    const total = units?.getRow(5);
    expect(total?.values).toEqual([undefined, 'Tổng cộng', 20, 12, 0.6, 17, 146, 1, 4]);
    expect(total?.getCell(1).font?.bold).toBe(true);
    expect(units?.getColumn(1).width).toBe(30);
    const months = workbook.getWorksheet('Theo tháng');
    expect(months?.getRow(2).getCell(1).value).toEqual(new Date('2026-07-01T00:00:00.000Z'));
    expect(months?.getRow(2).getCell(1).numFmt).toBe('mm/yyyy');
    expect(months?.rowCount).toBe(1 + 6 + 1);
    expect(months?.getRow(8).getCell(1).value).toBe('Tổng cộng');
    expect(months?.getRow(8).values).toEqual([undefined, 'Tổng cộng', 17, 146, 1]);
  });

  it('lists the raw logs with real dates in Vietnam time and numbers as numbers', async () => {
    const data = reportData();
    const workbook = await xlsxOf(data);
    const sheet = workbook.getWorksheet(LOG_SHEET);
    const logs = [...(data.logs as ReportLog[])];
    expect(sheet?.rowCount).toBe(logs.length + 1);
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(
      LOG_COLUMNS.map((column) => columnHeader(column, 'xlsx')),
    );
    const first = sheet?.getRow(2);
    expect(first?.getCell(1).value).toEqual(new Date('2026-07-01T07:00:00.000Z'));
    expect(first?.getCell(1).numFmt).toBe('dd/mm/yyyy hh:mm');
    // A duration is minutes, a number the header names, for a column to sum as the tables' minutes are.
    expect(sheet?.getRow(1).getCell(6).value).toBe('Thời lượng (phút)');
    expect(first?.getCell(6).value).toBe(5);
    expect(first?.getCell(6).numFmt).toBe('#,##0.0');
    const stopped = logs.findIndex((log) => log.completion?.passes === 0);
    expect(sheet?.getRow(stopped + 2).getCell(6).value).toBeCloseTo(40 / 60, 10);
    expect(first?.getCell(3).value).toBe('Bảo hiểm y tế hộ gia đình, năm 2026');
    expect(first?.getCell(7).value).toBe('1 lần');
    expect(first?.getCell(8).value).toBe('Máy phát đo');
    expect(first?.getCell(13).value).toBe('Đã xác minh');
    expect(first?.getCell(15).value).toBe(logs[0]?.id);
  });

  it('streams a large period without holding the rows', async () => {
    const workbook = await xlsxOf({ ...reportData(), logs: manyLogs(5_000) });
    expect(workbook.getWorksheet(LOG_SHEET)?.rowCount).toBe(5_001);
  });
});

describe('CSV report', () => {
  it('starts with the BOM, has Vietnamese headers and one RFC 4180 record per log', async () => {
    const data = reportData();
    const text = await csvOf(data);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parseCsv(text.slice(1));
    expect(records[0]).toEqual(LOG_COLUMNS.map((column) => columnHeader(column, 'csv')));
    // A duration is plain seconds, the unit in its header: "15:00" would read as a time of day.
    expect(records[0]?.[5]).toBe('Thời lượng (giây)');
    const logs = [...(data.logs as ReportLog[])];
    expect(records).toHaveLength(logs.length + 1);
    expect(records.slice(1).map((record) => record[14])).toEqual(logs.map((log) => log.id));
    expect(records[1]?.slice(0, 6)).toEqual([
      '01/07/2026 07:00',
      'Xã Tả Phìn',
      'Bảo hiểm y tế hộ gia đình, năm 2026',
      'Loa truyền thanh có dây',
      'Tiếng Việt',
      '300',
    ]);
    const vehicle = records.find((record) => record[9] === 'Thôn Sín Chải, "điểm 2"');
    expect(vehicle?.slice(2, 5)).toEqual([
      'Cảnh giác với “tin giả” và "lừa đảo" qua mạng',
      'Xe thông tin lưu động',
      "Tiếng H'Mông",
    ]);
    expect(vehicle?.slice(10, 12)).toEqual(['22.35120', '103.83010']);
    // The live relay was written before completion was recorded: declared complete.
    const live = records.find((record) => record[2] === 'Đọc trực tiếp, tiếp sóng');
    expect(live?.slice(6, 8)).toEqual(['1 lần', 'Người phát khai']);
    const stopped = records.find((record) => record[6] === 'Dở dang');
    expect(stopped?.slice(0, 8)).toEqual([
      '08/07/2026 07:00',
      'Xã Tả Phìn',
      'Bảo hiểm y tế hộ gia đình, năm 2026',
      'Loa truyền thanh có dây',
      'Tiếng Việt',
      '40',
      'Dở dang',
      'Máy phát đo',
    ]);
    expect(text).toContain('"Cảnh giác với “tin giả” và ""lừa đảo"" qua mạng"');
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes only fields that need it', () => {
    expect(csvField('Xã Tả Phìn')).toBe('Xã Tả Phìn');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps text from devices from running as a formula in Excel', async () => {
    const log = reportLog('2026-07-01T00:00:00.000Z', {
      operator: '=HYPERLINK("http://x")',
      placeName: '-1+2',
    });
    const [, record] = parseCsv((await csvOf({ logs: [log] })).slice(1));
    expect(record?.slice(8, 10)).toEqual(['\'=HYPERLINK("http://x")', "'-1+2"]);
    expect(inertText('Xã Tả Phìn')).toBe('Xã Tả Phìn');
  });

  it('streams in chunks', async () => {
    let chunks = 0;
    for await (const chunk of csvReport({ logs: manyLogs(1_200) })) {
      expect(chunk.length).toBeGreaterThan(0);
      chunks += 1;
    }
    expect(chunks).toBe(3);
  });
});

describe('reportFileName', () => {
  it('names the file by the period, in ASCII', () => {
    expect(reportFileName({ from: '2026-01-01', to: '2026-12-31' }, 'docx')).toBe(
      'bao-cao-truyen-thong-chinh-sach-2026.docx',
    );
    expect(reportFileName({ from: '2026-01-01', to: '2026-06-30' }, 'xlsx')).toBe(
      'bao-cao-truyen-thong-chinh-sach-6-thang-dau-nam-2026.xlsx',
    );
    expect(reportFileName({ from: '2026-03-01', to: '2026-11-15' }, 'csv')).toBe(
      'bao-cao-truyen-thong-chinh-sach-tu-ngay-01-03-2026-den-ngay-15-11-2026.csv',
    );
  });
});

describe('XLSX backpressure', () => {
  it('stops reading logs while the download is not read, and goes on when it is', async () => {
    const output = new PassThrough({ highWaterMark: 1024 });
    let read = 0;
    function* counted(): Generator<ReportLog> {
      for (const log of manyLogs(20_000)) {
        read += 1;
        yield log;
      }
    }
    const done = writeXlsxReport({ ...reportData(), logs: counted() }, output);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(read).toBeLessThan(20_000);
    output.resume();
    await done;
    expect(read).toBe(20_000);
  });
});
