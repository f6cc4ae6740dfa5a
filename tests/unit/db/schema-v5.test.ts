import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/client/db/database.ts';
import { countPendingLogs, countRejectedLogs } from '../../../src/client/db/outbox-repository.ts';
import { countPendingSubmissions } from '../../../src/client/db/slot-repository.ts';
import { makeLog, makeSlot } from '../../helpers/factories.ts';

/** The stores exactly as version 4 shipped them. */
const V4_STORES = {
  bulletins: 'id, status, urgency, topic, validFrom, validUntil, updatedAt, rev',
  bulletinSearch: 'id',
  slots: '[bulletinId+lang], lang, status, bulletinId, audioId',
  localSlots: '[bulletinId+lang], bulletinId, status, audioId',
  units: 'id, parentId',
  logs: 'id, &[deviceId+seq], startedAt, createdAt, correctsLogId, [bulletinId+startedAt], [unitId+startedAt], [channel+startedAt], [lang+startedAt]',
  outbox: 'id, seq, queuedAt',
  attachments: 'id',
  meta: 'key',
  deviceKeys: 'deviceId',
};

describe('schema upgrade to version 5', () => {
  it('keeps the outbox and local edits waiting to be sent, and adds receipts and uploads', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const log = makeLog(null);
    const v4 = new Dexie(name);
    v4.version(4).stores(V4_STORES);
    await v4.table('logs').add(log);
    await v4.table('outbox').add({ id: log.id, seq: log.seq, queuedAt: log.createdAt });
    await v4.table('localSlots').add({ ...makeSlot(crypto.randomUUID()), status: 'submitted', baseRev: 0 });
    v4.close();

    const db = openDb({ name });

    expect(await countPendingLogs(db)).toBe(1);
    expect(await countRejectedLogs(db)).toBe(0);
    expect(await countPendingSubmissions(db)).toBe(1);
    expect(await db.logReceipts.count()).toBe(0);
    expect(await db.uploads.count()).toBe(0);
  });
});
