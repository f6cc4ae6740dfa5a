import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { signInOnPage } from '../helpers/ui-flows.ts';
import { checkStaffScreen as shoot } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** The row of the unit named exactly `name` in the tree. */
function row(page: Page, name: string): Locator {
  // By the row's own name: an open form inside a row also names other units (in its parent picker).
  return page
    .getByTestId('unit-row')
    .filter({ has: page.getByTestId('unit-row-name').getByText(name, { exact: true }) });
}

/** Where each row of the tree sits: "depth name", top to bottom. */
async function tree(page: Page): Promise<string[]> {
  return page
    .getByTestId('unit-row')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-depth')} ${r.querySelector('.unit-row-name')?.textContent}`),
    );
}

/** Saves the open unit form and waits for the confirmation of `name`. */
async function save(page: Page, name: string): Promise<void> {
  await page.getByTestId('unit-save').click();
  await page.getByTestId('unit-form').waitFor({ state: 'detached', timeout: 30_000 });
  await page
    .getByTestId('staff-flash')
    .filter({ hasText: `Đã lưu ${name}.` })
    .waitFor();
}

describe('the units of the staff workspace on a phone', () => {
  let browser: FreshContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchFreshContext({ viewport: { width: 360, height: 740 } });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // The demo admin writes units like province staff (so.vhtt is locked out by staff-sync's sign-in test on the
  // shared server). The units made here end under a district of their own, outside the demo district that the
  // other e2e files count on.
  it('admin adds a commune with a minority language, edits its languages and moves it', async () => {
    await signInOnPage(page, baseUrl, 'admin');
    await page.getByTestId('staff-nav-units').click();
    await row(page, 'Huyện Thanh Lâm').waitFor({ timeout: 30_000 });
    expect((await tree(page)).slice(0, 2)).toEqual(['0 Tỉnh Hòa Giang', '1 Huyện Thanh Lâm']);
    expect(await row(page, 'Xã Tả Phìn').getByTestId('unit-languages').textContent()).toBe(
      "Tiếng Việt, Tiếng H'Mông, Tiếng Thái",
    );

    // A new district under the province, to move the commune into later.
    await row(page, 'Tỉnh Hòa Giang').getByTestId('unit-add').click();
    await page.getByTestId('unit-name').fill('Huyện Sơn Hà');
    await page.getByTestId('unit-level').selectOption('district');
    await save(page, 'Huyện Sơn Hà');

    // The commune under the demo district: a missing name is explained in Vietnamese, not sent.
    await row(page, 'Huyện Thanh Lâm').getByTestId('unit-add').click();
    expect(await page.getByTestId('unit-form').locator('h2').textContent()).toBe(
      'Thêm đơn vị trực thuộc Huyện Thanh Lâm',
    );
    await page.getByTestId('unit-save').click();
    expect(await page.getByTestId('unit-error-name').textContent()).toContain('Hãy nhập tên đơn vị');
    await page.getByTestId('unit-name').fill('Xã Nậm Cang');
    await page.getByTestId('unit-code').fill('15907');
    const vietnamese = page.locator('[data-testid="unit-language"][value="vie"]');
    expect(await vietnamese.isChecked()).toBe(true);
    expect(await vietnamese.isDisabled()).toBe(true);
    await page.locator('[data-testid="unit-language"][value="tyz"]').check();
    await save(page, 'Xã Nậm Cang');
    const commune = row(page, 'Xã Nậm Cang');
    expect(await commune.getAttribute('data-depth')).toBe('2');
    expect(await commune.getByTestId('unit-languages').textContent()).toBe('Tiếng Việt, Tiếng Tày');
    expect(await commune.getByTestId('unit-code-shown').textContent()).toBe('Mã 15907');
    const communeId = (await commune.getAttribute('data-unit-id')) ?? '';

    // A team below it: any depth, and nothing can be added under a team.
    await commune.getByTestId('unit-add').click();
    await page.getByTestId('unit-name').fill('Tổ loa bản Nậm Cang');
    await page.getByTestId('unit-level').selectOption('team');
    await save(page, 'Tổ loa bản Nậm Cang');
    expect(await row(page, 'Tổ loa bản Nậm Cang').getAttribute('data-depth')).toBe('3');
    expect(await row(page, 'Tổ loa bản Nậm Cang').getByTestId('unit-add').count()).toBe(0);

    // H'Mông added; a level above the parent's is explained on the level.
    await commune.getByTestId('unit-edit').click();
    await page.locator('[data-testid="unit-language"][value="hmn"]').check();
    await page.getByTestId('unit-level').selectOption('province');
    await page.getByTestId('unit-save').click();
    expect(await page.getByTestId('unit-error-level').textContent()).toContain(
      'không được cao hơn cấp của đơn vị cấp trên',
    );
    await page.getByTestId('unit-form').locator('h2').scrollIntoViewIfNeeded();
    await shoot(page, 'staff-units-form');
    await page.getByTestId('unit-level').selectOption('commune');
    await save(page, 'Xã Nậm Cang');
    expect(await commune.getByTestId('unit-languages').textContent()).toBe(
      "Tiếng Việt, Tiếng H'Mông, Tiếng Tày",
    );

    // Moved to the new district: the picker offers neither the commune itself nor the team below it.
    await commune.getByTestId('unit-edit').click();
    const offered = await page
      .getByTestId('unit-parent')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).not.toContain(communeId);
    expect(offered).toEqual(expect.arrayContaining([DEMO_UNIT_IDS.district, DEMO_UNIT_IDS.taPhin]));
    const sonHa = (await row(page, 'Huyện Sơn Hà').getAttribute('data-unit-id')) ?? '';
    await page.getByTestId('unit-parent').selectOption(sonHa);
    await save(page, 'Xã Nậm Cang');
    const units = await tree(page);
    const at = units.indexOf('1 Huyện Sơn Hà');
    expect(units.slice(at, at + 3)).toEqual(['1 Huyện Sơn Hà', '2 Xã Nậm Cang', '3 Tổ loa bản Nậm Cang']);
    expect(units.indexOf('1 Huyện Thanh Lâm')).toBeGreaterThan(-1);

    // The screen as it opens, without the confirmation.
    await page.goto(`${baseUrl}/staff/units`);
    await row(page, 'Tổ loa bản Nậm Cang').waitFor({ timeout: 30_000 });
    await shoot(page, 'staff-units');
  });

  it('district staff see the tree and languages, without buttons to change them', async () => {
    const district = await launchFreshContext({ viewport: { width: 360, height: 740 } });
    try {
      const districtPage = await district.context.newPage();
      await signInOnPage(districtPage, baseUrl, 'phong.vhtt');
      await districtPage.getByTestId('staff-nav-units').click();
      await row(districtPage, 'Xã Tả Phìn').waitFor({ timeout: 30_000 });
      expect((await tree(districtPage)).slice(0, 3)).toEqual([
        '0 Tỉnh Hòa Giang',
        '1 Huyện Thanh Lâm',
        expect.stringMatching(/^2 /),
      ]);
      expect(await districtPage.getByTestId('unit-add').count()).toBe(0);
      expect(await districtPage.getByTestId('unit-edit').count()).toBe(0);
      // The commune moved away from the district is no longer in its tree.
      expect(await row(districtPage, 'Xã Nậm Cang').count()).toBe(0);
    } finally {
      await district.close();
    }
  });
});
