/**
 * The outbox as the push sees it, and the server's receipts. Policy: the server's answers for a batch are
 * applied in one transaction: an acknowledged log (accepted, or a duplicate of one stored before) leaves the
 * outbox and gets its receipt with the server's verification; a rejected log stays in the outbox marked with the
 * reason and is not sent again by itself (the same server answers the same), and history shows why. The operator
 * sends the rejected logs again once district staff have dealt with the reason (a unit moved, a server upgraded):
 * requeueRejectedLogs takes the marks off and the next push carries them. When the server's database is restored
 * or replaced, the logs it acknowledged after its backup are gone from it, so requeueLogChain puts the whole chain
 * back in the outbox (resync-repository.ts); the server answers `duplicate` for the logs it still holds. Logs
 * themselves are never touched (see log-chain-repository.ts). A batch whose answer never arrived changes nothing
 * here, so it is simply sent again; the server stores each log once.
 */
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { PushRejection, PushResult } from '../../domain/sync.ts';
import { withoutRejection, type LoaxaDb, type LogReceipt, type OutboxEntry } from './database.ts';

/** A log the server refused, with why. */
export interface RejectedLog {
  id: string;
  seq: number;
  reason: PushRejection;
  rejectedAt: string;
}

/** What one batch's answers did to the outbox. */
export interface AppliedResults {
  accepted: number;
  duplicate: number;
  rejected: number;
}

/** One batch to send: its logs, and the seq the next batch is read after. */
export interface PushBatch {
  logs: BroadcastLog[];
  /** Seq of the last outbox entry read (rejected ones included); null when the outbox has nothing after. */
  lastSeq: number | null;
}

/**
 * The next logs to send after seq `afterSeq`: waiting (not rejected) outbox entries in seq order, at most `max`,
 * with their logs. The entries are read as one seq range of the index (a single getAll); rejected ones are
 * skipped in memory, so a batch may hold fewer than `max` logs, or none while `lastSeq` is not null.
 */
export async function nextPushBatch(db: LoaxaDb, afterSeq: number, max: number): Promise<PushBatch> {
  return db.transaction('r', [db.outbox, db.logs], async () => {
    const entries = await db.outbox.where('seq').above(afterSeq).limit(max).toArray();
    const waiting = entries.filter((entry) => entry.rejectedReason === undefined);
    const logs = await db.logs.bulkGet(waiting.map((entry) => entry.id));
    return {
      logs: logs.filter((log): log is BroadcastLog => log !== undefined),
      lastSeq: entries.at(-1)?.seq ?? null,
    };
  });
}

/** Applies the server's per-log answers (see the module comment); answers for logs not in the outbox are ignored. */
export async function applyPushResults(
  db: LoaxaDb,
  results: readonly PushResult[],
  now: Date = new Date(),
): Promise<AppliedResults> {
  const at = now.toISOString();
  const applied: AppliedResults = { accepted: 0, duplicate: 0, rejected: 0 };
  await db.transaction('rw', [db.outbox, db.logReceipts], async () => {
    const entries = await db.outbox.bulkGet(results.map((result) => result.id));
    const receipts: LogReceipt[] = [];
    const rejected: OutboxEntry[] = [];
    for (const [i, result] of results.entries()) {
      const entry = entries[i];
      if (!entry) continue;
      applied[result.status] += 1;
      if (result.status === 'rejected') {
        rejected.push({ ...entry, rejectedReason: result.reason, rejectedAt: at });
      } else {
        const { id, verification, problem } = result;
        receipts.push({
          id,
          verification,
          ...(problem === undefined ? {} : { problem }),
          acknowledgedAt: at,
        });
      }
    }
    await Promise.all([
      db.logReceipts.bulkPut(receipts),
      db.outbox.bulkDelete(receipts.map((receipt) => receipt.id)),
      db.outbox.bulkPut(rejected),
    ]);
  });
  return applied;
}

/** Takes the rejection off every rejected log, so the next push sends it again; returns how many. */
export async function requeueRejectedLogs(db: LoaxaDb): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const rejected = await db.outbox.orderBy('rejectedReason').toArray();
    await db.outbox.bulkPut(rejected.map(withoutRejection));
    return rejected.length;
  });
}

/**
 * Puts every log of this device back in the outbox, waiting; joins the caller's transaction (logs and outbox in
 * it). Rejections are taken off too: they came from a database that is gone, and the new one decides afresh.
 * Receipts stay until the new server's answers replace them; meanwhile history shows these logs as waiting to be
 * sent. Only the [deviceId+seq] index is read, never the logs themselves, so a history of thousands costs its ids
 * and seqs in memory.
 */
export async function requeueLogChain(db: LoaxaDb, now: Date): Promise<void> {
  const queuedAt = now.toISOString();
  const queued = new Map((await db.outbox.toArray()).map((entry) => [entry.id, entry]));
  const entries: OutboxEntry[] = [];
  await db.logs.orderBy('[deviceId+seq]').eachKey((key, { primaryKey: id }) => {
    const seq = Array.isArray(key) ? key[1] : undefined;
    if (typeof seq !== 'number') return;
    const entry = queued.get(id);
    if (entry === undefined) entries.push({ id, seq, queuedAt });
    else if (entry.rejectedReason !== undefined) entries.push(withoutRejection(entry));
  });
  await db.outbox.bulkPut(entries);
}

/** Logs still waiting to be sent (rejected ones not counted). */
export async function countPendingLogs(db: LoaxaDb): Promise<number> {
  return db.transaction('r', db.outbox, async () => {
    const [all, rejected] = await Promise.all([db.outbox.count(), countRejectedLogs(db)]);
    return all - rejected;
  });
}

/** Logs the server refused; they stay on the device with the reason. */
export async function countRejectedLogs(db: LoaxaDb): Promise<number> {
  return db.outbox.orderBy('rejectedReason').count();
}

/** Logs the server refused, in seq order, with the reasons. */
export async function listRejectedLogs(db: LoaxaDb): Promise<RejectedLog[]> {
  const entries = await db.outbox.orderBy('rejectedReason').toArray();
  return entries
    .flatMap((entry) =>
      entry.rejectedReason === undefined
        ? []
        : [
            {
              id: entry.id,
              seq: entry.seq,
              reason: entry.rejectedReason,
              rejectedAt: entry.rejectedAt ?? '',
            },
          ],
    )
    .sort((a, b) => a.seq - b.seq);
}

/** The server's receipts of the given logs, by log id; logs not acknowledged yet are absent. */
export async function listLogReceipts(db: LoaxaDb, ids: readonly string[]): Promise<Map<string, LogReceipt>> {
  const receipts = await db.logReceipts.bulkGet([...ids]);
  return new Map(receipts.flatMap((receipt) => (receipt ? [[receipt.id, receipt] as const] : [])));
}
