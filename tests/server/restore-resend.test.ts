/**
 * No evidence lost to a restore: the device's real sync engine (IndexedDB through fake-indexeddb) against a real
 * server on the embedded database, in this process with its admin socket, backed up while it runs; the device
 * goes on pushing logs and a photo after the backup; the server is restored from that backup into a fresh data
 * directory and started. One sync against the restored server leaves it with every log, verified, the chain
 * whole, and the photo it lost.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putAttachment } from '../../src/client/db/attachment-repository.ts';
import { listLogReceipts } from '../../src/client/db/outbox-repository.ts';
import { readResync } from '../../src/client/db/resync-repository.ts';
import { recordBroadcast } from '../../src/client/evidence/log-writer.ts';
import { enrolDevice } from '../../src/client/sync/enrol.ts';
import { runSync } from '../../src/client/sync/run-sync.ts';
import type { Transport } from '../../src/client/sync/transport.ts';
import type { PairingCodeIssued } from '../../src/domain/accounts.ts';
import { verifyChain } from '../../src/domain/evidence/verify-chain.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import { serveAdminSocket } from '../../src/server/admin/admin-socket.ts';
import { createBackup } from '../../src/server/admin/backup.ts';
import { restoreBackup } from '../../src/server/admin/restore.ts';
import { createApp } from '../../src/server/app.ts';
import { attachmentsDir } from '../../src/server/attachments/attachment-files.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { seedDemoData } from '../../src/server/demo/seed.ts';
import { openEmbeddedStore } from '../../src/server/store/open-store.ts';
import { signIn, staffFetch } from '../helpers/auth.ts';
import { freshDb } from '../helpers/db.ts';
import { makeBroadcastInput } from '../helpers/factories.ts';

/** A server on the embedded database of `dataDir`, as main.ts starts it, with a way to stop it. */
async function startServer(dataDir: string) {
  const store = await openEmbeddedStore(dataDir);
  await store.migrate();
  const closeAdminSocket = await serveAdminSocket(store, dataDir);
  const app = createApp({ store, version: 'test', attachmentsDir: attachmentsDir(dataDir) });
  const stop = async () => {
    await closeAdminSocket();
    await store.close();
  };
  return { store, app, stop };
}

/** A JPEG's first and last bytes around random ones: a photo no other test stores. */
function photo(): Blob {
  const bytes = [0xff, 0xd8, 0xff, 0xe0, ...crypto.getRandomValues(new Uint8Array(64)), 0xff, 0xd9];
  return new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
}

describe('a device whose server was restored from a backup taken before its last logs', () => {
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  /** The device's sync reaches whichever server runs now. */
  const transport: Transport = {
    baseUrl: '',
    fetch: (url, init) => {
      if (!server) throw new TypeError('Failed to fetch');
      return server.app.request(url, init);
    },
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'loaxa-restore-resend-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('sends the logs and the photo the restored server lost, which then hold a verified, whole chain', async () => {
    const dataDir = join(root, 'data');
    const original = await startServer(dataDir);
    server = original;
    await seedDemoData(original.store);
    const admin = await signIn(original.app, 'admin');
    const issued = await staffFetch(original.app, admin, 'POST', '/api/pairing-codes', {
      unitId: DEMO_UNIT_IDS.taPhin,
    });
    const { code } = (await issued.json()) as PairingCodeIssued;
    const db = freshDb();
    expect(await enrolDevice(db, { code, label: 'Loa xã Tả Phìn' }, transport)).toMatchObject({ ok: true });
    expect((await runSync(db, { transport })).error).toBeNull();
    const bulletin = await db.bulletins.toCollection().first();
    if (!bulletin) throw new Error('the demo data sent no bulletin');
    const record = async (photoIds: string[] = []) =>
      recordBroadcast(db, makeBroadcastInput(DEMO_UNIT_IDS.taPhin, bulletin.id, { photoIds }));
    const backedUpPhoto = await putAttachment(db, photo(), 'image/jpeg');
    const logs: BroadcastLog[] = [await record(), await record([backedUpPhoto.id]), await record()];
    expect((await runSync(db, { transport })).logs).toEqual({ accepted: 3, duplicate: 0, rejected: 0 });

    const backupFile = join(root, 'loaxa.backup');
    await createBackup({ dataDir, file: backupFile });

    const lostPhoto = await putAttachment(db, photo(), 'image/jpeg');
    logs.push(await record(), await record([lostPhoto.id]), await record());
    const late = await runSync(db, { transport });
    expect(late).toMatchObject({ error: null, logs: { accepted: 3 }, attachments: { uploaded: 1 } });
    expect(await db.outbox.count()).toBe(0);
    server = undefined;
    await original.stop();

    const restoredDir = join(root, 'restored');
    await restoreBackup(backupFile, restoredDir);
    server = await startServer(restoredDir);
    const restored = server.store;
    const ids = logs.map((log) => log.id);
    expect((await restored.logs.findLogs(ids)).map((log) => log.seq).sort()).toEqual([1, 2, 3]);
    expect(await restored.attachments.find(lostPhoto.id)).toBeUndefined();

    const report = await runSync(db, { transport });

    expect(report.error).toBeNull();
    expect(report.logs).toEqual({ accepted: 3, duplicate: 3, rejected: 0 });
    expect(report.attachments).toEqual({ uploaded: 1, skipped: 1 });
    expect(await readResync(db)).toMatchObject({ completedAt: expect.any(String) });
    const stored = (await restored.logs.findLogs(ids)).sort((a, b) => a.seq - b.seq);
    expect(stored.map((log) => [log.id, log.verification])).toEqual(ids.map((id) => [id, 'verified']));
    const [deviceKey] = await db.deviceKeys.toArray();
    expect(await verifyChain(stored, deviceKey!.publicKeyJwk)).toMatchObject({
      status: 'verified',
      count: 6,
    });
    expect(await restored.attachments.find(lostPhoto.id)).toMatchObject({ id: lostPhoto.id });
    expect(await db.outbox.count()).toBe(0);
    const receipts = await listLogReceipts(db, ids);
    expect(ids.map((id) => receipts.get(id)?.verification)).toEqual(ids.map(() => 'verified'));
  });
});
