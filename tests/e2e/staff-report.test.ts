import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BulletinWritten } from '../../src/domain/staff-api.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage, signInStaff } from '../helpers/enrol-device.ts';
import { signInOnPage, syncUntilSent } from '../helpers/ui-flows.ts';
import { checkStaffScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** Unique per run: the e2e server's data outlives one file, and the report must be found by this title. */
const TITLE = `Thu hoạch lúa mùa an toàn ${Date.now().toString(36)}`;
const OPERATOR = 'Sùng A Páo';

/** A date and a time input's values for `minutesAgo` minutes ago in Vietnam (UTC+7, no daylight saving). */
function vietnamInputs(minutesAgo: number): { date: string; time: string } {
  const at = new Date(Date.now() - minutesAgo * 60_000 + 7 * 3_600_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

/** Demo bulletins for Xã Tả Phìn on other topics, each logged shorter than the one before (minutes). */
const OTHER_TOPICS = [
  { bulletin: '6f1b0b01-65fe-491f-aa04-1f153b33b16a', topic: 'Phòng chống thiên tai', minutes: 12 },
  { bulletin: 'f5cba016-207d-4550-bbdc-88c004226de2', topic: 'Chuyển đổi số', minutes: 5 },
  { bulletin: '83132499-f6d4-42eb-abb6-f5cc75b11ea7', topic: 'Chính sách dân tộc', minutes: 3 },
] as const;

/** Logs a broadcast of `bulletin` by hand, `minutes` long, begun `minutesAgo` minutes ago. */
async function logByHand(page: Page, bulletin: string, minutesAgo: number, minutes: number): Promise<void> {
  await page.goto(`${baseUrl}/logs/new?bulletin=${bulletin}`);
  await page.getByTestId('log-form').waitFor();
  const start = vietnamInputs(minutesAgo);
  await page.getByTestId('start-date').fill(start.date);
  await page.getByTestId('start-time').fill(start.time);
  await page.getByTestId('duration-minutes').fill(String(minutes));
  await page.getByTestId('log-operator').fill(OPERATOR);
  await page.getByTestId('log-save').click();
  await page.getByTestId('log-saved').waitFor();
}

/** Clicks a download button and returns the file the browser saved, with its bytes. */
async function downloadVia(page: Page, format: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator(`[data-testid="report-download"][data-format="${format}"]`).click(),
  ]);
  return { download, bytes: await readFile(await download.path()) };
}

/** The text of every row of every table in a DOCX body, cell texts joined by " | ". */
function docxRows(documentXml: string): string[] {
  const text = (xml: string) =>
    [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return [...documentXml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => text(cell[0])).join(' | '),
  );
}

describe('a broadcast logged in a commune reaches the district report as verified evidence', () => {
  let staff: FreshContext;
  let device: FreshContext;
  let staffPage: Page;
  let devicePage: Page;
  let bulletinId = '';

  beforeAll(async () => {
    // Chromium in Vietnamese, as district staff run it: date inputs then show dd/mm/yyyy.
    [staff, device] = await Promise.all([
      launchFreshContext({ extraArgs: ['--lang=vi-VN'] }),
      launchFreshContext(),
    ]);
    staffPage = await staff.context.newPage();
    devicePage = await device.context.newPage();
  });
  afterAll(async () => {
    await Promise.all([staff?.close(), device?.close()]);
  });

  it('district staff publish a bulletin for Xã Tả Phìn', async () => {
    // The authoring screen is covered by staff-sync.test.ts; here the bulletin only has to exist.
    const district = await signInStaff(baseUrl, 'phong.vhtt');
    const created = await district('/api/bulletins', {
      method: 'POST',
      json: {
        title: TITLE,
        summary: '',
        body: 'Bà con thu hoạch lúa mùa khi trời tạnh, phơi thóc nơi cao ráo, không đốt rơm rạ gần nhà.',
        topic: 'agriculture',
        policyRef: '',
        issuer: 'Phòng Văn hóa và Thông tin huyện Thanh Lâm',
        urgency: 'normal',
        validFrom: vietnamInputs(24 * 60).date,
        validUntil: null,
        targetUnitIds: [DEMO_UNIT_IDS.taPhin],
        airing: { times: 2, perDays: 7, untilDate: null },
      },
    });
    expect(created.status).toBe(201);
    bulletinId = ((await created.json()) as BulletinWritten).bulletin.id;
    const published = await district(`/api/bulletins/${bulletinId}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
  });

  it('a fresh commune device enrols, receives it, logs its broadcast and syncs until nothing is pending', async () => {
    await enrolPage(devicePage, baseUrl, DEMO_UNIT_IDS.taPhin);
    await syncUntilSent(devicePage, baseUrl);
    await devicePage.goto(`${baseUrl}/bulletins/${bulletinId}`);
    await devicePage.getByTestId('bulletin-reader').waitFor({ timeout: 30_000 });
    expect(await devicePage.getByTestId('bulletin-reader').textContent()).toContain('lúa mùa');

    await logByHand(devicePage, bulletinId, 30, 8);
    // Three more topics: the narrative used to name only the three most aired and leave the fourth out.
    for (const [i, other] of OTHER_TOPICS.entries()) {
      await logByHand(devicePage, other.bulletin, 60 + 30 * i, other.minutes);
    }
    await syncUntilSent(devicePage, baseUrl);
  });

  it('staff open the report for this year; the draft fills the sections and edits survive a period change', async () => {
    await signInOnPage(staffPage, baseUrl, 'phong.vhtt');
    await staffPage.getByTestId('staff-nav-report').click();
    await staffPage.getByTestId('report-form').waitFor();

    const year = vietnamInputs(0).date.slice(0, 4);
    expect(await staffPage.getByTestId('report-year').inputValue()).toBe(year);
    const wholeYear = staffPage.locator('[data-testid="report-preset"][data-preset="year"]');
    expect(await wholeYear.getAttribute('aria-pressed')).toBe('true');
    expect(await staffPage.getByTestId('report-from').inputValue()).toBe(`${year}-01-01`);
    expect(await staffPage.getByTestId('report-to').inputValue()).toBe(`${year}-12-31`);
    expect(await staffPage.getByTestId('report-range').textContent()).toBe(
      `01/01/${year} – 31/12/${year} (${Number(year) % 4 === 0 ? 366 : 365} ngày)`,
    );
    const section = (key: string) =>
      staffPage.locator(`[data-testid="report-section"][data-section="${key}"]`);
    await expect.poll(() => section('evaluation').inputValue(), { timeout: 30_000 }).toContain(`năm ${year}`);
    expect(await section('evaluation').inputValue()).toMatch(/đã phát \d+ lượt tin, bài/);
    // Every topic aired is named with its figures, the least aired of four too.
    for (const topic of ['Nông nghiệp', ...OTHER_TOPICS.map((other) => other.topic)]) {
      expect(await section('evaluation').inputValue()).toMatch(
        new RegExp(`^- ${topic}: \\d+ lượt \\([\\d,]+%\\), \\d+ phút[;.]$`, 'm'),
      );
    }
    await section('evaluation').evaluate((area: HTMLTextAreaElement) => {
      area.scrollIntoView({ block: 'start' });
      // Roughly where the topic list begins, so the screenshot shows it.
      const list = area.value.indexOf('Tin, bài đã phát theo chủ đề');
      area.scrollTop = (area.scrollHeight * list) / area.value.length;
    });
    await checkStaffScreen(staffPage, 'report-evaluation');

    const direction = 'Tiếp tục phát các bản tin về mùa vụ vào buổi sáng sớm, trước giờ bà con ra đồng.';
    await section('direction').fill(direction);
    await staffPage.locator('[data-testid="report-preset"][data-preset="h1"]').click();
    await staffPage.getByTestId('report-keep').click();
    expect(await section('direction').inputValue()).toBe(direction);
    expect(await staffPage.getByTestId('report-range').textContent()).toContain(`30/06/${year}`);
    await wholeYear.click();
    await staffPage.getByTestId('report-keep').click();
    expect(await section('direction').inputValue()).toBe(direction);
    expect(await section('evaluation').inputValue()).toContain(`năm ${year}`);

    await staffPage.getByTestId('report-number').fill('27/BC-VHTT');
    await staffPage.evaluate(() => window.scrollTo(0, 0));
    await checkStaffScreen(staffPage, 'report-form');
    await staffPage.setViewportSize({ width: 1280, height: 800 });
    await checkStaffScreen(staffPage, 'report-form-desktop');
    await staffPage.setViewportSize({ width: 360, height: 740 });
  });

  it('the downloaded CSV lists the log as verified, with progress shown while it is made', async () => {
    // Held back a moment, as a large period is on a slow line, so the progress indication can be seen.
    await staffPage.route('**/api/reports/csv', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.fulfill({ response });
    });
    const downloaded = downloadVia(staffPage, 'csv');
    const progress = staffPage.getByTestId('report-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Đang tạo báo cáo…');
    expect(await staffPage.locator('[data-testid="report-download"][data-format="docx"]').isDisabled()).toBe(
      true,
    );
    const { download, bytes } = await downloaded;
    await staffPage.unroute('**/api/reports/csv');
    expect(download.suggestedFilename()).toBe(
      `bao-cao-truyen-thong-chinh-sach-${vietnamInputs(0).date.slice(0, 4)}.csv`,
    );
    // UTF-8 with a byte order mark, so Excel shows the Vietnamese.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const line = bytes
      .toString('utf8')
      .split(/\r\n/)
      .find((row) => row.includes(TITLE));
    expect(line).toBeDefined();
    // The duration is plain seconds, its unit in the header: "08:00" would read as a time of day.
    const header = bytes.toString('utf8').slice(1).split(/\r\n/)[0]?.split(',') ?? [];
    const duration = header.indexOf('Thời lượng (giây)');
    expect(duration).toBeGreaterThan(0);
    expect(line?.split(',')[duration]).toBe('480');
    expect(line).toContain('Đã xác minh');
    expect(line).toContain('Xã Tả Phìn');
    expect(line).toContain(OPERATOR);
    expect(await staffPage.getByTestId('report-done').textContent()).toContain('.csv');
  });

  it('the downloaded DOCX is the titled report with the log in its appendix as verified', async () => {
    const { bytes } = await downloadVia(staffPage, 'docx');
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('>BÁO CÁO<');
    expect(xml).toContain('Số: 27/BC-VHTT');
    expect(xml).toContain('Tiếp tục phát các bản tin về mùa vụ');
    const rows = docxRows(xml);
    const row = rows.find((r) => r.includes(TITLE));
    expect(row).toBeDefined();
    expect(row).toContain('Xã Tả Phìn');
    expect(row).toContain(' | 8 phút | ');
    expect(row).toContain('Đã xác minh');
    // The drafted evaluation in the document names every row of its topic table, with the table's figures.
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    );
    const header = rows.indexOf('STT | Chủ đề | Số lượt phát | Số phút phát | Tỷ lệ lượt phát');
    const total = rows.findIndex((r, i) => i > header && r.startsWith(' | Tổng cộng'));
    const topics = rows.slice(header + 1, total).map((r) => r.split(' | '));
    expect(topics.length).toBeGreaterThanOrEqual(4);
    for (const [, topic, broadcasts, minutes, share] of topics) {
      const item = `- ${topic}: ${broadcasts} lượt (${share}), ${minutes} phút`;
      expect(
        paragraphs.some((p) => p.startsWith(item)),
        item,
      ).toBe(true);
    }
  });
});
