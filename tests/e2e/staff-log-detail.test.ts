import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { deviceHeaders, enrolTestDevice, runningApp } from '../helpers/auth.ts';
import { launchFreshContext, type FreshContext } from '../helpers/chromium.ts';
import { checkStaffScreen } from '../helpers/screen-check.ts';
import { pushLogs, signedChain } from '../helpers/staff-content.ts';
import { signInOnPage } from '../helpers/ui-flows.ts';

const baseUrl = inject('baseUrl');
const server = runningApp(baseUrl);

/** A photo as a phone takes one: a JPEG, drawn by the browser so it is a real image. */
async function jpegPhoto(page: Page, colour: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await page.evaluate(async (fill) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d');
    if (!context) return [];
    context.fillStyle = fill;
    context.fillRect(0, 0, 320, 240);
    context.fillStyle = '#fff';
    context.fillRect(40, 150, 240, 40);
    const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.8));
    return blob ? Array.from(new Uint8Array(await blob.arrayBuffer())) : [];
  }, colour);
  return new Uint8Array(bytes);
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe("a district officer checks a vehicle team's logs on a 360 px phone", () => {
  let browser: FreshContext;
  let page: Page;
  /** seq 1: a stop with a photo, stopped inside its first pass; seq 2: a live broadcast, declared; seq 4: a
   * stop with two photos, one never uploaded. Seq 3 never reaches the server. */
  let logs: BroadcastLog[];
  let photoId: string;

  const logAt = (seq: number): BroadcastLog => {
    const log = logs[seq - 1];
    if (!log) throw new Error(`no log ${seq}`);
    return log;
  };
  const row = (seq: number) => page.locator(`[data-testid="staff-log-row"][data-id="${logAt(seq).id}"]`);

  beforeAll(async () => {
    browser = await launchFreshContext();
    page = await browser.context.newPage();
    await page.goto(`${baseUrl}/staff`);
    const photo = await jpegPhoto(page, '#0b5d3b');
    photoId = sha256Of(photo);
    const notUploaded = sha256Of(await jpegPhoto(page, '#b3001b'));

    const device = await enrolTestDevice(server, DEMO_UNIT_IDS.team, { label: 'Máy xe thông tin thử' });
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    logs = await signedChain(
      device,
      DEMO_UNIT_IDS.team,
      [minutesAgo(50), minutesAgo(40), minutesAgo(30), minutesAgo(20)],
      (index): Partial<BroadcastLog> => {
        const stop = { channel: 'mobile_vehicle' as const, placeName: 'Bản Sín Chải' };
        if (index === 0) {
          return {
            ...stop,
            location: { lat: 22.33641, lng: 103.84382, accuracyM: 12 },
            photoIds: [photoId],
            completion: { passes: 0, measured: true },
          };
        }
        if (index === 1) return { source: 'live', completion: { passes: 1, measured: false } };
        return {
          ...stop,
          placeName: 'Chợ phiên Tả Phìn',
          location: { lat: 22.3351, lng: 103.8442, accuracyM: 30 },
          photoIds: [photoId, notUploaded],
        };
      },
    );
    const results = await pushLogs(
      server,
      device,
      logs.filter((log) => log.seq !== 3),
    );
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.verification))).toEqual([
      'verified',
      'verified',
      'unverified',
    ]);
    const upload = await server.request(`/api/attachments/${photoId}`, {
      method: 'PUT',
      headers: { ...deviceHeaders(device.token), 'Content-Type': 'image/jpeg' },
      body: photo,
    });
    expect(upload.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sees place, photos, partial and declared airings in the list', async () => {
    await signInOnPage(page, baseUrl, 'phong.vhtt');
    await page.goto(`${baseUrl}/staff/logs`);
    await page.getByTestId('logs-unit').selectOption(DEMO_UNIT_IDS.team);
    await row(1).waitFor({ timeout: 30_000 });

    expect(await row(1).getByTestId('log-partial').isVisible()).toBe(true);
    expect(await row(1).getByTestId('log-place').textContent()).toContain('Bản Sín Chải');
    expect(await row(1).getByTestId('log-photos').textContent()).toBe('1 ảnh');
    expect(await row(2).getByTestId('log-declared').isVisible()).toBe(true);
    expect(await row(2).getByTestId('log-place').count()).toBe(0);
    expect(await row(4).getByTestId('log-photos').textContent()).toBe('2 ảnh');
    expect(await row(4).getAttribute('data-verification')).toBe('unverified');
    await row(4).scrollIntoViewIfNeeded();
    await checkStaffScreen(page, 'staff-logs-badges');
  });

  it('opens a stop and sees its photo, position, partial airing, verification and whole chain', async () => {
    await row(1).getByTestId('staff-log-open').click();
    await page.waitForURL(`${baseUrl}/staff/logs/${logAt(1).id}`);
    await page.getByTestId('log-detail-chain').waitFor({ timeout: 30_000 });

    expect(await page.getByTestId('log-detail-place').textContent()).toBe('Bản Sín Chải');
    expect(await page.getByTestId('log-detail-coordinates').textContent()).toBe(
      '22.33641, 103.84382 (sai số khoảng 12 m)',
    );
    expect(await page.getByTestId('log-detail-passes').textContent()).toContain('Phát dở');
    expect(await page.getByTestId('log-detail-verification').textContent()).toContain(
      'chữ ký là của thiết bị này',
    );
    expect(await page.getByTestId('log-detail-chain').getAttribute('data-intact')).toBe('true');
    const photo = page.getByTestId('log-photo');
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(320);
    expect(await page.getByText('Máy xe thông tin thử').isVisible()).toBe(true);
    await checkStaffScreen(page, 'staff-log-detail', { fullPage: true });
  });

  it('sees, on the log after a missing one, the gap in the chain and the photo not uploaded yet', async () => {
    await page.goto(`${baseUrl}/staff/logs/${logAt(4).id}`);
    const chain = page.getByTestId('log-detail-chain');
    await chain.waitFor({ timeout: 30_000 });
    expect(await chain.getAttribute('data-intact')).toBe('false');
    expect(await chain.textContent()).toContain('thiếu 1 nhật ký trước nhật ký này, đầu tiên là số 3');
    expect(await page.getByTestId('log-detail-verification').textContent()).toContain(
      'chưa nhận nhật ký ngay trước nó',
    );
    await page.getByTestId('log-photo-missing').waitFor();
    expect(await page.getByTestId('log-photo-missing').textContent()).toContain('Ảnh 2');
    expect(await page.getByTestId('log-photo').count()).toBe(1);
    await checkStaffScreen(page, 'staff-log-detail-gap', { fullPage: true });
  });

  it('is told plainly when a log does not exist or is not theirs to see', async () => {
    await page.goto(`${baseUrl}/staff/logs/${crypto.randomUUID()}`);
    await page.getByTestId('log-detail-missing').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Về danh sách nhật ký' }).click();
    await page.getByTestId('logs-unit').waitFor();
  });
});
