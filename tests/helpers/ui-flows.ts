/**
 * Steps several e2e tests take through the UI: staff signing in, a device syncing until everything is sent or
 * recording a translation, an audio element's length.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';

/** Signs in on the staff workspace's login form and waits for the signed-in account. */
export async function signInOnPage(page: Page, baseUrl: string, login: string): Promise<void> {
  await page.goto(`${baseUrl}/staff`);
  await page.getByTestId('staff-login').fill(login);
  await page.getByTestId('staff-password').fill(DEMO_PASSWORD);
  await page.getByTestId('staff-submit').click();
  await page.getByTestId('staff-account').waitFor({ timeout: 30_000 });
}

/** Presses "Đồng bộ ngay" until the device has nothing left to send and the run has finished cleanly. */
export async function syncUntilSent(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sync`);
  await expect
    .poll(
      async () => {
        const button = page.getByTestId('sync-now');
        if (await button.isEnabled()) await button.click();
        await page.getByTestId('sync-done').or(page.getByTestId('sync-error')).waitFor({ timeout: 30_000 });
        return (
          (await page.getByTestId('sync-done').count()) === 1 &&
          (await page.getByTestId('sync-pending').getAttribute('data-count')) === '0'
        );
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
}

/** The audio element's duration in seconds once its metadata is known. */
export async function audioDuration(audio: Locator): Promise<number> {
  return audio.evaluate(
    (el: HTMLAudioElement) =>
      new Promise<number>((resolve) => {
        if (el.readyState >= HTMLMediaElement.HAVE_METADATA) resolve(el.duration);
        else el.addEventListener('loadedmetadata', () => resolve(el.duration), { once: true });
      }),
  );
}

/**
 * On an enrolled device whose browser has the fake microphone (FAKE_MICROPHONE), opens the `lang` slot of
 * bulletin `bulletinId`, types `text`, records `ms` of beeps and submits it all for review; the next sync
 * uploads the recording and the submission.
 */
export async function submitRecordedSlot(
  page: Page,
  baseUrl: string,
  slot: { bulletinId: string; lang: string; text: string; translator: string; ms: number },
): Promise<void> {
  await page.goto(`${baseUrl}/bulletins/${slot.bulletinId}`);
  await page.getByTestId('bulletin-reader').waitFor({ timeout: 30_000 });
  await page.getByTestId(`lang-tab-${slot.lang}`).click();
  await page.getByTestId('edit-slot').click();
  await page.getByTestId('slot-text').fill(slot.text);
  await page.getByTestId('slot-translator').fill(slot.translator);
  await page.getByTestId('record-start').click();
  await page.getByTestId('level-meter').waitFor();
  await page.waitForTimeout(slot.ms);
  await page.getByTestId('record-stop').click();
  await page.getByTestId('recording-duration').waitFor();
  await page.getByTestId('slot-submit').click();
  await expect
    .poll(async () => (await page.getByTestId('slot-message').textContent()) ?? '')
    .toMatch(/Đã đánh dấu gửi duyệt/);
}
