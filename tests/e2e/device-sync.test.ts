import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { createPairingCode, enrolPage, signInStaff } from '../helpers/enrol-device.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** The wall-clock date and time in Vietnam `minutesAgo` minutes before now, as the log form's inputs take them. */
function vietnamInputs(minutesAgo: number): { date: string; time: string } {
  const at = new Date(Date.now() - minutesAgo * 60_000 + 7 * 3_600_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

/** Records a relay of the district station by hand, as an operator does for a broadcast made outside the app. */
async function logByHand(page: Page, minutesAgo: number): Promise<void> {
  await page.goto(`${baseUrl}/logs/new`);
  await page.getByTestId('log-form').waitFor();
  await page.getByTestId('log-notes').fill('Tiếp sóng chương trình thời sự của Đài huyện');
  const start = vietnamInputs(minutesAgo);
  await page.getByTestId('start-date').fill(start.date);
  await page.getByTestId('start-time').fill(start.time);
  await page.getByTestId('duration-minutes').fill('10');
  await page.getByTestId('log-operator').fill('Giàng A Páo');
  await page.getByTestId('log-save').click();
  await page.getByTestId('log-saved').waitFor();
}

async function openSync(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Đồng bộ' }).click();
  await page.getByTestId('sync-pending').waitFor();
}

const chipPending = async (page: Page) =>
  Number(await page.getByTestId('sync-chip').getAttribute('data-pending'));

describe('an operator device: enrolment, offline logs, sync and revocation', () => {
  let fresh: FreshContext;
  let page: Page;
  let code = '';

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('tidies a typed code and says so in Vietnamese when the code is unknown', async () => {
    await page.goto(`${baseUrl}/enrol`);
    const input = page.getByTestId('enrol-code');
    await input.waitFor({ timeout: 30_000 });
    await input.fill(' zz9z zz9z ');
    expect(await input.inputValue()).toBe('ZZ9Z-ZZ9Z');
    await page.getByTestId('enrol-submit').click();
    const error = page.getByTestId('enrol-error');
    await error.waitFor();
    expect(await error.getAttribute('data-problem')).toBe('unknown');
    expect(await error.textContent()).toContain('Mã ghép nối không đúng');
  });

  it('enrols with a code from the district, prefilled from the link, and lands on the sync screen', async () => {
    code = await createPairingCode(baseUrl, DEMO_UNIT_IDS.taPhin);
    await page.goto(`${baseUrl}/enrol?code=${code.toLowerCase()}`);
    await page.getByTestId('enrol-code').waitFor();
    expect(await page.getByTestId('enrol-code').inputValue()).toBe(`${code.slice(0, 4)}-${code.slice(4)}`);
    expect(await page.getByTestId('enrol-label').inputValue()).toBe('Máy trạm');
    await page.getByTestId('enrol-label').fill('Điện thoại anh Páo');
    await checkScreen(page, 'enrol');

    await page.getByTestId('enrol-submit').click();
    const done = page.getByTestId('enrol-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('Đã ghép nối với Xã Tả Phìn');
    expect(new URL(page.url()).pathname).toBe('/sync');
    // The first sync pulls the unit's bulletins and records the time.
    await expect
      .poll(() => page.getByTestId('sync-last').getAttribute('data-at'), { timeout: 30_000 })
      .not.toBe('');
    expect(await page.getByTestId('sync-last').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await page.getByTestId('sync-device').textContent()).toBe('Điện thoại anh Páo · Xã Tả Phìn');
    // Once that sync is over, the confirmation no longer says the bulletins are loading.
    await expect.poll(() => done.getAttribute('data-state')).toBe('loaded');
    expect(await done.textContent()).toBe('Đã ghép nối với Xã Tả Phìn. Bản tin của đơn vị đã tải xong.');
    await checkScreen(page, 'enrol-done');
  });

  it('shows the enrolled unit in More, no longer a choice', async () => {
    await page.goto(`${baseUrl}/more`);
    await page.getByTestId('device-info').waitFor();
    expect(await page.getByTestId('device-unit-name').textContent()).toBe('Xã Tả Phìn');
    expect(await page.getByTestId('device-label').textContent()).toBe('Điện thoại anh Páo');
    expect(await page.getByTestId('device-unit-fixed').textContent()).toContain('Xã Tả Phìn');
    expect(await page.getByTestId('device-unit').count()).toBe(0);
  });

  it('keeps logs recorded offline as pending, in the chip and on the sync screen', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByTestId('device-info').waitFor();
    await fresh.context.setOffline(true);
    await logByHand(page, 30);
    await openSync(page);
    await expect.poll(() => chipPending(page)).toBe(1);
    expect(await page.getByTestId('sync-pending').getAttribute('data-count')).toBe('1');
    // One log waiting is called one log: not "1 mục (nhật ký, bản dịch)".
    expect(await page.getByTestId('sync-pending').textContent()).toBe('1 nhật ký');
    expect(await page.getByTestId('chip-sync').textContent()).toContain('1 chờ gửi');
    expect(await page.getByTestId('net-status').getAttribute('data-online')).toBe('false');
    await page.getByTestId('sync-now').click();
    const error = page.getByTestId('sync-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Máy đang ngoại tuyến');
    expect(await page.getByTestId('sync-next-retry').textContent()).toMatch(
      /^Sẽ tự thử lại lúc \d{2}:\d{2}\.$/,
    );

    await logByHand(page, 20);
    await logByHand(page, 10);
    await openSync(page);
    await expect.poll(() => chipPending(page)).toBe(3);
  });

  it('sends them with "Đồng bộ ngay" once online, showing the progress', async () => {
    // Held back a moment, so the progress can be seen (and photographed) on its way.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await fresh.context.route('**/api/sync/push', async (route) => {
      // Going offline with logs waiting registered Background Sync, so the service worker may wake up and sync
      // first, holding the sync lock. Its push fails here as if the network dropped, so the page's own sync
      // (the one whose progress the screen shows) sends the logs.
      if (route.request().serviceWorker()) return route.abort('internetdisconnected');
      await held;
      await route.continue();
    });
    await fresh.context.setOffline(false);
    // The online event starts a sync by itself.
    const progress = page.getByTestId('sync-progress');
    await page.locator('[data-testid="sync-progress"][data-phase="logs"]').waitFor();
    expect(await progress.textContent()).toContain('Đang gửi nhật ký 0/3');
    await checkScreen(page, 'sync-progress');
    release();
    await fresh.context.unrouteAll({ behavior: 'wait' });

    await expect.poll(() => chipPending(page), { timeout: 30_000 }).toBe(0);
    const done = page.getByTestId('sync-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('Đã gửi 3 nhật ký và 0 bản dịch.');
    const before = await done.getAttribute('data-finished');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-done').getAttribute('data-finished')).not.toBe(before);
    expect(await page.getByTestId('sync-pending').textContent()).toBe('Đã gửi hết');
    expect(await page.getByTestId('sync-last').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await page.getByTestId('chip-sync').textContent()).toMatch(
      /^Đã gửi hết · đồng bộ lần cuối lúc \d{2}:\d{2}$/,
    );
    await checkScreen(page, 'sync-done');

    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).click();
    const sent = page.locator('[data-testid="log-entry"][data-sync="verified"]');
    await expect.poll(() => sent.count()).toBe(3);
    expect(await sent.first().getByTestId('log-sent').textContent()).toBe('Đã gửi, đã xác minh');
    await sent.first().scrollIntoViewIfNeeded();
    await checkScreen(page, 'history-sent');
  });

  it('says the device was revoked once district staff revoke it, and asks for a new code', async () => {
    await page.goto(`${baseUrl}/more`);
    const deviceId = (await page.getByTestId('device-id').textContent()) ?? '';
    const staff = await signInStaff(baseUrl);
    const revoked = await staff(`/api/devices/${deviceId}/revoke`, { method: 'POST' });
    expect(revoked.status).toBe(200);

    await openSync(page);
    await page.getByTestId('sync-now').click();
    const error = page.locator('[data-testid="sync-error"][data-kind="revoked"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('đã bị thu hồi');
    expect(await error.textContent()).toContain('cán bộ huyện');
    expect(await page.getByTestId('sync-chip').getAttribute('data-enrolment')).toBe('revoked');
    await checkScreen(page, 'sync-revoked');

    // The old code cannot bring a revoked device back; a new one from the district can.
    await page.getByTestId('sync-error').getByRole('link').click();
    await page.getByTestId('enrol-code').fill(code);
    await page.getByTestId('enrol-submit').click();
    const refused = page.getByTestId('enrol-error');
    await refused.waitFor();
    expect(await refused.getAttribute('data-problem')).toBe('used');
    expect(await refused.textContent()).toContain('đã được dùng');

    await page.getByTestId('enrol-code').fill(await createPairingCode(baseUrl, DEMO_UNIT_IDS.taPhin));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('enrol-done').waitFor();
    await expect.poll(() => page.getByTestId('sync-chip').getAttribute('data-enrolment')).toBe('enrolled');
  });
});

describe('a phone whose clock is three hours fast', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    // The page's clock runs three hours ahead of the server's, as a phone set by hand might.
    await fresh.context.clock.install({ time: Date.now() + 3 * 3_600_000 });
    page = await fresh.context.newPage();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('is told on the sync screen, and a log it wrote is shown as not counted, with what to do', async () => {
    await enrolPage(page, baseUrl);
    await logByHand(page, 5);
    await openSync(page);
    await page.getByTestId('sync-now').click();
    const warning = page.getByTestId('sync-clock');
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.getAttribute('data-skew')).toBe('ahead');
    expect(await warning.textContent()).toMatch(/nhanh hơn giờ của máy chủ (2 giờ 59 phút|3 giờ):/);
    expect(await warning.textContent()).toContain('bật “Tự động”');
    await checkScreen(page, 'sync-clock');

    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).click();
    const problem = page.getByTestId('log-problem').first();
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.getAttribute('data-problem')).toBe('clock_ahead');
    expect(await page.getByTestId('log-sent').first().getAttribute('data-verification')).toBe('unverified');
  });
});
