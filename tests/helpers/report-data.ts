import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import {
  airingFactsOf,
  computeCoverage,
  type CoverageBulletin,
  type CoverageUnit,
  type ReportPeriod,
} from '../../src/domain/coverage.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import type { ReportLog, ReportRequest } from '../../src/domain/report.ts';
import type { ReportData } from '../../src/server/reports/report-tables.ts';

/** Fixed ids, so reports made from the fixture are the same on every run. */
export const REPORT_UNIT_IDS = {
  province: '10000000-0000-4000-8000-000000000001',
  district: '10000000-0000-4000-8000-000000000002',
  taPhin: '10000000-0000-4000-8000-000000000003',
  vinhHai: '10000000-0000-4000-8000-000000000004',
  team: '10000000-0000-4000-8000-000000000005',
} as const;

const IDS = REPORT_UNIT_IDS;

/** The district, its two communes and its vehicle team, under the province. */
export const REPORT_UNITS: CoverageUnit[] = [
  { id: IDS.province, parentId: null, level: 'province', name: 'Tỉnh Hòa Giang' },
  { id: IDS.district, parentId: IDS.province, level: 'district', name: 'Huyện Thanh Lâm' },
  { id: IDS.taPhin, parentId: IDS.district, level: 'commune', name: 'Xã Tả Phìn' },
  { id: IDS.vinhHai, parentId: IDS.district, level: 'commune', name: 'Xã Vĩnh Hải' },
  { id: IDS.team, parentId: IDS.district, level: 'team', name: 'Đội Thông tin lưu động huyện Thanh Lâm' },
];

export const INSURANCE_BULLETIN = '20000000-0000-4000-8000-000000000001';
export const FAKE_NEWS_BULLETIN = '20000000-0000-4000-8000-000000000002';

/** Titles with a comma and quotes, so the CSV has to quote them. */
export const BULLETIN_TITLES: Record<string, string> = {
  [INSURANCE_BULLETIN]: 'Bảo hiểm y tế hộ gia đình, năm 2026',
  [FAKE_NEWS_BULLETIN]: 'Cảnh giác với “tin giả” và "lừa đảo" qua mạng',
};

/** Both bulletins ask for 2 airings a week through July at every commune of the district. */
export const REPORT_BULLETINS: CoverageBulletin[] = [
  {
    id: INSURANCE_BULLETIN,
    status: 'published',
    topic: 'health_insurance',
    airing: { times: 2, perDays: 7, untilDate: '2026-07-31' },
    validFrom: '2026-07-01',
    validUntil: null,
    targetUnitIds: [IDS.district],
  },
  {
    id: FAKE_NEWS_BULLETIN,
    status: 'published',
    topic: 'fake_news',
    airing: null,
    validFrom: '2026-01-01',
    validUntil: null,
    targetUnitIds: [IDS.district],
  },
];

export const H2_2026: ReportPeriod = { from: '2026-07-01', to: '2026-12-31' };

const UNIT_NAMES = new Map(REPORT_UNITS.map((unit) => [unit.id, unit.name]));

let counter = 0;
/** A verified 5-minute Vietnamese broadcast of the insurance bulletin at Tả Phìn, unless overridden. */
export function reportLog(startedAt: string, overrides: Partial<ReportLog> = {}): ReportLog {
  counter += 1;
  const unitId = overrides.unitId ?? IDS.taPhin;
  const bulletinId = overrides.bulletinId === undefined ? INSURANCE_BULLETIN : overrides.bulletinId;
  return {
    id: `30000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    deviceId: '40000000-0000-4000-8000-000000000001',
    seq: counter,
    unitId,
    operator: 'Giàng A Sử',
    bulletinId,
    lang: 'vie',
    source: 'tts',
    channel: 'wired_loudspeaker',
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + 5 * 60_000).toISOString(),
    repeats: 1,
    completion: { passes: 1, measured: true },
    placeName: null,
    location: null,
    correctsLogId: null,
    receivedAt: new Date(Date.parse(startedAt) + 3_600_000).toISOString(),
    verification: 'verified',
    unitName: UNIT_NAMES.get(unitId) ?? '',
    bulletinTitle: bulletinId === null ? null : (BULLETIN_TITLES[bulletinId] ?? ''),
    ...overrides,
  };
}

/**
 * The logs of the second half of 2026: Tả Phìn airs the insurance bulletin twice a week in July (Vietnamese and
 * H'Mông), Vĩnh Hải once a week (one log unverified), the team airs the fake-news bulletin at two stops, and a
 * live relay written before completion was recorded; one log is corrected (the correction counts); a playback at
 * Tả Phìn stopped after 40 seconds is a partial airing; one log on 30 June at 23:59 Vietnam time stays out.
 */
export function reportLogs(): ReportLog[] {
  counter = 0;
  const logs: ReportLog[] = [];
  // July 2026: weeks start on Mondays 29/6, 6/7, 13/7, 20/7, 27/7.
  for (const day of ['2026-07-01', '2026-07-02', '2026-07-07', '2026-07-09', '2026-07-14', '2026-07-16']) {
    logs.push(reportLog(`${day}T00:00:00.000Z`));
  }
  logs.push(
    reportLog('2026-07-21T00:00:00.000Z', { lang: 'hmn' }),
    reportLog('2026-07-23T00:00:00.000Z', { lang: 'hmn' }),
  );
  logs.push(reportLog('2026-07-28T00:00:00.000Z', { lang: 'hmn' }));
  for (const day of ['2026-07-02', '2026-07-09', '2026-07-16']) {
    logs.push(reportLog(`${day}T10:30:00.000Z`, { unitId: IDS.vinhHai, operator: 'Nguyễn Thị "Hoa"' }));
  }
  logs.push(reportLog('2026-07-23T10:30:00.000Z', { unitId: IDS.vinhHai, verification: 'unverified' }));
  logs.push(
    reportLog('2026-09-05T02:00:00.000Z', {
      unitId: IDS.team,
      bulletinId: FAKE_NEWS_BULLETIN,
      bulletinTitle: BULLETIN_TITLES[FAKE_NEWS_BULLETIN] ?? '',
      channel: 'mobile_vehicle',
      location: { lat: 22.3456, lng: 103.8123, accuracyM: 12 },
      placeName: 'Chợ phiên Tả Phìn',
      endedAt: '2026-09-05T02:20:00.000Z',
    }),
    reportLog('2026-09-05T04:00:00.000Z', {
      unitId: IDS.team,
      bulletinId: FAKE_NEWS_BULLETIN,
      bulletinTitle: BULLETIN_TITLES[FAKE_NEWS_BULLETIN] ?? '',
      channel: 'mobile_vehicle',
      lang: 'hmn',
      location: { lat: 22.3512, lng: 103.8301, accuracyM: 20 },
      placeName: 'Thôn Sín Chải, "điểm 2"',
      endedAt: '2026-09-05T04:25:00.000Z',
    }),
  );
  const wrong = reportLog('2026-10-10T00:00:00.000Z', {
    channel: 'wireless_loudspeaker',
    unitId: IDS.vinhHai,
  });
  logs.push(wrong, reportLog('2026-10-10T00:00:00.000Z', { unitId: IDS.vinhHai, correctsLogId: wrong.id }));
  logs.push(
    reportLog('2026-11-20T11:00:00.000Z', {
      bulletinId: null,
      source: 'live',
      endedAt: '2026-11-20T11:30:00.000Z',
      completion: null,
    }),
    reportLog('2026-07-08T00:00:00.000Z', {
      endedAt: '2026-07-08T00:00:40.000Z',
      completion: { passes: 0, measured: true },
    }),
  );
  // 23:59 on 30 June in Vietnam: the first half of the year.
  logs.push(reportLog('2026-06-30T16:59:00.000Z'));
  return logs;
}

/** The report request staff would send for the district's second half of 2026. */
export function reportRequest(overrides: Partial<ReportRequest> = {}): ReportRequest {
  return {
    unitId: IDS.district,
    from: H2_2026.from,
    to: H2_2026.to,
    number: '12/BC-VHTT',
    place: 'Thanh Lâm',
    signedOn: '2026-12-05',
    issuer: { parent: 'UBND HUYỆN THANH LÂM', body: 'PHÒNG VĂN HÓA VÀ THÔNG TIN' },
    signer: { title: 'KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG', name: 'Lò Văn Minh' },
    recipients: ['Sở Văn hóa, Thể thao và Du lịch', 'UBND huyện (b/c)', 'UBND các xã'],
    sections: {
      evaluation: 'Đoạn đánh giá thứ nhất.\n\nĐoạn đánh giá thứ hai.',
      difficulties: 'Sóng 3G yếu ở các thôn vùng cao.',
      proposals: '- Đề nghị cấp thêm loa truyền thanh thông minh.',
      direction: '- Duy trì phát đủ số lượt theo yêu cầu.',
    },
    ...overrides,
  };
}

/** Report data for the district's second half of 2026: the coverage computed from the logs, and the logs in it. */
export function reportData(
  request: ReportRequest = reportRequest(),
  logs: ReportLog[] = reportLogs(),
): ReportData {
  const period = { from: request.from, to: request.to };
  const coverage = computeCoverage({
    rootUnitId: request.unitId,
    units: REPORT_UNITS,
    bulletins: REPORT_BULLETINS,
    facts: airingFactsOf(logs, period),
    period,
  });
  const inPeriod = logs
    .filter((log) => {
      const day = isoDateOf(new Date(log.startedAt), VIETNAM_TIME_ZONE);
      return day >= period.from && day <= period.to;
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { request, coverage, logs: inPeriod };
}
