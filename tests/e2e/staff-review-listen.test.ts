import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { FAKE_MICROPHONE, launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage, publishBulletinAs, signInStaff } from '../helpers/enrol-device.ts';
import { makeBulletinInput } from '../helpers/factories.ts';
import { audioDuration, signInOnPage, submitRecordedSlot, syncUntilSent } from '../helpers/ui-flows.ts';
import { checkStaffScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** Xã Thượng Cốc speaks Mường; no other e2e file enrols a device there. */
const UNIT = DEMO_UNIT_IDS.thuongCoc;
const TITLE = 'Hướng dẫn đăng ký bảo hiểm y tế hộ gia đình';
const MUONG_TEXT = 'Bản dịch tiếng Mường có kèm bản ghi âm để cán bộ huyện nghe trước khi duyệt.';
const TRANSLATOR = 'Bùi Văn Thắng';

describe('staff listen to a recorded translation in the review queue', () => {
  let device: FreshContext;
  let staff: FreshContext;
  let devicePage: Page;
  let staffPage: Page;
  let bulletinId = '';

  beforeAll(async () => {
    [device, staff] = await Promise.all([
      launchFreshContext({ extraArgs: FAKE_MICROPHONE }),
      launchFreshContext(),
    ]);
    await device.context.grantPermissions(['microphone'], { origin: baseUrl });
    [devicePage, staffPage] = await Promise.all([device.context.newPage(), staff.context.newPage()]);
    const district = await signInStaff(baseUrl, 'phong.vhtt');
    const input = makeBulletinInput([UNIT], {
      title: TITLE,
      topic: 'health_insurance',
      validFrom: isoDateOf(new Date(), VIETNAM_TIME_ZONE),
      validUntil: null,
      airing: null,
    });
    bulletinId = (await publishBulletinAs(district, input)).id;
  });
  afterAll(async () => {
    await Promise.all([device?.close(), staff?.close()]);
  });

  it('a Thượng Cốc device records a Mường reading and sends it for review', async () => {
    await enrolPage(devicePage, baseUrl, UNIT);
    await syncUntilSent(devicePage, baseUrl);
    await submitRecordedSlot(devicePage, baseUrl, {
      bulletinId,
      lang: 'mtq',
      text: MUONG_TEXT,
      translator: TRANSLATOR,
      ms: 2200,
    });
    await syncUntilSent(devicePage, baseUrl);
  });

  it('the reviewer loads the recording and it plays: a blob source, a real length, time moving', async () => {
    await signInOnPage(staffPage, baseUrl, 'phong.vhtt');
    await staffPage.goto(`${baseUrl}/staff/review`);
    const row = staffPage.getByTestId('review-row').filter({ hasText: MUONG_TEXT });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(TITLE);
    expect(await row.textContent()).toContain(TRANSLATOR);

    await row.getByTestId('review-listen').click();
    const audio = row.getByTestId('review-audio');
    await audio.waitFor({ timeout: 30_000 });
    expect(await audio.getAttribute('src')).toMatch(/^blob:/);
    expect(await audio.getAttribute('aria-label')).toBe('Bản ghi âm bản dịch Tiếng Mường');
    const seconds = await audioDuration(audio);
    // The device wrote the measured length into the WebM: no Infinity, and about the 2.2 s recorded.
    expect(Number.isFinite(seconds)).toBe(true);
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(4);
    // Pressing "listen" was the request to hear it: it starts by itself.
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0.3);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.error)).toBeNull();
    await checkStaffScreen(staffPage, 'staff-review-listening');
  });

  it('the reviewer approves it after listening', async () => {
    const row = staffPage.getByTestId('review-row').filter({ hasText: MUONG_TEXT });
    await row.getByTestId('review-approve').click();
    await staffPage.getByTestId('review-done').waitFor();
    expect(await staffPage.getByTestId('review-done').textContent()).toContain(TITLE);
    expect(await row.count()).toBe(0);
  });
});
