import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { addDays, dayOfWeek, formatDate, startOfDay } from '../../src/domain/dates.ts';
import { DEMO_STORM_BULLETIN, demoSeedDay, enrolPage } from '../helpers/enrol-device.ts';
import { fakeSpeechInitScript } from '../helpers/fake-speech-script.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** The demo's urgent storm warning for the whole district: 3 airings a day. */
const STORM = DEMO_STORM_BULLETIN;
/** The demo's coastal tide warning, for Xã Vĩnh Hải only. */
const VINH_HAI_TIDE = '2cf18c26-7828-4cd7-8ce0-568bd4e57d22';
/** The demo's mountain commune. */
const TA_PHIN = 'c774c551-9120-42c6-a894-a8a9e146b4da';

const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** An instant of a day in Vietnam, `minutes` after its midnight. */
function inVietnam(day: string, minutes: number): Date {
  return new Date(startOfDay(day, VIETNAM_TIME_ZONE).getTime() + minutes * 60_000);
}

/** A day as History heads it: "Thứ Tư, 25/11/2026". */
function dayHeading(day: string): string {
  return `${WEEKDAYS[dayOfWeek(day)]}, ${formatDate(day)}`;
}

async function openToday(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Hôm nay' }).click();
  await page.getByTestId('today-summary').waitFor();
}

async function openLogs(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).click();
  await page.getByTestId('log-totals').waitFor();
}

/** The Today list as [bulletin id, group] pairs, in order. */
function todayRows(page: Page): Promise<[string, string][]> {
  return page
    .getByTestId('bulletin-item')
    .evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-id') ?? '', row.getAttribute('data-group') ?? '']),
    );
}

/** Writes a log through the manual log screen, as an operator logging a broadcast made outside the app. */
async function logByHand(
  page: Page,
  fields: {
    bulletin?: string;
    date?: string;
    time: string;
    minutes: string;
    channel?: string;
    lang?: string;
  },
): Promise<string> {
  if (fields.bulletin) await page.goto(`${baseUrl}/logs/new?bulletin=${fields.bulletin}`);
  else await page.goto(`${baseUrl}/logs/new`);
  await page.getByTestId('log-form').waitFor();
  if (fields.bulletin) await page.getByTestId('chosen-bulletin').waitFor();
  else await page.getByTestId('log-notes').fill('Tiếp sóng chương trình thời sự của Đài huyện');
  if (fields.lang) await page.getByTestId('log-lang').selectOption(fields.lang);
  if (fields.channel) await page.getByTestId('log-channel').selectOption(fields.channel);
  if (fields.date) await page.getByTestId('start-date').fill(fields.date);
  await page.getByTestId('start-time').fill(fields.time);
  await page.getByTestId('duration-minutes').fill(fields.minutes);
  await page.getByTestId('log-operator').fill('Giàng A Páo');
  await page.getByTestId('log-save').click();
  const saved = page.getByTestId('log-saved');
  await saved.waitFor();
  return (await saved.getAttribute('data-log-id')) ?? '';
}

describe('Today and History in Chromium, with logs written through the app', () => {
  let fresh: FreshContext;
  let page: Page;
  let stormLog = '';
  /** The day the demo was seeded: its storm and flood warnings are in force. */
  let today = '';

  beforeAll(async () => {
    today = await demoSeedDay(baseUrl);
    fresh = await launchFreshContext();
    await fresh.context.grantPermissions(['notifications'], { origin: baseUrl });
    // The demo bulletins are dated from their seed day: the page's clock starts at 09:30 in Vietnam that day,
    // whatever the calendar says, and then runs on.
    await fresh.context.clock.install({ time: inVietnam(today, 9 * 60 + 30) });
    // A device voice, so the reader's player offers Play (headless Chromium has none of its own).
    await fresh.context.addInitScript({ content: await fakeSpeechInitScript() });
    page = await fresh.context.newPage();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('before pairing, asks to pair and never says bulletins aired enough when there are none', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('today-summary').waitFor();
    await page.getByTestId('enrol-prompt').waitFor();
    const screen = (await page.locator('main').textContent()) ?? '';
    expect(screen).not.toContain('đủ lượt phát');
    expect(screen).not.toContain('thiếu lượt phát');
    // The enrolment prompt says what to do; "open Sync" would bring nothing before pairing.
    expect(await page.getByTestId('today-empty').count()).toBe(0);
    const slots = page.getByTestId('slot');
    expect(await slots.count()).toBeGreaterThan(0);
    for (const text of await page.locator('.airtime-due-count').allTextContents()) {
      expect(text).toBe('Máy chưa có bản tin nào.');
    }
    await checkScreen(page, 'today-before-enrol');
  });

  it('enrols with a pairing code and then shows only the unit’s bulletins', async () => {
    await enrolPage(page, baseUrl, TA_PHIN);
    await page.goto(`${baseUrl}/`);
    // The enrolment pulled the unit's demo data and made Xã Tả Phìn the device's unit.
    await page.getByTestId('bulletin-item').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('no-unit').count()).toBe(0);
    expect(await page.getByTestId('enrol-prompt').count()).toBe(0);
    expect((await todayRows(page)).map(([id]) => id)).not.toContain(VINH_HAI_TIDE);
  });

  it("lists the unit's bulletins urgent first, then those short of airings, then the rest", async () => {
    await openToday(page);

    const rows = await todayRows(page);
    expect(rows.map(([id]) => id)).not.toContain(VINH_HAI_TIDE);
    const order = rows.map(([, group]) => ['urgent', 'due', 'rest'].indexOf(group));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBe(0);
    expect(order).toContain(1);
    const storm = page.locator(`[data-testid="bulletin-item"][data-id="${STORM}"]`);
    expect(await storm.getAttribute('data-remaining')).toBe('3');
    expect(await storm.getByTestId('due-progress').textContent()).toBe('Còn 3 lần trong hôm nay');
    expect(await page.getByTestId('today-summary').textContent()).toBe('Hôm nay: 0 lần phát · 0 phút');

    const slots = page.getByTestId('slot');
    expect(
      await slots.evaluateAll((s) => s.map((e) => [e.getAttribute('data-time'), e.dataset.state])),
    ).toEqual([
      ['06:00', 'past'],
      ['17:00', 'next'],
    ]);
    const evening = slots.nth(1).getByTestId('slot-due');
    expect(await evening.textContent()).toContain('Thông báo khẩn: chủ động ứng phó với bão số 14 · 3 lần');
    const dueAtFive = await evening.locator('li').count();
    expect(await page.getByTestId('next-slot').textContent()).toBe(
      `Giờ phát tới: 17:00 · cần phát ${dueAtFive} bản tin`,
    );
  });

  it('opens the reader at its player, Play focused, with one tap', async () => {
    await page
      .locator(`[data-testid="bulletin-item"][data-id="${STORM}"]`)
      .getByTestId('play-bulletin')
      .click();
    await page.getByTestId('bulletin-reader').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('btn-play') ?? false))
      .toBe(true);
    expect(page.url()).toContain(`/bulletins/${STORM}?play=1`);
  });

  it('counts a logged broadcast: fewer airings remaining, a check mark with the time, the day’s total', async () => {
    stormLog = await logByHand(page, { bulletin: STORM, time: '09:00', minutes: '12' });
    await openToday(page);
    const storm = page.locator(`[data-testid="bulletin-item"][data-id="${STORM}"]`);
    await expect.poll(() => storm.getAttribute('data-remaining')).toBe('2');
    expect(await storm.getByTestId('due-progress').textContent()).toBe('Còn 2 lần trong hôm nay');
    expect(await storm.getByTestId('aired-today').textContent()).toBe('✓ Đã phát 09:00');
    expect(await page.getByTestId('today-summary').textContent()).toBe('Hôm nay: 1 lần phát · 12 phút');
    const evening = await page.getByTestId('slot').nth(1).getByTestId('slot-due').textContent();
    expect(evening).toContain('bão số 14 · 2 lần');
    await checkScreen(page, 'today');
  });

  it('groups History by day with totals for today, this week and this month', async () => {
    // A relay from the vehicle in H'Mông the evening before, tied to no bulletin.
    await logByHand(page, {
      date: addDays(today, -1),
      time: '17:00',
      minutes: '5',
      channel: 'mobile_vehicle',
      lang: 'hmn',
    });
    await openLogs(page);
    const days = page.getByTestId('log-day');
    expect(await days.locator('h2').allTextContents()).toEqual([
      dayHeading(today),
      dayHeading(addDays(today, -1)),
    ]);
    expect(await page.getByTestId('log-entry').count()).toBe(2);
    const first = page.getByTestId('log-entry').first();
    expect(await first.locator('.log-when').textContent()).toBe('09:00–09:12 · dài 12 phút');
    expect(await first.getByTestId('log-title').textContent()).toBe(
      'Thông báo khẩn: chủ động ứng phó với bão số 14',
    );
    const relay = page.getByTestId('log-entry').nth(1);
    // Written after the last sync (each page load syncs, and this one was saved after it): not sent yet.
    expect(await relay.getByTestId('log-unsent').textContent()).toBe('Chưa gửi');
    expect(await relay.getByTestId('log-title').textContent()).toBe('Phát trực tiếp');
    expect(await relay.getByTestId('log-channel').textContent()).toBe('Xe thông tin lưu động');
    expect(await relay.getByTestId('log-lang').textContent()).toBe("Tiếng H'Mông");

    const total = (period: string) =>
      page
        .getByTestId(`total-${period}`)
        .evaluate((tile) => [tile.getAttribute('data-count'), tile.getAttribute('data-minutes')]);
    expect(await total('today')).toEqual(['1', '12']);
    // The relay of the evening before counts in this week unless today is a Monday, in this month unless the 1st.
    expect(await total('week')).toEqual(dayOfWeek(today) === 1 ? ['1', '12'] : ['2', '17']);
    expect(await total('month')).toEqual(today.endsWith('-01') ? ['1', '12'] : ['2', '17']);
  });

  it('narrows the rows and the totals with the filters', async () => {
    await page.getByTestId('log-filters-toggle').click();
    await page.getByTestId('log-filter-channel').selectOption('mobile_vehicle');
    await expect.poll(() => page.getByTestId('log-entry').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('total-week').getAttribute('data-count'))
      .toBe(dayOfWeek(today) === 1 ? '0' : '1');
    await page.getByTestId('log-filter-channel').selectOption('');
    await page.getByTestId('log-filter-bulletin').selectOption(STORM);
    await expect.poll(() => page.getByTestId('log-entry').count()).toBe(1);
    expect(await page.getByTestId('log-entry').first().getAttribute('data-id')).toBe(stormLog);
    await page.getByTestId('log-filter-bulletin').selectOption('live');
    await expect.poll(() => page.getByTestId('log-entry').count()).toBe(1);
    await page.getByTestId('log-filters-clear').click();
    await expect.poll(() => page.getByTestId('log-entry').count()).toBe(2);
  });

  it('marks a corrected log and counts its correction once', async () => {
    await page.locator(`[data-testid="log-entry"][data-id="${stormLog}"]`).getByTestId('correct-log').click();
    await page.getByTestId('correcting').waitFor();
    expect(page.url()).toContain(`/logs/new?corrects=${stormLog}`);
    const editTimes = page.getByTestId('edit-times');
    if ((await editTimes.count()) > 0) await editTimes.click();
    await page.getByTestId('duration-minutes').fill('10');
    await page.getByTestId('log-save').click();
    await page.getByTestId('log-saved').waitFor();
    await openLogs(page);

    const original = page.locator(`[data-testid="log-entry"][data-id="${stormLog}"]`);
    expect(await original.getByTestId('superseded').textContent()).toBe('Đã được sửa');
    expect(await original.getByTestId('correct-log').count()).toBe(0);
    const correction = page.locator('[data-testid="log-entry"]:has([data-testid="correction"])');
    expect(await correction.getByTestId('correction').textContent()).toBe('Bản sửa');
    await expect.poll(() => page.getByTestId('total-today').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('total-today').getAttribute('data-minutes')).toBe('10');

    await original.getByTestId('view-correction').click();
    const correctionId = await correction.getAttribute('data-id');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`log-${correctionId}`);

    await openToday(page);
    const storm = page.locator(`[data-testid="bulletin-item"][data-id="${STORM}"]`);
    expect(await storm.getAttribute('data-remaining')).toBe('2');
    expect(await page.getByTestId('today-summary').textContent()).toBe('Hôm nay: 1 lần phát · 10 phút');
  });

  it('verifies the signed chain of the device', async () => {
    await openLogs(page);
    await page.getByTestId('verify-chain').click();
    const result = page.getByTestId('chain-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('verified');
    expect(await result.textContent()).toBe('✓ Toàn vẹn: 3 nhật ký đã ký hợp lệ');
    await page.getByTestId('log-filters-toggle').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkScreen(page, 'history');
  });

  it('reminds before the next broadcast time with what is due', async () => {
    await openToday(page);
    await page.getByTestId('reminders-toggle').click();
    await page.getByTestId('reminders').getByRole('status').waitFor();
    // 16:50:30 in Vietnam: ten minutes before the 17:00 broadcast.
    const pageNow = await page.evaluate(() => Date.now());
    await fresh.context.clock.fastForward(inVietnam(today, 16 * 60 + 50.5).getTime() - pageNow);
    // The app records the slot once its notification is shown. Only then are the notifications read: Chromium's
    // getNotifications() deletes from its store each one the platform does not report as displayed yet, so a
    // read while the reminder was being shown lost it for good (content/browser/notifications/
    // platform_notification_context_impl.cc); under load that was one run in four.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('loaxa.lastReminder')), { timeout: 30_000 })
      .toBe(inVietnam(today, 17 * 60).toISOString());
    const notifications = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body }));
    });
    expect(notifications).toHaveLength(1);
    const [shown] = notifications;
    expect(shown?.title).toBe('Sắp đến giờ phát 17:00');
    expect(shown?.body).toContain('Thông báo khẩn: chủ động ứng phó với bão số 14 (2 lần)');
  });
  it('points to drafts waiting for confirmation after a playback, and counts them once confirmed', async () => {
    await page
      .locator(`[data-testid="bulletin-item"][data-id="${STORM}"]`)
      .getByTestId('play-bulletin')
      .click();
    const play = page.locator('.btn-play');
    await expect.poll(() => play.evaluate((button) => button === document.activeElement)).toBe(true);
    await play.click();
    await page.getByTestId('play-result').waitFor({ timeout: 60_000 });
    await openToday(page);
    const banner = page.getByTestId('pending-drafts');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('1 nhật ký chờ xác nhận');

    await banner.getByRole('link').click();
    const draft = page.getByTestId('log-draft');
    await draft.waitFor();
    const operator = draft.getByTestId('draft-operator-input');
    if ((await operator.count()) > 0) await operator.fill('Giàng A Páo');
    await draft.getByTestId('log-confirm').click();
    await page.getByTestId('log-saved').waitFor();
    await openToday(page);
    expect(await page.getByTestId('pending-drafts').count()).toBe(0);
    const storm = page.locator(`[data-testid="bulletin-item"][data-id="${STORM}"]`);
    await expect.poll(() => storm.getAttribute('data-remaining')).toBe('1');
    expect(await storm.getByTestId('aired-today').textContent()).toMatch(/^✓ Đã phát 09:00, 16:5\d$/);
  });
});
