import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/client/db/database.ts';
import { listLogsForBulletin } from '../../../src/client/db/log-repository.ts';
import { recordBroadcast } from '../../../src/client/evidence/log-writer.ts';
import { makeLog } from '../../helpers/factories.ts';

/** The stores exactly as version 3 shipped them. */
const V3_STORES = {
  bulletins: 'id, status, urgency, topic, validFrom, validUntil, updatedAt, rev',
  bulletinSearch: 'id',
  slots: '[bulletinId+lang], lang, status, bulletinId, audioId',
  localSlots: '[bulletinId+lang], bulletinId, status, audioId',
  units: 'id, parentId',
  logs: 'id, [deviceId+seq], bulletinId, startedAt, unitId, channel, lang, correctsLogId',
  outbox: 'id, seq, queuedAt',
  attachments: 'id',
  meta: 'key',
};

describe('schema upgrade to version 4', () => {
  it('keeps stored logs, indexes them by time within bulletin, unit, channel and language, adds deviceKeys', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const bulletinId = crypto.randomUUID();
    const early = makeLog(bulletinId, { startedAt: '2026-11-24T00:00:00.000Z', channel: 'mobile_vehicle' });
    const late = makeLog(bulletinId, { startedAt: '2026-11-25T00:00:00.000Z', lang: 'khm' });
    const v3 = new Dexie(name);
    v3.version(3).stores(V3_STORES);
    await v3.table('logs').bulkAdd([late, early]);
    v3.close();

    const db = openDb({ name });

    expect((await listLogsForBulletin(db, bulletinId)).map((l) => l.id).sort()).toEqual(
      [early.id, late.id].sort(),
    );
    const byDay = await db.logs
      .where('[bulletinId+startedAt]')
      .between([bulletinId, '2026-11-24T00:00:00.000Z'], [bulletinId, '2026-11-24T23:59:59.999Z'], true, true)
      .toArray();
    expect(byDay).toEqual([early]);
    expect(
      await db.logs
        .where('[channel+startedAt]')
        .between(['mobile_vehicle', ''], ['mobile_vehicle', '\uffff'])
        .toArray(),
    ).toEqual([early]);
    expect(await db.logs.where('lang').equals('khm').toArray()).toEqual([late]);
    expect(await db.deviceKeys.count()).toBe(0);
    // Logs of other devices stored before do not count in this device's chain.
    const {
      id: _id,
      deviceId: _device,
      seq: _seq,
      prevHash: _prev,
      hash: _hash,
      signature: _sig,
      createdAt: _at,
      ...input
    } = early;
    const now = Date.now();
    const written = await recordBroadcast(db, {
      ...input,
      startedAt: new Date(now - 600_000).toISOString(),
      endedAt: new Date(now - 300_000).toISOString(),
    });
    expect(written.seq).toBe(1);
  });

  it('refuses a second log at one place of a chain', async () => {
    const db = openDb({ name: `loaxa-test-${crypto.randomUUID()}` });
    const first = makeLog(null, { seq: 1 });
    await db.logs.add(first);
    await expect(db.logs.add(makeLog(null, { seq: 1, deviceId: first.deviceId }))).rejects.toThrow(
      Dexie.ConstraintError,
    );
    await db.logs.add(makeLog(null, { seq: 1 }));
    expect(await db.logs.count()).toBe(2);
  });
});
