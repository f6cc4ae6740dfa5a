import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../src/domain/schemas/attachment.ts';
import type { ApiError } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { deviceHeaders, enrolTestDevice, seedAccounts, signIn } from '../helpers/auth.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const PHOTO = new TextEncoder().encode('ảnh chụp xe thông tin lưu động tại bản Sà Phìn A');
const PHOTO_ID = createHash('sha256').update(PHOTO).digest('hex');

describe.each(ENGINES)('/api/attachments on %s', (kind) => {
  let db: TestDatabase;
  let dir: string;
  let app: ReturnType<typeof createApp>;
  let auth: Record<string, string>;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    dir = await mkdtemp(join(tmpdir(), 'loaxa-attachments-'));
    app = createApp({ store: db.store, version: 'test', attachmentsDir: join(dir, 'attachments') });
    auth = deviceHeaders((await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin)).token);
  });
  afterEach(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const put = (body: Uint8Array<ArrayBuffer>, id = PHOTO_ID, mime = 'image/jpeg', headers = auth) =>
    app.request(`/api/attachments/${id}`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': mime },
      body,
    });

  async function expectError(response: Response, status: number, error: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(((await response.json()) as ApiError).error).toBe(error);
  }

  /** Files in the attachments directory, temporary ones included. */
  const files = async (): Promise<string[]> => readdir(join(dir, 'attachments')).catch(() => []);

  it('says 404, stores on PUT, then says 200 and serves the bytes', async () => {
    expect(
      (await app.request(`/api/attachments/${PHOTO_ID}`, { method: 'HEAD', headers: auth })).status,
    ).toBe(404);
    const created = await put(PHOTO);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      attachment: { id: PHOTO_ID, mime: 'image/jpeg', size: PHOTO.length },
    });

    const head = await app.request(`/api/attachments/${PHOTO_ID}`, { method: 'HEAD', headers: auth });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(PHOTO.length));
    const got = await app.request(`/api/attachments/${PHOTO_ID}`, { headers: auth });
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PHOTO);
    expect(await files()).toEqual([PHOTO_ID]);
    expect(new Uint8Array(await readFile(join(dir, 'attachments', PHOTO_ID)))).toEqual(PHOTO);

    expect((await put(PHOTO)).status).toBe(200);
  });

  it('accepts a staff session as well', async () => {
    const cookie = await signIn(app, 'phong.vhtt');
    const response = await put(PHOTO, PHOTO_ID, 'image/jpeg', { Cookie: cookie, 'X-LoaXa-CSRF': '1' });
    expect(response.status).toBe(201);
  });

  it('refuses bytes that do not hash to the URL, keeping nothing', async () => {
    await expectError(await put(PHOTO, 'ab'.repeat(32)), 400, 'hash_mismatch');
    expect(await files()).toEqual([]);
    expect(await db.store.attachments.find('ab'.repeat(32))).toBeUndefined();
  });

  it('refuses a body over MAX_ATTACHMENT_BYTES with 413, keeping nothing', async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    const id = createHash('sha256').update(big).digest('hex');
    await expectError(await put(big, id), 413, 'body_too_large');
    expect(await files()).toEqual([]);
  });

  it.each(['text/html', 'application/octet-stream', ''])('refuses media type "%s" with 415', async (mime) => {
    await expectError(await put(PHOTO, PHOTO_ID, mime), 415, 'unsupported_media_type');
  });

  it('refuses an empty body and a malformed id with 400', async () => {
    await expectError(
      await put(new Uint8Array(0), createHash('sha256').digest('hex')),
      400,
      'invalid_request',
    );
    await expectError(await put(PHOTO, 'NOT-A-HASH'), 400, 'invalid_request');
    expect(await files()).toEqual([]);
  });

  it('answers 401 without a device token or staff session', async () => {
    await expectError(await put(PHOTO, PHOTO_ID, 'image/jpeg', {}), 401, 'not_signed_in');
    await expectError(await app.request(`/api/attachments/${PHOTO_ID}`), 401, 'not_signed_in');
    await expectError(
      await put(PHOTO, PHOTO_ID, 'image/jpeg', deviceHeaders('x'.repeat(40))),
      401,
      'device_unauthorized',
    );
    expect(await files()).toEqual([]);
  });
});
