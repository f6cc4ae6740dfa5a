/**
 * Writing broadcast logs: the device's hash chain, append-only. Policy: a log is added together with its outbox
 * entry in one read-write transaction (strict durability, see database.ts), and only if no log holds its seq yet
 * (the unique [deviceId+seq] index), so two writers can never give two logs one place in the chain. Nothing
 * here, or anywhere, updates or deletes a log; an acknowledged log leaves the outbox only.
 */
import Dexie from 'dexie';
import { GENESIS_HASH } from '../../domain/evidence/canonical.ts';
import type { ChainHead } from '../../domain/evidence/verify-chain.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { LoaxaDb } from './database.ts';

/** What appendChainedLog did: wrote the log, or nothing because its seq is taken or a photo is not stored. */
export type AppendOutcome = 'written' | 'head_moved' | 'missing_photos';

function deviceRange(db: LoaxaDb, deviceId: string) {
  return db.logs.where('[deviceId+seq]').between([deviceId, Dexie.minKey], [deviceId, Dexie.maxKey]);
}

/** The last log of the device's chain as a head; seq 0 and GENESIS_HASH before its first log. */
export async function readChainHead(db: LoaxaDb, deviceId: string): Promise<ChainHead> {
  const last = await deviceRange(db, deviceId).last();
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Adds a signed log and its outbox entry in one transaction, provided its seq is free and every photo it names
 * is stored on the device; otherwise writes nothing. A free seq proves the log was hashed after the current
 * head: its prevHash was read from the log at seq - 1, and logs are never changed or deleted.
 */
export async function appendChainedLog(db: LoaxaDb, log: BroadcastLog): Promise<AppendOutcome> {
  return db.transaction('rw', [db.logs, db.outbox, db.attachments], async () => {
    if (log.photoIds.length > 0) {
      const stored = await db.attachments.where('id').anyOf(log.photoIds).primaryKeys();
      if (new Set(stored).size !== new Set(log.photoIds).size) return 'missing_photos';
    }
    try {
      await db.logs.add(log);
    } catch (error) {
      // Caught here, the failed add leaves the transaction alive and empty rather than aborting it.
      if (error instanceof Dexie.ConstraintError) return 'head_moved';
      throw error;
    }
    await db.outbox.add({ id: log.id, seq: log.seq, queuedAt: log.createdAt });
    return 'written';
  });
}

/** The device's own logs in seq order: its whole chain. */
export async function listDeviceChain(db: LoaxaDb, deviceId: string): Promise<BroadcastLog[]> {
  return deviceRange(db, deviceId).toArray();
}
