import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { openControlledApp } from '../helpers/app-page.ts';
import { enrolPage } from '../helpers/enrol-device.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** The demo's flood warning for Xã Tả Phìn and the district's vehicle team, 3 airings a day. */
const FLOOD_BULLETIN = '6f1b0b01-65fe-491f-aa04-1f153b33b16a';
const MEASURED_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/;

/** The bytes IndexedDB holds for each stored photo, read outside the app. */
function storedPhotoSizes(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('loaxa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('attachments').objectStore('attachments').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const rows = request.result as { mime: string; size: number; blob: Blob }[];
            open.result.close();
            resolve(rows.filter((row) => row.mime.startsWith('image/')).map((row) => row.blob.size));
          };
        };
      }),
  );
}

/**
 * A 4000 × 3000 JPEG shaped like a camera photo (sky, hills, houses, sensor grain) made by the page's own
 * encoder at quality 0.92, as a phone camera saves it; returned as base64.
 */
function cameraPhoto(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const width = 4000;
    const height = 3000;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const sky = context.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, '#6fa3d8');
    sky.addColorStop(0.5, '#dfe9f2');
    sky.addColorStop(0.51, '#5d8a46');
    sky.addColorStop(1, '#2d4a22');
    context.fillStyle = sky;
    context.fillRect(0, 0, width, height);
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 60; i++) {
      context.fillStyle = `hsl(${80 + random() * 60}, ${30 + random() * 30}%, ${20 + random() * 30}%)`;
      context.beginPath();
      const x = random() * width;
      context.ellipse(x, height * 0.5, 200 + random() * 600, 80 + random() * 300, 0, Math.PI, 0);
      context.fill();
    }
    for (let i = 0; i < 25; i++) {
      const x = random() * width;
      const y = height * (0.55 + random() * 0.3);
      context.fillStyle = `hsl(${20 + random() * 30}, 40%, ${30 + random() * 40}%)`;
      context.fillRect(x, y, 150 + random() * 300, 120 + random() * 200);
      context.fillStyle = '#3b2a1e';
      context.fillRect(x + 40, y + 60, 50, 80);
    }
    const image = context.getImageData(0, 0, width, height);
    for (let i = 0; i < image.data.length; i += 4) {
      const grain = (random() - 0.5) * 18;
      image.data[i] = (image.data[i] ?? 0) + grain;
      image.data[i + 1] = (image.data[i + 1] ?? 0) + grain;
      image.data[i + 2] = (image.data[i + 2] ?? 0) + grain;
    }
    context.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
}

/** The wall-clock date and time in Vietnam `minutesAgo` minutes before now, as the form's inputs take them. */
function vietnamInputs(minutesAgo: number): { date: string; time: string } {
  const at = new Date(Date.now() - minutesAgo * 60_000 + 7 * 3_600_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

describe('capturing broadcast logs in headless Chromium', () => {
  let fresh: FreshContext;
  let page: Page;
  let playedLogId = '';
  let measuredDuration = '';

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
    await openControlledApp(page, baseUrl);
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('sets the operator and broadcast times of the device in More', async () => {
    // openControlledApp enrolled the device for Xã Tả Phìn.
    await page.goto(`${baseUrl}/more`);
    expect(await page.getByTestId('device-unit-fixed').textContent()).toContain('Xã Tả Phìn');
    const settings = page.getByTestId('logging-settings');
    await page.getByTestId('operator-name').fill('Lò Văn Minh');
    await page.getByTestId('operator-name').press('Tab');
    await settings.getByText('Đã lưu.').waitFor();
    expect(await page.getByTestId('default-channel').inputValue()).toBe('wired_loudspeaker');
    expect(
      await page
        .getByTestId('broadcast-slot')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['06:00', '17:00']);

    await page.getByTestId('offline-voice-store').click();
    await page
      .locator('[data-testid="offline-voice-state"][data-stored="true"]')
      .waitFor({ timeout: 30_000 });
  });

  it('drafts a log when a playback with the offline voice is stopped, with the measured times', async () => {
    await page.goto(`${baseUrl}/bulletins/${FLOOD_BULLETIN}`);
    await page.locator('.player[data-engine="offline"]').waitFor({ timeout: 30_000 });
    const aired = Number(await page.getByTestId('airing-progress').getAttribute('data-aired'));
    await page.getByTestId('play').click();
    await page.locator('[data-testid="read-along"] .sentence.speaking').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(3_000);
    await page.getByTestId('stop').click();

    const draft = page.getByTestId('log-draft');
    await draft.waitFor();
    expect(await draft.getByTestId('draft-started').textContent()).toMatch(MEASURED_TIME);
    expect(await draft.getByTestId('draft-ended').textContent()).toMatch(MEASURED_TIME);
    const ms = Number(await draft.getByTestId('draft-duration').getAttribute('data-ms'));
    // Sound for about three seconds: from the first sound to the stop, not from the tap on Play.
    expect(ms).toBeGreaterThan(2_500);
    expect(ms).toBeLessThan(15_000);
    measuredDuration = (await draft.getByTestId('draft-duration').textContent()) ?? '';
    // A duration in words with its unit: "00:03" would read as a time of day.
    expect(measuredDuration).toMatch(/^([2-9]|1[0-5]) giây$/);
    expect(await draft.getByTestId('draft-source').getAttribute('data-source')).toBe('tts');
    expect(await draft.getByTestId('draft-source').textContent()).toBe('Giọng đọc máy');
    expect(await draft.getByTestId('draft-language').textContent()).toBe('Tiếng Việt');
    // Stopped inside its first pass: the sheet says the log will count in minutes only.
    expect(await draft.getByTestId('draft-repeats').textContent()).toBe('Dở dang, chỉ tính phút');
    expect(await draft.getByTestId('draft-channel').textContent()).toBe('Loa truyền thanh có dây');
    expect(await draft.getByTestId('draft-operator').textContent()).toBe('Lò Văn Minh');
    expect(await page.getByTestId('log-confirm').textContent()).toBe('Xác nhận đã phát');
    // The sheet scrolls itself into view smoothly when it appears; the picture is taken once that is over.
    await page.waitForTimeout(700);
    // All of it, down to Sửa / Bỏ, is above the fixed bottom navigation and below the top bar.
    const [box, nav, bar] = await Promise.all(
      [draft, page.locator('.bottomnav'), page.locator('.topbar')].map(async (l) => {
        const rect = await l.boundingBox();
        if (!rect) throw new Error('not laid out');
        return { top: rect.y, bottom: rect.y + rect.height };
      }),
    );
    expect(box?.top).toBeGreaterThanOrEqual(bar?.bottom ?? Infinity);
    expect(box?.bottom).toBeLessThanOrEqual(nav?.top ?? -Infinity);
    await draft.evaluate((sheet) =>
      window.scrollTo(0, sheet.getBoundingClientRect().top + window.scrollY - 64),
    );
    await checkScreen(page, 'log-draft');
    // Nothing is counted before the operator confirms.
    expect(Number(await page.getByTestId('airing-progress').getAttribute('data-aired'))).toBe(aired);
  });

  it('keeps the unconfirmed draft, and a note typed in it, across a reload', async () => {
    await page.getByTestId('log-edit').click();
    await page.getByTestId('log-notes').fill('Loa thôn Sín Chải rè tiếng');
    // Typed edits are written with the draft after a short pause.
    await page.waitForTimeout(1_000);
    await page.reload();
    const draft = page.getByTestId('log-draft');
    await draft.waitFor();
    expect(await draft.getByTestId('draft-duration').textContent()).toBe(measuredDuration);
    expect(await page.getByTestId('log-notes').inputValue()).toBe('Loa thôn Sín Chải rè tiếng');
  });

  it('saves the confirmed log, then finds it in history offline after a reload', async () => {
    const aired = Number(await page.getByTestId('airing-progress').getAttribute('data-aired'));
    await page.getByTestId('log-confirm').click();
    const saved = page.getByTestId('log-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('Đã lưu nhật ký');
    playedLogId = (await saved.getAttribute('data-log-id')) ?? '';
    // The pending-draft list is read again after the confirmation, so the sheet leaves a moment later.
    await expect.poll(() => page.getByTestId('log-draft').count()).toBe(0);

    await fresh.context.setOffline(true);
    await page.goto(`${baseUrl}/logs`);
    const entry = page.getByTestId('log-entry').filter({ hasText: 'Cảnh báo lũ quét' });
    await entry.waitFor();
    expect(await entry.getByTestId('log-duration').textContent()).toContain(measuredDuration);
    // Stopped inside its first pass: on air for its minutes, but not an airing of the bulletin.
    expect(await entry.getByTestId('log-partial').textContent()).toBe('Dở dang, chỉ tính phút');
    expect(await page.getByTestId('partial-today').textContent()).toBe('1 lần dở dang');
    expect(await page.getByTestId('total-today').getAttribute('data-count')).toBe('0');
    await checkScreen(page, 'history-partial');

    await page.reload();
    await page.getByTestId('log-entry').filter({ hasText: measuredDuration }).waitFor();
    await page.goto(`${baseUrl}/bulletins/${FLOOD_BULLETIN}`);
    await page.getByTestId('bulletin-reader').waitFor();
    expect(await page.getByTestId('log-draft').count()).toBe(0);
    expect(Number(await page.getByTestId('airing-progress').getAttribute('data-aired'))).toBe(aired);
  });

  it('opens a correction prefilled from the original, its measured times kept', async () => {
    await page.goto(`${baseUrl}/logs/new?corrects=${playedLogId}`);
    await page.getByTestId('correcting').waitFor();
    expect(await page.getByTestId('measured-times').textContent()).toContain(`(${measuredDuration})`);
    expect(await page.getByTestId('chosen-bulletin').textContent()).toContain('Cảnh báo lũ quét');
    expect(await page.getByTestId('log-notes').inputValue()).toBe('Loa thôn Sín Chải rè tiếng');
    expect(await page.getByTestId('log-passes').inputValue()).toBe('0');
    expect(await page.locator('#log-passes-hint').textContent()).toContain('Máy phát đã đo: 0 lần trọn vẹn.');
    await page.getByTestId('log-notes').fill('Loa thôn Sín Chải rè tiếng, đã báo thợ sửa');
    await page.getByTestId('log-save').click();
    await page.getByTestId('log-saved').waitFor();
    expect(await page.getByTestId('log-saved').textContent()).toContain('Nhật ký cũ vẫn được giữ');
  });

  it('fits the manual log form on a 360 px phone, its time boxes and the end-time choice in full view', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByTestId('log-manual-new').click();
    await page.getByTestId('log-form').waitFor();
    await page.getByTestId('end-mode-end').click();
    for (const testId of ['start-date', 'start-time', 'end-mode-end', 'end-time']) {
      const box = await page.getByTestId(testId).boundingBox();
      expect(box && box.x + box.width, testId).toBeLessThanOrEqual(360);
    }
    await page.getByTestId('start-time').scrollIntoViewIfNeeded();
    await checkScreen(page, 'log-manual-form');
    await page.getByTestId('end-mode-duration').click();
  });

  it('refuses a manual log starting in the future or lasting zero minutes, keeping what was typed', async () => {
    await page.goto(`${baseUrl}/logs/new`);
    await page.getByTestId('log-form').waitFor();
    await page.getByTestId('log-save').click();
    expect(await page.getByTestId('error-notes').textContent()).toBe(
      'Khi không chọn bản tin, hãy ghi nội dung đã phát.',
    );
    expect(await page.getByTestId('error-duration').textContent()).toBe('Hãy điền mục này.');

    const later = vietnamInputs(-90);
    await page.getByTestId('log-notes').fill('Tiếp sóng chương trình thời sự Đài huyện');
    await page.getByTestId('start-date').fill(later.date);
    await page.getByTestId('start-time').fill(later.time);
    await page.getByTestId('duration-minutes').fill('0');
    await page.getByTestId('log-save').click();
    expect(await page.getByTestId('error-start').textContent()).toBe(
      'Thời điểm bắt đầu không thể ở tương lai',
    );
    expect(await page.getByTestId('error-duration').textContent()).toBe('Thời lượng phải lớn hơn 0.');
    expect(await page.getByTestId('log-problem').textContent()).toBe(
      'Chưa lưu: hãy sửa các mục được đánh dấu.',
    );
    expect(await page.getByTestId('log-notes').inputValue()).toBe('Tiếp sóng chương trình thời sự Đài huyện');

    const earlier = vietnamInputs(40);
    await page.getByTestId('start-date').fill(earlier.date);
    await page.getByTestId('start-time').fill(earlier.time);
    await page.getByTestId('duration-minutes').fill('25');
    await page.getByTestId('log-save').click();
    await page.getByTestId('log-saved').waitFor();
    expect(await page.getByTestId('log-saved').textContent()).toMatch(
      /Lần phát lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, dài 25 phút, đã được ghi/,
    );
    await checkScreen(page, 'log-saved');
    await fresh.context.setOffline(false);
  });

  it('logs a vehicle stop with its position, place name and a photo made small on the device', async () => {
    // The same phone now serves the district's vehicle team: staff pair it again for the team's unit.
    await enrolPage(page, baseUrl, DEMO_UNIT_IDS.team);
    await fresh.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await fresh.context.setGeolocation({ latitude: 22.35, longitude: 103.84, accuracy: 12 });
    const photo = Buffer.from(await cameraPhoto(page), 'base64');
    expect(photo.length).toBeGreaterThan(1_000_000);

    await fresh.context.setOffline(true);
    await page.goto(`${baseUrl}/logs/new?bulletin=${FLOOD_BULLETIN}`);
    await page.getByTestId('log-form').waitFor();
    expect(await page.getByTestId('chosen-bulletin').textContent()).toContain('Cảnh báo lũ quét');
    // A team logs from its vehicle unless it says otherwise.
    expect(await page.getByTestId('log-channel').inputValue()).toBe('mobile_vehicle');
    const start = vietnamInputs(30);
    await page.getByTestId('start-date').fill(start.date);
    await page.getByTestId('start-time').fill(start.time);
    await page.getByTestId('duration-minutes').fill('12');
    await page.getByTestId('log-repeats').fill('2');

    const state = page.getByTestId('geo-state');
    expect(await state.getAttribute('data-state')).toBe('none');
    await page.getByTestId('geo-locate').click();
    await page.locator('[data-testid="geo-state"][data-state="fix"]').waitFor();
    expect(await state.textContent()).toBe('Vị trí: 22.350000, 103.840000 ±12\u00a0m');
    await page.getByTestId('place-name').fill('Bản Tả Phìn, ngã ba chợ');

    await page.getByTestId('photo-input').setInputFiles({
      name: 'IMG_20261126_071500.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    const thumb = page.getByTestId('photo-thumb');
    await thumb.waitFor({ timeout: 30_000 });
    expect(
      await thumb.evaluate((img) => [
        (img as HTMLImageElement).naturalWidth,
        (img as HTMLImageElement).naturalHeight,
      ]),
    ).toEqual([1280, 960]);
    const sizes = await storedPhotoSizes(page);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeLessThanOrEqual(300 * 1024);
    console.info(`photo: ${photo.length} bytes 4000×3000 → ${sizes[0]} bytes 1280×960`);
    expect(await page.getByTestId('photo-count').textContent()).toBe('(1/10)');
    await page.getByTestId('vehicle-stop').evaluate((stop) => {
      stop.style.scrollMarginTop = '4rem';
      stop.scrollIntoView({ block: 'start' });
    });
    await checkScreen(page, 'vehicle-log');

    await page.getByTestId('log-save').click();
    const saved = page.getByTestId('log-saved');
    await saved.waitFor();
    const id = await saved.getAttribute('data-log-id');

    await page.reload();
    await page.goto(`${baseUrl}/logs/new?corrects=${id}`);
    await page.locator('[data-testid="geo-state"][data-state="fix"]').waitFor();
    expect(await page.getByTestId('geo-state').textContent()).toBe(
      'Vị trí: 22.350000, 103.840000 ±12\u00a0m',
    );
    expect(await page.getByTestId('place-name').inputValue()).toBe('Bản Tả Phìn, ngã ba chợ');
    const kept = page.getByTestId('photo-thumb');
    await kept.waitFor();
    expect(await kept.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1280);

    await page.goto(`${baseUrl}/logs`);
    const entry = page.getByTestId('log-entry').filter({ hasText: 'Bản Tả Phìn, ngã ba chợ' });
    await entry.waitFor();
    expect(await entry.getByTestId('log-duration').textContent()).toBe(' · dài 12 phút');
    await fresh.context.setOffline(false);
  });

  it('says clearly when location permission is refused', async () => {
    await fresh.context.clearPermissions();
    await page.goto(`${baseUrl}/logs/new`);
    await page.getByTestId('geo-locate').click();
    const state = page.locator('[data-testid="geo-state"][data-state="denied"]');
    await state.waitFor();
    expect(await state.textContent()).toContain('Quyền vị trí bị từ chối. Để bật lại');
  });
});
