import type { Page } from 'playwright-core';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { enrolPage } from './enrol-device.ts';

/**
 * Enrols the device (the server sends bulletins only to enrolled devices), opens the bulletin list and
 * reloads once the service worker is active: only pages loaded after it activated are controlled by it, so
 * from here on reloads work with the network off.
 */
export async function openControlledApp(
  page: Page,
  baseUrl: string,
  unitId: string = DEMO_UNIT_IDS.taPhin,
): Promise<void> {
  await enrolPage(page, baseUrl, unitId);
  await page.goto(`${baseUrl}/bulletins`);
  await page.getByTestId('bulletin-item').first().waitFor({ timeout: 30_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.getByTestId('bulletin-item').first().waitFor();
}
