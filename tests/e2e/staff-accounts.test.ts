import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TemporaryPasswordIssued } from '../../src/domain/account-admin.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { runningApp, signIn, staffFetch } from '../helpers/auth.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { shoot } from '../helpers/ui-flows.ts';

const baseUrl = inject('baseUrl');
const server = runningApp(baseUrl);

describe('a staff account given a temporary password', () => {
  let fresh: FreshContext;
  let page: Page;
  let issued: TemporaryPasswordIssued;
  const login = `can.bo.${crypto.randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
    // The district creates the account (the accounts screen comes next; the API is what it will call).
    const phong = await signIn(server, 'phong.vhtt');
    const response = await staffFetch(server, phong, 'POST', '/api/accounts', {
      unitId: DEMO_UNIT_IDS.taPhin,
      role: 'operator',
      login,
      displayName: 'Lù Thị Mai',
    });
    expect(response.status).toBe(201);
    issued = (await response.json()) as TemporaryPasswordIssued;
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('is asked for a password of its own before anything else, told why a weak one is refused', async () => {
    await page.goto(`${baseUrl}/staff/logs`);
    await page.getByTestId('staff-login').fill(login);
    await page.getByTestId('staff-password').fill(issued.temporaryPassword);
    await page.getByTestId('staff-submit').click();
    const form = page.getByTestId('staff-password-form');
    await form.waitFor({ timeout: 30_000 });
    expect(await page.locator('.staff-nav').count()).toBe(0);
    expect(await form.textContent()).toContain('mật khẩu tạm');

    await page.getByTestId('password-current').fill(issued.temporaryPassword);
    await page.getByTestId('password-new').fill('matkhau123');
    await page.getByTestId('password-repeat').fill('matkhau123');
    await page.getByTestId('password-submit').click();
    expect(await page.getByTestId('password-error').textContent()).toBe(
      'Mật khẩu này quá phổ biến hoặc quá dễ đoán.',
    );
    await page.getByTestId('password-new').fill('mây trắng Sà Phìn');
    await page.getByTestId('password-repeat').fill('mây trắng Sà Phìn');
    await shoot(page, 'staff-password-forced');
    await page.getByTestId('password-submit').click();

    await page.getByTestId('staff-account').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('staff-flash').textContent()).toBe('Đã đổi mật khẩu.');
    expect(await page.getByTestId('staff-nav-logs').count()).toBe(1);
    // The new password signs in; the temporary one no longer does.
    await signIn(server, login, 'mây trắng Sà Phìn');
    const old = await server.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password: issued.temporaryPassword }),
    });
    expect(old.status).toBe(401);
  });
});
