import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enrolTestDevice, runningApp } from '../helpers/auth.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { pushLogs, signedChain } from '../helpers/staff-content.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';
import { signInOnPage, syncUntilSent } from '../helpers/ui-flows.ts';
import { checkScreen, checkStaffScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');
const server = runningApp(baseUrl);

/** The demo's flood warning for Xã Tả Phìn and the district's vehicle team. */
const FLOOD_BULLETIN = '6f1b0b01-65fe-491f-aa04-1f153b33b16a';
const FLOOD_TITLE = 'Cảnh báo lũ quét';
const OPERATOR = 'Giàng Thị Mỷ';
const DEVICE_LABEL = 'Điện thoại đài xã Tả Phìn';
const NEW_TITLE = 'Lịch tiêm vắc xin sởi tháng 12';
const HMONG_TEXT =
  'Hnub Rau, tsev kho mob txhaj tshuaj tiv thaiv qhua pias dawb rau me nyuam 9 hlis txog 5 xyoos.';

/** A date and a time input's values for `minutesAgo` minutes ago in Vietnam (UTC+7, no daylight saving). */
function vietnamInputs(minutesAgo: number): { date: string; time: string } {
  const at = new Date(Date.now() - minutesAgo * 60_000 + 7 * 3_600_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

describe('staff and a commune device, in two browser contexts', () => {
  let staff: FreshContext;
  let device: FreshContext;
  let staffPage: Page;
  let devicePage: Page;
  let code = '';
  let newBulletinId = '';

  beforeAll(async () => {
    [staff, device] = await Promise.all([launchFreshContext(), launchFreshContext()]);
    staffPage = await staff.context.newPage();
    devicePage = await device.context.newPage();
    // Only pages loaded after the service worker activated are controlled by it: from the reload on, the
    // device's app works with the network off.
    await devicePage.goto(`${baseUrl}/sync`);
    await devicePage.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await devicePage.reload();
  });
  afterAll(async () => {
    await Promise.all([staff?.close(), device?.close()]);
  });

  it('district staff sign in and create a pairing code for Xã Tả Phìn, as text and QR code', async () => {
    await signInOnPage(staffPage, baseUrl, 'phong.vhtt');
    expect(await staffPage.getByTestId('staff-account').textContent()).toContain('Huyện Thanh Lâm');
    // The operator's bottom navigation does not belong to the staff workspace.
    expect(await staffPage.locator('.bottomnav').count()).toBe(0);
    await staffPage.getByTestId('staff-nav-devices').click();
    await staffPage.getByTestId('pairing-unit').selectOption(DEMO_UNIT_IDS.taPhin);
    await staffPage.getByTestId('pairing-create').click();
    const shown = (await staffPage.getByTestId('pairing-code').textContent()) ?? '';
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    code = shown.replace('-', '');
    expect(await staffPage.getByTestId('pairing-result').textContent()).toMatch(
      /Hết hạn lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    expect(await staffPage.getByTestId('pairing-qr').locator('path').getAttribute('d')).toMatch(/^M\d/);
    expect(await staffPage.locator('.pairing-link a').textContent()).toBe(`${baseUrl}/enrol?code=${code}`);
  });

  it('the device enrols with the code, syncs, and staff see it in the device list', async () => {
    await devicePage.goto(`${baseUrl}/enrol?code=${code}`);
    await devicePage.getByTestId('enrol-code').waitFor({ timeout: 30_000 });
    await devicePage.getByTestId('enrol-label').fill(DEVICE_LABEL);
    await devicePage.getByTestId('enrol-submit').click();
    await devicePage.getByTestId('enrol-done').waitFor({ timeout: 30_000 });
    await syncUntilSent(devicePage, baseUrl);

    await staffPage.reload();
    const row = staffPage.getByTestId('device-row').filter({ hasText: DEVICE_LABEL });
    await row.waitFor();
    expect(await row.textContent()).toContain('Xã Tả Phìn');
    expect(await row.getAttribute('data-revoked')).toBe('false');
    expect(await row.textContent()).toMatch(/liên lạc lần cuối (vừa xong|\d+ phút trước)/);

    // A second code (never used) for the screenshots: code, QR and the enrolled device on one screen.
    await staffPage.getByTestId('pairing-unit').selectOption(DEMO_UNIT_IDS.taPhin);
    await staffPage.getByTestId('pairing-create').click();
    await staffPage.getByTestId('pairing-qr').waitFor();
    await checkStaffScreen(staffPage, 'staff-devices-pairing');
    await staffPage.setViewportSize({ width: 1280, height: 800 });
    await staffPage.evaluate(() => window.scrollTo(0, 0));
    await checkStaffScreen(staffPage, 'staff-devices-pairing-desktop');
    await staffPage.setViewportSize({ width: 360, height: 740 });
  });

  it('a broadcast logged offline reaches the district as verified once the device is online again', async () => {
    await device.context.setOffline(true);
    await devicePage.goto(`${baseUrl}/logs/new?bulletin=${FLOOD_BULLETIN}`);
    await devicePage.getByTestId('log-form').waitFor();
    const start = vietnamInputs(35);
    await devicePage.getByTestId('start-date').fill(start.date);
    await devicePage.getByTestId('start-time').fill(start.time);
    await devicePage.getByTestId('duration-minutes').fill('12');
    await devicePage.getByTestId('log-operator').fill(OPERATOR);
    await devicePage.getByTestId('log-save').click();
    await devicePage.getByTestId('log-saved').waitFor();
    await device.context.setOffline(false);
    await syncUntilSent(devicePage, baseUrl);

    await staffPage.getByTestId('staff-nav-logs').click();
    const row = staffPage.getByTestId('staff-log-row').filter({ hasText: OPERATOR });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-verification')).toBe('verified');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Đã xác minh');
    expect(text).toContain(FLOOD_TITLE);
    expect(text).toContain('Xã Tả Phìn');
    expect(text).toContain('dài 12 phút');
  });

  it('shows each verification plainly and filters by it', async () => {
    // A second device pushes through the API a signed chain whose second log breaks the log rules (text not in
    // NFC) and whose third links to another chain's log: the server stores both unverified or broken, and staff
    // must see it. (A log the device did not sign never reaches the chain: see the dashboard's refused logs.)
    const evidence = await enrolTestDevice(server, DEMO_UNIT_IDS.taPhin, {
      label: 'Máy thử chứng cứ',
    });
    const times = [3, 2, 1].map((hours) => new Date(Date.now() - hours * 3_600_000).toISOString());
    const chain = await signedChain(evidence, DEMO_UNIT_IDS.taPhin, times, (index) =>
      index === 1 ? { notes: 'Phát lại tiếng Việt'.normalize('NFD') } : {},
    );
    const fork = await signedChain(evidence, DEMO_UNIT_IDS.taPhin, times);
    const [first, second] = chain;
    const third = fork[2];
    if (!first || !second || !third) throw new Error('signedChain gave fewer than three logs');
    const results = await pushLogs(server, evidence, [first, second, third]);
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.verification))).toEqual([
      'verified',
      'unverified',
      'broken_chain',
    ]);

    await staffPage.reload();
    const rows = staffPage.getByTestId('staff-log-row');
    const badgeOf = async (verification: string) =>
      (
        await staffPage.locator(`[data-verification="${verification}"] .staff-badge`).first().textContent()
      )?.trim();
    await staffPage.locator('[data-verification="broken_chain"]').waitFor();
    expect(await badgeOf('verified')).toBe('✓ Đã xác minh');
    expect(await badgeOf('unverified')).toBe('? Chưa xác minh');
    expect(await badgeOf('broken_chain')).toBe('✕ Chuỗi bị hỏng');

    await staffPage.getByTestId('logs-verification').selectOption('broken_chain');
    const shown = () =>
      rows.evaluateAll((all) => [...new Set(all.map((row) => row.getAttribute('data-verification')))]);
    await expect.poll(shown).toEqual(['broken_chain']);
    await staffPage.getByTestId('logs-verification').selectOption('');
    await rows.filter({ hasText: OPERATOR }).waitFor();
    await checkStaffScreen(staffPage, 'staff-logs');
    await staffPage.setViewportSize({ width: 1280, height: 800 });
    await checkStaffScreen(staffPage, 'staff-logs-desktop');
    await staffPage.setViewportSize({ width: 360, height: 740 });
  });

  it('a bulletin staff publish for Xã Tả Phìn appears on the device after its next sync', async () => {
    await staffPage.goto(`${baseUrl}/staff/bulletins/new`);
    const form = staffPage.getByTestId('bulletin-form');
    await form.waitFor();
    await staffPage.getByTestId('bulletin-title').fill(NEW_TITLE);
    // Nothing chosen to receive it: refused in Vietnamese, and what was typed stays.
    await staffPage.getByTestId('bulletin-publish').click();
    expect(await staffPage.getByTestId('bulletin-error-body').textContent()).toContain('Hãy nhập nội dung');
    expect(await staffPage.getByTestId('bulletin-error-targetUnitIds').textContent()).toContain(
      'ít nhất một đơn vị',
    );
    expect(await staffPage.getByTestId('bulletin-title').inputValue()).toBe(NEW_TITLE);

    await staffPage
      .getByTestId('bulletin-body')
      .fill('Trạm y tế xã tiêm vắc xin sởi miễn phí cho trẻ từ 9 tháng đến 5 tuổi vào sáng thứ Bảy.');
    await staffPage.locator(`[data-testid="bulletin-target"][value="${DEMO_UNIT_IDS.taPhin}"]`).check();
    await staffPage.getByTestId('bulletin-airing').check();
    await staffPage.getByTestId('bulletin-publish').click();
    const row = staffPage.getByTestId('bulletin-row').filter({ hasText: NEW_TITLE });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('published');
    expect(await staffPage.getByTestId('staff-flash').textContent()).toBe(
      `Đã đăng “${NEW_TITLE}”. Các xã nhận được ở lần đồng bộ tới.`,
    );
    expect(await row.textContent()).toContain('Gửi đến: Xã Tả Phìn');

    newBulletinId = (await row.getAttribute('data-id')) ?? '';

    await syncUntilSent(devicePage, baseUrl);
    await devicePage.goto(`${baseUrl}/bulletins`);
    await devicePage.getByTestId('bulletin-search').fill('vắc xin sởi');
    await devicePage.getByTestId('bulletin-item').filter({ hasText: NEW_TITLE }).waitFor({ timeout: 30_000 });
    await devicePage.goto(`${baseUrl}/bulletins/${newBulletinId}`);
    const reader = devicePage.getByTestId('bulletin-reader');
    await reader.waitFor();
    expect(await reader.textContent()).toContain('vắc xin sởi miễn phí');
  });

  it("the device's H'Mông translation reaches the review queue, and staff approve it", async () => {
    // The new bulletin, not a demo one: other e2e files expect the demo bulletins without H'Mông text.
    await devicePage.goto(`${baseUrl}/bulletins/${newBulletinId}`);
    await devicePage.getByTestId('bulletin-reader').waitFor({ timeout: 30_000 });
    await devicePage.getByTestId('lang-tab-hmn').click();
    await devicePage.getByTestId('edit-slot').click();
    await devicePage.getByTestId('slot-text').fill(HMONG_TEXT);
    await devicePage.getByTestId('slot-translator').fill(OPERATOR);
    await devicePage.getByTestId('slot-submit').click();
    await expect
      .poll(async () => (await devicePage.getByTestId('slot-message').textContent()) ?? '')
      .toMatch(/gửi duyệt/);
    // The language tab says what the editor says, before and after the translation is sent.
    const hmongTab = devicePage.getByTestId('lang-tab-hmn');
    await expect.poll(() => hmongTab.getAttribute('data-status')).toBe('submitted');
    expect(await hmongTab.textContent()).toContain('Chờ duyệt');
    await checkScreen(devicePage, 'translation-submitted');
    await syncUntilSent(devicePage, baseUrl);
    await devicePage.goto(`${baseUrl}/bulletins/${newBulletinId}`);
    await devicePage.getByTestId('bulletin-reader').waitFor();
    expect(await hmongTab.getAttribute('data-status')).toBe('submitted');
    expect(await hmongTab.textContent()).toContain('Chờ duyệt');

    await staffPage.goto(`${baseUrl}/staff/review`);
    const row = staffPage.getByTestId('review-row').filter({ hasText: HMONG_TEXT });
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(NEW_TITLE);
    expect(text).toContain('vắc xin sởi miễn phí');
    expect(text).toContain('Xã Tả Phìn');
    expect(text).toContain(OPERATOR);
    await checkStaffScreen(staffPage, 'staff-review');
    await staffPage.setViewportSize({ width: 1280, height: 800 });
    await checkStaffScreen(staffPage, 'staff-review-desktop');
    await staffPage.setViewportSize({ width: 360, height: 740 });
    // A rejection must say why.
    await row.getByTestId('review-reject').click();
    expect(await row.getByRole('alert').textContent()).toContain('Hãy ghi nhận xét');
    await row.getByTestId('review-approve').click();
    await staffPage.getByTestId('review-done').waitFor();
    expect(await staffPage.getByTestId('review-row').filter({ hasText: HMONG_TEXT }).count()).toBe(0);
  });

  it('a bulletin staff withdraw is marked withdrawn on the device after its next sync', async () => {
    await staffPage.goto(`${baseUrl}/staff/bulletins`);
    const row = staffPage.getByTestId('bulletin-row').filter({ hasText: NEW_TITLE });
    await row.getByTestId('bulletin-withdraw').click();
    await row.getByTestId('bulletin-withdraw-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('withdrawn');
    expect(await row.textContent()).toContain('Đã thu hồi');

    await syncUntilSent(devicePage, baseUrl);
    await devicePage.goto(`${baseUrl}/bulletins/${newBulletinId}`);
    await devicePage.getByTestId('bulletin-reader').getByRole('alert').waitFor({ timeout: 30_000 });
  });

  it('says plainly that the staff workspace needs a connection, and recovers when it is back', async () => {
    await staff.context.setOffline(true);
    await staffPage.goto(`${baseUrl}/staff/logs`);
    await staffPage.getByTestId('staff-offline').waitFor();
    expect(await staffPage.getByTestId('staff-offline').textContent()).toContain('chỉ làm việc khi có mạng');
    await staff.context.setOffline(false);
    await staffPage.getByTestId('staff-log-row').first().waitFor({ timeout: 30_000 });
    expect(await staffPage.getByTestId('staff-offline').count()).toBe(0);
  });

  it('staff revoke the device with a confirmation', async () => {
    await staffPage.goto(`${baseUrl}/staff/devices`);
    const row = staffPage.getByTestId('device-row').filter({ hasText: DEVICE_LABEL });
    await row.getByTestId('device-revoke').click();
    await row.getByTestId('device-revoke-confirm').click();
    await expect.poll(() => row.getAttribute('data-revoked')).toBe('true');
    expect(await row.textContent()).toContain('Đã thu hồi');
  });
});

describe('staff sign-in and roles', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('says a wrong password plainly, then how long to wait after too many attempts', async () => {
    await page.goto(`${baseUrl}/staff`);
    const error = page.getByTestId('staff-login-error');
    await page.getByTestId('staff-submit').click();
    expect(await error.textContent()).toBe('Hãy nhập tên đăng nhập và mật khẩu.');
    await page.getByTestId('staff-login').fill('so.vhtt');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByTestId('staff-password').fill(`sai-mat-khau-${attempt}`);
      await page.getByTestId('staff-submit').click();
      // Each refusal costs a scrypt, which on two busy shared cores can take longer than poll's default second.
      await expect.poll(() => page.getByTestId('staff-password').inputValue(), { timeout: 15_000 }).toBe('');
      expect(await error.textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    }
    await page.getByTestId('staff-password').fill(DEMO_PASSWORD);
    await page.getByTestId('staff-submit').click();
    await expect
      .poll(async () => (await error.textContent()) ?? '')
      .toMatch(/^Đăng nhập sai quá nhiều lần\. Hãy đợi \d+ phút rồi thử lại\.$/);
    await checkStaffScreen(page, 'staff-login-locked');
  });

  it("hides the device screen from a commune operator's account and refuses it by URL", async () => {
    await signInOnPage(page, baseUrl, 'xa.taphin');
    expect(await page.getByTestId('staff-account').textContent()).toContain('Nhân viên đài xã');
    expect(await page.getByTestId('staff-nav-logs').count()).toBe(1);
    expect(await page.getByTestId('staff-nav-devices').count()).toBe(0);
    expect(await page.getByTestId('staff-nav-review').count()).toBe(0);
    await page.goto(`${baseUrl}/staff/devices`);
    await page.getByTestId('staff-forbidden').waitFor();
    expect(await page.getByTestId('pairing-create').count()).toBe(0);
    await page.goto(`${baseUrl}/staff/bulletins`);
    await page.getByTestId('bulletin-row').first().waitFor();
    expect(await page.getByTestId('bulletin-new').count()).toBe(0);
    expect(await page.getByTestId('bulletin-withdraw').count()).toBe(0);
    expect(await page.getByTestId('bulletin-edit').count()).toBe(0);
  });

  it('signs out back to the login form', async () => {
    await page.goto(`${baseUrl}/staff`);
    await page.getByTestId('staff-signout').click();
    await page.getByTestId('staff-login').waitFor();
    await page.reload();
    await page.getByTestId('staff-login').waitFor();
  });
});
