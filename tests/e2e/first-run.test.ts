/**
 * A province putting LoaXa into service, as a new user would, all through the UI: a server started empty
 * (LOAXA_DEMO=0), the first-run screen creating the province and its first administrator, the administrator
 * building the tree and creating a district account, and that district officer, after choosing a password,
 * creating a commune's pairing code that enrols a phone. Screenshots at 360×740 and on a desktop.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { checkStaffScreen as shoot } from '../helpers/screen-check.ts';

const ADMIN_PASSWORD = 'núi Fansipan mây trắng';
const DISTRICT_PASSWORD = 'ruộng bậc thang Y Tý';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** The row of the unit named `name` in the units tree. */
function unitRow(page: Page, name: string): Locator {
  return page
    .getByTestId('unit-row')
    .filter({ has: page.getByTestId('unit-row-name').getByText(name, { exact: true }) });
}

/** Saves the open unit form and waits until the row of `name` is in the tree. */
async function saveUnit(page: Page, name: string): Promise<void> {
  await page.getByTestId('unit-save').click();
  await page.getByTestId('unit-form').waitFor({ state: 'detached', timeout: 30_000 });
  await unitRow(page, name).waitFor();
}

/** The errors the page logs to its console from now on (a failed request shows there too). */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Takes the same screen at 360×740 and on a desktop, as `name` and `name`-desktop. */
async function shootBoth(page: Page, name: string): Promise<void> {
  await shoot(page, name);
  await page.setViewportSize(DESKTOP);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
}

describe('putting an empty LoaXa into service, through the UI only', () => {
  let dataDir: string;
  let server: AppServer;
  let baseUrl: string;
  let admin: FreshContext;
  let officer: FreshContext;
  let phone: FreshContext;
  let adminPage: Page;
  let officerPage: Page;
  let phonePage: Page;
  let temporaryPassword = '';
  let pairingCode = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loaxa-first-run-'));
    [server, admin, officer, phone] = await Promise.all([
      startAppServer({ dataDir, staticDir: inject('staticDir'), env: { LOAXA_DEMO: '0' } }),
      launchFreshContext({ viewport: PHONE }),
      launchFreshContext({ viewport: PHONE }),
      launchFreshContext({ viewport: PHONE }),
    ]);
    baseUrl = server.baseUrl;
    [adminPage, officerPage, phonePage] = await Promise.all([
      admin.context.newPage(),
      officer.context.newPage(),
      phone.context.newPage(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([admin?.close(), officer?.close(), phone?.close()]);
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the first-run screen creates the province and its administrator with the code the server printed', async () => {
    const consoleErrors = errorsOf(adminPage);
    await adminPage.goto(`${baseUrl}/staff`);
    await adminPage.getByTestId('setup-form').waitFor({ timeout: 30_000 });
    // Nobody signed in yet is where the staff app starts, not an error.
    expect(consoleErrors).toEqual([]);
    await shootBoth(adminPage, 'staff-first-run');
    // The IT officer reads the code from the server's log or its data folder.
    const code = (await readFile(join(dataDir, 'setup-code'), 'utf8')).trim();

    await adminPage.getByTestId('setup-code').fill('ZZZZ-ZZZZ');
    await adminPage.getByTestId('setup-unit').fill('Tỉnh Lào Cai');
    await adminPage.getByTestId('setup-name').fill('Quản trị Sở VHTTDL');
    await adminPage.getByTestId('setup-login').fill('quantri');
    await adminPage.getByTestId('setup-password').fill(ADMIN_PASSWORD);
    await adminPage.getByTestId('setup-repeat').fill(ADMIN_PASSWORD);
    await adminPage.getByTestId('setup-submit').click();
    expect(await adminPage.getByTestId('setup-error').textContent()).toContain('Mã thiết lập không đúng');

    await adminPage.getByTestId('setup-code').fill(code.toLowerCase());
    await adminPage.getByTestId('setup-submit').click();
    await adminPage.getByTestId('staff-account').waitFor({ timeout: 30_000 });
    expect(await adminPage.getByTestId('staff-account').textContent()).toContain('Quản trị Sở VHTTDL');
    expect(await adminPage.locator('.staff-main').textContent()).toContain('Tỉnh Lào Cai');
  });

  it('the administrator builds the tree and creates the district officer’s account', async () => {
    await adminPage.getByTestId('staff-nav-units').click();
    await unitRow(adminPage, 'Tỉnh Lào Cai').getByTestId('unit-add').click();
    await adminPage.getByTestId('unit-name').fill('Huyện Bát Xát');
    await adminPage.getByTestId('unit-level').selectOption('district');
    await saveUnit(adminPage, 'Huyện Bát Xát');
    await unitRow(adminPage, 'Huyện Bát Xát').getByTestId('unit-add').click();
    await adminPage.getByTestId('unit-name').fill('Xã Y Tý');
    await adminPage.locator('[data-testid="unit-language"][value="hmn"]').check();
    await saveUnit(adminPage, 'Xã Y Tý');
    await shootBoth(adminPage, 'staff-first-run-units');
    // No phone is paired yet: the dashboard says so, and where to pair one, instead of "all in touch".
    await adminPage.getByTestId('staff-nav-dashboard').click();
    const none = adminPage.getByTestId('dashboard-no-devices');
    await none.waitFor({ timeout: 30_000 });
    expect(await none.textContent()).toContain('Chưa có thiết bị nào được ghép nối');
    await none.scrollIntoViewIfNeeded();
    await shoot(adminPage, 'staff-dashboard-no-devices');
    await adminPage.getByTestId('staff-nav-units').click();
    const districtId = (await unitRow(adminPage, 'Huyện Bát Xát').getAttribute('data-unit-id')) ?? '';

    await adminPage.getByTestId('staff-nav-accounts').click();
    await adminPage.getByTestId('account-create').waitFor({ timeout: 30_000 });
    await adminPage.getByTestId('account-unit').selectOption(districtId);
    await adminPage.getByTestId('account-role').selectOption('district');
    await adminPage.getByTestId('account-login').fill('phong.batxat');
    await adminPage.getByTestId('account-name').fill('Phòng VH-TT huyện Bát Xát');
    await adminPage.getByTestId('account-submit').click();
    temporaryPassword = (await adminPage.getByTestId('temporary-password-value').textContent()) ?? '';
    expect(temporaryPassword).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
  });

  it('the district officer chooses a password and creates a pairing code for the commune', async () => {
    const consoleErrors = errorsOf(officerPage);
    await officerPage.goto(`${baseUrl}/staff`);
    await officerPage.getByTestId('staff-login').waitFor({ timeout: 30_000 });
    expect(consoleErrors).toEqual([]);
    await officerPage.getByTestId('staff-login').fill('phong.batxat');
    await officerPage.getByTestId('staff-password').fill(temporaryPassword);
    await officerPage.getByTestId('staff-submit').click();
    await officerPage.getByTestId('staff-password-form').waitFor({ timeout: 30_000 });
    await officerPage.getByTestId('password-current').fill(temporaryPassword);
    await officerPage.getByTestId('password-new').fill(DISTRICT_PASSWORD);
    await officerPage.getByTestId('password-repeat').fill(DISTRICT_PASSWORD);
    await officerPage.getByTestId('password-submit').click();
    await officerPage.getByTestId('staff-account').waitFor({ timeout: 30_000 });

    await officerPage.getByTestId('staff-nav-devices').click();
    const unitPicker = officerPage.getByTestId('pairing-unit');
    await unitPicker.waitFor({ timeout: 30_000 });
    const yTy = await unitPicker.locator('option').filter({ hasText: 'Xã Y Tý' }).getAttribute('value');
    await unitPicker.selectOption(yTy ?? '');
    await officerPage.getByTestId('pairing-create').click();
    pairingCode = ((await officerPage.getByTestId('pairing-code').textContent()) ?? '').replace('-', '');
    expect(pairingCode).toMatch(/^[0-9A-Z]{8}$/);
    await shootBoth(officerPage, 'staff-first-run-pairing');
  });

  it('the commune’s phone enrols with the code and shows its commune', async () => {
    await phonePage.goto(`${baseUrl}/enrol?code=${pairingCode}`);
    await phonePage.getByTestId('enrol-code').waitFor({ timeout: 30_000 });
    await phonePage.getByTestId('enrol-label').fill('Loa xã Y Tý');
    await phonePage.getByTestId('enrol-submit').click();
    await phonePage.getByTestId('enrol-done').waitFor({ timeout: 30_000 });
    expect(await phonePage.getByTestId('enrol-done').textContent()).toContain('Xã Y Tý');
    await shoot(phonePage, 'first-run-phone-enrolled');
  });

  it('the administrator sees every step in the audit trail, and its chain holds', async () => {
    await adminPage.goto(`${baseUrl}/staff/audit`);
    await adminPage.getByTestId('audit-row').first().waitFor({ timeout: 30_000 });
    const actions = await adminPage
      .getByTestId('audit-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).toEqual([
      'device.enrol',
      'pairing_code.create',
      'account.change_password',
      'account.create',
      'unit.create',
      'unit.create',
      'account.create',
      'unit.create',
    ]);
    await adminPage.getByTestId('audit-verify').click();
    expect(await adminPage.getByTestId('audit-verified').textContent()).toContain('8 dòng nhật ký');
    await shootBoth(adminPage, 'staff-audit');
  });
});
