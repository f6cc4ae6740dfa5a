/**
 * Recording a broadcast as evidence. Policy: every log is validated (log-rules.ts), given the next seq of this
 * device's chain, hashed after the chain's head and signed, then written with its outbox entry in one
 * transaction (log-chain-repository.ts); the promise resolves only after that commit, so "Đã lưu" means the
 * log is stored and queued for sync. The chain never forks: the database refuses a second log at one seq, and a
 * write refused so (hashed after a head that another writer has moved) is redone on the new head. Writes are
 * serialised so that this stays rare: one queue per open database in this tab, and the Web Locks API across
 * tabs where the browser has it. Hashing and signing happen outside the transaction, because IndexedDB commits
 * a transaction left waiting on other work. Nothing here deletes or changes a log: a correction is a new log
 * naming the old one (correctsLogId).
 */
import { v7 as uuidV7 } from 'uuid';
import * as v from 'valibot';
import { GENESIS_HASH, hashLog, type UnsignedLog } from '../../domain/evidence/canonical.ts';
import { prepareUnsignedLog, type LogIssue } from '../../domain/evidence/log-rules.ts';
import {
  verifyChain,
  type ChainHead,
  type ChainOptions,
  type ChainVerification,
} from '../../domain/evidence/verify-chain.ts';
import { BroadcastLogSchema, type BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { LoaxaDb } from '../db/database.ts';
import { appendChainedLog, listDeviceChain, readChainHead } from '../db/log-chain-repository.ts';
import { isQuotaError } from '../db/storage.ts';
import type { BroadcastFields } from '../../domain/log-draft.ts';
import { getDeviceIdentity, type DeviceIdentity } from './device-key.ts';

/** What the UI supplies for a log; the writer adds id, deviceId, seq, prevHash, hash, signature, createdAt. */
export type BroadcastInput = BroadcastFields;

/** Why a log was not written: bad input (see issues), a full disk, or anything else. */
export type LogWriteFailure = 'invalid' | 'quota' | 'failed';

/** Raised by recordBroadcast; nothing of the log was written. */
export class LogWriteError extends Error {
  /** Builds the error; `issues` name the fields at fault when the reason is 'invalid'. */
  constructor(
    readonly reason: LogWriteFailure,
    readonly issues: readonly LogIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(`broadcast log not written: ${reason}`, options);
    this.name = 'LogWriteError';
  }
}

/** Commits refused because another writer moved the head first; each refusal means that writer progressed. */
const MAX_ATTEMPTS = 100;

interface ChainState {
  /** The tail of this tab's queue of writes. */
  queue: Promise<unknown>;
  /** The head after this tab's last write: a guess, which the commit confirms (its seq must be free). */
  head: ChainHead | undefined;
}

const chains = new WeakMap<LoaxaDb, ChainState>();

function chainOf(db: LoaxaDb): ChainState {
  let state = chains.get(db);
  if (!state) {
    state = { queue: Promise.resolve(), head: undefined };
    chains.set(db, state);
  }
  return state;
}

/** Runs `work` after every earlier write of this tab, holding the cross-tab lock where there is one. */
function serialised<T>(db: LoaxaDb, state: ChainState, work: () => Promise<T>): Promise<T> {
  // Absent in older browsers and in Node, which the DOM typings do not admit.
  const locks = typeof navigator === 'undefined' ? undefined : (navigator.locks as LockManager | undefined);
  const run = async (): Promise<T> =>
    locks ? await locks.request(`loaxa-log-chain:${db.name}`, work) : work();
  const result = state.queue.then(run, run);
  state.queue = result.catch(() => undefined);
  return result;
}

async function append(
  db: LoaxaDb,
  state: ChainState,
  identity: DeviceIdentity,
  content: UnsignedLog,
): Promise<BroadcastLog> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const head = state.head ?? (await readChainHead(db, identity.deviceId));
    const unsigned: UnsignedLog = { ...content, seq: head.seq + 1, prevHash: head.hash };
    const hash = await hashLog(head.hash, unsigned);
    const log = v.parse(BroadcastLogSchema, { ...unsigned, hash, signature: await identity.sign(hash) });
    const outcome = await appendChainedLog(db, log);
    if (outcome === 'written') {
      state.head = { seq: log.seq, hash: log.hash };
      return log;
    }
    if (outcome === 'missing_photos') {
      throw new LogWriteError('invalid', [
        { field: 'photoIds', code: 'invalid', message: 'a photo of the log is not stored on this device' },
      ]);
    }
    state.head = undefined;
  }
  throw new LogWriteError('failed', [], { cause: new Error('the chain head kept moving') });
}

/**
 * Validates, chains, signs and durably writes one broadcast log with its outbox entry, and returns it as stored
 * (text in NFC, timestamps as UTC toISOString). Throws LogWriteError: 'invalid' with the fields at fault,
 * 'quota' when the disk is full, 'failed' otherwise; in every case nothing was written.
 */
export async function recordBroadcast(db: LoaxaDb, input: BroadcastInput): Promise<BroadcastLog> {
  try {
    const identity = await getDeviceIdentity(db);
    const prepared = prepareUnsignedLog({
      ...input,
      id: uuidV7(),
      deviceId: identity.deviceId,
      // Placeholders of the right form: the real ones are known only once the write's turn comes.
      seq: 1,
      prevHash: GENESIS_HASH,
      createdAt: new Date().toISOString(),
    });
    if (!prepared.ok) throw new LogWriteError('invalid', prepared.issues);
    const state = chainOf(db);
    return await serialised(db, state, () => append(db, state, identity, prepared.value));
  } catch (error) {
    if (error instanceof LogWriteError) throw error;
    throw new LogWriteError(isQuotaError(error) ? 'quota' : 'failed', [], { cause: error });
  }
}

/**
 * Verifies this device's whole chain with its own public key: what "Kiểm tra tính toàn vẹn" shows.
 * `onProgress` reports the logs checked so far, for a long chain.
 */
export async function verifyDeviceChain(
  db: LoaxaDb,
  options: Pick<ChainOptions, 'onProgress'> = {},
): Promise<ChainVerification> {
  const { deviceId, publicKeyJwk } = await getDeviceIdentity(db);
  return verifyChain(await listDeviceChain(db, deviceId), publicKeyJwk, { ...options, deviceId });
}
