import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { FAKE_MICROPHONE, launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage } from '../helpers/enrol-device.ts';
import { audioDuration } from '../helpers/ui-flows.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** The demo's urgent tide warning for Xã Vĩnh Hải, whose languages are Vietnamese and Khmer. */
const VINH_HAI_BULLETIN = '2cf18c26-7828-4cd7-8ce0-568bd4e57d22';

const KHMER_TEXT = 'សេចក្តីជូនដំណឹងបន្ទាន់! ទឹកជំនន់ និងខ្យល់ខ្លាំងនៅតំបន់ឆ្នេរ។';

/** How long the test holds the recording; the fake device beeps once a second. */
const RECORD_MS = 2200;

async function openKhmerEditor(page: Page): Promise<void> {
  // The enrolment's first sync pulls the demo data; the reader appears once the bulletin is stored.
  await page.getByTestId('bulletin-reader').waitFor({ timeout: 30_000 });
  await page.getByTestId('lang-tab-khm').click();
  await page.getByTestId('edit-slot').click();
  await page.getByTestId('slot-editor').waitFor();
}

describe('recording a Khmer reading with the fake microphone', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext({ extraArgs: FAKE_MICROPHONE });
    await fresh.context.grantPermissions(['microphone'], { origin: baseUrl });
    page = await fresh.context.newPage();
    await enrolPage(page, baseUrl, DEMO_UNIT_IDS.vinhHai);
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('opens the Khmer slot editor of a Vĩnh Hải bulletin, marked missing', async () => {
    await page.goto(`${baseUrl}/bulletins/${VINH_HAI_BULLETIN}`);
    await openKhmerEditor(page);
    expect(await page.getByTestId('lang-tab-khm').locator('.slot-badge').getAttribute('data-status')).toBe(
      'missing',
    );
    const textarea = page.getByTestId('slot-text');
    expect(await textarea.getAttribute('lang')).toBe('km');
    expect(await page.locator('label[for="slot-text"]').textContent()).toContain('ភាសាខ្មែរ');
  });

  it('refuses to submit for review with neither text nor recording, in Vietnamese', async () => {
    await page.getByTestId('slot-submit').click();
    const problems = page.getByTestId('slot-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Chưa có gì để lưu');
  });

  it('records about 2 s while the level meter moves, then shows the duration', async () => {
    await page.getByTestId('slot-text').fill(KHMER_TEXT);
    await page.getByTestId('slot-translator').fill('Thạch Thị Sa Rết');
    await page.getByTestId('record-start').click();
    const meter = page.getByTestId('level-meter');
    await meter.waitFor();
    expect(await meter.getAttribute('role')).toBe('meter');

    // Samples aria-valuenow in the page, so no beep falls between two round trips.
    const sampling = page.evaluate(async (ms: number) => {
      const seen: number[] = [];
      const until = performance.now() + ms;
      while (performance.now() < until) {
        const value = document.querySelector('[data-testid="level-meter"]')?.getAttribute('aria-valuenow');
        if (value !== null && value !== undefined) seen.push(Number(value));
        await new Promise((r) => setTimeout(r, 40));
      }
      return seen;
    }, RECORD_MS);
    await page.waitForTimeout(1200);
    await page.getByTestId('record-stop').scrollIntoViewIfNeeded();
    await checkScreen(page, 'slot-editor-recording');
    const levels = await sampling;
    expect(await page.getByTestId('record-elapsed').textContent()).toMatch(
      /^Đã ghi [12] giây \/ tối đa 15 phút$/,
    );
    await page.getByTestId('record-stop').click();

    expect(levels.length).toBeGreaterThan(20);
    expect(Math.max(...levels)).toBeGreaterThan(0);
    const duration = page.getByTestId('recording-duration');
    await duration.waitFor();
    expect(await duration.textContent()).toMatch(/^Thời lượng: [23] giây$/);
    const seconds = await audioDuration(page.getByTestId('recording-audio'));
    expect(seconds).toBeGreaterThan(1.8);
    expect(seconds).toBeLessThan(4);
  });

  it('saves the draft on the device: the tab badge says draft, local and unsent', async () => {
    await page.getByTestId('slot-save').click();
    await expect
      .poll(async () => (await page.getByTestId('slot-message').textContent()) ?? '')
      .toMatch(/Đã lưu nháp trên máy/);
    const badge = page.getByTestId('lang-tab-khm').locator('.slot-badge');
    await expect.poll(() => badge.getAttribute('data-status')).toBe('draft');
    expect(await badge.getAttribute('data-local')).toBe('true');
    expect(await badge.textContent()).toContain('chưa gửi');
  });

  it('keeps the text and the recording after an offline reload, and plays the recording back', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await fresh.context.setOffline(true);
    await page.reload();
    await openKhmerEditor(page);
    expect(await page.getByTestId('net-status').getAttribute('data-online')).toBe('false');

    expect(await page.getByTestId('slot-text').inputValue()).toBe(KHMER_TEXT);
    expect(await page.getByTestId('slot-translator').inputValue()).toBe('Thạch Thị Sa Rết');
    const audio = page.getByTestId('recording-audio');
    const seconds = await audioDuration(audio);
    expect(Number.isFinite(seconds)).toBe(true);
    expect(seconds).toBeGreaterThan(1);
    expect(await page.getByTestId('recording-duration').textContent()).toMatch(/^Thời lượng: [23] giây$/);

    await page.getByTestId('recording-play').click();
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0.3);
    await page.getByTestId('recording-play').click();
    expect(await audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);
  });

  it('plays the recorded slot through the reader player, offline', async () => {
    // The player picks the recording: the user's own draft may go on air before review.
    await page.locator('section.player[data-engine="recording"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('play').click();
    await page.getByTestId('progress').waitFor();
    const result = page.getByTestId('play-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-outcome')).toBe('completed');
  });

  it('asks before recording again, then submits the new take for review in place of the old one', async () => {
    const firstUrl = await page.getByTestId('recording-audio').getAttribute('src');
    await page.getByTestId('record-again').click();
    await page.getByTestId('confirm-no').click();
    expect(await page.getByTestId('recording-audio').getAttribute('src')).toBe(firstUrl);

    await page.getByTestId('record-again').click();
    await page.getByTestId('confirm-yes').click();
    await page.getByTestId('level-meter').waitFor();
    await page.waitForTimeout(1300);
    await page.getByTestId('record-stop').click();
    await page.getByTestId('recording-duration').waitFor();
    expect(await page.getByTestId('recording-duration').textContent()).toMatch(/^Thời lượng: 1 giây$/);

    await page.getByTestId('slot-submit').click();
    await expect
      .poll(async () => (await page.getByTestId('slot-message').textContent()) ?? '')
      .toMatch(/Đã đánh dấu gửi duyệt/);
    const badge = page.getByTestId('lang-tab-khm').locator('.slot-badge');
    await expect.poll(() => badge.getAttribute('data-status')).toBe('submitted');
    expect(await badge.getAttribute('data-local')).toBe('true');
  });

  it('counts the one recording kept in More → storage: the replaced take is gone', async () => {
    await page.goto(`${baseUrl}/more`);
    const recordings = page.getByTestId('storage-recordings');
    await recordings.waitFor();
    expect(Number(await recordings.getAttribute('data-bytes'))).toBeGreaterThan(1000);
    expect(await recordings.textContent()).toMatch(/^1 tệp, \d/);
    // Below the sticky top bar.
    await page.evaluate(() => {
      const top = document.querySelector('[data-testid="storage-usage"]')?.getBoundingClientRect().top ?? 0;
      window.scrollBy(0, top - 70);
    });
    await checkScreen(page, 'more-storage');
    await fresh.context.setOffline(false);
  });
});

describe('a refused microphone', () => {
  let fresh: FreshContext;

  beforeAll(async () => {
    // Without the fake UI flag and without a grant, headless Chromium refuses the microphone.
    fresh = await launchFreshContext({ extraArgs: ['--use-fake-device-for-media-stream'] });
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('explains in Vietnamese how to allow it, and keeps the typed text', async () => {
    const page = await fresh.context.newPage();
    await enrolPage(page, baseUrl, DEMO_UNIT_IDS.vinhHai);
    await page.goto(`${baseUrl}/bulletins/${VINH_HAI_BULLETIN}`);
    await openKhmerEditor(page);
    await page.getByTestId('slot-text').fill(KHMER_TEXT);
    await page.getByTestId('record-start').click();
    const message = page.getByTestId('slot-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('chưa được phép dùng micro');
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('slot-text').inputValue()).toBe(KHMER_TEXT);
    await page.getByTestId('record-start').waitFor();
  });
});
