/**
 * The Sync screen of a device whose server was restored from a backup. The e2e server keeps its database to
 * itself, so the restore is played by giving its pull answers another database identity on the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PullPage } from '../../src/domain/sync.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage } from '../helpers/enrol-device.ts';
import { checkStaffScreen as shoot } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** Clicks "Đồng bộ ngay" and waits for that sync's result. */
async function syncAgain(page: Page): Promise<void> {
  const before = await page.getByTestId('sync-done').getAttribute('data-finished');
  await page.getByTestId('sync-now').click();
  await expect
    .poll(() => page.getByTestId('sync-done').getAttribute('data-finished'), { timeout: 30_000 })
    .not.toBe(before);
}

describe('a device whose server was restored from a backup', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('says so with the date while it downloads everything again, and after, until the next sync', async () => {
    await enrolPage(page, baseUrl);
    await page.getByTestId('sync-done').waitFor({ timeout: 30_000 });
    const restored = crypto.randomUUID();
    let connection: 'drops' | 'holds' = 'drops';
    await fresh.context.route('**/api/sync/pull?*', async (route) => {
      // The re-sync starts from 0: the first time it does, the connection drops.
      const fromStart = new URL(route.request().url()).searchParams.get('cursor') === '0';
      if (fromStart && connection === 'drops') return route.abort('internetdisconnected');
      const response = await route.fetch();
      const answer = (await response.json()) as PullPage;
      await route.fulfill({ response, json: { ...answer, database: restored } });
    });

    await page.getByTestId('sync-now').click();

    await page.getByTestId('sync-error').waitFor({ timeout: 30_000 });
    const running = page.locator('[data-testid="sync-resync"][data-state="running"]');
    await running.waitFor();
    expect(await running.textContent()).toMatch(
      /^Máy chủ đã được khôi phục hoặc thay mới \(máy phát hiện lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\. Máy đang tải lại toàn bộ bản tin\./,
    );
    connection = 'holds';

    await page.getByTestId('sync-now').click();

    const done = page.locator('[data-testid="sync-resync"][data-state="done"]');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('Máy đã tải lại toàn bộ bản tin');
    expect(await done.textContent()).toContain('Máy cũng gửi lại tất cả nhật ký phát thanh lên máy chủ');
    await done.scrollIntoViewIfNeeded();
    await shoot(page, 'sync-server-restored');
    await page.getByTestId('sync-done').waitFor();

    await syncAgain(page);

    expect(await page.getByTestId('sync-resync').count()).toBe(0);
  });
});
