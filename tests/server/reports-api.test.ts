import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/domain/evidence/canonical.ts';
import type { ReportRequest } from '../../src/domain/report.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { Hono } from 'hono';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { LOG_SHEET } from '../../src/server/reports/xlsx-report.ts';
import { backdateEnrolments, enrolTestDevice, signIn, staffFetch, type TestDevice } from '../helpers/auth.ts';
import { makeBulletin, makeLog } from '../helpers/factories.ts';
import { signLog } from '../helpers/signed-logs.ts';
import { expectApiError, openStaffContentApp, pushLogs } from '../helpers/staff-content.ts';
import { closeTestEngines, ENGINES, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { district, taPhin } = DEMO_UNIT_IDS;
const PERIOD = { from: '2025-07-01', to: '2025-12-31' };
const BULLETIN = makeBulletin({
  title: 'Bảo hiểm y tế, năm 2025',
  targetUnitIds: [district],
  validFrom: '2025-07-01',
  airing: null,
});

/** A signed chain at Tả Phìn, five minutes each, the first `withBulletin` of them airing BULLETIN. */
async function chain(
  device: TestDevice,
  startTimes: readonly string[],
  withBulletin: number,
): Promise<BroadcastLog[]> {
  const logs: BroadcastLog[] = [];
  let prevHash = GENESIS_HASH;
  for (const [index, startedAt] of startTimes.entries()) {
    const endedAt = new Date(Date.parse(startedAt) + 5 * 60_000).toISOString();
    const log = await signLog(
      device.privateKey,
      makeLog(index < withBulletin ? BULLETIN.id : null, {
        deviceId: device.deviceId,
        unitId: taPhin,
        seq: index + 1,
        prevHash,
        startedAt,
        endedAt,
        createdAt: endedAt,
      }),
    );
    logs.push(log);
    prevHash = log.hash;
  }
  return logs;
}

describe.each(ENGINES)('reports API on %s', (kind) => {
  let db: TestDatabase;
  let app: Hono;
  let cookie: string;
  /** The logs of the second half of 2025, oldest first. */
  let inPeriod: BroadcastLog[];

  beforeEach(async () => {
    ({ db, app } = await openStaffContentApp(kind));
    await db.store.upsertBulletins([BULLETIN]);
    const device = await enrolTestDevice(app, taPhin);
    const logs = await chain(
      device,
      [
        // 23:59 on 30 June in Vietnam: before the period.
        '2025-06-30T16:59:00.000Z',
        // 00:30 on 1 July in Vietnam: in it.
        '2025-06-30T17:30:00.000Z',
        '2025-08-03T01:00:00.000Z',
        '2025-12-31T16:00:00.000Z',
        // 1 January 2026 in Vietnam.
        '2025-12-31T17:00:00.000Z',
      ],
      3,
    );
    await backdateEnrolments(db.sql, '2025-06-01T00:00:00.000Z');
    const results = await pushLogs(app, device, logs);
    expect(results.every((result) => result.status === 'accepted')).toBe(true);
    inPeriod = logs.slice(1, 4);
    cookie = await signIn(app, 'phong.vhtt');
  });

  afterEach(() => db.dispose());

  async function draft(): Promise<ReportRequest> {
    const response = await staffFetch(
      app,
      cookie,
      'GET',
      `/api/reports/draft?from=${PERIOD.from}&to=${PERIOD.to}`,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as ReportRequest;
  }

  it('drafts the district office report from the figures', async () => {
    const request = await draft();
    expect(request).toMatchObject({
      unitId: district,
      ...PERIOD,
      number: '',
      issuer: { body: 'PHÒNG VĂN HÓA VÀ THÔNG TIN' },
    });
    expect(request.sections.evaluation).toContain(
      'đã phát 3 lượt tin, bài tuyên truyền với tổng thời lượng 15 phút',
    );
    expect(request.sections.evaluation).toContain('3/3 lượt phát (100,0%)');
  });

  it('streams the period’s logs page by page with unit names and bulletin titles', async () => {
    const rows = [];
    for await (const log of db.store.reportLogs.reportLogs([taPhin], PERIOD, 2)) rows.push(log);
    expect(rows.map((log) => log.id)).toEqual(inPeriod.map((log) => log.id));
    expect(rows.map((log) => log.bulletinTitle)).toEqual([BULLETIN.title, BULLETIN.title, null]);
    expect(rows[0]).toMatchObject({ unitName: 'Xã Tả Phìn', verification: 'verified', seq: 2 });
  });

  it('reads the period window by window and page by page, missing and repeating no log', async () => {
    const device = await enrolTestDevice(app, taPhin);
    const busy = '2025-08-03T02:00:00.000Z';
    // Five at one instant (the keyset's tie on started_at), a busy day, then months apart.
    const times = [busy, busy, busy, busy, busy, '2025-08-03T03:00:00.000Z', '2025-09-20T01:00:00.000Z'];
    const more = await chain(device, [...times, '2025-11-30T01:00:00.000Z'], 0);
    await backdateEnrolments(db.sql, '2025-06-01T00:00:00.000Z');
    expect((await pushLogs(app, device, more)).every((result) => result.status === 'accepted')).toBe(true);
    const expected = [...inPeriod, ...more]
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))
      .map((log) => log.id);
    for (const pageSize of [1, 2, 3]) {
      const rows = [];
      for await (const log of db.store.reportLogs.reportLogs([taPhin], PERIOD, pageSize)) rows.push(log.id);
      expect(rows, `pages of ${pageSize}`).toEqual(expected);
    }
  });

  it('answers the CSV of the logs as an attachment', async () => {
    const request = { ...(await draft()), number: '12/BC-VHTT' };
    const response = await staffFetch(app, cookie, 'POST', '/api/reports/csv', request);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-truyen-thong-chinh-sach-6-thang-cuoi-nam-2025.csv"',
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFFThời gian bắt đầu,Đơn vị,Bản tin,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + inPeriod.length);
    expect(lines[1]).toMatch(
      /^01\/07\/2025 00:30,Xã Tả Phìn,"Bảo hiểm y tế, năm 2025",Loa truyền thanh có dây,/,
    );
    for (const log of inPeriod) expect(text).toContain(log.id);
  });

  it('answers the XLSX and the DOCX with the verified logs as evidence', async () => {
    const request = await draft();
    const xlsx = await staffFetch(app, cookie, 'POST', '/api/reports/xlsx', request);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet(LOG_SHEET);
    expect(sheet?.rowCount).toBe(1 + inPeriod.length);
    const units = workbook.getWorksheet('Đơn vị');
    const taPhinRow = units
      ?.getRows(2, units.rowCount - 1)
      ?.find((row) => row.getCell(1).value === 'Xã Tả Phìn');
    // Broadcasts and minutes.
    expect([taPhinRow?.getCell(5).value, taPhinRow?.getCell(6).value]).toEqual([3, 15]);

    const docx = await staffFetch(app, cookie, 'POST', '/api/reports/docx', request);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('.docx"');
    const xml = strFromU8(
      unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'] ?? new Uint8Array(),
    );
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml.match(/>Đã xác minh</g)).toHaveLength(inPeriod.length);
  });

  it('refuses a unit above the staff member, a bad request and an unknown format', async () => {
    const request = await draft();
    const commune = await signIn(app, 'xa.taphin');
    await expectApiError(
      await staffFetch(app, commune, 'POST', '/api/reports/docx', request),
      403,
      'forbidden',
    );
    await expectApiError(
      await staffFetch(
        app,
        commune,
        'GET',
        `/api/reports/draft?unitId=${district}&from=2025-07-01&to=2025-12-31`,
      ),
      403,
      'forbidden',
    );
    await expectApiError(
      await staffFetch(app, cookie, 'POST', '/api/reports/docx', { ...request, to: '2025-01-01' }),
      400,
      'invalid_request',
    );
    await expectApiError(
      await staffFetch(app, cookie, 'POST', '/api/reports/pdf', request),
      404,
      'not_found',
    );
    await expectApiError(
      await staffFetch(app, cookie, 'GET', '/api/reports/draft?from=2025-07-01'),
      400,
      'invalid_request',
    );
  });
});
