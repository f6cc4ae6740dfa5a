/**
 * The page the sync benchmark (push.ts) builds with Vite and opens in Chromium: the app's own database, device
 * identity, enrolment and push code, bundled as the app bundles them, next to pouchdb-browser (loaded by a
 * classic script as the global `PouchDB`). It exposes its steps on `window.loaxaBench`; it is not part of
 * the app's build.
 */
import Dexie from 'dexie';
import { v7 as uuidV7 } from 'uuid';
import { openDb, type LoaxaDb } from '../../src/client/db/database.ts';
import { readDeviceToken } from '../../src/client/db/enrolment-repository.ts';
import { countPendingLogs, listLogReceipts } from '../../src/client/db/outbox-repository.ts';
import { getDeviceIdentity } from '../../src/client/evidence/device-key.ts';
import { enrolDevice } from '../../src/client/sync/enrol.ts';
import { pushLogs, type PushCounts } from '../../src/client/sync/push.ts';
import { defaultTransport, type Transport } from '../../src/client/sync/transport.ts';
import { GENESIS_HASH, hashLog } from '../../src/domain/evidence/canonical.ts';
import { prepareUnsignedLog } from '../../src/domain/evidence/log-rules.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import { makeBroadcastInput } from '../../tests/helpers/factories.ts';

// Dexie turns on long stack traces when the page's host is 127.0.0.1, as here; the app's real host has them off.
Dexie.debug = false;

/** The little of PouchDB's API the page uses (pouchdb-browser ships no types). */
interface PouchDatabase {
  bulkDocs: (docs: object[]) => Promise<unknown[]>;
  info: () => Promise<{ doc_count: number }>;
  replicate: {
    to: (
      target: string,
    ) => Promise<{ ok: boolean; docs_written: number; doc_write_failures: number; errors: unknown[] }>;
  };
}
declare const PouchDB: new (name: string) => PouchDatabase;

/** What the page measures; every duration in milliseconds. */
export interface PushBench {
  /**
   * Enrols this page's device with a pairing code, then writes `count` signed logs of one chain into its outbox
   * and the same logs into a local PouchDB (as documents with _id = the log's id). Returns the uncompressed JSON
   * size of all logs, for reference.
   */
  prepare: (code: string, count: number, bulletinId: string) => Promise<{ logs: number; jsonBytes: number }>;
  /** Pushes the outbox with the app's push code until it is empty; what the server said about each log. */
  pushLoaxa: () => Promise<{
    ms: number;
    /** Of `ms`, the time from each request's start to its answer's headers: upload plus the server's work. */
    serverMs: number;
    counts: PushCounts;
    pending: number;
    verified: number;
    receipts: number;
  }>;
  /** Replicates the local PouchDB to `remote` with PouchDB's defaults. */
  replicatePouch: (remote: string) => Promise<{ ms: number; docsWritten: number; failures: number }>;
}

const DB_NAME = 'loaxa-push-bench';
let db: LoaxaDb | undefined;
let logIds: string[] = [];
const local = new PouchDB('pouch-push-bench');

/** Signed logs of this device's chain, one every 20 minutes up to a minute ago, as an operator's history. */
async function makeChain(database: LoaxaDb, unitId: string, bulletinId: string, count: number) {
  const identity = await getDeviceIdentity(database);
  const createdAt = new Date().toISOString();
  const logs: BroadcastLog[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const endedAt = Date.now() - 60_000 - (count - seq) * 20 * 60_000;
    const prepared = prepareUnsignedLog({
      ...makeBroadcastInput(unitId, bulletinId, {
        lang: seq % 3 ? 'vie' : 'hmn',
        startedAt: new Date(endedAt - 8 * 60_000).toISOString(),
        endedAt: new Date(endedAt).toISOString(),
        notes: seq % 10 ? '' : 'Phát lại vì mất điện giữa buổi',
      }),
      id: uuidV7(),
      deviceId: identity.deviceId,
      seq,
      prevHash,
      createdAt,
    });
    if (!prepared.ok) throw new Error(`log ${seq}: ${JSON.stringify(prepared.issues)}`);
    const hash = await hashLog(prevHash, prepared.value);
    logs.push({ ...prepared.value, hash, signature: await identity.sign(hash) });
    prevHash = hash;
  }
  return logs;
}

const bench: PushBench = {
  prepare: async (code, count, bulletinId) => {
    db = openDb({ name: DB_NAME });
    const enrolled = await enrolDevice(db, { code, label: 'Máy đo hiệu năng' });
    if (!enrolled.ok) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.error)}`);
    const logs = await makeChain(db, enrolled.unit.id, bulletinId, count);
    const target = db;
    // The same rows recordBroadcast writes (log and outbox entry), in one transaction instead of 10,000.
    await target.transaction('rw', [target.logs, target.outbox], async () => {
      await target.logs.bulkAdd(logs);
      await target.outbox.bulkAdd(logs.map((log) => ({ id: log.id, seq: log.seq, queuedAt: log.createdAt })));
    });
    await local.bulkDocs(logs.map(({ id, ...rest }) => ({ _id: id, ...rest })));
    if ((await local.info()).doc_count !== count) throw new Error('PouchDB holds a different number of logs');
    logIds = logs.map((log) => log.id);
    return { logs: logs.length, jsonBytes: new TextEncoder().encode(JSON.stringify(logs)).length };
  },

  pushLoaxa: async () => {
    const target = db!;
    const token = await readDeviceToken(target);
    if (token === undefined) throw new Error('the device is not enrolled');
    const transport = defaultTransport();
    let serverMs = 0;
    const timed: Transport = {
      ...transport,
      fetch: async (url, init) => {
        const sent = performance.now();
        const response = await transport.fetch(url, init);
        serverMs += performance.now() - sent;
        return response;
      },
    };
    const start = performance.now();
    const counts = await pushLogs(target, timed, token);
    const ms = performance.now() - start;
    const receipts = [...(await listLogReceipts(target, logIds)).values()];
    return {
      ms,
      serverMs,
      counts,
      pending: await countPendingLogs(target),
      verified: receipts.filter((receipt) => receipt.verification === 'verified').length,
      receipts: receipts.length,
    };
  },

  replicatePouch: async (remote) => {
    const start = performance.now();
    const result = await local.replicate.to(remote);
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`replication failed: ${JSON.stringify(result.errors)}`);
    return { ms, docsWritten: result.docs_written, failures: result.doc_write_failures };
  },
};

(window as unknown as { loaxaBench: PushBench }).loaxaBench = bench;
