import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { validityOn } from '../../src/domain/bulletin-listing.ts';
import { parseQuery, searchDocOf, searchRanked } from '../../src/domain/search.ts';
import { formatDate } from '../../src/domain/dates.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage, signInStaff } from '../helpers/enrol-device.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** What a device of Xã Tả Phìn receives: published bulletins for the commune and for the units above it. */
const UNITS_SEEN = new Set<string>([DEMO_UNIT_IDS.province, DEMO_UNIT_IDS.district, DEMO_UNIT_IDS.taPhin]);

/**
 * The bulletins the server holds for the device's unit right now, as the demo admin lists them: other e2e
 * files share the server and may have published more than the demo data.
 */
async function publishedForTaPhin(): Promise<Bulletin[]> {
  const staff = await signInStaff(baseUrl);
  const { bulletins } = (await (await staff('/api/bulletins?status=published')).json()) as {
    bulletins: Bulletin[];
  };
  return bulletins.filter((b) => b.targetUnitIds.some((id) => UNITS_SEEN.has(id)));
}

/** A demo bulletin to air three times a week, in force from before the day the demo was seeded. */
const HEALTH = 'a565abfd-92a9-4344-bc65-8202dfb092c6';

/** The count line's number, once the list shows `expected` (lists update after a short typing pause). */
async function countBecomes(page: Page, expected: number): Promise<void> {
  await expect
    .poll(async () => Number(await page.getByTestId('bulletin-count').getAttribute('data-count')))
    .toBe(expected);
}

async function listedCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('bulletin-count').getAttribute('data-count'));
}

async function firstTitle(page: Page): Promise<string> {
  return (await renderedTitles(page))[0] ?? '';
}

/** Titles of the rows in the page, without the urgent badge (the list renders the rows near the screen). */
async function renderedTitles(page: Page): Promise<string[]> {
  return page
    .getByTestId('bulletin-item')
    .locator('.item-title')
    .evaluateAll((titles) => titles.map((t) => t.lastChild?.textContent ?? ''));
}

describe('bulletin library and reader on a 360×740 phone', () => {
  let fresh: FreshContext;
  let page: Page;
  let today: string;
  let taPhinBulletins: Bulletin[] = [];

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
    taPhinBulletins = await publishedForTaPhin();
    await enrolPage(page, baseUrl, DEMO_UNIT_IDS.taPhin);
    await page.goto(`${baseUrl}/bulletins`);
    await page.getByTestId('bulletin-item').first().waitFor({ timeout: 30_000 });
    // The enrolment pulls the unit's demo data; the list re-reads it once stored.
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="bulletin-count"]')?.getAttribute('data-count') === String(n),
      taPhinBulletins.length,
    );
    // The device's own date decides validity, as the app computes it.
    today = await page.evaluate(() => {
      const d = new Date();
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
    });
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('finds bulletins typed without diacritics, best match first, while typing', async () => {
    const search = page.getByTestId('bulletin-search');
    await search.fill('bao hiem y te');
    await expect.poll(() => firstTitle(page)).toMatch(/^Bảo hiểm y tế|bảo hiểm y tế/);
    expect(await firstTitle(page)).toContain('bảo hiểm y tế');

    await search.fill('dat dai');
    await expect.poll(() => firstTitle(page)).toMatch(/đất đai|Đất đai/);
    const landTitles = taPhinBulletins.filter((b) => /đất đai/i.test(b.title)).map((b) => b.title);
    expect((await renderedTitles(page)).slice(0, landTitles.length).sort()).toEqual([...landTitles].sort());

    await search.fill('qd-ttg 171');
    await expect.poll(() => firstTitle(page)).toContain('Công khai danh sách hộ được hỗ trợ');
    await countBecomes(page, 1);
    await checkScreen(page, 'library-search');
    await search.fill('');
    await countBecomes(page, taPhinBulletins.length);
  });

  it('puts the insurance bulletins first for "bao hiem", leaves out the flood warning and marks why each matched', async () => {
    const search = page.getByTestId('bulletin-search');
    await search.fill('bao hiem');
    const insurance = taPhinBulletins.filter((b) => /bảo hiểm/i.test(b.title)).map((b) => b.title);
    expect(insurance.length).toBeGreaterThan(1);
    await expect
      .poll(async () => (await renderedTitles(page)).slice(0, insurance.length).sort())
      .toEqual([...insurance].sort());
    const titles = await renderedTitles(page);
    expect(titles.some((title) => title.startsWith('Cảnh báo lũ quét'))).toBe(false);

    const first = page.getByTestId('bulletin-item').first();
    const titleMark = first.locator('.item-title mark').first();
    expect(await titleMark.isVisible()).toBe(true);
    expect((await titleMark.textContent())?.toLowerCase()).toBe('bảo hiểm');

    // Found through its text only: the row shows the sentence it was found in, the words marked.
    const online = page.getByTestId('bulletin-item').filter({ hasText: 'Làm thủ tục hành chính trực tuyến' });
    const excerpt = online.getByTestId('bulletin-excerpt');
    await excerpt.waitFor();
    expect(await online.locator('.item-title mark').count()).toBe(0);
    expect(await excerpt.locator('mark').first().textContent()).toBe('bảo hiểm');
    expect(await excerpt.locator('mark').first().isVisible()).toBe(true);
    expect(
      titles.indexOf('Làm thủ tục hành chính trực tuyến: không phải đi lại, tiết kiệm thời gian'),
    ).toBeGreaterThanOrEqual(insurance.length);
    await excerpt.scrollIntoViewIfNeeded();
    await checkScreen(page, 'library-search-marks');
    await search.fill('');
    await countBecomes(page, taPhinBulletins.length);
  });

  it('filters by topic and by validity, and says how many match', async () => {
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-topic').selectOption('land');
    const land = taPhinBulletins.filter((b) => b.topic === 'land');
    await countBecomes(page, land.length);
    expect((await renderedTitles(page)).sort()).toEqual(land.map((b) => b.title).sort());
    expect(await page.getByTestId('bulletin-count').textContent()).toContain('khớp bộ lọc');

    await page.getByTestId('filter-topic').selectOption('');
    await page.getByTestId('filter-validity-expired').click();
    const expired = taPhinBulletins.filter((b) => validityOn(b, today) === 'expired');
    expect(expired.length).toBeGreaterThan(0);
    await countBecomes(page, expired.length);
    expect((await renderedTitles(page)).sort()).toEqual(expired.map((b) => b.title).sort());
    for (const meta of await page.getByTestId('bulletin-item').locator('.item-meta').allTextContents()) {
      expect(meta).toContain('Đã hết hiệu lực');
    }
    await checkScreen(page, 'library-filters');

    await page.getByTestId('filters-clear').click();
    await countBecomes(page, taPhinBulletins.length);
  });

  it('lists urgent bulletins first and tells screen readers each row’s place in the list', async () => {
    const first = page.getByTestId('bulletin-item').first();
    expect(await first.locator('.badge-urgent').count()).toBe(1);
    expect(await first.getAttribute('aria-posinset')).toBe('1');
    expect(await first.getAttribute('aria-setsize')).toBe(String(taPhinBulletins.length));
    expect(await page.getByTestId('bulletin-list').getAttribute('role')).toBe('list');
  });

  it('moves between rows with the keyboard, rendering rows as it goes', async () => {
    await page.getByTestId('bulletin-item').first().locator('a').focus();
    await page.keyboard.press('End');
    const focusedRow = () =>
      page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? null);
    await expect.poll(focusedRow).toBe(String(taPhinBulletins.length));
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedRow).toBe(String(taPhinBulletins.length - 1));
    await page.keyboard.press('Home');
    await expect.poll(focusedRow).toBe('1');
  });

  it('keeps the search, the filters and the scroll position when coming back from the reader', async () => {
    await page.getByTestId('filter-validity-current').click();
    await page.getByTestId('filters-toggle').click();
    expect(await page.locator('details.filters').getAttribute('open')).toBeNull();
    const current = taPhinBulletins.filter((b) => validityOn(b, today) === 'current');
    await countBecomes(page, current.length);
    // Most bulletins name the district ("huyện"): enough rows to scroll.
    const found = searchRanked(current, searchDocOf, parseQuery('huyen')).length;
    expect(found).toBeGreaterThan(12);
    await page.getByTestId('bulletin-search').fill('huyen');
    await countBecomes(page, found);
    // Well down the list: 1,200 px below its top.
    await page.evaluate(() => {
      const list = document.querySelector('[data-testid="bulletin-list"]')!;
      window.scrollTo(0, Math.round(list.getBoundingClientRect().top + window.scrollY + 1200));
    });
    // The first row wholly on screen and the scroll position, read together.
    const firstOnScreen = () =>
      page.getByTestId('bulletin-item').evaluateAll((rows) => {
        const seen = rows.find((r) => r.getBoundingClientRect().top >= 0);
        return seen
          ? {
              pos: seen.getAttribute('aria-posinset')!,
              top: seen.getBoundingClientRect().top,
              y: window.scrollY,
            }
          : null;
      });
    // Rows on screen fetch their matching excerpts and grow, and the browser keeps the content in place by
    // moving the scroll position: the place is taken once two reads in a row agree.
    let place = { pos: '0', top: 0, y: 0 };
    let previous = '';
    await expect
      .poll(
        async () => {
          const now = await firstOnScreen();
          const key = JSON.stringify(now);
          const settled = now !== null && key === previous && Number(now.pos) > 5;
          previous = key;
          place = now ?? place;
          return settled;
        },
        { interval: 250 },
      )
      .toBe(true);
    const link = page.locator(`[data-testid="bulletin-item"][aria-posinset="${place.pos}"] a`);
    const title = await link.locator('.item-title').evaluate((t) => t.lastChild?.textContent);
    await link.click();
    await page.getByTestId('bulletin-reader').waitFor();
    expect(await page.locator('h1').textContent()).toBe(title);

    await page.goBack();
    await page.getByTestId('bulletin-item').first().waitFor();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(place.y);
    const back = page.locator(`[data-testid="bulletin-item"][aria-posinset="${place.pos}"]`);
    expect(await back.evaluate((r) => Math.round(r.getBoundingClientRect().top))).toBe(Math.round(place.top));
    expect(await page.getByTestId('bulletin-search').inputValue()).toBe('huyen');
    expect(await listedCount(page)).toBe(found);
    await page.getByTestId('filters-toggle').click();
    expect(await page.getByTestId('filter-validity-current').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('filters-clear').click();
    await page.getByTestId('bulletin-search').fill('');
  });

  it('shows the airing requirement and the progress counted from this device’s logs', async () => {
    const health = taPhinBulletins.find((b) => b.id === HEALTH);
    const until = health?.airing?.untilDate;
    expect(until).toBeTruthy();
    await page.goto(`${baseUrl}/bulletins/${HEALTH}`);
    await page.getByTestId('bulletin-reader').waitFor();
    expect(await page.getByTestId('airing-requirement').textContent()).toBe(
      `3 lần / 7 ngày, đến ${formatDate(until ?? '')}`,
    );
    const progress = page.getByTestId('airing-progress');
    expect(await progress.textContent()).toContain('Đã phát 0/3 lần tuần này');
    expect(await progress.textContent()).toContain('Còn 3 lần');
    expect(await progress.getAttribute('data-label')).toBe('week');
  });

  it("offers the languages of the device's unit and the added ones as tabs, with slot status", async () => {
    await page.goto(`${baseUrl}/more`);
    // The enrolment made Xã Tả Phìn the device's unit.
    await expect.poll(() => page.getByTestId('unit-languages').textContent()).toContain("Tiếng H'Mông");
    await page.locator('.added-languages summary').click();
    await page.getByTestId('add-language-kuf').check();
    await expect.poll(() => page.getByTestId('add-language-kuf').isChecked()).toBe(true);

    await page.goto(`${baseUrl}/bulletins/${HEALTH}`);
    await page.getByTestId('bulletin-reader').waitFor();
    const tabs = await page
      .getByRole('tab')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(tabs).toEqual(['lang-tab-vie', 'lang-tab-hmn', 'lang-tab-blt', 'lang-tab-kuf']);
    const hmong = page.getByTestId('lang-tab-hmn');
    expect(await hmong.getAttribute('data-status')).toBe('missing');
    expect(await hmong.textContent()).toContain('Chưa có bản dịch');
    expect(await page.getByTestId('lang-tab-vie').getAttribute('aria-selected')).toBe('true');
  });

  it("shows the player's no-voice message for H'Mông and opens the slot editor", async () => {
    await page.getByTestId('lang-tab-hmn').click();
    expect(await page.getByTestId('lang-tab-hmn').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('no-voice').waitFor();
    await page.getByTestId('edit-slot').click();
    await page.getByTestId('slot-editor').waitFor();
    expect(await page.getByTestId('edit-slot').getAttribute('aria-expanded')).toBe('true');
    await checkScreen(page, 'reader-hmong');
  });

  it('moves between language tabs with the arrow keys', async () => {
    await page.getByTestId('lang-tab-hmn').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('lang-tab-blt').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-tab-blt');
    await page.keyboard.press('Home');
    expect(await page.getByTestId('lang-tab-vie').getAttribute('aria-selected')).toBe('true');
  });
});
