import type { Page } from 'playwright-core';

/**
 * Opens the bulletin list and reloads once the service worker is active: only pages loaded after it activated
 * are controlled by it, so from here on reloads work with the network off.
 */
export async function openControlledApp(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/bulletins`);
  await page.getByTestId('bulletin-item').first().waitFor({ timeout: 30_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.getByTestId('bulletin-item').first().waitFor();
}
