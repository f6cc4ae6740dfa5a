import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enrolTestDevice, runningApp, type TestDevice } from '../helpers/auth.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { pushLogs, signedChain } from '../helpers/staff-content.ts';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { signInOnPage } from '../helpers/ui-flows.ts';
import { checkStaffScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');
const server = runningApp(baseUrl);

/** The demo's flood warning for Xã Tả Phìn and the vehicle team, to air until five days after the demo's seed day. */
const FLOOD_BULLETIN = '6f1b0b01-65fe-491f-aa04-1f153b33b16a';
const ON_FLOOD = { bulletinId: FLOOD_BULLETIN, bulletinVersion: 1 };

/** Stops of the vehicle team around Thanh Lâm: three positions a few kilometres apart. */
const STOPS = [
  { lat: 22.3351, lng: 103.8442, placeName: 'Chợ Tả Phìn' },
  { lat: 22.3712, lng: 103.8905, placeName: 'Bản Khoang' },
  { lat: 22.3019, lng: 103.9327, placeName: 'Ngã ba Vĩnh Hải' },
];

/** A figure of the dashboard read back as a number ("1.234" in Vietnamese). */
async function numberIn(page: Page, testId: string, unitId?: string): Promise<number> {
  const scope = unitId
    ? page.locator(`[data-testid="dashboard-unit-row"][data-unit-id="${unitId}"]`).getByTestId(testId)
    : page.getByTestId(testId);
  return Number(((await scope.textContent()) ?? '').replace(/\D/g, ''));
}

/** Opens the dashboard and waits until the figures of the period are in. */
async function openDashboard(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/staff/dashboard`);
  await page
    .locator(`[data-testid="dashboard-unit-row"][data-unit-id="${DEMO_UNIT_IDS.taPhin}"]`)
    .waitFor({ timeout: 30_000 });
}

describe('the coverage dashboard of district staff', () => {
  let browser: FreshContext;
  let page: Page;
  let commune: TestDevice;
  let team: TestDevice;

  beforeAll(async () => {
    browser = await launchFreshContext({ viewport: { width: 1280, height: 800 } });
    page = await browser.context.newPage();
    [commune, team] = await Promise.all([
      enrolTestDevice(server, DEMO_UNIT_IDS.taPhin, { label: 'Máy thử tổng quan xã' }),
      enrolTestDevice(server, DEMO_UNIT_IDS.team, { label: 'Máy thử tổng quan xe' }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('phong.vhtt signs in to the dashboard: this year for the district, unit by unit in tree order', async () => {
    await signInOnPage(page, baseUrl, 'phong.vhtt');
    // The dashboard is district staff's home: signing in lands on it.
    expect(await page.getByTestId('dashboard').count()).toBe(1);
    await page.getByTestId('staff-nav-dashboard').click();
    await page.getByTestId('dashboard-unit-row').first().waitFor({ timeout: 30_000 });

    const year = isoDateOf(new Date(), VIETNAM_TIME_ZONE).slice(0, 4);
    expect(await page.getByTestId('dashboard-preset-year').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('dashboard-period').textContent()).toContain(
      `01/01/${year} đến 31/12/${year}`,
    );
    const rows = page.getByTestId('dashboard-unit-row');
    expect(await rows.first().getAttribute('data-unit-id')).toBe(DEMO_UNIT_IDS.district);
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-unit-id')));
    expect(ids).toEqual(expect.arrayContaining([DEMO_UNIT_IDS.taPhin, DEMO_UNIT_IDS.team]));
    expect(ids).not.toContain(DEMO_UNIT_IDS.province);
    // Every month of the year has its column, its figure written above it.
    expect(await page.getByTestId('dashboard-month-chart').locator('rect').count()).toBe(12);
    expect(await page.getByTestId('dashboard-compliance').textContent()).toMatch(
      /Tỷ lệ thực hiện(\d+(,\d)? ?%|—)/,
    );

    // Chosen dates: an end before the start is explained, not sent.
    await page.getByTestId('dashboard-preset-custom').click();
    await page.getByTestId('dashboard-from').fill(`${year}-03-01`);
    await page.getByTestId('dashboard-to').fill(`${year}-02-01`);
    await page.getByText('ngày kết thúc không trước ngày bắt đầu').waitFor();
    await page.getByTestId('dashboard-to').fill(`${year}-03-31`);
    await page
      .getByTestId('dashboard-period')
      .filter({ hasText: `01/03/${year} đến 31/03/${year}` })
      .waitFor();
    await expect.poll(() => page.getByTestId('dashboard-month-chart').locator('rect').count()).toBe(1);
  });

  it('logs pushed by a commune and the vehicle team show up after a reload', async () => {
    await openDashboard(page);
    const before = {
      taPhin: await numberIn(page, 'dashboard-unit-broadcasts', DEMO_UNIT_IDS.taPhin),
      district: await numberIn(page, 'dashboard-unit-broadcasts', DEMO_UNIT_IDS.district),
      broken: Number(await page.getByTestId('dashboard-broken').getAttribute('data-count')),
      refused: Number(await page.getByTestId('dashboard-refused').getAttribute('data-count')),
      notSigned: Number(await page.getByTestId('dashboard-refused').getAttribute('data-not-signed')),
    };

    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    // The second playback was stopped inside its first pass: a partial airing, counted in minutes only.
    const spoken = await signedChain(
      commune,
      DEMO_UNIT_IDS.taPhin,
      [minutesAgo(40), minutesAgo(20)],
      (index) => ({
        ...ON_FLOOD,
        lang: 'hmn',
        ...(index === 1 && { completion: { passes: 0, measured: true } }),
      }),
    );
    expect(
      (await pushLogs(server, commune, spoken)).map((r) =>
        r.status === 'rejected' ? r.reason : r.verification,
      ),
    ).toEqual(['verified', 'verified']);
    const drive = await signedChain(
      team,
      DEMO_UNIT_IDS.team,
      [minutesAgo(90), minutesAgo(60), minutesAgo(30)],
      (index) => {
        const stop = STOPS[index];
        if (!stop) throw new Error('more logs than stops');
        const { lat, lng, placeName } = stop;
        return { ...ON_FLOOD, channel: 'mobile_vehicle', location: { lat, lng, accuracyM: 15 }, placeName };
      },
    );
    const [first, second, third] = drive;
    if (!first || !second || !third) throw new Error('signedChain gave fewer than three logs');
    // The last stop arrives first with its notes edited after signing, as someone holding the team's token
    // could send it: the server refuses it, the genuine one still takes its place, and the dashboard warns.
    const forged = await pushLogs(server, team, [first, second, { ...third, notes: 'Sửa sau khi ký' }]);
    expect(forged.map((r) => (r.status === 'rejected' ? r.reason : r.verification))).toEqual([
      'verified',
      'verified',
      'not_signed',
    ]);
    const genuine = await pushLogs(server, team, [third]);
    expect(genuine.map((r) => (r.status === 'rejected' ? r.reason : r.verification))).toEqual(['verified']);

    await openDashboard(page);
    await expect
      .poll(() => numberIn(page, 'dashboard-unit-broadcasts', DEMO_UNIT_IDS.taPhin))
      .toBe(before.taPhin + 1);
    expect(await numberIn(page, 'dashboard-unit-broadcasts', DEMO_UNIT_IDS.district)).toBeGreaterThanOrEqual(
      before.district + 3,
    );
    expect(Number(await page.getByTestId('dashboard-broken').getAttribute('data-count'))).toBe(before.broken);
    const refused = page.getByTestId('dashboard-refused');
    expect(Number(await refused.getAttribute('data-count'))).toBe(before.refused + 1);
    expect(Number(await refused.getAttribute('data-not-signed'))).toBe(before.notSigned + 1);
    expect(await page.getByTestId('dashboard-forgeries').textContent()).toContain(
      'không do chính thiết bị ký',
    );
    expect(await refused.locator('[data-reason="not_signed"]').first().textContent()).toContain(
      'Không do thiết bị ký',
    );
    expect(await page.getByTestId('dashboard-map').locator('circle').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.dash-note').first().textContent()).toContain('Sơ đồ vị trí');
    expect(await page.getByTestId('dashboard-languages').textContent()).toContain('Mông');
    expect(await page.getByTestId('dashboard-broadcasts').textContent()).toMatch(
      /Ngoài ra [\d.]+ lượt dở dang \(chỉ tính phút\)/,
    );
    await checkStaffScreen(page, 'dashboard-desktop', { fullPage: true });

    // The staff logs list says which broadcast was cut short.
    await page.goto(`${baseUrl}/staff/logs`);
    const stopped = page.locator(`[data-testid="staff-log-row"][data-id="${spoken[1]!.id}"]`);
    await stopped.waitFor({ timeout: 30_000 });
    expect(await stopped.getByTestId('log-partial').textContent()).toBe('Dở dang, chỉ tính phút');
    const whole = page.locator(`[data-testid="staff-log-row"][data-id="${spoken[0]!.id}"]`);
    expect(await whole.getByTestId('log-partial').count()).toBe(0);
  });

  it('lists the devices silent for more than the number of days staff choose, and explains a wrong one', async () => {
    await openDashboard(page);
    const field = page.getByTestId('dashboard-silent-days');
    expect(await field.inputValue()).toBe('7');
    await field.fill('0');
    expect(await page.getByTestId('dashboard-silent-days-error').textContent()).toBe(
      'Hãy nhập số ngày là số nguyên từ 1 đến 365.',
    );
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const asked = page.waitForRequest((request) => request.url().includes('silentDays=30'));
    await field.fill('30');
    await field.press('Enter');
    await asked;
    // Every device of this run reached the server minutes ago.
    await page
      .getByTestId('dashboard-silent')
      .getByText('Mọi thiết bị đều liên lạc trong 30 ngày qua.')
      .waitFor();
    expect(await page.getByTestId('dashboard-silent-days-error').count()).toBe(0);
  });

  it('on a 360×740 phone the cards stack and every unit becomes a block of labelled figures', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openDashboard(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const row = page.locator(`[data-testid="dashboard-unit-row"][data-unit-id="${DEMO_UNIT_IDS.taPhin}"]`);
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    expect(
      await row
        .getByTestId('dashboard-unit-broadcasts')
        .evaluate((el) => getComputedStyle(el, '::before').content),
    ).toBe('"Lượt phát"');
    // What a phone shows first, and the whole screen scrolled through.
    await checkStaffScreen(page, 'dashboard-phone');
    await checkStaffScreen(page, 'dashboard-phone-full', { fullPage: true });
  });
});
