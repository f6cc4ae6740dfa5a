import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { computeCoverage, type CoverageUnit } from '../../../src/domain/coverage.ts';
import {
  draftReport,
  draftReportRequest,
  formatNumberVi,
  formatPercentVi,
  nextPeriodLabel,
  periodLabel,
  placeDateLine,
  ReportRequestSchema,
  reportFigures,
  reportPeriod,
} from '../../../src/domain/report.ts';
import {
  H2_2026,
  REPORT_BULLETINS,
  REPORT_UNIT_IDS,
  REPORT_UNITS,
  reportData,
  reportRequest,
} from '../../helpers/report-data.ts';

const DISTRICT: CoverageUnit = REPORT_UNITS[1] as CoverageUnit;

describe('report periods', () => {
  it('gives the year and each half-year as Vietnam calendar days', () => {
    expect(reportPeriod('year', 2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(reportPeriod('h1', 2026)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(reportPeriod('h2', 2026)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  });

  it('names presets as the plans do and any other period by its dates', () => {
    expect(periodLabel(reportPeriod('year', 2026))).toBe('năm 2026');
    expect(periodLabel(reportPeriod('h1', 2026))).toBe('6 tháng đầu năm 2026');
    expect(periodLabel(reportPeriod('h2', 2026))).toBe('6 tháng cuối năm 2026');
    expect(periodLabel({ from: '2026-03-01', to: '2026-11-15' })).toBe(
      'từ ngày 01/03/2026 đến ngày 15/11/2026',
    );
    expect(nextPeriodLabel(reportPeriod('h1', 2026))).toBe('6 tháng cuối năm 2026');
    expect(nextPeriodLabel(reportPeriod('h2', 2026))).toBe('năm 2027');
    expect(nextPeriodLabel(reportPeriod('year', 2026))).toBe('năm 2027');
  });
});

describe('Vietnamese formats', () => {
  it('groups thousands with dots and separates decimals with a comma', () => {
    expect(formatNumberVi(1234)).toBe('1.234');
    expect(formatNumberVi(1234567)).toBe('1.234.567');
    expect(formatNumberVi(1234.5, 1)).toBe('1.234,5');
    expect(formatPercentVi(0.912)).toBe('91,2%');
    expect(formatPercentVi(1)).toBe('100,0%');
  });

  it('writes the place and date line with two-digit day and month', () => {
    expect(placeDateLine('Thanh Lâm', '2026-12-05')).toBe('Thanh Lâm, ngày 05 tháng 12 năm 2026');
  });
});

describe('ReportRequestSchema', () => {
  it('accepts a complete request', () => {
    expect(v.safeParse(ReportRequestSchema, reportRequest()).success).toBe(true);
  });

  it('refuses unknown fields, reversed and over-long periods, and multi-line header fields', () => {
    const bad = [
      { ...reportRequest(), extra: 1 },
      reportRequest({ from: '2026-12-31', to: '2026-01-01' }),
      reportRequest({ from: '2024-01-01', to: '2026-01-02' }),
      reportRequest({ place: 'Thanh\nLâm' }),
      reportRequest({ number: 'x'.repeat(41) }),
      reportRequest({ signer: { title: 'A\nB\nC\nD', name: '' } }),
      reportRequest({ recipients: Array.from({ length: 31 }, (_, i) => `Nơi ${i}`) }),
      reportRequest({ sections: { ...reportRequest().sections, evaluation: 'x'.repeat(20_001) } }),
    ];
    for (const request of bad) expect(v.safeParse(ReportRequestSchema, request).success).toBe(false);
  });

  it('allows a two-year period and an empty number left for the clerk', () => {
    const request = reportRequest({ from: '2025-01-01', to: '2026-12-31', number: '' });
    expect(v.safeParse(ReportRequestSchema, request).success).toBe(true);
  });
});

describe('draftReport', () => {
  it('sums up the figures in Vietnamese', () => {
    const { coverage } = reportData();
    const draft = draftReport(coverage, DISTRICT, H2_2026, { vehicleStops: 2 });
    expect(draft.evaluation).toContain(
      'Trong 6 tháng cuối năm 2026, các đài truyền thanh cấp xã và đội thông tin lưu động trên địa bàn huyện ' +
        'Thanh Lâm đã phát 17 lượt tin, bài tuyên truyền với tổng thời lượng 146 phút (khoảng 2,4 giờ), trong đó ' +
        "4 lượt (23,5%) bằng tiếng dân tộc thiểu số (tiếng H'Mông).",
    );
    expect(draft.evaluation).toContain(
      'Ngoài ra có 1 lượt phát dở dang (dừng trước khi hết một lần phát trọn vẹn): thời lượng được tính vào tổng ' +
        'số phút, nhưng không tính là lượt phát và không tính vào số lượt phát theo yêu cầu.',
    );
    // Every topic the topic table lists, not the first few.
    expect(draft.evaluation).toContain(
      'Tin, bài đã phát theo chủ đề:\n' +
        '- Bảo hiểm y tế: 14 lượt (82,4%), 71 phút;\n' +
        '- Phòng chống tin giả: 2 lượt (11,8%), 45 phút;\n' +
        '- Đọc trực tiếp, tiếp sóng: 1 lượt (5,9%), 30 phút.',
    );
    expect(draft.evaluation).toContain('đã phát đạt 12/20 lượt theo yêu cầu (60,0%)');
    expect(draft.evaluation).toContain(
      'Xe thông tin lưu động đã thực hiện 2 lượt phát (45 phút) tại 2 điểm dừng',
    );
    expect(draft.evaluation).toContain('16/17 lượt phát (94,1%) có nhật ký phát thanh được máy chủ xác minh');
    expect(draft.difficulties).toContain('Xã Vĩnh Hải (30,0%)');
    expect(draft.difficulties).not.toContain('Xã Tả Phìn');
    expect(draft.difficulties).toContain('tháng 08/2026 và 12/2026');
    expect(draft.difficulties).toContain('Có 1 lượt phát có nhật ký chưa xác minh được');
    expect(draft.direction).toContain('trong năm 2027');
  });

  it('uses Vietnamese grouping for large figures', () => {
    const { coverage } = reportData();
    const big = {
      ...coverage,
      totals: { ...coverage.totals, broadcasts: 1234, verified: 1234, minutes: 56_789 },
    };
    const draft = draftReport(big, DISTRICT, H2_2026);
    expect(draft.evaluation).toContain(
      'đã phát 1.234 lượt tin, bài tuyên truyền với tổng thời lượng 56.789 phút',
    );
    expect(draft.evaluation).toContain('(khoảng 946,5 giờ)');
  });

  it('says so when nothing was aired, and names no difficulty it cannot see', () => {
    const coverage = computeCoverage({
      rootUnitId: REPORT_UNIT_IDS.district,
      units: REPORT_UNITS,
      bulletins: REPORT_BULLETINS.map((b) => ({ ...b, airing: null })),
      facts: [],
      period: H2_2026,
    });
    const draft = draftReport(coverage, DISTRICT, H2_2026);
    expect(draft.evaluation).toBe(
      'Trong 6 tháng cuối năm 2026, hệ thống chưa ghi nhận lượt phát tin, bài nào của huyện Thanh Lâm.',
    );
    expect(draft.difficulties).toBe('Không có khó khăn, vướng mắc lớn.');
  });

  it('speaks of the station itself for a commune report', () => {
    const { coverage } = reportData(reportRequest({ unitId: REPORT_UNIT_IDS.taPhin }));
    const commune = REPORT_UNITS[2] as CoverageUnit;
    expect(draftReport(coverage, commune, H2_2026).evaluation).toMatch(
      /^Trong 6 tháng cuối năm 2026, đài truyền thanh xã Tả Phìn đã phát 10 lượt/,
    );
  });
});

describe('reportFigures', () => {
  it('gives each tally row its label and share of the broadcasts, in the coverage’s order', () => {
    const { coverage } = reportData();
    const figures = reportFigures(coverage);
    expect(figures.totals).toEqual({ broadcasts: 17, minutes: 146, share: 1 });
    expect(figures.topics.map((row) => [row.label, row.broadcasts, row.minutes])).toEqual([
      ['Bảo hiểm y tế', 14, 71],
      ['Phòng chống tin giả', 2, 45],
      ['Đọc trực tiếp, tiếp sóng', 1, 30],
    ]);
    expect(figures.topics[1]?.share).toBeCloseTo(2 / 17, 10);
    expect(figures.months[0]).toMatchObject({ key: '2026-07', label: '07/2026' });
    expect(figures.channels.find((row) => row.key === 'mobile_vehicle')).toMatchObject({
      label: 'Xe thông tin lưu động',
      broadcasts: 2,
      minutes: 45,
    });
  });

  it('gives no share when nothing was aired', () => {
    const coverage = computeCoverage({
      rootUnitId: REPORT_UNIT_IDS.district,
      units: REPORT_UNITS,
      bulletins: REPORT_BULLETINS,
      facts: [],
      period: H2_2026,
    });
    const figures = reportFigures(coverage);
    expect(figures.totals.share).toBeNull();
    expect(figures.channels.every((row) => row.share === null)).toBe(true);
  });
});

describe('draftReportRequest', () => {
  it('fills in a district office report that the schema accepts', () => {
    const { coverage } = reportData();
    const request = draftReportRequest({
      coverage,
      unit: DISTRICT,
      parent: REPORT_UNITS[0],
      period: H2_2026,
      signedOn: '2026-12-05',
      extras: { vehicleStops: 2 },
    });
    expect(request).toMatchObject({
      unitId: REPORT_UNIT_IDS.district,
      from: '2026-07-01',
      to: '2026-12-31',
      number: '',
      place: 'Thanh Lâm',
      signedOn: '2026-12-05',
      issuer: { parent: 'UBND HUYỆN THANH LÂM', body: 'PHÒNG VĂN HÓA VÀ THÔNG TIN' },
      signer: { title: 'TRƯỞNG PHÒNG', name: '' },
      recipients: ['Sở Văn hóa, Thể thao và Du lịch (b/c)', 'UBND huyện Thanh Lâm (b/c)'],
    });
    expect(request.sections).toEqual(draftReport(coverage, DISTRICT, H2_2026, { vehicleStops: 2 }));
    expect(v.safeParse(ReportRequestSchema, request).success).toBe(true);
  });

  it('has a commune report issued by its people’s committee and a team’s dated at its district', () => {
    const { coverage } = reportData();
    const commune = draftReportRequest({
      coverage,
      unit: REPORT_UNITS[2] as CoverageUnit,
      parent: DISTRICT,
      period: H2_2026,
      signedOn: '2026-12-05',
    });
    expect(commune.issuer).toEqual({ parent: '', body: 'UBND XÃ TẢ PHÌN' });
    expect(commune.place).toBe('Tả Phìn');
    const team = draftReportRequest({
      coverage,
      unit: REPORT_UNITS[4] as CoverageUnit,
      parent: DISTRICT,
      period: H2_2026,
      signedOn: '2026-12-05',
    });
    expect(team.issuer).toEqual({
      parent: 'UBND HUYỆN THANH LÂM',
      body: 'ĐỘI THÔNG TIN LƯU ĐỘNG HUYỆN THANH LÂM',
    });
    expect(team.place).toBe('Thanh Lâm');
    expect(v.safeParse(ReportRequestSchema, team).success).toBe(true);
  });
});
