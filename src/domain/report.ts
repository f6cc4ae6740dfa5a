/**
 * The report of policy-communication results (báo cáo kết quả công tác truyền thông chính sách) for a period:
 * what staff fill in (ReportRequest), the period presets the plans ask for (the year, each half-year), the
 * Vietnamese labels and number formats every export shares, the figures of the tally tables, and the narrative
 * drafted from those same figures for staff to edit. The exports themselves live in src/server/reports.
 */
import * as v from 'valibot';
import { completionOf, type CompletionLog } from './completion.ts';
import type { Coverage, CoverageUnit, ReportPeriod, Tally } from './coverage.ts';
import { formatDate } from './dates.ts';
import { findLanguage, type LanguageCode } from './languages.ts';
import { periodRule } from './period-schema.ts';
import type { Channel, Verification } from './schemas/broadcast-log.ts';
import { DateSchema, IdSchema, TextSchema, labelSchema } from './schemas/common.ts';
import type { Topic } from './schemas/bulletin.ts';
import type { ReceivedLog } from './sync.ts';
import viBulletins from '../../locales/vi/bulletins.json';
import viLogs from '../../locales/vi/logs.json';
import viStaff from '../../locales/vi/staff.json';

/** A narrative section of the report: staff prose, plain-text paragraphs separated by blank lines. */
const SectionSchema = v.pipe(TextSchema, v.trim(), v.maxLength(20_000));

/** A single line of the header or signature: no line breaks, bounded. */
function lineSchema(maxLength: number) {
  return v.pipe(TextSchema, v.trim(), v.maxLength(maxLength), v.regex(/^[^\r\n]*$/, 'one line only'));
}

/** The staff-written narrative of a report, section by section. */
export const ReportSectionsSchema = v.strictObject({
  /** I. Đánh giá kết quả: the prose that comes after the figures' tables. */
  evaluation: SectionSchema,
  /** II. Khó khăn, vướng mắc. */
  difficulties: SectionSchema,
  /** III. Đề xuất, kiến nghị. */
  proposals: SectionSchema,
  /** IV. Phương hướng, nhiệm vụ kỳ tới. */
  direction: SectionSchema,
});
export type ReportSections = v.InferOutput<typeof ReportSectionsSchema>;

/** What staff fill in to produce a report: the unit and period, the document's header and signature, the prose. */
const ReportRequestEntries = v.strictObject({
  unitId: IdSchema,
  from: DateSchema,
  to: DateSchema,
  /** The document number as registered, e.g. "12/BC-VHTT"; empty leaves the blank staff fill in by hand. */
  number: lineSchema(40),
  /** The place of the date line, e.g. "Thanh Lâm". */
  place: v.pipe(labelSchema(60), v.regex(/^[^\r\n]*$/, 'one line only')),
  signedOn: DateSchema,
  issuer: v.strictObject({
    /** The body the issuer belongs to, e.g. "UBND HUYỆN THANH LÂM"; empty for a top-level body. */
    parent: lineSchema(120),
    /** The issuing body, e.g. "PHÒNG VĂN HÓA VÀ THÔNG TIN". */
    body: v.pipe(labelSchema(120), v.regex(/^[^\r\n]*$/, 'one line only')),
  }),
  signer: v.strictObject({
    /** The signing capacity, up to three lines, e.g. "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG". */
    title: v.pipe(
      labelSchema(160),
      v.check((title) => title.split('\n').length <= 3, 'at most three lines'),
    ),
    /** Left empty when the name is written by hand. */
    name: lineSchema(80),
  }),
  /** "Nơi nhận", one recipient per entry; "Lưu: VT." is always added. */
  recipients: v.pipe(v.array(v.pipe(labelSchema(200), v.regex(/^[^\r\n]*$/))), v.maxLength(30)),
  sections: ReportSectionsSchema,
});
export const ReportRequestSchema = v.pipe(
  ReportRequestEntries,
  ...periodRule<v.InferOutput<typeof ReportRequestEntries>>(),
);
export type ReportRequest = v.InferOutput<typeof ReportRequestSchema>;

/** GET /api/reports/draft?unitId=&from=&to=: the staff member's own unit when unitId is absent. */
const ReportDraftQueryEntries = v.strictObject({
  unitId: v.optional(IdSchema),
  from: DateSchema,
  to: DateSchema,
});
export const ReportDraftQuerySchema = v.pipe(
  ReportDraftQueryEntries,
  ...periodRule<v.InferOutput<typeof ReportDraftQueryEntries>>(),
);

/** The export formats of POST /api/reports/:format. */
export const REPORT_FORMATS = ['docx', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A broadcast log as the evidence appendix and the raw-log exports list it. */
export type ReportLog = Pick<
  ReceivedLog,
  | 'id'
  | 'deviceId'
  | 'seq'
  | 'unitId'
  | 'operator'
  | 'bulletinId'
  | 'lang'
  | 'source'
  | 'channel'
  | 'startedAt'
  | 'endedAt'
  | 'repeats'
  | 'completion'
  | 'placeName'
  | 'location'
  | 'correctsLogId'
  | 'receivedAt'
  | 'verification'
> & {
  unitName: string;
  /** Null for a live reading or relay tied to no bulletin. */
  bulletinTitle: string | null;
};

/** The period presets the plans ask reports for. */
export type ReportPreset = 'year' | 'h1' | 'h2';

/** The calendar days of a preset period of `year`. */
export function reportPeriod(preset: ReportPreset, year: number): ReportPeriod {
  const y = String(year).padStart(4, '0');
  if (preset === 'h1') return { from: `${y}-01-01`, to: `${y}-06-30` };
  if (preset === 'h2') return { from: `${y}-07-01`, to: `${y}-12-31` };
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The preset a period is, if it is one. */
export function presetOf(period: ReportPeriod): { preset: ReportPreset; year: number } | null {
  const year = Number(period.from.slice(0, 4));
  for (const preset of ['year', 'h1', 'h2'] as const) {
    const candidate = reportPeriod(preset, year);
    if (candidate.from === period.from && candidate.to === period.to) return { preset, year };
  }
  return null;
}

/** How the title names the period: "năm 2026", "6 tháng đầu năm 2026", or "từ ngày … đến ngày …". */
export function periodLabel(period: ReportPeriod): string {
  const preset = presetOf(period);
  if (preset?.preset === 'year') return `năm ${preset.year}`;
  if (preset?.preset === 'h1') return `6 tháng đầu năm ${preset.year}`;
  if (preset?.preset === 'h2') return `6 tháng cuối năm ${preset.year}`;
  return `từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
}

/** The period after this one, as the "direction" section names it: "năm 2027", "6 tháng cuối năm 2026". */
export function nextPeriodLabel(period: ReportPeriod): string {
  const preset = presetOf(period);
  if (preset?.preset === 'h1') return `6 tháng cuối năm ${preset.year}`;
  if (preset) return `năm ${preset.year + 1}`;
  return 'thời gian tới';
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number as Vietnamese documents write it: 1.234.567 and 1.234,5 (`digits` decimals, fixed). */
export function formatNumberVi(value: number, digits = 0): string {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: true,
    });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

/** A share from 0 to 1 as a Vietnamese percentage with one decimal: "91,2%". */
export function formatPercentVi(share: number): string {
  return `${formatNumberVi(share * 100, 1)}%`;
}

/** A month (yyyy-mm) as reports write it: "01/2026". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** The place and date line: "Thanh Lâm, ngày 05 tháng 12 năm 2026". */
export function placeDateLine(place: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${place}, ngày ${day} tháng ${month} năm ${year}`;
}

/** The Vietnamese name of a channel, as the log form shows it. */
export function channelLabel(channel: Channel): string {
  return viLogs.form.channels[channel];
}

/** The Vietnamese name of a topic; broadcasts tied to no bulletin are live readings and relays. */
export function topicLabel(topic: Topic | null): string {
  return topic === null ? 'Đọc trực tiếp, tiếp sóng' : viBulletins.topics[topic];
}

/** The Vietnamese name of a language of the registry. */
export function languageLabel(code: string): string {
  return findLanguage(code)?.nameVi ?? code;
}

/** Whether a log aired the bulletin in full, as the appendix says it: "2 lần", or "Dở dang" (completion.ts). */
export function completionLabel(log: CompletionLog): string {
  const { passes } = completionOf(log);
  return passes === 0 ? 'Dở dang' : `${formatNumberVi(passes)} lần`;
}

/** Who counted a log's completed passes: the player, or the operator (and every log written before it counted). */
export function completionSourceLabel(log: CompletionLog): string {
  return completionOf(log).measured ? 'Máy phát đo' : 'Người phát khai';
}

/** The Vietnamese name of a verification status. */
export function verificationLabel(verification: Verification): string {
  return viStaff.verification[verification];
}

/** A row of a tally table (by channel, topic, language or month), as the report shows it and its narrative cites it. */
export interface TallyFigure<K> extends Tally {
  key: K;
  /** The row's name in Vietnamese: "Bảo hiểm y tế", "Tiếng H'Mông", "07/2026". */
  label: string;
  /** The row's share of the period's broadcasts, from 0 to 1; null when there were none. */
  share: number | null;
}

/**
 * The figures of the report's tally tables, worked out once from the coverage: the tables show these rows and the
 * drafted narrative cites the same rows, so the text cannot name fewer topics or other numbers than the tables.
 */
export interface ReportFigures {
  /** The period's broadcasts and minutes, as every tally table's "Tổng cộng" row gives them. */
  totals: Tally & { share: number | null };
  channels: TallyFigure<Channel>[];
  topics: TallyFigure<Topic | null>[];
  languages: TallyFigure<LanguageCode>[];
  months: TallyFigure<string>[];
}

const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The tally tables' rows, in the order the coverage gives them (topics and languages most broadcasts first). */
export function reportFigures(coverage: Coverage): ReportFigures {
  const { broadcasts, minutes } = coverage.totals;
  const figure = <K>(row: Tally, key: K, label: string): TallyFigure<K> => ({
    key,
    label,
    broadcasts: row.broadcasts,
    minutes: row.minutes,
    share: shareOf(row.broadcasts, broadcasts),
  });
  return {
    totals: { broadcasts, minutes, share: shareOf(broadcasts, broadcasts) },
    channels: coverage.byChannel.map((row) => figure(row, row.channel, channelLabel(row.channel))),
    topics: coverage.byTopic.map((row) => figure(row, row.topic, topicLabel(row.topic))),
    languages: coverage.byLanguage.map((row) => figure(row, row.lang, languageLabel(row.lang))),
    months: coverage.byMonth.map((row) => figure(row, row.month, formatMonth(row.month))),
  };
}

/** A tally row as a sentence of the narrative writes it: "Bảo hiểm y tế: 12 lượt (70,6%), 120 phút". */
function tallyText(row: TallyFigure<unknown>): string {
  const share = row.share === null ? '' : ` (${formatPercentVi(row.share)})`;
  return `${row.label}: ${formatNumberVi(row.broadcasts)} lượt${share}, ${formatNumberVi(row.minutes)} phút`;
}

/** Lower-cases the first letter, for a unit name inside a sentence: "trên địa bàn huyện Thanh Lâm". */
export function inSentence(name: string): string {
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}

/** "a, b và c". */
function listVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items.at(-1) ?? ''}`;
}

/** Who broadcast, as the first sentence of the evaluation names them. */
function subjectOf(unit: CoverageUnit): string {
  if (unit.level === 'commune') return `Đài truyền thanh ${inSentence(unit.name)}`;
  if (unit.level === 'team') return unit.name;
  return `Các đài truyền thanh cấp xã và đội thông tin lưu động trên địa bàn ${inSentence(unit.name)}`;
}

/** Figures the coverage does not hold, which the dashboard's report adds when it has them. */
export interface DraftExtras {
  /** Vehicle stops logged with a position in the period. */
  vehicleStops?: number;
}

/** Compliance below this share names a unit among the difficulties. */
const LOW_COMPLIANCE = 0.8;
/** A minority-language share below this, where minority languages are spoken, asks for more translations. */
const LOW_MINORITY_SHARE = 0.2;

/**
 * Drafts the narrative sections from the figures, in Vietnamese, for staff to edit: the evaluation sums up
 * broadcasts, minutes, every topic of the topic table, compliance, minority languages, vehicles and verification;
 * difficulties name the units under 80% compliance, the months without broadcasts and the unverified logs;
 * proposals and direction follow from those. Tallies come from reportFigures, as the tables' do.
 */
export function draftReport(
  coverage: Coverage,
  unit: CoverageUnit,
  period: ReportPeriod,
  extras: DraftExtras = {},
): ReportSections {
  const { totals } = coverage;
  const figures = reportFigures(coverage);
  const n = (value: number) => formatNumberVi(value);
  const minorityLanguages = figures.languages
    .filter((row) => row.key !== 'vie' && row.broadcasts > 0)
    .map((row) => inSentence(row.label));
  const vehicle = figures.channels.find((row) => row.key === 'mobile_vehicle');
  const unverified = totals.broadcasts - totals.verified;

  const evaluation: string[] = [];
  if (totals.broadcasts === 0) {
    evaluation.push(
      `Trong ${periodLabel(period)}, hệ thống chưa ghi nhận lượt phát tin, bài nào của ${inSentence(unit.name)}.`,
    );
  } else {
    const hours = formatNumberVi(figures.totals.minutes / 60, 1);
    let first =
      `Trong ${periodLabel(period)}, ${inSentence(subjectOf(unit))} đã phát ${n(figures.totals.broadcasts)} lượt ` +
      `tin, bài tuyên truyền với tổng thời lượng ${n(figures.totals.minutes)} phút (khoảng ${hours} giờ)`;
    if (totals.minorityBroadcasts > 0) {
      first +=
        `, trong đó ${n(totals.minorityBroadcasts)} lượt ` +
        `(${formatPercentVi(coverage.minorityShare ?? 0)}) bằng tiếng dân tộc thiểu số (${listVi(minorityLanguages)})`;
    }
    evaluation.push(`${first}.`);
  }
  if (totals.partial > 0) {
    evaluation.push(
      `Ngoài ra có ${n(totals.partial)} lượt phát dở dang (dừng trước khi hết một lần phát trọn vẹn): thời lượng ` +
        'được tính vào tổng số phút, nhưng không tính là lượt phát và không tính vào số lượt phát theo yêu cầu.',
    );
  }
  // Every row of the topic table, as it lists them: a shortlist read as if the others were never aired.
  if (figures.topics.length > 0) {
    evaluation.push(
      [
        'Tin, bài đã phát theo chủ đề:',
        ...figures.topics.map((row, i, all) => `- ${tallyText(row)}${i === all.length - 1 ? '.' : ';'}`),
      ].join('\n'),
    );
  }
  if (totals.required > 0) {
    evaluation.push(
      `Đối với các bản tin có yêu cầu về số lần phát, các đơn vị đã phát đạt ${n(totals.aired)}/${n(totals.required)} ` +
        `lượt theo yêu cầu (${formatPercentVi(totals.compliance ?? 0)}); ` +
        `${n(totals.requirementsMet)}/${n(totals.requirements)} yêu cầu phát sóng được thực hiện đầy đủ.`,
    );
  }
  if (vehicle && vehicle.broadcasts > 0) {
    const stops =
      extras.vehicleStops === undefined ? '' : ` tại ${n(extras.vehicleStops)} điểm dừng có ghi vị trí`;
    evaluation.push(
      `${vehicle.label} đã thực hiện ${n(vehicle.broadcasts)} lượt phát (${n(vehicle.minutes)} phút)${stops}.`,
    );
  }
  if (totals.broadcasts > 0) {
    evaluation.push(
      `${n(totals.verified)}/${n(totals.broadcasts)} lượt phát (${formatPercentVi(totals.verified / totals.broadcasts)}) ` +
        'có nhật ký phát thanh được máy chủ xác minh chữ ký số và chuỗi nhật ký; danh sách chi tiết tại Phụ lục kèm theo.',
    );
  }

  const difficulties: string[] = [];
  const lagging = coverage.units.filter(
    (row) =>
      (row.level === 'commune' || row.level === 'team') &&
      row.compliance !== null &&
      row.compliance < LOW_COMPLIANCE,
  );
  if (lagging.length > 0) {
    difficulties.push(
      `Một số đơn vị chưa phát đủ số lượt theo yêu cầu: ${lagging
        .map((row) => `${row.name} (${formatPercentVi(row.compliance ?? 0)})`)
        .join(', ')}.`,
    );
  }
  const silentMonths = coverage.byMonth
    .filter((row) => row.broadcasts === 0)
    .map((row) => formatMonth(row.month));
  if (silentMonths.length > 0 && totals.broadcasts > 0) {
    difficulties.push(`Không ghi nhận lượt phát nào trong tháng ${listVi(silentMonths)}.`);
  }
  if (unverified > 0) {
    difficulties.push(
      `Có ${n(unverified)} lượt phát có nhật ký chưa xác minh được (thiếu chữ ký hợp lệ hoặc chuỗi nhật ký bị ` +
        'gián đoạn), cần kiểm tra thiết bị và việc đồng bộ của các đơn vị liên quan.',
    );
  }
  const lowMinority =
    minorityLanguages.length > 0 &&
    coverage.minorityShare !== null &&
    coverage.minorityShare < LOW_MINORITY_SHARE;
  if (lowMinority) {
    difficulties.push(
      'Tỷ lệ tin, bài bằng tiếng dân tộc thiểu số còn thấp; việc biên dịch, thu âm còn phụ thuộc vào ' +
        'cán bộ biết tiếng tại cơ sở.',
    );
  }
  if (difficulties.length === 0) difficulties.push('Không có khó khăn, vướng mắc lớn.');

  const proposals: string[] = [];
  if (lagging.length > 0) {
    proposals.push(
      'Đề nghị UBND các xã chỉ đạo đài truyền thanh cấp xã bố trí lịch phát đủ số lượt theo yêu cầu của từng bản tin.',
    );
  }
  if (unverified > 0) {
    proposals.push('Đề nghị hỗ trợ kiểm tra, thay thế thiết bị ghi nhật ký phát thanh không xác minh được.');
  }
  if (lowMinority || minorityLanguages.length > 0) {
    proposals.push(
      'Đề nghị tăng cường hỗ trợ biên dịch, thu âm bản tin bằng tiếng dân tộc thiểu số cho các địa bàn có đông ' +
        'đồng bào dân tộc thiểu số.',
    );
  }
  proposals.push(
    'Đề nghị quan tâm bố trí kinh phí duy trì, nâng cấp hệ thống truyền thanh cơ sở ứng dụng công nghệ thông tin - viễn thông.',
  );

  const direction = [
    `Tiếp tục triển khai Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ về tăng cường công tác ` +
      `truyền thông chính sách trong ${nextPeriodLabel(period)}.`,
    'Duy trì phát đủ số lượt theo yêu cầu của từng bản tin; ưu tiên các bản tin khẩn và các chủ đề trọng tâm.',
    'Mở rộng phát tin, bài bằng tiếng dân tộc thiểu số; duy trì hoạt động của đội thông tin lưu động tại các ' +
      'thôn, bản vùng sâu, vùng xa.',
    'Ghi nhật ký phát thanh đầy đủ, đồng bộ thường xuyên để số liệu báo cáo được xác minh.',
  ];

  return {
    evaluation: evaluation.join('\n\n'),
    difficulties: difficulties.join('\n\n'),
    proposals: proposals.map((line) => `- ${line}`).join('\n'),
    direction: direction.map((line) => `- ${line}`).join('\n'),
  };
}

/** A unit's name without its level, as the date line writes the place: "Huyện Thanh Lâm" → "Thanh Lâm". */
export function placeOf(name: string): string {
  return name.replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+/iu, '');
}

/** Who issues a unit's report and who signs it, as offices usually are: staff correct it where theirs differ. */
function issuerOf(
  unit: CoverageUnit,
  parent: CoverageUnit | undefined,
): Pick<ReportRequest, 'issuer' | 'signer' | 'recipients'> {
  const upper = (text: string) => text.toLocaleUpperCase('vi');
  const council = (of: CoverageUnit | undefined) => (of ? `UBND ${upper(of.name)}` : '');
  if (unit.level === 'province') {
    return {
      issuer: { parent: council(unit), body: 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH' },
      signer: { title: 'GIÁM ĐỐC', name: '' },
      recipients: ['Bộ Văn hóa, Thể thao và Du lịch (b/c)', `UBND ${inSentence(unit.name)} (b/c)`],
    };
  }
  if (unit.level === 'district') {
    return {
      issuer: { parent: council(unit), body: 'PHÒNG VĂN HÓA VÀ THÔNG TIN' },
      signer: { title: 'TRƯỞNG PHÒNG', name: '' },
      recipients: ['Sở Văn hóa, Thể thao và Du lịch (b/c)', `UBND ${inSentence(unit.name)} (b/c)`],
    };
  }
  if (unit.level === 'commune') {
    return {
      issuer: { parent: '', body: council(unit) },
      signer: { title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', name: '' },
      recipients: parent ? [`UBND ${inSentence(parent.name)} (b/c)`] : [],
    };
  }
  return {
    issuer: { parent: council(parent), body: upper(unit.name) },
    signer: { title: 'ĐỘI TRƯỞNG', name: '' },
    recipients: parent ? [`UBND ${inSentence(parent.name)} (b/c)`] : [],
  };
}

/**
 * The report staff start from: the unit and period, the place and the issuer as the unit's level suggests, the
 * number left blank for the clerk, signed today, and the narrative drafted from the figures.
 */
export function draftReportRequest(input: {
  coverage: Coverage;
  unit: CoverageUnit;
  /** The unit's parent, which names a commune's or a team's superior. */
  parent: CoverageUnit | undefined;
  period: ReportPeriod;
  /** Today in Vietnam (yyyy-mm-dd). */
  signedOn: string;
  extras?: DraftExtras;
}): ReportRequest {
  const { unit, period } = input;
  return {
    unitId: unit.id,
    from: period.from,
    to: period.to,
    number: '',
    place: placeOf(unit.level === 'team' && input.parent ? input.parent.name : unit.name),
    signedOn: input.signedOn,
    ...issuerOf(unit, input.parent),
    sections: draftReport(input.coverage, unit, period, input.extras),
  };
}
