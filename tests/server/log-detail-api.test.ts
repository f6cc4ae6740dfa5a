import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { LogDetail } from '../../src/domain/staff-api.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import {
  backdateEnrolments,
  deviceHeaders,
  enrolTestDevice,
  seedAccounts,
  signIn,
  staffFetch,
} from '../helpers/auth.ts';
import {
  addOtherDistrict,
  expectApiError,
  pushLogs,
  signedChain,
  type OtherDistrict,
} from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { taPhin } = DEMO_UNIT_IDS;

const PHOTO = new TextEncoder().encode('ảnh chụp xe thông tin lưu động tại bản Sín Chải');
const PHOTO_ID = createHash('sha256').update(PHOTO).digest('hex');
/** A photo the log names that the device has not uploaded yet. */
const NOT_UPLOADED = createHash('sha256').update('chưa gửi').digest('hex');
const STOP = {
  location: { lat: 22.3364, lng: 103.8438, accuracyM: 12 },
  placeName: 'Bản Sín Chải',
  photoIds: [PHOTO_ID, NOT_UPLOADED],
};

describe.each(ENGINES)('GET /api/logs/:id on %s', (kind) => {
  let db: TestDatabase;
  let dir: string;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;
  let phong: string;
  /** Tả Phìn's chain as sent: seq 2 a vehicle stop with a photo, cut short; seq 3 never arrived. */
  let chain: BroadcastLog[];
  let stray: BroadcastLog;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    other = await addOtherDistrict(db.store);
    dir = await mkdtemp(join(tmpdir(), 'loaxa-log-detail-'));
    app = createApp({ store: db.store, version: 'test', attachmentsDir: join(dir, 'attachments') });
    phong = await signIn(app, 'phong.vhtt');

    const device = await enrolTestDevice(app, taPhin, { label: 'Điện thoại đài xã Tả Phìn' });
    await backdateEnrolments(db.sql, '2026-09-01T00:00:00.000Z');
    chain = await signedChain(
      device,
      taPhin,
      [
        '2026-11-01T01:00:00.000Z',
        '2026-11-01T02:00:00.000Z',
        '2026-11-01T03:00:00.000Z',
        '2026-11-01T04:00:00.000Z',
      ],
      (index) => (index === 1 ? { ...STOP, completion: { passes: 0, measured: true } } : {}),
    );
    await pushLogs(
      app,
      device,
      chain.filter((log) => log.seq !== 3),
    );
    const upload = await app.request(`/api/attachments/${PHOTO_ID}`, {
      method: 'PUT',
      headers: { ...deviceHeaders(device.token), 'Content-Type': 'image/jpeg' },
      body: PHOTO,
    });
    expect(upload.status).toBe(201);

    const otherDevice = await enrolTestDevice(app, other.communeId);
    await backdateEnrolments(db.sql, '2026-09-01T00:00:00.000Z');
    const [signed] = await signedChain(
      otherDevice,
      other.communeId,
      ['2026-11-01T05:00:00.000Z'],
      () => STOP,
    );
    if (signed === undefined) throw new Error('no log signed');
    stray = signed;
    await pushLogs(app, otherDevice, [stray]);
  });
  afterEach(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const logAt = (seq: number): BroadcastLog => {
    const log = chain[seq - 1];
    if (log === undefined) throw new Error(`no log ${seq}`);
    return log;
  };

  async function detail(cookie: string, id: string): Promise<LogDetail> {
    const response = await staffFetch(app, cookie, 'GET', `/api/logs/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as LogDetail;
  }

  it('shows the district a stop with its place, photos, completion, verification, device and intact chain', async () => {
    const stop = logAt(2);
    expect(await detail(phong, stop.id)).toEqual({
      log: { ...stop, receivedAt: expect.any(String), verification: 'verified' },
      problem: null,
      deviceLabel: 'Điện thoại đài xã Tả Phìn',
      chain: { held: 2, firstMissing: null, broken: 0 },
    });
  });

  it('says which place of the chain is missing and why a later log is not verified yet', async () => {
    const { log, problem, chain: status } = await detail(phong, logAt(4).id);
    expect(log.verification).toBe('unverified');
    expect(problem).toBe('predecessor_missing');
    expect(status).toEqual({ held: 3, firstMissing: 3, broken: 0 });
  });

  it('serves a photo of the log to staff who may read it, and only the photos it names', async () => {
    const stop = logAt(2);
    const photo = await staffFetch(app, phong, 'GET', `/api/logs/${stop.id}/photos/${PHOTO_ID}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PHOTO);
    await expectApiError(
      await staffFetch(app, phong, 'GET', `/api/logs/${stop.id}/photos/${NOT_UPLOADED}`),
      404,
      'not_found',
    );
    // Held by the server, but not a photo of this log.
    await expectApiError(
      await staffFetch(app, phong, 'GET', `/api/logs/${logAt(1).id}/photos/${PHOTO_ID}`),
      404,
      'not_found',
    );
    await expectApiError(
      await staffFetch(app, phong, 'GET', `/api/logs/${stop.id}/photos/not-a-hash`),
      404,
      'not_found',
    );
  });

  it("answers 404 for another district's log and its photos, as for an unknown id", async () => {
    const otherPhong = await signIn(app, other.login);
    expect((await detail(otherPhong, stray.id)).log.placeName).toBe('Bản Sín Chải');
    await expectApiError(
      await staffFetch(app, otherPhong, 'GET', `/api/logs/${logAt(2).id}`),
      404,
      'not_found',
    );
    await expectApiError(
      await staffFetch(app, otherPhong, 'GET', `/api/logs/${logAt(2).id}/photos/${PHOTO_ID}`),
      404,
      'not_found',
    );
    await expectApiError(await staffFetch(app, phong, 'GET', `/api/logs/${stray.id}`), 404, 'not_found');
    // The commune reads its own logs; the vehicle team, a sibling unit, does not.
    expect((await detail(await signIn(app, 'xa.taphin'), logAt(2).id)).log.id).toBe(logAt(2).id);
    const teamLogin = await signIn(app, 'doi.xe');
    await expectApiError(
      await staffFetch(app, teamLogin, 'GET', `/api/logs/${logAt(2).id}`),
      404,
      'not_found',
    );
  });

  it('answers a malformed or unknown id with 404, never 500, and asks for a session', async () => {
    await expectApiError(await staffFetch(app, phong, 'GET', '/api/logs/not-a-uuid'), 404, 'not_found');
    await expectApiError(await staffFetch(app, phong, 'GET', "/api/logs/1'%20OR%201=1"), 404, 'not_found');
    await expectApiError(
      await staffFetch(app, phong, 'GET', `/api/logs/${crypto.randomUUID()}`),
      404,
      'not_found',
    );
    expect((await app.request(`/api/logs/${logAt(2).id}`)).status).toBe(401);
  });
});
