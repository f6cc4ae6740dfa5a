import { describe, expect, it } from 'vitest';
import { putAttachment } from '../../../src/client/db/attachment-repository.ts';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import type { LoaxaDb } from '../../../src/client/db/database.ts';
import { storeEnrolment } from '../../../src/client/db/enrolment-repository.ts';
import { recordBroadcast } from '../../../src/client/evidence/log-writer.ts';
import { readEnrolment } from '../../../src/client/sync/enrol.ts';
import { lastSyncAt, runSync, type SyncProgress } from '../../../src/client/sync/run-sync.ts';
import type { BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import type { Unit } from '../../../src/domain/schemas/unit.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBroadcastInput, makeBulletin, makePage, makeSlot, makeUnit } from '../../helpers/factories.ts';
import { fakeTransport, type FakeRoute } from '../../helpers/fake-transport.ts';

async function enrolled(unit: Unit = makeUnit()): Promise<LoaxaDb> {
  const db = freshDb();
  await storeEnrolment(db, {
    deviceId: crypto.randomUUID(),
    label: 'Loa',
    token: 'secret-token-123456',
    unit,
  });
  return db;
}

async function hexSha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const emptyPull: FakeRoute = () => Response.json(makePage({ cursor: 0 }));

const acceptAll: FakeRoute = async (request) => {
  const { logs } = (await new Response(
    request.headers.get('content-encoding') === 'gzip'
      ? request.body?.pipeThrough(new DecompressionStream('gzip'))
      : request.body,
  ).json()) as { logs: BroadcastLog[] };
  return Response.json({
    results: logs.map((log) => ({ id: log.id, status: 'accepted', verification: 'verified' })),
  });
};

describe('runSync', () => {
  it('does not touch the network before the device is enrolled', async () => {
    const transport = fakeTransport({});

    const report = await runSync(freshDb(), { transport });

    expect(report.error).toEqual({ kind: 'not_enrolled' });
    expect(report.changed).toBe(false);
    expect(transport.calls).toEqual([]);
  });

  it('runs attachments, logs, translations and pull in order with the token, then records the success', async () => {
    const unit = makeUnit();
    const db = await enrolled(unit);
    const photo = await putAttachment(db, new Blob([new Uint8Array([1, 2, 3])]), 'image/jpeg');
    await recordBroadcast(db, makeBroadcastInput(unit.id, crypto.randomUUID(), { photoIds: [photo.id] }));
    const transport = fakeTransport({
      [`HEAD /api/attachments/${photo.id}`]: () => new Response(null, { status: 404 }),
      [`PUT /api/attachments/${photo.id}`]: () => new Response(null, { status: 201 }),
      'POST /api/sync/push': acceptAll,
      'GET /api/sync/pull': emptyPull,
    });
    const progress: SyncProgress[] = [];

    const report = await runSync(db, { transport, onProgress: (p) => progress.push(p) });

    expect(report).toMatchObject({
      attachments: { uploaded: 1, skipped: 0 },
      logs: { accepted: 1, duplicate: 0, rejected: 0 },
      translations: { submitted: 0, refused: 0 },
      pull: { pages: 1, recordings: 0 },
      changed: true,
      error: null,
    });
    expect(transport.calls).toEqual([
      `HEAD /api/attachments/${photo.id}`,
      `PUT /api/attachments/${photo.id}`,
      'POST /api/sync/push',
      'GET /api/sync/pull',
    ]);
    expect(
      transport.requests.every((r) => r.headers.get('authorization') === 'Bearer secret-token-123456'),
    ).toBe(true);
    expect(transport.requests[1]?.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Set(progress.map((p) => p.phase))]).toEqual([
      'attachments',
      'logs',
      'translations',
      'pull',
    ]);
    expect(await lastSyncAt(db)).toEqual(expect.any(String));
  });

  it('stops at the first failing phase and keeps the last success time', async () => {
    const unit = makeUnit();
    const db = await enrolled(unit);
    await recordBroadcast(db, makeBroadcastInput(unit.id, crypto.randomUUID()));
    const transport = fakeTransport({
      'POST /api/sync/push': () => Response.json({ error: 'internal_error', message: '' }, { status: 500 }),
    });

    const report = await runSync(db, { transport });

    expect(report.error).toEqual({ kind: 'http', status: 500, code: 'internal_error' });
    expect(transport.calls).toEqual(['POST /api/sync/push']);
    expect(await lastSyncAt(db)).toBeUndefined();
  });

  it('records a revocation and then stays off the network', async () => {
    const db = await enrolled();
    const transport = fakeTransport({
      'GET /api/sync/pull': () => Response.json({ error: 'device_revoked', message: '' }, { status: 401 }),
    });

    expect((await runSync(db, { transport })).error).toEqual({ kind: 'revoked' });
    expect((await readEnrolment(db))?.revokedAt).toEqual(expect.any(String));
    expect((await runSync(db, { transport })).error).toEqual({ kind: 'revoked' });
    expect(transport.calls).toEqual(['GET /api/sync/pull']);
  });

  it('fetches recordings of pulled slots in the device’s languages, checks their hash, and skips others', async () => {
    const unit = makeUnit({ languages: ['vie', 'hmn'] });
    const db = await enrolled(unit);
    const bytes = crypto.getRandomValues(new Uint8Array(128));
    const good = await hexSha256(bytes);
    const forged = 'ab'.repeat(32);
    const foreign = 'cd'.repeat(32);
    const bulletin = makeBulletin();
    const slots = [
      makeSlot(bulletin.id, { lang: 'hmn', audioId: good, rev: 2 }),
      makeSlot(bulletin.id, { lang: 'khm', audioId: foreign, rev: 3 }),
    ];
    const transport = fakeTransport({
      'GET /api/sync/pull': () => Response.json(makePage({ bulletins: [bulletin], slots })),
      [`GET /api/attachments/${good}`]: () =>
        new Response(bytes, { headers: { 'content-type': 'audio/webm' } }),
    });

    const report = await runSync(db, { transport });

    expect(report.error).toBeNull();
    expect(report.pull.recordings).toBe(1);
    expect(await db.attachments.get(good)).toMatchObject({ mime: 'audio/webm', size: 128 });
    expect(transport.calls).not.toContain(`GET /api/attachments/${foreign}`);

    await applyPullPage(db, makePage({ slots: [makeSlot(bulletin.id, { audioId: forged, rev: 9 })] }), 3);
    const tampered = fakeTransport({
      'GET /api/sync/pull': () => Response.json(makePage({ cursor: 9 })),
      [`GET /api/attachments/${forged}`]: () =>
        new Response(bytes, { headers: { 'content-type': 'audio/webm' } }),
    });
    const second = await runSync(db, { transport: tampered });
    expect(second.error).toMatchObject({ kind: 'invalid' });
    expect(await db.attachments.get(forged)).toBeUndefined();
  });

  it('asks the server about an attachment once: one it already has is remembered, not uploaded', async () => {
    const unit = makeUnit();
    const db = await enrolled(unit);
    const photo = await putAttachment(db, new Blob([new Uint8Array([4, 5, 6])]), 'image/png');
    await recordBroadcast(db, makeBroadcastInput(unit.id, crypto.randomUUID(), { photoIds: [photo.id] }));
    await recordBroadcast(db, makeBroadcastInput(unit.id, crypto.randomUUID(), { photoIds: [photo.id] }));
    const transport = fakeTransport({
      [`HEAD /api/attachments/${photo.id}`]: () => new Response(null, { status: 200 }),
      'POST /api/sync/push': () => {
        throw new TypeError('Failed to fetch');
      },
    });

    expect((await runSync(db, { transport })).attachments).toEqual({ uploaded: 0, skipped: 1 });
    expect((await runSync(db, { transport })).attachments).toEqual({ uploaded: 0, skipped: 0 });
    expect(transport.calls.filter((call) => call.startsWith('HEAD'))).toHaveLength(1);
  });
});
