/**
 * Library benchmark, in headless Chromium at 360×740 against the built PWA and the real server: the server's
 * embedded database is seeded with the demo data and 5,000 more bulletins through the store, the app is enrolled
 * for Xã Tả Phìn and pulls what that commune sees as a phone does (HTTP + IndexedDB), then we time, in the page:
 * - the list's first render after an app start (click on "Bản tin" → rows painted, list read from IndexedDB),
 * - a filter change (tap → rows painted, list already in memory),
 * - search: each list read the screen makes (User Timing measure `loaxa:bulletin-list`, which times the
 *   repository call: fold and rank over every bulletin), for queries typed without diacritics.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { seedDemoData } from '../../src/server/demo/seed.ts';
import { openStore } from '../../src/server/store/open-store.ts';
import type { Store } from '../../src/server/store/store.ts';
import { launchFreshContext } from '../../tests/helpers/chromium.ts';
import { startAppServer } from '../../tests/helpers/app-server.ts';
import { createPairingCode } from '../../tests/helpers/enrol-device.ts';
import { PULL_PAGE_MAX } from '../../src/domain/sync.ts';
import { median, ms, percentile } from './stats.ts';
import { benchBulletins } from './store-pull.ts';

const COLD_RUNS = 5;
const FILTER_RUNS = 10;
const SEARCH_ROUNDS = 3;
/** What operators type: accents left out, half-typed last words, a policy number, a word found nowhere. */
const QUERIES = [
  'bao hiem y te',
  'dat dai',
  'qd-ttg 1719',
  'b',
  'bao',
  'bao hiem',
  'phong chong thien tai',
  'thong bao khan',
  'dinh danh dien tu',
  'tiem phong gia suc',
  'hoc sinh',
  'luat',
  'xyz khong co',
  'chuyen doi so',
  'ba con',
];
const SEARCH_TARGET_MS = 30;
/** The name the bulletins screen gives its list reads (src/app/screens/bulletins.tsx). */
const LIST_MEASURE = 'loaxa:bulletin-list';

/** Clicks `selector` in the page and times until the count line shows `count` and two frames passed (painted). */
async function tapUntilListed(page: Page, selector: string, count: number): Promise<number> {
  return page.evaluate(
    async ({ selector, count }) => {
      const t0 = performance.now();
      document.querySelector<HTMLElement>(selector)?.click();
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      while (
        !document.querySelector(`[data-testid="bulletin-count"][data-count="${count}"]`) ||
        !document.querySelector('[data-testid="bulletin-item"]')
      ) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    },
    { selector, count },
  );
}

/** How long the screen's latest list read took. */
async function lastListRead(page: Page): Promise<number> {
  return page.evaluate(
    (name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? Number.NaN,
    LIST_MEASURE,
  );
}

/** The duration of the list read the screen made for `query`, once it has made it. */
async function searchMs(page: Page, query: string): Promise<number> {
  await page.evaluate(() => performance.clearMeasures('loaxa:bulletin-list'));
  await page.getByTestId('bulletin-search').fill(query);
  const handle = await page.waitForFunction(
    ({ name, query }) =>
      performance
        .getEntriesByName(name, 'measure')
        .map((e) => e as PerformanceMeasure)
        .find((e) => (e.detail as { query: string }).query === query)?.duration,
    { name: LIST_MEASURE, query },
  );
  return (await handle.jsonValue()) as number;
}

/** How many bulletins the server sends a device of `unitId` on its first pull. */
async function visibleBulletins(store: Store, unitId: string): Promise<number> {
  let cursor = 0;
  let count = 0;
  for (;;) {
    const page = await store.pullChanges({ cursor, limit: PULL_PAGE_MAX, unitId });
    count += page.bulletins.length;
    cursor = page.cursor;
    if (!page.more) return count;
  }
}

/** Result lines for the library with `extra` bulletins beyond the demo ones. */
export async function benchLibrary(outDir: string, extra: number): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-library-data-'));
  let total = 0;
  try {
    const store = await openStore({ dataDir });
    await store.migrate();
    await seedDemoData(store);
    await store.upsertBulletins(benchBulletins(extra));
    total = await visibleBulletins(store, DEMO_UNIT_IDS.taPhin);
    await store.close();

    const server = await startAppServer({
      dataDir,
      staticDir: outDir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const { baseUrl } = server;
    const { context, close } = await launchFreshContext();
    try {
      const page = await context.newPage();
      // Enrolment starts the first sync: the pull is timed from the tap on the enrolment screen's button.
      const code = await createPairingCode(baseUrl, DEMO_UNIT_IDS.taPhin);
      await page.goto(`${baseUrl}/enrol?code=${code}`);
      await page.getByTestId('enrol-code').waitFor({ timeout: 30_000 });
      const pullStart = Date.now();
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('enrol-done').waitFor({ timeout: 30_000 });
      // A link, not a reload, so the sync the enrolment started keeps running.
      await page.locator('nav a[href="/bulletins"]').click();
      await page.waitForFunction(
        (n) =>
          document.querySelector('[data-testid="bulletin-count"]')?.getAttribute('data-count') === String(n),
        total,
        { timeout: 300_000 },
      );
      const pullMs = Date.now() - pullStart;

      const cold: number[] = [];
      const coldRead: number[] = [];
      for (let run = 0; run < COLD_RUNS; run += 1) {
        // A fresh start on a screen that reads no bulletins, so the list comes from IndexedDB, not memory.
        await page.goto(`${baseUrl}/logs`);
        await page.locator('h1').waitFor();
        cold.push(await tapUntilListed(page, 'nav a[href="/bulletins"]', total));
        coldRead.push(await lastListRead(page));
      }
      const rendered = await page.getByTestId('bulletin-item').count();

      await page.getByTestId('filters-toggle').click();
      await page.getByTestId('filter-validity-current').click();
      await page.waitForFunction(
        (n) =>
          document.querySelector('[data-testid="bulletin-count"]')?.getAttribute('data-count') !== String(n),
        total,
      );
      const current = Number(await page.getByTestId('bulletin-count').getAttribute('data-count'));
      const filter: number[] = [];
      const filterRead: number[] = [];
      for (let run = 0; run < FILTER_RUNS; run += 1) {
        const [validity, count] = run % 2 === 0 ? ['all', total] : ['current', current];
        filter.push(await tapUntilListed(page, `[data-testid="filter-validity-${validity}"]`, count));
        filterRead.push(await lastListRead(page));
      }
      await page.getByTestId('filter-validity-all').click();

      const search: number[] = [];
      for (let round = 0; round < SEARCH_ROUNDS; round += 1) {
        for (const query of QUERIES) search.push(await searchMs(page, query));
      }
      const where = `Chromium, ${total} bulletins`;
      return [
        `| library (${where}): enrolment and first pull through the app, HTTP + IndexedDB | ${ms(pullMs)} | |`,
        `| library: list first render after app start (tap → ${rendered} rows painted), median of ${COLD_RUNS} | ${ms(median(cold))} | |`,
        `| library: … of which the list read from IndexedDB (entries, sort, filters) | ${ms(median(coldRead))} | |`,
        `| library: filter change (tap → rows painted, two frames included), median of ${FILTER_RUNS} | ${ms(median(filter))} | |`,
        `| library: … of which the list read (in memory) | ${ms(median(filterRead))} | |`,
        `| library: search, list read per query, median (${search.length} queries) | ${ms(median(search))} | < ${SEARCH_TARGET_MS} ms |`,
        `| library: search, list read per query, p95 | ${ms(percentile(search, 95))} | |`,
      ];
    } finally {
      await close();
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
