import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { enrolPage } from '../helpers/enrol-device.ts';
import { fakeSpeechInitScript } from '../helpers/fake-speech-script.ts';
import type { FakeSpeechSynthesis } from '../helpers/fake-speech-synthesis.ts';
import { checkScreen } from '../helpers/screen-check.ts';

const baseUrl = inject('baseUrl');

/** The demo's urgent storm warning, in Vietnamese only. */
const STORM_BULLETIN = '37797c80-386e-4a2b-bb96-7ce4b71dfcc4';
/** The demo's flood warning for Xã Tả Phìn, whose languages include H'Mông (no slot in the demo data). */
const TA_PHIN_BULLETIN = '6f1b0b01-65fe-491f-aa04-1f153b33b16a';

function spokenCount(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { fakeSpeech: FakeSpeechSynthesis }).fakeSpeech.utterances.length,
  );
}

async function openReader(page: Page, id: string): Promise<void> {
  await page.goto(`${baseUrl}/bulletins/${id}`);
  // The enrolment's first sync pulls the demo data; the reader appears once the bulletin is stored.
  await page.getByTestId('bulletin-reader').waitFor({ timeout: 30_000 });
}

describe('the slot player in Chromium, with a Vietnamese device voice', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    await fresh.context.addInitScript({ content: await fakeSpeechInitScript() });
    page = await fresh.context.newPage();
    // Xã Tả Phìn: its devices receive the district's storm warning and the commune's flood warning.
    await enrolPage(page, baseUrl);
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('offers the device voice for the Vietnamese text', async () => {
    await openReader(page, STORM_BULLETIN);
    const engine = page.getByTestId('engine');
    await engine.waitFor();
    expect(await engine.textContent()).toContain('Giọng đọc của máy');
    expect(await page.getByTestId('play').isEnabled()).toBe(true);
    expect(await page.locator('.reader .prose').count()).toBe(1);
  });

  it('plays twice, highlighting the sentence being read and counting sentences', async () => {
    await page.getByRole('button', { name: 'Thêm một lần' }).click();
    expect(await page.getByTestId('repeats').inputValue()).toBe('2');
    await page.getByTestId('pause-between').fill('1');
    await page.getByTestId('pause-between').dispatchEvent('change');
    await page.getByTestId('play').click();
    const current = page.getByTestId('read-along').locator('[aria-current="true"]');
    await current.waitFor();
    expect(await current.getAttribute('class')).toContain('speaking');
    expect(await current.textContent()).toBe('Thông báo khẩn!');
    // The text shows once, highlighted in the player, while it is read.
    expect(await page.locator('.reader .prose').count()).toBe(0);
    await expect
      .poll(async () => (await page.getByTestId('progress').textContent()) ?? '')
      .toMatch(/^Lần 1\/2 · câu [2-9]\/\d+$/);
    await checkScreen(page, 'reader-playing');
  });

  it('pauses (nothing more is spoken) and resumes', async () => {
    await page.getByTestId('pause').click();
    const progress = page.getByTestId('progress');
    expect(await progress.getAttribute('data-state')).toBe('paused');
    expect(await progress.textContent()).toContain('Đang tạm dừng');
    const spoken = await spokenCount(page);
    await page.waitForTimeout(800);
    expect(await spokenCount(page)).toBe(spoken);
    await page.getByTestId('resume').click();
    await expect.poll(() => spokenCount(page)).toBeGreaterThan(spoken);
  });

  it('stops on demand and says how many plays were complete', async () => {
    await page.getByTestId('stop').click();
    const result = page.getByTestId('play-result');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('stopped');
    expect(await result.textContent()).toBe('Đã dừng. Số lần phát trọn vẹn: 0/2.');
    expect(await page.getByTestId('read-along').count()).toBe(0);
    expect(await page.locator('.reader .prose').count()).toBe(1);
  });

  it('plays both times to the end', async () => {
    await page.getByTestId('play').click();
    const result = page.getByTestId('play-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-outcome')).toBe('completed');
    expect(await result.textContent()).toBe('Đã phát xong 2/2 lần.');
  });
});

describe('the slot player for a language no engine speaks', () => {
  let fresh: FreshContext;
  let page: Page;

  beforeAll(async () => {
    fresh = await launchFreshContext();
    page = await fresh.context.newPage();
    // Xã Tả Phìn: its devices receive the district's storm warning and the commune's flood warning.
    await enrolPage(page, baseUrl);
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('says the device has no H’Mông voice and offers to record one', async () => {
    await openReader(page, TA_PHIN_BULLETIN);
    await page.getByTestId('lang-tab-hmn').click();
    const message = page.getByTestId('no-voice');
    await message.waitFor();
    expect(await message.textContent()).toBe(
      "Máy này chưa có giọng đọc tiếng H'Mông. Hãy ghi âm giọng đọc cho bản tin này.",
    );
    expect(await page.getByTestId('play').count()).toBe(0);
    await page.getByTestId('record-voice').click();
    await page.getByTestId('slot-editor').waitFor();
  });
});
