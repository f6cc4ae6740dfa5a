import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseWavHeader } from '../../src/client/speech/wav.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { openControlledApp } from '../helpers/app-page.ts';
import { DEMO_STORM_BULLETIN } from '../helpers/enrol-device.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');
const VOICE_FILES = /\/assets\/offline-voice\//;
/**
 * eSpeak-NG reads the 27 demo bulletins at rate 1 in 0.246–0.283 s per word (measured with all three
 * Vietnamese voices); a person reads Vietnamese at about 3–4.5 syllables a second. Outside this range the
 * audio is cut short or padded with silence.
 */
const SECONDS_PER_WORD = { min: 0.2, max: 0.35 };
/** About −30 dBFS; eSpeak-NG speech measures about 3 700 (−19 dBFS), silence 0. */
const MIN_RMS = 1_000;

function rms(bytes: Uint8Array): number {
  const header = parseWavHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.dataOffset, header.dataBytes);
  let sum = 0;
  for (let i = 0; i < header.frames; i++) sum += view.getInt16(i * 2, true) ** 2;
  return Math.sqrt(sum / header.frames);
}

/** A fresh phone with the app enrolled and under its service worker, every URL it requests noted in `requests`. */
async function openRecordedPhone(requests: string[]): Promise<{ fresh: FreshContext; page: Page }> {
  const fresh = await launchFreshContext();
  fresh.context.on('request', (request: Request) => requests.push(request.url()));
  const page = await fresh.context.newPage();
  await openControlledApp(page, baseUrl);
  return { fresh, page };
}

describe('offline speech engine (eSpeak-NG) in headless Chromium', () => {
  let fresh: FreshContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    ({ fresh, page } = await openRecordedPhone(requests));
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('keeps the engine and its data out of the precache and out of the first visit', async () => {
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(precached.some((url) => /\/assets\/index-.*\.js$/.test(url))).toBe(true);
    // The worker's own code is small and precached, so the engine can start offline once its files are stored.
    expect(precached.some((url) => /\/assets\/espeak-worker-.*\.js$/.test(url))).toBe(true);
    expect(precached.filter((url) => VOICE_FILES.test(url) || url.endsWith('.bin'))).toEqual([]);
    const sw = await (await fetch(`${baseUrl}/sw.js`)).text();
    expect(sw).not.toMatch(/offline-voice|\.bin"/);

    await page.goto(`${baseUrl}/more`);
    const state = page.getByTestId('offline-voice-state');
    await state.waitFor();
    expect(await state.getAttribute('data-stored')).toBe('false');
    expect(requests.filter((url) => VOICE_FILES.test(url))).toEqual([]);
  });

  it('stores the offline voice on demand, about 0.6 MB', async () => {
    await page.getByTestId('offline-voice-store').click();
    const state = page.getByTestId('offline-voice-state');
    await page
      .locator('[data-testid="offline-voice-state"][data-stored="true"]')
      .waitFor({ timeout: 30_000 });
    const bytes = Number(await state.getAttribute('data-bytes'));
    expect(bytes).toBeGreaterThan(500_000);
    expect(bytes).toBeLessThan(700_000);
    expect(await state.textContent()).toMatch(/Đã lưu trên máy \(\d{3} kB\)/);
    const stored = await page.evaluate(async () =>
      (await (await caches.open('loaxa-offline-voice')).keys()).map((r) => r.url),
    );
    expect(stored).toHaveLength(2);
    expect(stored.some((url) => /\/espeak-ng-engine-\w+\.bin$/.test(url))).toBe(true);
    expect(stored.some((url) => /\/espeak-ng-data-\w+\.bin$/.test(url))).toBe(true);
    expect(requests.filter((url) => VOICE_FILES.test(url)).sort()).toEqual([...stored].sort());
  });

  it('exports a Vietnamese bulletin with the network off as a WAV file whose length fits the text and whose samples are not silent', async () => {
    await fresh.context.setOffline(true);
    await page.goto(`${baseUrl}/bulletins`);
    await page.getByTestId('bulletin-item').first().click();
    await page.getByTestId('bulletin-reader').waitFor();
    await page.getByTestId('lang-tab-vie').click();
    await page.locator('.player[data-engine="offline"]').waitFor();
    // The Vietnamese slot reads the bulletin body, which the reader shows as prose while idle.
    const text = await page.locator('.reader .prose').innerText();
    const words = text.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThan(50);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-wav').click(),
    ]);
    const bytes = new Uint8Array(await readFile(await download.path()));
    const header = parseWavHeader(bytes);
    expect(header).toMatchObject({ format: 1, channels: 1, sampleRate: 22_050, bitsPerSample: 16 });
    expect(header.dataOffset + header.dataBytes).toBe(bytes.length);
    const perWord = header.durationSeconds / words;
    expect(perWord).toBeGreaterThan(SECONDS_PER_WORD.min);
    expect(perWord).toBeLessThan(SECONDS_PER_WORD.max);
    expect(rms(bytes)).toBeGreaterThan(MIN_RMS);
    expect(download.suggestedFilename()).toMatch(/\.wav$/);
  });

  it('plays the sample in More with the network off, for as long as the sample lasts', async () => {
    await page.goto(`${baseUrl}/more`);
    const sample = page.getByTestId('offline-voice-sample');
    await sample.waitFor();
    const started = Date.now();
    await sample.click();
    await expect.poll(() => sample.textContent()).toBe('Dừng nghe thử');
    await expect.poll(() => sample.textContent(), { timeout: 20_000 }).toBe('Nghe thử');
    // "Xin chào bà con. Đây là giọng đọc ngoại tuyến của LoaXa." is about 3.5 s of speech.
    expect(Date.now() - started).toBeGreaterThan(2_500);
    expect(await page.getByTestId('offline-voice-error').count()).toBe(0);
    await page.goBack();
    await page.locator('.player[data-engine="offline"]').waitFor();
  });

  it('reads the bulletin aloud with the network off, the highlight following the sentences', async () => {
    await page.getByTestId('play').click();
    await page.locator('[data-testid="progress"][data-state="playing"]').waitFor();
    const speaking = page.locator('[data-testid="read-along"] .sentence.speaking');
    await speaking.waitFor();
    const first = await speaking.textContent();
    // The highlight moves on when eSpeak-NG's word timings say the next sentence has begun.
    await expect
      .poll(async () => (await speaking.textContent()) !== first, { timeout: 30_000, interval: 250 })
      .toBe(true);
    await page.getByTestId('stop').click();
    const result = page.getByTestId('play-result');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('stopped');
    await fresh.context.setOffline(false);
  });
});

describe('a new operator whose phone has no Vietnamese voice (headless Chromium has none)', () => {
  let fresh: FreshContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    ({ fresh, page } = await openRecordedPhone(requests));
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('is offered the offline voice on the enrolment screen, with its size and what it costs on 2G', async () => {
    await page.goto(`${baseUrl}/enrol`);
    const offer = page.getByTestId('vietnamese-voice-offer');
    await offer.waitFor();
    expect(await offer.getByRole('status').textContent()).toBe(
      'Máy này chưa có giọng đọc tiếng Việt để đọc bản tin. Nên tải giọng đọc ngoại tuyến khi còn ở nơi có Wi-Fi.',
    );
    expect(await offer.getByTestId('offline-voice-cost').textContent()).toMatch(
      /^Dung lượng \d{3} kB, tải một lần: khoảng 2 phút trên mạng 2G/,
    );
    await checkScreen(page, 'enrol-offline-voice-offer', { fullPage: true });
  });

  it('opens a bulletin and is offered the offline voice right in the reader, besides recording one', async () => {
    await page.goto(`${baseUrl}/bulletins/${DEMO_STORM_BULLETIN}`);
    await page.getByTestId('bulletin-reader').waitFor();
    const message = page.getByTestId('no-voice');
    await message.waitFor();
    expect(await message.textContent()).toBe(
      'Máy này chưa có giọng đọc tiếng Việt. Hãy tải giọng đọc ngoại tuyến để đọc ngay, hoặc ghi âm giọng đọc cho bản tin này.',
    );
    const store = page.getByTestId('offline-voice-store');
    expect(await store.textContent()).toMatch(/^Tải giọng đọc ngoại tuyến \(\d{3} kB\)$/);
    expect(await page.getByTestId('offline-voice-cost').textContent()).toContain(
      'khoảng 2 phút trên mạng 2G',
    );
    expect(await page.getByTestId('record-voice').isVisible()).toBe(true);
    expect(requests.filter((url) => VOICE_FILES.test(url))).toEqual([]);
    await page.getByTestId('no-voice').scrollIntoViewIfNeeded();
    await checkScreen(page, 'reader-offline-voice-offer');
  });

  it('taps once, watches the download progress, and the reader then has the offline voice', async () => {
    // A slow link, so the progress bar is there long enough to be seen (about 5 s for 0.6 MB).
    const cdp = await fresh.context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 300,
      downloadThroughput: 120 * 1024,
      uploadThroughput: 30 * 1024,
    });
    await page.getByTestId('offline-voice-store').click();
    const progress = page.getByTestId('offline-voice-progress');
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
    await checkScreen(page, 'reader-offline-voice-storing');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.locator('.player[data-engine="offline"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('engine').textContent()).toBe('Giọng đọc ngoại tuyến');
    expect(await page.getByTestId('no-voice').count()).toBe(0);
    await checkScreen(page, 'reader-offline-voice-ready');
  });

  it('presses Phát: the reader says the voice is being prepared, then reads with the offline voice', async () => {
    // Pressed at once: the rendering the reader started in idle time is still running, and Phát waits for it.
    await page.getByTestId('play').click();
    const progress = page.getByTestId('progress');
    await page.locator('[data-testid="progress"][data-state="preparing"]').waitFor();
    expect(await progress.getAttribute('role')).toBe('status');
    expect(await progress.textContent()).toBe('Đang chuẩn bị giọng đọc…');
    await checkScreen(page, 'reader-offline-voice-preparing');
    await page.locator('[data-testid="read-along"] .sentence.speaking').waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('data-state')).toBe('playing');
    expect(await progress.textContent()).toMatch(/^Lần 1\/1 · câu \d+\/\d+$/);
    await checkScreen(page, 'reader-offline-voice-speaking');
    await page.getByTestId('stop').click();
    await page.getByTestId('play-result').waitFor();
  });
});
