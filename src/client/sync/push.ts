/**
 * Push sync: sends the outbox's logs in seq order, in batches of at most PUSH_BATCH_MAX, gzip-compressed where
 * the browser can. Policy: the server answers per log and its answers are applied in one transaction
 * (outbox-repository.ts); a batch whose answer is lost (the connection dropped) changes nothing on the device
 * and is sent again next time, which the server, storing by id, turns into duplicates. An answer that does not
 * name exactly the logs sent, in order, is not applied. Only one batch is on its way at a time, so the server
 * receives the chain in order; the device reads and encodes the next batch, and applies the previous answers,
 * while a batch is on its way. Batches are read by seq range after the last one sent, so answers being applied
 * never change what is read next.
 */
import * as v from 'valibot';
import {
  PUSH_BATCH_MAX,
  PUSH_BATCH_MAX_BYTES,
  PushResponseSchema,
  type PushResult,
} from '../../domain/sync.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { LoaxaDb } from '../db/database.ts';
import { applyPushResults, countPendingLogs, nextPushBatch } from '../db/outbox-repository.ts';
import type { CountProgress } from './attachments.ts';
import { encodeJson, readJson, send, type EncodedJson, type SyncError, type Transport } from './transport.ts';

/** 500 logs gzip to ~75 KB: over 2G that is under a minute, plus the server's verification. */
const BATCH_TIMEOUT_MS = 120_000;

const utf8 = new TextEncoder();

/** What a push did, and why it stopped early (null when the outbox has nothing left to send). */
export interface PushCounts {
  accepted: number;
  duplicate: number;
  rejected: number;
  error: SyncError | null;
}

/** A batch read from the outbox and encoded, ready to send. */
interface PreparedBatch {
  logs: BroadcastLog[];
  /** Where the batch after this one starts (null: the outbox has nothing after it). */
  lastSeq: number | null;
  body: EncodedJson | null;
}

/**
 * Reads the next batch with logs to send after `afterSeq`, passing over ranges of rejected logs, and encodes it;
 * the batch ends early where its JSON would pass PUSH_BATCH_MAX_BYTES (the rest comes in the next one).
 */
async function prepareBatch(db: LoaxaDb, afterSeq: number, max: number): Promise<PreparedBatch> {
  let batch = await nextPushBatch(db, afterSeq, max);
  while (batch.logs.length === 0 && batch.lastSeq !== null)
    batch = await nextPushBatch(db, batch.lastSeq, max);
  const parts: string[] = [];
  let bytes = 0;
  for (const log of batch.logs) {
    const part = JSON.stringify(log);
    bytes += utf8.encode(part).byteLength + 1;
    if (parts.length > 0 && bytes > PUSH_BATCH_MAX_BYTES) break;
    parts.push(part);
  }
  if (parts.length === 0) return { logs: [], lastSeq: null, body: null };
  const logs = batch.logs.slice(0, parts.length);
  // The same text as JSON.stringify of the PushRequest `{ logs }`.
  const body = await encodeJson(`{"logs":[${parts.join(',')}]}`, true);
  return { logs, lastSeq: logs.length < batch.logs.length ? logs.at(-1)!.seq : batch.lastSeq, body };
}

/** Marks a promise awaited later as handled, so its failure is reported where it is awaited, not as unhandled. */
function handledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Sends every waiting log (see the module comment). */
export async function pushLogs(
  db: LoaxaDb,
  transport: Transport,
  token: string,
  onProgress: CountProgress = () => undefined,
  batchMax: number = PUSH_BATCH_MAX,
): Promise<PushCounts> {
  const counts: PushCounts = { accepted: 0, duplicate: 0, rejected: 0, error: null };
  const total = await countPendingLogs(db);
  let done = 0;
  onProgress(done, total);
  const apply = async (results: readonly PushResult[]) => {
    const applied = await applyPushResults(db, results);
    counts.accepted += applied.accepted;
    counts.duplicate += applied.duplicate;
    counts.rejected += applied.rejected;
    done += results.length;
    onProgress(done, Math.max(total, done));
  };
  const stop = (error: SyncError): PushCounts => ({ ...counts, error });
  let applying: Promise<void> = Promise.resolve();
  let next = handledLater(prepareBatch(db, -Infinity, batchMax));
  for (;;) {
    const { logs, lastSeq, body } = await next;
    if (body === null || lastSeq === null) {
      await applying;
      return counts;
    }
    // One request at a time, so the server takes the batches in seq order; the next batch is read and encoded,
    // and the previous answers applied, while this one is on its way.
    next = handledLater(prepareBatch(db, lastSeq, batchMax));
    const answer = await send(transport, {
      method: 'POST',
      path: '/api/sync/push',
      token,
      encoded: body,
      timeoutMs: BATCH_TIMEOUT_MS,
    });
    await applying;
    if (!answer.ok) return stop(answer.error);
    const read = await readJson(answer.response);
    if (!read.ok) return stop(read.error);
    const parsed = v.safeParse(PushResponseSchema, read.body);
    const results = parsed.success ? parsed.output.results : [];
    if (results.length !== logs.length || results.some((result, i) => result.id !== logs[i]?.id)) {
      return stop({ kind: 'invalid', detail: 'push answer does not match the logs sent' });
    }
    applying = handledLater(apply(results));
  }
}
