import Dexie from 'dexie';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { putAttachment } from '../../../src/client/db/attachment-repository.ts';
import { openDb, type LoaxaDb } from '../../../src/client/db/database.ts';
import { listLogsForBulletin } from '../../../src/client/db/log-repository.ts';
import { isQuotaError } from '../../../src/client/db/storage.ts';
import { getDeviceIdentity } from '../../../src/client/evidence/device-key.ts';
import {
  LogWriteError,
  recordBroadcast,
  verifyDeviceChain,
  type BroadcastInput,
} from '../../../src/client/evidence/log-writer.ts';
import { GENESIS_HASH, hashLog } from '../../../src/domain/evidence/canonical.ts';
import { verifyChain } from '../../../src/domain/evidence/verify-chain.ts';
import { BroadcastLogSchema, type BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBroadcastInput } from '../../helpers/factories.ts';
import { fillDisk } from '../../helpers/full-disk.ts';

const UNIT = '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5';
const BULLETIN = '2e3f4051-6b7c-4d8e-9fa0-b1c2d3e4f506';

/** A broadcast that ended a minute ago, as a played bulletin's draft gives it. */
function input(overrides: Partial<BroadcastInput> = {}): BroadcastInput {
  return makeBroadcastInput(UNIT, BULLETIN, overrides);
}

async function failure(promise: Promise<unknown>): Promise<LogWriteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LogWriteError);
  return error as LogWriteError;
}

async function stored(db: LoaxaDb) {
  return {
    logs: await db.logs.orderBy('[deviceId+seq]').toArray(),
    outbox: await db.outbox.orderBy('seq').toArray(),
  };
}

describe('recordBroadcast', () => {
  it('writes the first log of the chain, signed, with its outbox entry, and returns it as stored', async () => {
    const db = freshDb();
    const before = Date.now();
    const broadcast = input();

    const log = await recordBroadcast(db, broadcast);

    const identity = await getDeviceIdentity(db);
    expect(v.is(BroadcastLogSchema, log)).toBe(true);
    expect(log).toMatchObject({ ...broadcast, deviceId: identity.deviceId, seq: 1, prevHash: GENESIS_HASH });
    expect(log.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(log.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(log.createdAt)).toBeLessThanOrEqual(Date.now());
    expect(log.hash).toBe(await hashLog(GENESIS_HASH, log));
    expect(await stored(db)).toEqual({
      logs: [log],
      outbox: [{ id: log.id, seq: 1, queuedAt: log.createdAt }],
    });
    expect(await verifyChain([log], identity.publicKeyJwk)).toMatchObject({ status: 'verified', count: 1 });
  });

  it('chains each log after the last, with ids that sort by creation', async () => {
    const db = freshDb();
    const logs: BroadcastLog[] = [];
    for (let i = 0; i < 3; i += 1) logs.push(await recordBroadcast(db, input({ notes: `lần ${i + 1}` })));

    expect(logs.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(logs[1]!.prevHash).toBe(logs[0]!.hash);
    expect(logs[2]!.prevHash).toBe(logs[1]!.hash);
    expect([...logs.map((l) => l.id)].sort()).toEqual(logs.map((l) => l.id));
    expect(await verifyDeviceChain(db)).toEqual({
      status: 'verified',
      count: 3,
      head: { seq: 3, hash: logs[2]!.hash },
    });
  });

  it('commits the log and its outbox entry with strict durability', async () => {
    const db = freshDb();
    const durabilities: string[] = [];
    db.use({
      stack: 'dbcore',
      name: 'watch-durability',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          const trans = down.transaction(stores, mode, options);
          if (mode === 'readwrite' && stores.includes('logs'))
            durabilities.push((trans as unknown as IDBTransaction).durability);
          return trans;
        },
      }),
    });

    await recordBroadcast(db, input());

    expect(durabilities).toEqual(['strict']);
  });

  it('gives 20 logs written at once the seqs 1 to 20 in one valid chain', async () => {
    const db = freshDb();

    const logs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordBroadcast(db, input({ notes: `${i}` }))),
    );

    expect(logs.map((l) => l.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const { logs: rows, outbox } = await stored(db);
    expect(rows).toHaveLength(20);
    expect(outbox.map((e) => e.seq)).toEqual(rows.map((l) => l.seq));
    expect(await verifyDeviceChain(db)).toMatchObject({ status: 'verified', count: 20 });
  });

  it('never forks the chain when tabs without Web Locks write at once: a stale head is refused and redone', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const tabs = [openDb({ name }), openDb({ name })];
    let commits = 0;
    for (const db of tabs) {
      db.use({
        stack: 'dbcore',
        name: 'count-commits',
        create: (down) => ({
          ...down,
          transaction: (stores, mode, options) => {
            if (mode === 'readwrite' && stores.includes('logs')) commits += 1;
            return down.transaction(stores, mode, options);
          },
        }),
      });
    }

    await Promise.all(
      tabs.flatMap((db, tab) =>
        Array.from({ length: 10 }, (_, i) => recordBroadcast(db, input({ notes: `tab ${tab} #${i}` }))),
      ),
    );

    const { logs, outbox } = await stored(tabs[0]!);
    expect(logs.map((l) => l.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(outbox).toHaveLength(20);
    expect(await verifyDeviceChain(tabs[1]!)).toMatchObject({ status: 'verified', count: 20 });
    // More attempts than logs: commits hashed after a stale head were refused (and redone), not written.
    expect(commits).toBeGreaterThan(20);
  });

  it('stores text in NFC and times as UTC, and hashes what it stores', async () => {
    const db = freshDb();
    const log = await recordBroadcast(
      db,
      input({
        operator: ' Nguyễn Văn An '.normalize('NFD'),
        notes: 'Tiếp sóng đài huyện'.normalize('NFD'),
        startedAt: '2026-01-02T07:00:00+07:00',
        endedAt: '2026-01-02T07:10:00+07:00',
      }),
    );

    expect(log).toMatchObject({
      operator: 'Nguyễn Văn An',
      notes: 'Tiếp sóng đài huyện'.normalize('NFC'),
      startedAt: '2026-01-02T00:00:00.000Z',
      endedAt: '2026-01-02T00:10:00.000Z',
    });
    expect(await db.logs.get(log.id)).toEqual(log);
    expect(await verifyDeviceChain(db)).toMatchObject({ status: 'verified' });
  });

  it('refuses invalid input with the fields at fault and writes nothing', async () => {
    const db = freshDb();
    const inAnHour = Date.now() + 3_600_000;

    const error = await failure(
      recordBroadcast(
        db,
        input({
          operator: '',
          startedAt: new Date(inAnHour).toISOString(),
          endedAt: new Date(inAnHour + 60_000).toISOString(),
        }),
      ),
    );

    expect(error.reason).toBe('invalid');
    expect(error.issues.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'startedAt', code: 'in_future' },
      { field: 'endedAt', code: 'in_future' },
      { field: 'operator', code: 'required' },
    ]);
    expect(await stored(db)).toEqual({ logs: [], outbox: [] });
    expect((await recordBroadcast(db, input())).seq).toBe(1);
  });

  it('refuses a log naming a photo the device does not hold, and keeps one whose photo is stored', async () => {
    const db = freshDb();
    const error = await failure(recordBroadcast(db, input({ photoIds: ['ab'.repeat(32)] })));
    expect(error.reason).toBe('invalid');
    expect(error.issues.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'photoIds', code: 'invalid' },
    ]);
    expect(await stored(db)).toEqual({ logs: [], outbox: [] });

    const photo = await putAttachment(db, new Blob([new Uint8Array([1, 2, 3])]), 'image/jpeg');
    const log = await recordBroadcast(
      db,
      input({
        channel: 'mobile_vehicle',
        photoIds: [photo.id],
        location: { lat: 10.0452, lng: 105.7469, accuracyM: 8 },
        placeName: 'Ấp Phú Lợi',
      }),
    );
    expect(log.seq).toBe(1);
    expect(await db.logs.get(log.id)).toEqual(log);
  });

  it('records a correction as a new log naming the one it corrects; both stay', async () => {
    const db = freshDb();
    const original = await recordBroadcast(db, input());
    const correction = await recordBroadcast(db, input({ lang: 'hmn', correctsLogId: original.id }));

    expect(correction).toMatchObject({ seq: 2, correctsLogId: original.id, prevHash: original.hash });
    expect(await db.logs.get(original.id)).toEqual(original);
    expect((await listLogsForBulletin(db, BULLETIN)).map((l) => l.id).sort()).toEqual(
      [original.id, correction.id].sort(),
    );
    expect(await verifyDeviceChain(db)).toMatchObject({ status: 'verified', count: 2 });
  });

  it.each(['request', 'commit'] as const)(
    'fails with a quota error on a full disk (%s), writes nothing, and the chain goes on once there is room',
    async (at) => {
      const db = freshDb();
      const disk = fillDisk(db, 'outbox', at);
      const first = await recordBroadcast(db, input({ notes: 'trước' }));
      disk.on();

      const error = await failure(recordBroadcast(db, input({ notes: 'khi đầy' })));

      expect(error.reason).toBe('quota');
      expect(isQuotaError(error.cause)).toBe(true);
      expect(await stored(db)).toEqual({
        logs: [first],
        outbox: [{ id: first.id, seq: 1, queuedAt: first.createdAt }],
      });
      disk.off();
      const next = await recordBroadcast(db, input({ notes: 'sau' }));
      expect(next).toMatchObject({ seq: 2, prevHash: first.hash });
      expect(await verifyDeviceChain(db)).toMatchObject({ status: 'verified', count: 2 });
    },
  );

  it('reports any other failure as failed, with the cause', async () => {
    const db = freshDb();
    await getDeviceIdentity(db);
    db.close();
    const error = await failure(recordBroadcast(db, input()));
    expect(error.reason).toBe('failed');
    expect(error.cause).toBeInstanceOf(Dexie.DatabaseClosedError);
  });
});

describe('verifyDeviceChain', () => {
  it('verifies an empty chain', async () => {
    expect(await verifyDeviceChain(freshDb())).toEqual({ status: 'verified', count: 0, head: null });
  });

  it('finds a log changed in the database after it was written, and a log deleted from it', async () => {
    const db = freshDb();
    const logs: BroadcastLog[] = [];
    for (let i = 0; i < 3; i += 1) logs.push(await recordBroadcast(db, input({ repeats: i + 1 })));

    await db.logs.update(logs[1]!.id, { repeats: 9 });
    expect(await verifyDeviceChain(db)).toEqual({ status: 'broken', atSeq: 2, reason: 'hash' });

    await db.logs.put(logs[1]!);
    await db.logs.delete(logs[0]!.id);
    expect(await verifyDeviceChain(db)).toEqual({ status: 'broken', atSeq: 1, reason: 'missing' });
  });
});
