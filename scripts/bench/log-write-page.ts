/**
 * The page the log-write benchmark (log-write.ts) builds with Vite and opens in Chromium: the app's own log
 * writer, database and evidence code, bundled as the app bundles them, plus raw IndexedDB for comparison. It
 * exposes its measurements on `window.loaxaBench`; it is not part of the app's build.
 */
import Dexie from 'dexie';
import { openDb } from '../../src/client/db/database.ts';
import { getDeviceIdentity } from '../../src/client/evidence/device-key.ts';
import {
  recordBroadcast,
  verifyDeviceChain,
  type BroadcastInput,
} from '../../src/client/evidence/log-writer.ts';
import { GENESIS_HASH, hashLog, type UnsignedLog } from '../../src/domain/evidence/canonical.ts';
import { KEY_ALGORITHM, signHash } from '../../src/domain/evidence/signature.ts';
import { verifyChain, type ChainVerification } from '../../src/domain/evidence/verify-chain.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { PublicKeyJwk } from '../../src/domain/schemas/device.ts';
import { makeBroadcastInput } from '../../tests/helpers/factories.ts';

// Dexie turns on long stack traces when the page's host is localhost or 127.0.0.1, as here; the app is served
// from a real host, where they are off.
Dexie.debug = false;

const UNIT = crypto.randomUUID();
const BULLETIN = crypto.randomUUID();

/** A broadcast that ended a minute ago: the input of the nth write. */
function broadcast(n: number): BroadcastInput {
  return makeBroadcastInput(UNIT, BULLETIN, { lang: n % 2 ? 'vie' : 'hmn', notes: `Lần phát ${n}` });
}

/** What the page measures; every duration in milliseconds. */
export interface LogWriteBench {
  /** First use: key generation and storing the identity; and whether the private key stays unreadable. */
  firstUse: (dbName: string) => Promise<{ ms: number; privateExtractable: boolean; exportRefused: boolean }>;
  /** Writes `warmup` then `count` logs one after another through recordBroadcast; the times of the latter. */
  signedWrites: (dbName: string, warmup: number, count: number) => Promise<number[]>;
  /** Starts `count` recordBroadcast calls at once in this tab. */
  writeAtOnce: (dbName: string, count: number) => Promise<void>;
  /** The device's identity as this page sees it (another tab must see the same). */
  deviceId: (dbName: string) => Promise<string>;
  /** verifyDeviceChain on the database, timed. */
  verifyDevice: (dbName: string) => Promise<{ ms: number; result: ChainVerification }>;
  /** Builds a signed chain of `count` logs in memory, kept for the bulk writes below. */
  makeRecords: (count: number) => Promise<number>;
  /** Writes the records with Dexie's bulkPut into a fresh LoaXa database. */
  dexieBulk: (dbName: string) => Promise<number>;
  /** Writes the same records with raw IndexedDB puts into a fresh database with the same store and indexes. */
  rawBulk: (dbName: string) => Promise<number>;
  /** Verifies the in-memory chain with verifyChain. */
  verifyRecords: () => Promise<{ ms: number; status: string }>;
  /** Raw IndexedDB, one log and its outbox entry per transaction, at a given durability: the floor. */
  rawSingleWrites: (dbName: string, count: number, durability: IDBTransactionDurability) => Promise<number[]>;
}

let records: BroadcastLog[] = [];
let recordsKey: PublicKeyJwk | undefined;

function done(request: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve();
      request.onabort = request.onerror = () => reject(request.error);
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }
  });
}

/** Opens a raw database whose logs and outbox stores copy the LoaXa schema's keys and indexes. */
async function openRawLike(dbName: string): Promise<IDBDatabase> {
  const model = openDb({ name: `${dbName}-model` });
  await model.open();
  const schemas = [model.logs.schema, model.outbox.schema];
  model.close();
  await Dexie.delete(`${dbName}-model`);
  const request = indexedDB.open(dbName, 1);
  request.onupgradeneeded = () => {
    for (const schema of schemas) {
      const store = request.result.createObjectStore(schema.name, { keyPath: schema.primKey.keyPath! });
      for (const index of schema.indexes) {
        store.createIndex(index.name, index.keyPath!, { unique: !!index.unique, multiEntry: !!index.multi });
      }
    }
  };
  await done(request);
  return request.result;
}

const bench: LogWriteBench = {
  firstUse: async (dbName) => {
    const db = openDb({ name: dbName });
    await db.open();
    const start = performance.now();
    await getDeviceIdentity(db);
    const ms = performance.now() - start;
    const { privateKey } = (await db.deviceKeys.toArray())[0]!;
    const exportRefused = await crypto.subtle.exportKey('pkcs8', privateKey).then(
      () => false,
      () => true,
    );
    db.close();
    return { ms, privateExtractable: privateKey.extractable, exportRefused };
  },

  signedWrites: async (dbName, warmup, count) => {
    const db = openDb({ name: dbName });
    for (let n = 0; n < warmup; n += 1) await recordBroadcast(db, broadcast(n));
    const times: number[] = [];
    for (let n = 0; n < count; n += 1) {
      const start = performance.now();
      await recordBroadcast(db, broadcast(n));
      times.push(performance.now() - start);
    }
    db.close();
    return times;
  },

  writeAtOnce: async (dbName, count) => {
    const db = openDb({ name: dbName });
    await Promise.all(Array.from({ length: count }, (_, n) => recordBroadcast(db, broadcast(n))));
    db.close();
  },

  deviceId: async (dbName) => {
    const db = openDb({ name: dbName });
    const { deviceId } = await getDeviceIdentity(db);
    db.close();
    return deviceId;
  },

  verifyDevice: async (dbName) => {
    const db = openDb({ name: dbName });
    await db.open();
    const start = performance.now();
    const result = await verifyDeviceChain(db);
    const ms = performance.now() - start;
    db.close();
    return { ms, result };
  },

  makeRecords: async (count) => {
    const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    recordsKey = { kty, crv, x, y } as PublicKeyJwk;
    const deviceId = crypto.randomUUID();
    const createdAt = new Date().toISOString();
    records = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq += 1) {
      const unsigned: UnsignedLog = {
        ...broadcast(seq),
        id: crypto.randomUUID(),
        deviceId,
        seq,
        prevHash,
        createdAt,
      };
      const hash = await hashLog(prevHash, unsigned);
      records.push({ ...unsigned, hash, signature: await signHash(pair.privateKey, hash) });
      prevHash = hash;
    }
    return records.length;
  },

  dexieBulk: async (dbName) => {
    const db = openDb({ name: dbName });
    await db.open();
    const start = performance.now();
    await db.logs.bulkPut(records);
    const ms = performance.now() - start;
    if ((await db.logs.count()) !== records.length)
      throw new Error('Dexie stored a different number of logs');
    db.close();
    return ms;
  },

  rawBulk: async (dbName) => {
    const idb = await openRawLike(dbName);
    const start = performance.now();
    const tx = idb.transaction('logs', 'readwrite');
    const store = tx.objectStore('logs');
    for (const record of records) store.put(record);
    await done(tx);
    const ms = performance.now() - start;
    const count = idb.transaction('logs').objectStore('logs').count();
    await done(count);
    if (count.result !== records.length) throw new Error('raw IndexedDB stored a different number of logs');
    idb.close();
    return ms;
  },

  verifyRecords: async () => {
    const start = performance.now();
    const result = await verifyChain(records, recordsKey!);
    return { ms: performance.now() - start, status: result.status };
  },

  rawSingleWrites: async (dbName, count, durability) => {
    const idb = await openRawLike(dbName);
    const times: number[] = [];
    for (const record of records.slice(0, count)) {
      const start = performance.now();
      const tx = idb.transaction(['logs', 'outbox'], 'readwrite', { durability });
      tx.objectStore('logs').put(record);
      tx.objectStore('outbox').put({ id: record.id, seq: record.seq, queuedAt: record.createdAt });
      await done(tx);
      times.push(performance.now() - start);
    }
    idb.close();
    return times;
  },
};

(window as unknown as { loaxaBench: LogWriteBench }).loaxaBench = bench;
