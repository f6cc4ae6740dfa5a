/** Steps several e2e tests take through the UI: staff signing in, a device syncing until everything is sent. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
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
