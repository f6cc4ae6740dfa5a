import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage } from '../helpers/enrol-device.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/**
 * How many bulletins the list holds, as its count line says: the list renders only the rows near the screen,
 * and every row carries the same total in aria-setsize.
 */
async function listedCount(page: Page): Promise<number> {
  const count = Number(await page.getByTestId('bulletin-count').getAttribute('data-count'));
  expect(await page.getByTestId('bulletin-item').first().getAttribute('aria-setsize')).toBe(String(count));
  return count;
}

describe('offline shell on a 360×740 phone', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('asks an unpaired device to enrol, then shows the demo bulletins pulled from the server', async () => {
    await page.goto(`${baseUrl}/bulletins`);
    await page.getByTestId('enrol-prompt').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('enrol-prompt').textContent()).toContain('Thiết bị chưa được ghép nối');
    await enrolPage(page, baseUrl);
    await page.goto(`${baseUrl}/bulletins`);
    await page.getByTestId('bulletin-item').first().waitFor();
    expect(await listedCount(page)).toBeGreaterThanOrEqual(20);
    expect(await page.getByTestId('net-status').getAttribute('data-online')).toBe('true');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await checkScreen(page, 'bulletin-list');
  });

  it('finds a bulletin typed without diacritics', async () => {
    await page.getByTestId('bulletin-search').fill('bao hiem y te');
    const first = page.getByTestId('bulletin-item').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toMatch(/Bảo hiểm y tế/i);
    await page.getByTestId('bulletin-search').fill('');
  });

  it('opens the reader', async () => {
    await page.getByTestId('bulletin-item').first().click();
    const reader = page.getByTestId('bulletin-reader');
    await reader.waitFor();
    expect((await reader.locator('h1').textContent())?.trim().length).toBeGreaterThan(5);
    await checkScreen(page, 'bulletin-reader');
  });

  it('starts again with the network off and still shows the bulletins', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const readerUrl = page.url();
    await fresh.context.setOffline(true);

    await page.reload();
    await page.getByTestId('bulletin-reader').waitFor();
    expect(await page.getByTestId('net-status').getAttribute('data-online')).toBe('false');

    await page.goto(`${baseUrl}/bulletins`);
    await page.getByTestId('bulletin-item').first().waitFor();
    expect(await listedCount(page)).toBeGreaterThanOrEqual(20);
    await page.goto(readerUrl);
    await page.getByTestId('bulletin-reader').waitFor();
    await fresh.context.setOffline(false);
  });

  it('switches to English with the network off, and keeps the choice across reloads', async () => {
    await page.goto(`${baseUrl}/more`);
    await page.getByTestId('lang-en').waitFor();
    // The English strings are a chunk of their own, which the service worker must have stored.
    await fresh.context.setOffline(true);
    await page.getByTestId('lang-en').click();
    const todayLink = page.getByRole('navigation').getByRole('link', { name: 'Today' });
    await todayLink.waitFor();
    await page.reload();
    await page.getByTestId('lang-vi').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await todayLink.waitFor();
    await fresh.context.setOffline(false);
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('says plainly that an unknown address is not in the app, with the way home', async () => {
    await page.goto(`${baseUrl}/khong-co-trang-nay`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Về trang Hôm nay' }).count()).toBe(1);
    await checkScreen(page, 'not-found');
  });
});
