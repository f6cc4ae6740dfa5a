import { describe, expect, it } from 'vitest';
import {
  listAttachmentsToUpload,
  markUploaded,
  putAttachment,
} from '../../../src/client/db/attachment-repository.ts';
import { applyPullPage, pullPageTables } from '../../../src/client/db/bulletin-repository.ts';
import type { LoaxaDb } from '../../../src/client/db/database.ts';
import { storeEnrolment } from '../../../src/client/db/enrolment-repository.ts';
import { readHistory } from '../../../src/client/db/log-repository.ts';
import { getMeta, getPullCursor, setMeta } from '../../../src/client/db/meta-repository.ts';
import { listLogReceipts } from '../../../src/client/db/outbox-repository.ts';
import { readResync } from '../../../src/client/db/resync-repository.ts';
import { recordBroadcast } from '../../../src/client/evidence/log-writer.ts';
import { pullAll } from '../../../src/client/sync/pull.ts';
import { pushLogs } from '../../../src/client/sync/push.ts';
import { runSync } from '../../../src/client/sync/run-sync.ts';
import type { BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import type { Unit } from '../../../src/domain/schemas/unit.ts';
import { PUSH_BATCH_MAX, type PullPage, type PushResult } from '../../../src/domain/sync.ts';
import { freshDb } from '../../helpers/db.ts';
import { PAGE_DATABASE, makeBroadcastInput, makeLog, makePage, makeUnit } from '../../helpers/factories.ts';
import { fakeTransport, type FakeRoute } from '../../helpers/fake-transport.ts';

const RESTORED = '0190a1b2-0000-4000-8000-0000000bac0b';
const BULLETIN = crypto.randomUUID();

async function logsOf(request: Request): Promise<BroadcastLog[]> {
  const gzipped = request.headers.get('content-encoding') === 'gzip';
  const stream = gzipped ? request.body?.pipeThrough(new DecompressionStream('gzip')) : request.body;
  return ((await new Response(stream).json()) as { logs: BroadcastLog[] }).logs;
}

/**
 * A server database as the device meets it: pull pages by cursor (a missing one drops the connection), logs
 * stored by id (`refuse` names those it rejects), and the attachments `asked` by id, `held` the ones it has.
 * `dropPush` plays the connection dropping at the push numbered so (1 = the first).
 */
function fakeServer(
  pages: Record<number, PullPage>,
  {
    stored = new Set<string>(),
    held = new Set<string>(),
    asked = [],
    refuse = () => false,
    dropPush,
  }: {
    stored?: Set<string>;
    held?: Set<string>;
    asked?: readonly string[];
    refuse?: (log: BroadcastLog) => boolean;
    dropPush?: number;
  } = {},
) {
  const batches: number[][] = [];
  const answer = (log: BroadcastLog): PushResult => {
    if (refuse(log)) return { id: log.id, status: 'rejected', reason: 'unit_not_allowed' };
    const status = stored.has(log.id) ? 'duplicate' : 'accepted';
    stored.add(log.id);
    return { id: log.id, status, verification: 'verified' };
  };
  const attachmentRoutes = asked.flatMap((id): [string, FakeRoute][] => [
    [`HEAD /api/attachments/${id}`, () => new Response(null, { status: held.has(id) ? 200 : 404 })],
    [`PUT /api/attachments/${id}`, () => (held.add(id), new Response(null, { status: 201 }))],
  ]);
  const transport = fakeTransport({
    ...Object.fromEntries(attachmentRoutes),
    'GET /api/sync/pull': (request) => {
      const page = pages[Number(new URL(request.url).searchParams.get('cursor'))];
      if (page === undefined) throw new TypeError('Failed to fetch');
      return Response.json(page);
    },
    'POST /api/sync/push': async (request) => {
      if (batches.length + 1 === dropPush) throw new TypeError('Failed to fetch');
      const logs = await logsOf(request);
      batches.push(logs.map((log) => log.seq));
      return Response.json({ results: logs.map(answer) });
    },
  });
  return { transport, batches, stored, held };
}

async function enrolled(unit: Unit): Promise<LoaxaDb> {
  const db = freshDb();
  await storeEnrolment(db, {
    deviceId: crypto.randomUUID(),
    label: 'Loa',
    token: 'secret-token-123456',
    unit,
  });
  return db;
}

async function record(db: LoaxaDb, unitId: string, count: number, photoIds: string[] = []) {
  const logs: BroadcastLog[] = [];
  for (let i = 0; i < count; i += 1)
    logs.push(await recordBroadcast(db, makeBroadcastInput(unitId, BULLETIN, { photoIds })));
  return logs;
}

const outboxSeqs = async (db: LoaxaDb) =>
  (await db.outbox.orderBy('seq').toArray()).map((entry) => entry.seq);

describe('sending everything again to a restored server', () => {
  it('puts the whole chain back in seq order, forgets the server’s attachments, and one run sends them', async () => {
    const unit = makeUnit();
    const db = await enrolled(unit);
    const kept = await putAttachment(db, new Blob([new Uint8Array([1, 2, 3])]), 'image/jpeg');
    const lost = await putAttachment(db, new Blob([new Uint8Array([4, 5, 6])]), 'image/jpeg');
    const logs = [
      ...(await record(db, unit.id, 2, [kept.id])),
      ...(await record(db, unit.id, 1)),
      ...(await record(db, unit.id, 1, [lost.id])),
    ];
    const asked = [kept.id, lost.id];
    const first = fakeServer(
      { 0: makePage({ units: [unit], cursor: 5 }) },
      { asked, refuse: (log) => log.seq === 3 },
    );
    expect((await runSync(db, { transport: first.transport })).error).toBeNull();
    // Its first identity is only remembered: nothing is sent twice.
    expect(first.batches).toEqual([[1, 2, 3, 4]]);
    expect(await outboxSeqs(db)).toEqual([3]);
    expect(await db.uploads.count()).toBe(2);

    // Restored from a backup taken after the first log and the first photo arrived.
    const restored = fakeServer(
      {
        5: makePage({ database: RESTORED, cursor: 5 }),
        0: makePage({ database: RESTORED, units: [unit], cursor: 3 }),
      },
      { stored: new Set([logs[0]!.id]), held: new Set([kept.id]), asked },
    );
    const report = await runSync(db, { transport: restored.transport });

    expect(report.error).toBeNull();
    expect(report.logs).toEqual({ accepted: 3, duplicate: 1, rejected: 0 });
    expect(report.attachments).toEqual({ uploaded: 1, skipped: 1 });
    expect(restored.transport.calls).toEqual([
      'GET /api/sync/pull',
      'GET /api/sync/pull',
      `HEAD /api/attachments/${kept.id}`,
      `HEAD /api/attachments/${lost.id}`,
      `PUT /api/attachments/${lost.id}`,
      'POST /api/sync/push',
    ]);
    expect(restored.batches).toEqual([[1, 2, 3, 4]]);
    expect(restored.stored).toEqual(new Set(logs.map((log) => log.id)));
    expect(await db.outbox.count()).toBe(0);
    const receipts = await listLogReceipts(
      db,
      logs.map((log) => log.id),
    );
    expect([...receipts.values()].map((receipt) => receipt.verification)).toEqual(logs.map(() => 'verified'));
  });

  it('shows the logs as waiting to be sent until the new server answers, keeping their receipts', async () => {
    const unit = makeUnit();
    const db = freshDb();
    const logs = await record(db, unit.id, 3);
    const photo = await putAttachment(db, new Blob([new Uint8Array([7, 8, 9])]), 'image/png');
    await markUploaded(db, [photo.id]);
    await pushLogs(db, fakeServer({}).transport, 'token');
    await pullAll(db, fakeServer({ 0: makePage({ cursor: 40 }) }).transport);
    const receipts = await db.logReceipts.toArray();
    const from = new Date(0);
    expect((await readHistory(db, from)).unsent.size).toBe(0);

    const restored = fakeServer({ 40: makePage({ database: RESTORED, cursor: 40 }) });
    expect((await pullAll(db, restored.transport)).error).toEqual({ kind: 'network' });

    expect(await getMeta(db, 'pullDatabase')).toBe(RESTORED);
    expect(await getPullCursor(db)).toBe(0);
    expect(await outboxSeqs(db)).toEqual([1, 2, 3]);
    expect(await db.outbox.toArray()).toEqual(
      logs.map((log) => ({ id: log.id, seq: log.seq, queuedAt: expect.any(String) })),
    );
    expect((await readHistory(db, from)).unsent).toEqual(new Set(logs.map((log) => log.id)));
    expect(await db.logReceipts.toArray()).toEqual(receipts);
    expect(await db.uploads.count()).toBe(0);
  });

  it('sends nothing again on the first identity it meets, even with a cursor from an app that knew none', async () => {
    const db = freshDb();
    await record(db, crypto.randomUUID(), 2);
    const photo = await putAttachment(db, new Blob([new Uint8Array([1])]), 'image/jpeg');
    await markUploaded(db, [photo.id]);
    await pushLogs(db, fakeServer({}).transport, 'token');
    await setMeta(db, 'pullCursor', 12);

    expect((await pullAll(db, fakeServer({ 12: makePage({ cursor: 12 }) }).transport)).error).toBeNull();

    expect(await getMeta(db, 'pullDatabase')).toBe(PAGE_DATABASE);
    expect(await readResync(db)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.uploads.count()).toBe(1);
  });

  it('puts a log back once across an interrupted re-sync and push, and again, losing none, when the database changes again', async () => {
    const db = freshDb();
    const logs = await record(db, crypto.randomUUID(), 3);
    await pushLogs(db, fakeServer({}).transport, 'token');
    await pullAll(db, fakeServer({ 0: makePage({ cursor: 40 }) }).transport);
    const stored = new Set([logs[0]!.id]);
    const pages = {
      40: makePage({ database: RESTORED, cursor: 40 }),
      0: makePage({ database: RESTORED, cursor: 2, more: true }),
    };

    // The re-sync starts, then the connection drops after its first page; the push after it drops at its second batch.
    expect((await pullAll(db, fakeServer(pages, { stored }).transport)).error).toEqual({ kind: 'network' });
    const cut = fakeServer({}, { stored, dropPush: 2 });
    expect(await pushLogs(db, cut.transport, 'token', undefined, 2)).toMatchObject({
      duplicate: 1,
      accepted: 1,
      error: { kind: 'network' },
    });
    expect(await outboxSeqs(db)).toEqual([3]);

    // Resuming the re-sync does not put back what the restored server has acknowledged.
    const resumed = fakeServer({ 2: makePage({ database: RESTORED, cursor: 3 }) }, { stored });
    expect((await pullAll(db, resumed.transport)).error).toBeNull();
    expect((await readResync(db))?.completedAt).toEqual(expect.any(String));
    expect(await outboxSeqs(db)).toEqual([3]);
    expect(await pushLogs(db, resumed.transport, 'token')).toMatchObject({ accepted: 1, duplicate: 0 });
    expect(stored).toEqual(new Set(logs.map((log) => log.id)));

    // Another database again: the whole chain goes back once more, and the server answers duplicates.
    const another = '0190a1b2-0000-4000-8000-00000000a7e2';
    const again = fakeServer(
      { 3: makePage({ database: another, cursor: 3 }), 0: makePage({ database: another }) },
      { stored },
    );
    expect((await pullAll(db, again.transport)).error).toBeNull();
    expect(await outboxSeqs(db)).toEqual([1, 2, 3]);
    expect(await pushLogs(db, again.transport, 'token')).toMatchObject({ accepted: 0, duplicate: 3 });
  });

  it('leaves nothing half done when the page that notices the new database is not committed', async () => {
    const db = freshDb();
    await record(db, crypto.randomUUID(), 2);
    await pushLogs(db, fakeServer({}).transport, 'token');
    await pullAll(db, fakeServer({ 0: makePage({ cursor: 40 }) }).transport);
    const photo = await putAttachment(db, new Blob([new Uint8Array([2])]), 'image/jpeg');
    await markUploaded(db, [photo.id]);
    const page = makePage({ database: RESTORED, cursor: 40 });
    // The app is closed before the transaction commits.
    const closed = db.transaction('rw', pullPageTables(db), async () => {
      expect(await applyPullPage(db, page, 40)).toBeNull();
      throw new Error('closed');
    });

    await expect(closed).rejects.toThrow('closed');
    expect(await getMeta(db, 'pullDatabase')).toBe(PAGE_DATABASE);
    expect(await getPullCursor(db)).toBe(40);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.uploads.count()).toBe(1);
    expect(await applyPullPage(db, page, 40)).toBeNull();
    expect(await outboxSeqs(db)).toEqual([1, 2]);
    expect(await db.uploads.count()).toBe(0);
  });

  it('sends a history of thousands in push batches, reading the photos it names a batch at a time', async () => {
    const db = freshDb();
    const deviceId = crypto.randomUUID();
    const photo = await putAttachment(db, new Blob([new Uint8Array([3, 1, 4])]), 'image/jpeg');
    const count = 2 * PUSH_BATCH_MAX + 123;
    const logs = Array.from({ length: count }, (_, i) =>
      makeLog(BULLETIN, { deviceId, seq: i + 1, photoIds: i + 1 === count - 5 ? [photo.id] : [] }),
    );
    await db.logs.bulkAdd(logs);
    await db.logReceipts.bulkAdd(
      logs.map((log) => ({ id: log.id, verification: 'verified', acknowledgedAt: log.createdAt })),
    );
    await pullAll(db, fakeServer({ 0: makePage({ cursor: 40 }) }).transport);
    expect(await listAttachmentsToUpload(db)).toEqual([]);

    await pullAll(db, fakeServer({ 40: makePage({ database: RESTORED, cursor: 40 }) }).transport);

    expect(await db.outbox.count()).toBe(count);
    expect(await listAttachmentsToUpload(db)).toEqual([{ id: photo.id, mime: 'image/jpeg', size: 3 }]);
    const server = fakeServer({}, { stored: new Set(logs.slice(0, PUSH_BATCH_MAX).map((log) => log.id)) });
    expect(await pushLogs(db, server.transport, 'token')).toEqual({
      accepted: count - PUSH_BATCH_MAX,
      duplicate: PUSH_BATCH_MAX,
      rejected: 0,
      error: null,
    });
    expect(server.batches.map((batch) => batch.length)).toEqual([PUSH_BATCH_MAX, PUSH_BATCH_MAX, 123]);
    expect(server.batches.flat()).toEqual(logs.map((log) => log.seq));
    expect(await db.outbox.count()).toBe(0);
  });
});
