import { describe, expect, it } from 'vitest';
import { getBulletin, listBulletins } from '../../../src/client/db/bulletin-repository.ts';
import type { LoaxaDb } from '../../../src/client/db/database.ts';
import { getMeta, getPullCursor, setMeta } from '../../../src/client/db/meta-repository.ts';
import { readResync } from '../../../src/client/db/resync-repository.ts';
import { setDeviceUnit, setOperatorName } from '../../../src/client/db/settings-repository.ts';
import {
  countPendingSubmissions,
  listPendingSubmissions,
  markSubmissionSent,
  saveLocalSlot,
} from '../../../src/client/db/slot-repository.ts';
import { recordBroadcast } from '../../../src/client/evidence/log-writer.ts';
import { draftPlayback, listPendingDrafts } from '../../../src/client/logs/drafts.ts';
import { pullAll } from '../../../src/client/sync/pull.ts';
import type { PullPage } from '../../../src/domain/sync.ts';
import { freshDb } from '../../helpers/db.ts';
import {
  PAGE_DATABASE,
  makeBroadcastInput,
  makeBulletin,
  makePage,
  makeSlot,
  makeUnit,
} from '../../helpers/factories.ts';
import { fakeTransport } from '../../helpers/fake-transport.ts';

const TODAY = '2026-06-15';
const RESTORED = '0190a1b2-0000-4000-8000-0000000bac0b';

/** A pull endpoint answering from `pages` by the cursor asked for; a missing cursor drops the connection. */
function pullServer(pages: Record<number, PullPage>) {
  const cursors: number[] = [];
  const transport = fakeTransport({
    'GET /api/sync/pull': (request) => {
      const cursor = Number(new URL(request.url).searchParams.get('cursor'));
      cursors.push(cursor);
      const page = pages[cursor];
      if (page === undefined) throw new TypeError('Failed to fetch');
      return Response.json(page);
    },
  });
  return { transport, cursors };
}

/**
 * A device that pulled a unit, two bulletins with an H'Mông slot each and a review from the first server, then
 * recorded a log, kept a log draft, drafted one translation and sent another for review.
 */
async function deviceOfFirstServer(db: LoaxaDb) {
  const unit = makeUnit({ rev: 1 });
  const gone = makeUnit({ parentId: unit.id, level: 'team', rev: 2 });
  const kept = makeBulletin({ title: 'Tiêm chủng mở rộng', targetUnitIds: [unit.id], rev: 3 });
  const lost = makeBulletin({ title: 'Bản tin sau bản sao lưu', targetUnitIds: [unit.id], rev: 4 });
  const slots = [makeSlot(kept.id, { rev: 5 }), makeSlot(lost.id, { rev: 6 })];
  const first = pullServer({
    0: makePage({ units: [unit, gone], bulletins: [kept, lost], slots, cursor: 40 }),
  });
  expect((await pullAll(db, first.transport)).error).toBeNull();
  await setDeviceUnit(db, unit.id);
  await setOperatorName(db, 'Lò Văn Minh');
  const log = await recordBroadcast(db, makeBroadcastInput(unit.id, kept.id));
  const draft = await draftPlayback(db, {
    playback: {
      startedAt: '2026-06-15T00:00:00.000Z',
      endedAt: '2026-06-15T00:02:00.000Z',
      repeatsCompleted: 1,
      outcome: 'completed',
    },
    voice: 'offline',
    bulletin: { id: kept.id, version: 1, title: kept.title },
    lang: 'vie',
  });
  const translation = { bulletinVersion: 1, lang: 'khm' as const, text: 'Bản nháp', translator: 'Thạch Sóc' };
  await saveLocalSlot(db, { ...translation, bulletinId: kept.id, status: 'draft', audio: null });
  await saveLocalSlot(db, { ...translation, bulletinId: lost.id, status: 'submitted', audio: null });
  const [sent] = await listPendingSubmissions(db);
  await markSubmissionSent(db, sent!);
  return { unit, gone, kept, lost, log, draft, sent: sent! };
}

describe('re-sync after the server database changed', () => {
  it('remembers the first database it meets, even with a cursor from an app that knew none', async () => {
    const db = freshDb();
    await setMeta(db, 'pullCursor', 12);
    const server = pullServer({ 12: makePage({ bulletins: [makeBulletin({ rev: 13 })] }) });

    const result = await pullAll(db, server.transport);

    expect(result.error).toBeNull();
    expect(server.cursors).toEqual([12]);
    expect(await getMeta(db, 'pullDatabase')).toBe(PAGE_DATABASE);
    expect(await readResync(db)).toBeUndefined();
  });

  it('pulls everything again from 0 and drops what the new server did not send only once it is complete', async () => {
    const db = freshDb();
    const { unit, kept, lost, log, draft, sent } = await deviceOfFirstServer(db);
    const deviceKeys = await db.deviceKeys.toArray();
    const restored = { database: RESTORED };
    const server = pullServer({
      // The restored database is behind the device's cursor: the page after it says so, and is not applied.
      40: makePage({ ...restored, cursor: 40 }),
      0: makePage({
        ...restored,
        units: [unit],
        bulletins: [kept],
        scope: { units: [unit.id], languages: unit.languages },
        more: true,
        cursor: 2,
      }),
      2: makePage({ ...restored, slots: [makeSlot(kept.id, { rev: 3 })], cursor: 3, more: true }),
    });

    // The connection drops after the restored server's second page.
    const interrupted = await pullAll(db, server.transport);

    expect(interrupted.error).toEqual({ kind: 'network' });
    expect(server.cursors).toEqual([40, 0, 2, 3]);
    expect(await getPullCursor(db)).toBe(3);
    expect(await getMeta(db, 'pullDatabase')).toBe(RESTORED);
    expect(await readResync(db)).toEqual({ detectedAt: expect.any(String), completedAt: null });
    // Nothing is dropped yet, not even by the scope: the operator still has every bulletin offline.
    const listed = async () => (await listBulletins(db, { today: TODAY })).map((b) => b.title).sort();
    expect(await listed()).toEqual([kept.title, lost.title].sort());
    expect(await db.slots.count()).toBe(2);
    expect(await db.units.count()).toBe(2);

    // The next sync resumes at the last committed page and completes the re-sync.
    server.cursors.length = 0;
    const last = makePage({ ...restored, bulletins: [{ ...kept, rev: 4 }], cursor: 4 });
    const resumed = await pullAll(db, pullServer({ 3: last }).transport);

    expect(resumed.error).toBeNull();
    expect(resumed.counts).toMatchObject({ pages: 1, withdrawn: 1, dropped: 2 });
    expect(await listed()).toEqual([kept.title]);
    expect((await getBulletin(db, lost.id))?.status).toBe('withdrawn');
    expect((await db.slots.toArray()).map((s) => s.bulletinId)).toEqual([kept.id]);
    expect((await db.units.toArray()).map((u) => u.id)).toEqual([unit.id]);
    expect(await readResync(db)).toEqual({ detectedAt: expect.any(String), completedAt: expect.any(String) });
    expect(await db.resyncReceived.count()).toBe(0);
    // The device's own work is left alone; the translation the new server never got is sent again.
    expect(await db.logs.toArray()).toEqual([log]);
    expect((await db.outbox.toArray()).map((entry) => entry.id)).toEqual([log.id]);
    expect(await db.deviceKeys.toArray()).toEqual(deviceKeys);
    expect((await listPendingDrafts(db)).map((d) => d.id)).toEqual([draft?.id]);
    expect(await db.localSlots.get([kept.id, 'khm'])).toMatchObject({ status: 'draft', text: 'Bản nháp' });
    expect(await db.localSlots.get([lost.id, 'khm'])).toMatchObject({ submissionId: sent.submissionId });
    expect(await countPendingSubmissions(db)).toBe(1);

    // The notice stays for that sync's result and goes with the next pull that reaches the end.
    expect(
      (await pullAll(db, pullServer({ 4: makePage({ ...restored, cursor: 4 }) }).transport)).error,
    ).toBeNull();
    expect(await readResync(db)).toBeUndefined();
    expect(await listed()).toEqual([kept.title]);
  });

  it('keeps a submission whose review the new server sent as it is', async () => {
    const db = freshDb();
    const { unit, kept, lost, sent } = await deviceOfFirstServer(db);
    const review = {
      submissionId: sent.submissionId,
      bulletinId: lost.id,
      lang: 'khm' as const,
      status: 'submitted' as const,
      reviewer: null,
      reviewComment: null,
      updatedAt: '2026-06-15T01:00:00.000Z',
      rev: 3,
    };
    const server = pullServer({
      40: makePage({ database: RESTORED, cursor: 40 }),
      0: makePage({ database: RESTORED, units: [unit], bulletins: [kept, lost], reviews: [review] }),
    });

    expect((await pullAll(db, server.transport)).error).toBeNull();

    expect(await countPendingSubmissions(db)).toBe(0);
    expect(await db.localSlots.get([lost.id, 'khm'])).toMatchObject({ submissionSentAt: expect.any(String) });
  });

  it('starts over when the database changes again during a re-sync, forgetting what the first one sent', async () => {
    const db = freshDb();
    const { unit, kept, lost } = await deviceOfFirstServer(db);
    const interrupted = pullServer({
      40: makePage({ database: RESTORED, cursor: 40 }),
      0: makePage({ database: RESTORED, units: [unit], bulletins: [lost], cursor: 1, more: true }),
    });
    await pullAll(db, interrupted.transport);
    const another = '0190a1b2-0000-4000-8000-00000000a7e2';
    const replaced = pullServer({
      1: makePage({ database: another, cursor: 1 }),
      0: makePage({ database: another, units: [unit], bulletins: [kept] }),
    });

    const result = await pullAll(db, replaced.transport);

    expect(result.error).toBeNull();
    expect(await getMeta(db, 'pullDatabase')).toBe(another);
    expect((await listBulletins(db, { today: TODAY })).map((b) => b.id)).toEqual([kept.id]);
    expect((await getBulletin(db, lost.id))?.status).toBe('withdrawn');
  });

  it('stops rather than restarting again when the database changes within one pull', async () => {
    const db = freshDb();
    const { unit, kept } = await deviceOfFirstServer(db);
    const server = pullServer({
      40: makePage({ database: RESTORED, cursor: 40 }),
      0: makePage({ database: RESTORED, units: [unit], cursor: 1, more: true }),
      // Another process behind the same address, on the first database.
      1: makePage({ bulletins: [{ ...kept, rev: 2 }], cursor: 2 }),
    });

    const result = await pullAll(db, server.transport);

    expect(result.error).toEqual({ kind: 'invalid', detail: 'server database changed during the pull' });
    expect(server.cursors).toEqual([40, 0, 1]);
    expect(await getPullCursor(db)).toBe(1);
    expect((await readResync(db))?.completedAt).toBeNull();
  });
});
