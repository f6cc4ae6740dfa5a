/**
 * The device's sync engine (src/client/sync) against the real server app, end to end of the engine: IndexedDB
 * (fake-indexeddb) on one side, the Hono app with a migrated, demo-seeded store on the other, joined by a
 * transport whose fetch is `app.request`. Logs are written by the real log writer and signed with the device's
 * own key.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putAttachment } from '../../src/client/db/attachment-repository.ts';
import type { LoaxaDb } from '../../src/client/db/database.ts';
import { readResync } from '../../src/client/db/resync-repository.ts';
import {
  countPendingLogs,
  listLogReceipts,
  listRejectedLogs,
} from '../../src/client/db/outbox-repository.ts';
import { getDeviceSettings } from '../../src/client/db/settings-repository.ts';
import { countPendingSubmissions, saveLocalSlot } from '../../src/client/db/slot-repository.ts';
import { recordBroadcast } from '../../src/client/evidence/log-writer.ts';
import { readDeviceToken } from '../../src/client/db/enrolment-repository.ts';
import { enrolDevice, readEnrolment } from '../../src/client/sync/enrol.ts';
import { pushLogs } from '../../src/client/sync/push.ts';
import { lastSyncAt, runSync, type SyncProgress } from '../../src/client/sync/run-sync.ts';
import type { Transport } from '../../src/client/sync/transport.ts';
import type { PairingCodeIssued } from '../../src/domain/accounts.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { UnitWritten } from '../../src/domain/staff-api.ts';
import type { ReceivedLog } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import { seedDemoData } from '../../src/server/demo/seed.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { signIn, staffFetch } from '../helpers/auth.ts';
import { freshDb } from '../helpers/db.ts';
import { makeBroadcastInput, makeSlot } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin, vinhHai, team } = DEMO_UNIT_IDS;

/** A transport to the app that records each request as "METHOD path" and can be made to fail. */
interface RecordingTransport extends Transport {
  calls: string[];
  /** Called before each request is passed on: throw to play a dropped connection. */
  before: (call: string) => void;
  /** Called after the server answered: throw to play an answer lost on the way back. */
  after: (call: string) => void;
  /** When set, pulls ask for pages this small, so a few changes make several pages. */
  pullLimit?: number;
}

describe.each(ENGINES)('device sync against the server on %s', (kind) => {
  let store: TestDatabase;
  let attachmentsDir: string;
  let app: ReturnType<typeof createApp>;
  let admin: string;
  let bulletin: Bulletin;

  function transportTo(): RecordingTransport {
    const transport: RecordingTransport = {
      baseUrl: '',
      calls: [],
      before: () => undefined,
      after: () => undefined,
      fetch: async (url, init) => {
        const call = `${init.method ?? 'GET'} ${url.split('?')[0]}`;
        transport.calls.push(call);
        transport.before(call);
        const limit = transport.pullLimit;
        const response = await app.request(
          limit === undefined ? url : url.replace(/limit=\d+/, `limit=${limit}`),
          init,
        );
        transport.after(call);
        return response;
      },
    };
    return transport;
  }

  async function pairingCode(unitId: string): Promise<string> {
    const response = await staffFetch(app, admin, 'POST', '/api/pairing-codes', { unitId });
    expect(response.status).toBe(201);
    return ((await response.json()) as PairingCodeIssued).code;
  }

  /** A fresh device database enrolled to `unitId` through the engine. */
  async function enrolledDevice(unitId: string, transport: Transport): Promise<LoaxaDb> {
    const db = freshDb();
    const outcome = await enrolDevice(db, { code: await pairingCode(unitId), label: 'Loa xã' }, transport);
    expect(outcome).toMatchObject({ ok: true, unit: { id: unitId } });
    return db;
  }

  async function serverLogs(): Promise<ReceivedLog[]> {
    const response = await staffFetch(app, admin, 'GET', '/api/logs?limit=500');
    expect(response.status).toBe(200);
    return ((await response.json()) as { logs: ReceivedLog[] }).logs;
  }

  /** A published bulletin for the whole province, written by the province staff through the API. */
  async function publishBulletin(title: string): Promise<Bulletin> {
    const so = await signIn(app, 'so.vhtt');
    const created = await staffFetch(app, so, 'POST', '/api/bulletins', {
      title,
      summary: 'Lịch tiêm cho trẻ dưới 5 tuổi.',
      body: 'Đưa trẻ đến trạm y tế xã đúng lịch.',
      topic: 'health_insurance',
      policyRef: 'Quyết định 1575/QĐ-BYT',
      issuer: 'Sở Y tế',
      urgency: 'normal',
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      targetUnitIds: [province],
      airing: { times: 2, perDays: 7, untilDate: '2027-12-15' },
    });
    expect(created.status).toBe(201);
    const draft = ((await created.json()) as { bulletin: Bulletin }).bulletin;
    expect((await staffFetch(app, so, 'POST', `/api/bulletins/${draft.id}/publish`)).status).toBe(200);
    return draft;
  }

  beforeEach(async () => {
    store = await openTestDatabase(kind);
    await store.store.migrate();
    await seedDemoData(store.store);
    attachmentsDir = await mkdtemp(join(tmpdir(), 'loaxa-client-sync-'));
    app = createApp({ store: store.store, version: 'test', attachmentsDir });
    admin = await signIn(app, 'admin');
    const so = await signIn(app, 'so.vhtt');
    const created = await staffFetch(app, so, 'POST', '/api/bulletins', {
      title: 'Phòng chống tin giả trên mạng xã hội',
      summary: 'Cách nhận biết tin giả.',
      body: 'Không chia sẻ tin chưa được kiểm chứng.',
      topic: 'fake_news',
      policyRef: 'Chỉ thị 07/CT-TTg',
      issuer: 'Sở Văn hóa, Thể thao và Du lịch',
      urgency: 'normal',
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      targetUnitIds: [province],
      airing: { times: 3, perDays: 7, untilDate: '2027-12-15' },
    });
    expect(created.status).toBe(201);
    bulletin = ((await created.json()) as { bulletin: Bulletin }).bulletin;
    expect((await staffFetch(app, so, 'POST', `/api/bulletins/${bulletin.id}/publish`)).status).toBe(200);
  });
  afterEach(async () => {
    await store.dispose();
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  it('enrols, pushes logs once with their verification, and pulls the unit’s bulletins', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    expect(await readEnrolment(db)).toMatchObject({
      unitId: taPhin,
      unitName: 'Xã Tả Phìn',
      revokedAt: null,
    });
    expect((await getDeviceSettings(db)).unit?.id).toBe(taPhin);
    const logs: BroadcastLog[] = [];
    for (let i = 0; i < 3; i += 1)
      logs.push(await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id)));
    const progress: SyncProgress[] = [];

    const report = await runSync(db, { transport, onProgress: (p) => progress.push(p) });

    expect(report.error).toBeNull();
    expect(report.logs).toEqual({ accepted: 3, duplicate: 0, rejected: 0 });
    expect(report.pull.bulletins).toBeGreaterThan(0);
    expect(report.changed).toBe(true);
    expect(await countPendingLogs(db)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    const receipts = await listLogReceipts(
      db,
      logs.map((log) => log.id),
    );
    expect([...receipts.values()].map((r) => r.verification)).toEqual(['verified', 'verified', 'verified']);
    const stored = (await serverLogs()).filter((log) => logs.some((l) => l.id === log.id));
    expect(stored).toHaveLength(3);
    expect(stored.every((log) => log.verification === 'verified')).toBe(true);
    expect(await db.bulletins.get(bulletin.id)).toMatchObject({ title: bulletin.title });
    const last = Date.parse((await lastSyncAt(db)) ?? '');
    expect(last).toBeLessThanOrEqual(Date.parse(report.finishedAt));
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['logs', 'pull']));
    expect(transport.calls.indexOf('POST /api/sync/push')).toBeLessThan(
      transport.calls.indexOf('GET /api/sync/pull'),
    );
  });

  it('loses and duplicates nothing when the connection drops, before or after the server answered', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    const logs: BroadcastLog[] = [];
    for (let i = 0; i < 4; i += 1)
      logs.push(await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id)));
    transport.after = (call) => {
      if (call === 'POST /api/sync/push') throw new TypeError('Failed to fetch');
    };

    const cut = await runSync(db, { transport });

    expect(cut.error).toEqual({ kind: 'network' });
    expect(await countPendingLogs(db)).toBe(4);
    expect(await lastSyncAt(db)).toBeUndefined();
    transport.after = () => undefined;
    logs.push(await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id)));
    transport.before = (call) => {
      if (call === 'GET /api/sync/pull') throw new TypeError('Failed to fetch');
    };

    const halfway = await runSync(db, { transport });

    expect(halfway.error).toEqual({ kind: 'network' });
    expect(halfway.logs).toEqual({ accepted: 1, duplicate: 4, rejected: 0 });
    expect(await countPendingLogs(db)).toBe(0);
    transport.before = () => undefined;

    const retry = await runSync(db, { transport });

    expect(retry.error).toBeNull();
    expect(retry.logs).toEqual({ accepted: 0, duplicate: 0, rejected: 0 });
    const stored = (await serverLogs()).filter((log) => logs.some((l) => l.id === log.id));
    expect(stored.map((log) => log.seq).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('pushes batch after batch while the next is prepared, storing and verifying each log once', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    const logs: BroadcastLog[] = [];
    for (let i = 0; i < 7; i += 1)
      logs.push(await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id)));
    const token = (await readDeviceToken(db))!;
    let pushes = 0;
    transport.before = (call) => {
      if (call === 'POST /api/sync/push' && (pushes += 1) === 3) throw new TypeError('Failed to fetch');
    };

    const cut = await pushLogs(db, transport, token, undefined, 2);

    expect(cut).toEqual({ accepted: 4, duplicate: 0, rejected: 0, error: { kind: 'network' } });
    transport.before = () => undefined;
    expect(await pushLogs(db, transport, token, undefined, 2)).toEqual({
      accepted: 3,
      duplicate: 0,
      rejected: 0,
      error: null,
    });
    const stored = (await serverLogs()).filter((log) => logs.some((l) => l.id === log.id));
    expect(stored.map((log) => log.seq).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Each batch's first log links to the last of the batch before: verified only if they came in order.
    expect(stored.every((log) => log.verification === 'verified')).toBe(true);
    const receipts = await listLogReceipts(
      db,
      logs.map((log) => log.id),
    );
    expect([...receipts.values()].every((receipt) => receipt.verification === 'verified')).toBe(true);
    expect(await countPendingLogs(db)).toBe(0);
  });

  it('sends the rest of the outbox when the server refuses one log as invalid, and keeps that one', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    const logs: BroadcastLog[] = [];
    for (let i = 0; i < 3; i++) logs.push(await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id)));
    // As an app of another version might have written it: a field this server does not know.
    await db.logs.put({ ...logs[1]!, volume: 'loud' } as BroadcastLog);

    const report = await runSync(db, { transport });

    expect(report.error).toBeNull();
    expect(report.logs).toMatchObject({ accepted: 2, rejected: 1 });
    expect(await listRejectedLogs(db)).toEqual([
      expect.objectContaining({ id: logs[1]!.id, reason: 'invalid' }),
    ]);
    expect(await countPendingLogs(db)).toBe(0);
    const stored = await serverLogs();
    expect(stored.map((log) => log.id).sort()).toEqual([logs[0]!.id, logs[2]!.id].sort());
  });

  it('keeps a rejected log with its reason and does not send it again', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    const foreign = await recordBroadcast(db, makeBroadcastInput(vinhHai, bulletin.id));

    const report = await runSync(db, { transport });

    expect(report.error).toBeNull();
    expect(report.logs.rejected).toBe(1);
    expect(await listRejectedLogs(db)).toEqual([
      expect.objectContaining({ id: foreign.id, reason: 'unit_not_allowed' }),
    ]);
    expect(await countPendingLogs(db)).toBe(0);
    transport.calls.length = 0;

    await runSync(db, { transport });

    expect(transport.calls).not.toContain('POST /api/sync/push');
    expect(await db.outbox.get(foreign.id)).toMatchObject({ rejectedReason: 'unit_not_allowed' });
  });

  it('reports a revoked device and remembers it', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    const enrolment = await readEnrolment(db);
    const revoked = await staffFetch(app, admin, 'POST', `/api/devices/${enrolment?.deviceId}/revoke`);
    expect(revoked.status).toBe(200);

    const report = await runSync(db, { transport });

    expect(report.error).toEqual({ kind: 'revoked' });
    expect((await readEnrolment(db))?.revokedAt).toEqual(expect.any(String));
    transport.calls.length = 0;
    expect((await runSync(db, { transport })).error).toEqual({ kind: 'revoked' });
    expect(transport.calls).toEqual([]);
  });

  it('uploads a photo once, however many logs name it', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    const bytes = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...crypto.getRandomValues(new Uint8Array(64)),
      0xff,
      0xd9,
    ]);
    const photo = await putAttachment(db, new Blob([bytes], { type: 'image/jpeg' }), 'image/jpeg');
    await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id, { photoIds: [photo.id] }));

    const first = await runSync(db, { transport });

    expect(first.error).toBeNull();
    expect(first.attachments).toEqual({ uploaded: 1, skipped: 0 });
    expect(transport.calls.filter((c) => c === `PUT /api/attachments/${photo.id}`)).toHaveLength(1);
    const head = await app.request(`/api/attachments/${photo.id}`, {
      method: 'HEAD',
      headers: { cookie: admin },
    });
    expect(head.status).toBe(200);
    transport.calls.length = 0;
    await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id, { photoIds: [photo.id] }));

    const second = await runSync(db, { transport });

    expect(second.error).toBeNull();
    expect(second.logs.accepted).toBe(1);
    expect(transport.calls.filter((c) => c.includes('/api/attachments/'))).toEqual([]);
  });

  it('sends a translation for review; a rejection comes back as a draft with the comment', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    await runSync(db, { transport });
    await saveLocalSlot(db, {
      bulletinId: bulletin.id,
      bulletinVersion: bulletin.version,
      lang: 'hmn',
      text: 'Tsis txhob qhia xov xwm cuav.',
      translator: 'Giàng A Páo',
      status: 'submitted',
      audio: { blob: new Blob([crypto.getRandomValues(new Uint8Array(256))]), mime: 'audio/webm' },
    });

    const sent = await runSync(db, { transport });

    expect(sent.error).toBeNull();
    expect(sent.translations).toEqual({ submitted: 1, refused: 0 });
    expect(await countPendingSubmissions(db)).toBe(0);
    const phong = await signIn(app, 'phong.vhtt');
    const listed = await staffFetch(app, phong, 'GET', '/api/slots/submissions?status=submitted');
    const { submissions } = (await listed.json()) as { submissions: { id: string; bulletinId: string }[] };
    const submission = submissions.find((s) => s.bulletinId === bulletin.id);
    expect(submission?.id).toBe((await db.localSlots.get([bulletin.id, 'hmn']))?.submissionId);
    const review = await staffFetch(app, phong, 'POST', `/api/slots/submissions/${submission?.id}/review`, {
      decision: 'reject',
      comment: 'Thiếu câu cuối.',
    });
    expect(review.status).toBe(200);

    const back = await runSync(db, { transport });

    expect(back.error).toBeNull();
    expect(back.pull.reviews).toBe(1);
    expect(await db.localSlots.get([bulletin.id, 'hmn'])).toMatchObject({
      status: 'draft',
      reviewComment: 'Thiếu câu cuối.',
      reviewer: expect.any(String),
    });
    expect(await countPendingSubmissions(db)).toBe(0);
  });

  it('brings an approved translation from another unit’s device to this one, recording included', async () => {
    const transport = transportTo();
    const translator = await enrolledDevice(taPhin, transport);
    const listener = await enrolledDevice(team, transport);
    await runSync(translator, { transport });
    const recording = new Blob([crypto.getRandomValues(new Uint8Array(512))], { type: 'audio/webm' });
    const saved = await saveLocalSlot(translator, {
      bulletinId: bulletin.id,
      bulletinVersion: bulletin.version,
      lang: 'hmn',
      text: 'Tsis txhob qhia xov xwm cuav.',
      translator: 'Giàng A Páo',
      status: 'submitted',
      audio: { blob: recording, mime: 'audio/webm' },
    });
    expect((await runSync(translator, { transport })).error).toBeNull();
    const phong = await signIn(app, 'phong.vhtt');
    const submissionId = (await translator.localSlots.get([bulletin.id, 'hmn']))?.submissionId;
    const approved = await staffFetch(app, phong, 'POST', `/api/slots/submissions/${submissionId}/review`, {
      decision: 'approve',
      comment: '',
    });
    expect(approved.status).toBe(200);

    const report = await runSync(listener, { transport });

    expect(report.error).toBeNull();
    expect(await listener.slots.get([bulletin.id, 'hmn'])).toMatchObject({
      status: 'approved',
      text: saved.text,
      audioId: saved.audioId,
    });
    expect(report.pull.recordings).toBe(1);
    const copy = await listener.attachments.get(saved.audioId ?? '');
    expect(copy).toMatchObject({ mime: 'audio/webm', size: recording.size });

    expect((await runSync(translator, { transport })).error).toBeNull();
    expect(await translator.localSlots.get([bulletin.id, 'hmn'])).toBeUndefined();
    expect(await translator.slots.get([bulletin.id, 'hmn'])).toMatchObject({ status: 'approved' });
  });

  it('re-syncs from a restored server and drops what it lost only once the re-sync is complete', async () => {
    const transport = transportTo();
    const db = await enrolledDevice(taPhin, transport);
    await recordBroadcast(db, makeBroadcastInput(taPhin, bulletin.id));
    const late = await publishBulletin('Lịch tiêm chủng tháng 12');
    expect((await runSync(db, { transport })).error).toBeNull();
    expect(await db.bulletinSearch.get(late.id)).toBeDefined();
    const [logs, deviceKeys] = [await db.logs.toArray(), await db.deviceKeys.toArray()];
    expect(await db.outbox.count()).toBe(0);

    // The server is restored from a backup made before the late bulletin was published: a new identity.
    await store.sql.query('DELETE FROM bulletins WHERE id = $1', [late.id]);
    await store.sql.query('UPDATE database_identity SET id = gen_random_uuid(), created_at = now()');
    transport.pullLimit = 2;
    let pulls = 0;
    transport.before = (call) => {
      // The old cursor, then two pages from 0; the connection drops on the third.
      if (call === 'GET /api/sync/pull' && (pulls += 1) === 4) throw new TypeError('Failed to fetch');
    };

    const cut = await runSync(db, { transport });

    expect(cut.error).toEqual({ kind: 'network' });
    expect(await readResync(db)).toMatchObject({ completedAt: null });
    expect(await db.bulletinSearch.get(late.id)).toBeDefined();
    transport.before = () => undefined;

    const resumed = await runSync(db, { transport });

    expect(resumed.error).toBeNull();
    expect(resumed.changed).toBe(true);
    expect(await readResync(db)).toMatchObject({ completedAt: expect.any(String) });
    expect(await db.bulletinSearch.get(late.id)).toBeUndefined();
    expect(await db.bulletins.get(late.id)).toMatchObject({ status: 'withdrawn' });
    expect(await db.bulletinSearch.get(bulletin.id)).toBeDefined();
    expect(await db.units.get(taPhin)).toBeDefined();
    expect(await db.logs.toArray()).toEqual(logs);
    expect(await db.deviceKeys.toArray()).toEqual(deviceKeys);
    expect(await db.outbox.count()).toBe(0);

    transport.pullLimit = undefined;
    expect((await runSync(db, { transport })).error).toBeNull();
    expect(await readResync(db)).toBeUndefined();
  });

  it('drops a commune moved to another district, its old district and a language it no longer speaks', async () => {
    const transport = transportTo();
    const districtDevice = await enrolledDevice(district, transport);
    const communeDevice = await enrolledDevice(taPhin, transport);
    await store.store.upsertSlots([
      makeSlot(bulletin.id, { lang: 'blt' }),
      makeSlot(bulletin.id, { lang: 'hmn' }),
    ]);
    const log = await recordBroadcast(communeDevice, makeBroadcastInput(taPhin, bulletin.id));
    for (const db of [districtDevice, communeDevice])
      expect((await runSync(db, { transport })).error).toBeNull();
    expect(await communeDevice.slots.get([bulletin.id, 'blt'])).toBeDefined();
    expect(await districtDevice.units.get(taPhin)).toBeDefined();

    const so = await signIn(app, 'so.vhtt');
    const created = await staffFetch(app, so, 'POST', '/api/units', {
      name: 'Huyện Bắc Sơn',
      code: '399',
      level: 'district',
      parentId: province,
      languages: ['vie', 'hmn'],
    });
    expect(created.status).toBe(201);
    const newDistrict = ((await created.json()) as UnitWritten).unit;
    const { id: _id, rev: _rev, ...commune } = (await store.store.unitAuthoring.get(taPhin))!;
    const moved = await staffFetch(app, so, 'PUT', `/api/units/${taPhin}`, {
      ...commune,
      parentId: newDistrict.id,
      languages: ['vie', 'hmn'],
    });
    expect(moved.status).toBe(200);

    const report = await runSync(communeDevice, { transport });

    expect(report.error).toBeNull();
    expect(report.pull.dropped).toBe(2);
    expect((await communeDevice.units.toArray()).map((u) => u.id).sort()).toEqual(
      [province, newDistrict.id, taPhin].sort(),
    );
    expect((await communeDevice.slots.toArray()).map((s) => s.lang)).toEqual(['hmn']);
    expect(await communeDevice.bulletinSearch.get(bulletin.id)).toBeDefined();
    expect(await communeDevice.logs.toArray()).toEqual([log]);
    expect((await runSync(districtDevice, { transport })).error).toBeNull();
    expect(await districtDevice.units.get(taPhin)).toBeUndefined();
    expect(await districtDevice.units.get(vinhHai)).toBeDefined();
  });
});
