import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage, publishBulletinAs, signInStaff, type StaffFetch } from '../helpers/enrol-device.ts';
import { makeBulletinInput } from '../helpers/factories.ts';
import { signInOnPage, syncUntilSent } from '../helpers/ui-flows.ts';
import { checkStaffScreen as shoot } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** Xã Xuân Phong: no other e2e file enrols a device there or counts its bulletins. */
const UNIT = DEMO_UNIT_IDS.xuanPhong;
const FIRST_TITLE = 'Lịch thu gom rác thải tháng 12';
const FIRST_BODY = 'Xe thu gom rác thải đi qua các thôn vào sáng thứ Ba và thứ Sáu.';
const NEW_TITLE = 'Đổi lịch thu gom rác thải tháng 12';
const NEW_BODY = 'Từ tuần sau, xe thu gom rác thải đi qua các thôn vào sáng thứ Hai và thứ Năm.';
const MY_TITLE = 'Lịch thu gom rác thải dịp Tết';

describe('staff edit a published bulletin as a new version', () => {
  let staff: FreshContext;
  let device: FreshContext;
  let staffPage: Page;
  let devicePage: Page;
  let district: StaffFetch;
  let bulletinId = '';
  const first = makeBulletinInput([UNIT], {
    title: FIRST_TITLE,
    summary: 'Lịch xe thu gom rác thải ở các thôn.',
    body: FIRST_BODY,
    topic: 'environment',
    urgency: 'urgent',
    validFrom: isoDateOf(new Date(), VIETNAM_TIME_ZONE),
    validUntil: null,
    airing: { times: 2, perDays: 7, untilDate: null },
  });

  const row = () => staffPage.getByTestId('bulletin-row').and(staffPage.locator(`[data-id="${bulletinId}"]`));

  beforeAll(async () => {
    [staff, device] = await Promise.all([launchFreshContext(), launchFreshContext()]);
    [staffPage, devicePage] = await Promise.all([staff.context.newPage(), device.context.newPage()]);
    district = await signInStaff(baseUrl, 'phong.vhtt');
    bulletinId = (await publishBulletinAs(district, first)).id;
  });
  afterAll(async () => {
    await Promise.all([staff?.close(), device?.close()]);
  });

  it('a commune device of Xã Xuân Phong holds version 1', async () => {
    await enrolPage(devicePage, baseUrl, UNIT);
    await syncUntilSent(devicePage, baseUrl);
    await devicePage.goto(`${baseUrl}/bulletins/${bulletinId}`);
    await devicePage.getByTestId('bulletin-reader').getByText(FIRST_BODY).waitFor({ timeout: 30_000 });
  });

  it('opens the form from the list, filled in with every field of the bulletin', async () => {
    await signInOnPage(staffPage, baseUrl, 'phong.vhtt');
    await staffPage.getByTestId('staff-nav-bulletins').click();
    await row().waitFor();
    await shoot(staffPage, 'staff-bulletins');
    await row().getByTestId('bulletin-edit').click();
    await staffPage.getByTestId('bulletin-form').waitFor();
    expect(staffPage.url()).toBe(`${baseUrl}/staff/bulletins/${bulletinId}/edit`);
    expect(await staffPage.getByRole('heading', { level: 1 }).textContent()).toBe('Sửa bản tin');
    expect(await staffPage.getByTestId('bulletin-editing').textContent()).toContain(
      'phiên bản 1 của một bản tin đã đăng',
    );
    expect(await staffPage.getByTestId('bulletin-title').inputValue()).toBe(FIRST_TITLE);
    expect(await staffPage.getByTestId('bulletin-body').inputValue()).toBe(FIRST_BODY);
    expect(await staffPage.locator('#bf-topic').inputValue()).toBe('environment');
    expect(await staffPage.getByRole('button', { name: 'Khẩn' }).getAttribute('aria-pressed')).toBe('true');
    const checked = await staffPage
      .locator('[data-testid="bulletin-target"]:checked')
      .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));
    expect(checked).toEqual([UNIT]);
    expect(await staffPage.getByTestId('bulletin-airing').isChecked()).toBe(true);
    expect(await staffPage.getByLabel('Số lần phát', { exact: true }).inputValue()).toBe('2');
    expect(await staffPage.getByLabel('Số ngày', { exact: true }).inputValue()).toBe('7');
    // A published bulletin is saved, not published again.
    expect(await staffPage.getByTestId('bulletin-save').textContent()).toBe('Lưu phiên bản mới');
    expect(await staffPage.getByTestId('bulletin-publish').count()).toBe(0);
    await shoot(staffPage, 'staff-bulletin-edit');
  });

  it('saves the change as version 2, still published, and the list shows it', async () => {
    await staffPage.getByTestId('bulletin-title').fill(NEW_TITLE);
    await staffPage.getByTestId('bulletin-body').fill(NEW_BODY);
    await staffPage.getByTestId('bulletin-save').click();
    await staffPage.getByTestId('staff-flash').waitFor({ timeout: 30_000 });
    expect(await staffPage.getByTestId('staff-flash').textContent()).toBe(
      `Đã lưu “${NEW_TITLE}” thành phiên bản 2. Các xã nhận được ở lần đồng bộ tới.`,
    );
    expect(await row().getAttribute('data-status')).toBe('published');
    const text = (await row().textContent()) ?? '';
    expect(text).toContain(NEW_TITLE);
    expect(text).toContain('Phiên bản 2');
    expect(text).toContain('Gửi đến: Xã Xuân Phong');
  });

  it('the commune device receives version 2 on its next sync', async () => {
    await syncUntilSent(devicePage, baseUrl);
    await devicePage.goto(`${baseUrl}/bulletins/${bulletinId}`);
    const reader = devicePage.getByTestId('bulletin-reader');
    await reader.getByText(NEW_BODY).waitFor({ timeout: 30_000 });
    expect(await reader.textContent()).toContain(NEW_TITLE);
    expect(await reader.textContent()).not.toContain(FIRST_BODY);
  });

  it('says plainly when someone else saved first, keeps what was typed, and saves it on request', async () => {
    await staffPage.goto(`${baseUrl}/staff/bulletins/${bulletinId}/edit`);
    await staffPage.getByTestId('bulletin-form').waitFor();
    // Another staff member saves version 3 while this form still holds version 2.
    const other = await district(`/api/bulletins/${bulletinId}`, {
      method: 'PUT',
      json: { ...first, title: NEW_TITLE, body: NEW_BODY, summary: 'Sửa từ máy khác.', version: 2 },
    });
    expect(other.status).toBe(200);

    await staffPage.getByTestId('bulletin-title').fill(MY_TITLE);
    await staffPage.getByTestId('bulletin-save').click();
    const conflict = staffPage.getByTestId('bulletin-conflict');
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.textContent()).toMatch(
      /đã được lưu thành phiên bản 3 lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}.*vẫn còn nguyên trong biểu mẫu/,
    );
    expect(await staffPage.getByTestId('bulletin-title').inputValue()).toBe(MY_TITLE);
    expect(await staffPage.getByTestId('bulletin-body').inputValue()).toBe(NEW_BODY);
    await conflict.scrollIntoViewIfNeeded();
    await shoot(staffPage, 'staff-bulletin-conflict');

    await conflict.getByTestId('bulletin-conflict-keep').click();
    await staffPage.getByTestId('staff-flash').waitFor({ timeout: 30_000 });
    const text = (await row().textContent()) ?? '';
    expect(text).toContain(MY_TITLE);
    expect(text).toContain('Phiên bản 4');
  });

  it('offers no edit for a withdrawn bulletin, and says why when opened by its address', async () => {
    await row().getByTestId('bulletin-withdraw').click();
    await row().getByTestId('bulletin-withdraw-confirm').click();
    await expect.poll(() => row().getAttribute('data-status')).toBe('withdrawn');
    expect(await row().getByTestId('bulletin-edit').count()).toBe(0);
    await staffPage.goto(`${baseUrl}/staff/bulletins/${bulletinId}/edit`);
    expect(await staffPage.getByTestId('bulletin-not-editable').textContent()).toContain('đã thu hồi');
    expect(await staffPage.getByTestId('bulletin-form').count()).toBe(0);
  });

  it('tells an account that may only read a bulletin, by its address, that it may not edit it', async () => {
    const operator = await launchFreshContext();
    try {
      const page = await operator.context.newPage();
      await signInOnPage(page, baseUrl, 'xa.taphin');
      await page.goto(`${baseUrl}/staff/bulletins/${bulletinId}/edit`);
      expect(await page.getByTestId('bulletin-not-editable').textContent()).toContain('không có quyền');
      expect(await page.getByTestId('bulletin-form').count()).toBe(0);
    } finally {
      await operator.close();
    }
  });
});
