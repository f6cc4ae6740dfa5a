import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { runningApp, signIn } from '../helpers/auth.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { signInOnPage } from '../helpers/ui-flows.ts';
import { checkStaffScreen as shoot } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');
const server = runningApp(baseUrl);

const OWN_PASSWORD = 'mây trắng Sà Phìn';

describe('staff accounts, from creation by the district to the first sign-in', () => {
  let district: FreshContext;
  let newcomer: FreshContext;
  let staffPage: Page;
  let page: Page;
  const login = `mai.${crypto.randomUUID().slice(0, 6)}`;
  let temporaryPassword = '';

  beforeAll(async () => {
    [district, newcomer] = await Promise.all([launchFreshContext(), launchFreshContext()]);
    [staffPage, page] = await Promise.all([district.context.newPage(), newcomer.context.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([district?.close(), newcomer?.close()]);
  });

  it('phong.vhtt creates a commune operator and is shown its temporary password once', async () => {
    await signInOnPage(staffPage, baseUrl, 'phong.vhtt');
    await staffPage.getByTestId('staff-nav-accounts').click();
    const form = staffPage.getByTestId('account-create');
    await form.waitFor({ timeout: 30_000 });
    // A district officer gives no role above its own.
    const roles = await staffPage
      .getByTestId('account-role')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(roles).toEqual(['operator', 'team', 'district']);

    await staffPage.getByTestId('account-unit').selectOption(DEMO_UNIT_IDS.taPhin);
    await staffPage.getByTestId('account-login').fill('Mai Tả Phìn');
    await staffPage.getByTestId('account-name').fill('Lù Thị Mai');
    await staffPage.getByTestId('account-submit').click();
    expect(await staffPage.getByTestId('account-create-error').textContent()).toContain(
      'chữ thường không dấu',
    );

    await staffPage.getByTestId('account-login').fill(login);
    await staffPage.getByTestId('account-submit').click();
    temporaryPassword = (await staffPage.getByTestId('temporary-password-value').textContent()) ?? '';
    expect(temporaryPassword).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    const row = staffPage.locator(`[data-testid="account-row"][data-login="${login}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Chưa đổi mật khẩu tạm');
    expect(await row.textContent()).toContain('Chưa đăng nhập lần nào');
    await shoot(staffPage, 'staff-accounts');
  });

  it('the new account must choose its own password first, told why a weak one is refused', async () => {
    await page.goto(`${baseUrl}/staff/logs`);
    await page.getByTestId('staff-login').fill(login);
    await page.getByTestId('staff-password').fill(temporaryPassword);
    await page.getByTestId('staff-submit').click();
    const form = page.getByTestId('staff-password-form');
    await form.waitFor({ timeout: 30_000 });
    expect(await page.locator('.staff-nav').count()).toBe(0);
    expect(await form.textContent()).toContain('mật khẩu tạm');

    await page.getByTestId('password-current').fill(temporaryPassword);
    await page.getByTestId('password-new').fill('matkhau123');
    await page.getByTestId('password-repeat').fill('matkhau123');
    await page.getByTestId('password-submit').click();
    expect(await page.getByTestId('password-error').textContent()).toBe(
      'Mật khẩu này quá phổ biến hoặc quá dễ đoán.',
    );
    await page.getByTestId('password-new').fill(OWN_PASSWORD);
    await page.getByTestId('password-repeat').fill(OWN_PASSWORD);
    await shoot(page, 'staff-password-forced');
    await page.getByTestId('password-submit').click();

    await page.getByTestId('staff-account').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('staff-flash').textContent()).toBe('Đã đổi mật khẩu.');
    expect(await page.getByTestId('staff-nav-logs').count()).toBe(1);
    // The new password signs in; the temporary one no longer does.
    await signIn(server, login, OWN_PASSWORD);
    const old = await server.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password: temporaryPassword }),
    });
    expect(old.status).toBe(401);
  });

  it('disabling the account signs it out at once; enabling it lets it back in', async () => {
    await staffPage.reload();
    const row = staffPage.locator(`[data-testid="account-row"][data-login="${login}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('Đăng nhập lần cuối');
    await row.getByTestId('account-disable').click();
    await row.getByTestId('account-disable-confirm').click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');

    await page.reload();
    await page.getByTestId('staff-login').waitFor({ timeout: 30_000 });
    await page.getByTestId('staff-login').fill(login);
    await page.getByTestId('staff-password').fill(OWN_PASSWORD);
    await page.getByTestId('staff-submit').click();
    expect(await page.getByTestId('staff-login-error').textContent()).toContain('Tài khoản này đã bị khoá');

    await row.getByTestId('account-enable').click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('false');
    await page.getByTestId('staff-password').fill(OWN_PASSWORD);
    await page.getByTestId('staff-submit').click();
    await page.getByTestId('staff-account').waitFor({ timeout: 30_000 });
  });
});
