/**
 * Renders page 1 of a sample annual report to docs/screenshots/report-page1.png, to see the DOCX layout as a
 * reader does: the report is written with docxReport, converted to PDF by LibreOffice headless and page 1 to PNG
 * by pdftoppm. Needs `apt-get install -y --no-install-recommends libreoffice-writer poppler-utils` (not in CI).
 * Run: npx tsx scripts/render-report-sample.ts [out.png]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { draftReport, reportPeriod, type ReportLog } from '../src/domain/report.ts';
import { CHANNELS } from '../src/domain/schemas/broadcast-log.ts';
import { docxReport } from '../src/server/reports/docx-report.ts';
import {
  FAKE_NEWS_BULLETIN,
  INSURANCE_BULLETIN,
  REPORT_UNIT_IDS,
  REPORT_UNITS,
  reportData,
  reportLog,
  reportRequest,
} from '../tests/helpers/report-data.ts';

const output = resolve(process.argv[2] ?? 'docs/screenshots/report-page1.png');
const year = reportPeriod('year', 2026);

/** A year of broadcasts: each commune about three a week, the team on market days, some in H'Mông. */
function sampleLogs(): ReportLog[] {
  const logs: ReportLog[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const stations = [REPORT_UNIT_IDS.taPhin, REPORT_UNIT_IDS.vinhHai];
  for (let day = 0; day < 365; day += 1) {
    const date = new Date(Date.UTC(2026, 0, 1 + day));
    for (const unitId of stations) {
      if (random() > 0.45) continue;
      const start = new Date(date.getTime() + (random() < 0.5 ? -1 : 10) * 3_600_000);
      logs.push(
        reportLog(start.toISOString(), {
          unitId,
          bulletinId: random() < 0.7 ? INSURANCE_BULLETIN : FAKE_NEWS_BULLETIN,
          lang: unitId === REPORT_UNIT_IDS.taPhin && random() < 0.5 ? 'hmn' : 'vie',
          channel: CHANNELS[Math.floor(random() * 3)] ?? 'wired_loudspeaker',
          endedAt: new Date(start.getTime() + (4 + Math.floor(random() * 8)) * 60_000).toISOString(),
          verification: random() < 0.03 ? 'unverified' : 'verified',
        }),
      );
    }
    if (date.getUTCDay() === 0) {
      const start = new Date(date.getTime() + 2 * 3_600_000);
      logs.push(
        reportLog(start.toISOString(), {
          unitId: REPORT_UNIT_IDS.team,
          bulletinId: FAKE_NEWS_BULLETIN,
          channel: 'mobile_vehicle',
          lang: random() < 0.4 ? 'hmn' : 'vie',
          location: { lat: 22.3 + random() / 10, lng: 103.8 + random() / 10, accuracyM: 15 },
          placeName: 'Chợ phiên Tả Phìn',
          endedAt: new Date(start.getTime() + 20 * 60_000).toISOString(),
        }),
      );
    }
  }
  return logs;
}

const draftOf = reportData(reportRequest({ from: year.from, to: year.to }), sampleLogs());
const district = REPORT_UNITS.find((unit) => unit.id === REPORT_UNIT_IDS.district);
if (!district) throw new Error('the sample has no district');
const request = reportRequest({
  from: year.from,
  to: year.to,
  signedOn: '2026-11-18',
  signer: { title: 'TRƯỞNG PHÒNG', name: 'Lò Văn Minh' },
  recipients: [
    'Sở Văn hóa, Thể thao và Du lịch tỉnh (b/c)',
    'TT Huyện ủy, HĐND, UBND huyện (b/c)',
    'UBND các xã',
  ],
  sections: draftReport(draftOf.coverage, district, year, { vehicleStops: 52 }),
});
const data = { ...draftOf, request };

const work = mkdtempSync(join(tmpdir(), 'loaxa-report-'));
try {
  const docx = join(work, 'bao-cao.docx');
  writeFileSync(docx, await docxReport(data));
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, docx], { stdio: 'ignore' });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(work, 'bao-cao.pdf'),
    join(work, 'page'),
  ]);
  copyFileSync(join(work, 'page.png'), output);
  console.log(`wrote ${output}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
