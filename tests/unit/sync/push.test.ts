import { describe, expect, it } from 'vitest';
import {
  applyPushResults,
  countPendingLogs,
  countRejectedLogs,
  listLogReceipts,
  listRejectedLogs,
  nextPushBatch,
  requeueRejectedLogs,
} from '../../../src/client/db/outbox-repository.ts';
import type { LoaxaDb } from '../../../src/client/db/database.ts';
import { recordBroadcast } from '../../../src/client/evidence/log-writer.ts';
import { pushLogs } from '../../../src/client/sync/push.ts';
import type { BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import { PUSH_BATCH_MAX_BYTES, type PushResult } from '../../../src/domain/sync.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBroadcastInput } from '../../helpers/factories.ts';
import { fakeTransport } from '../../helpers/fake-transport.ts';

const UNIT = crypto.randomUUID();
const BULLETIN = crypto.randomUUID();

async function recordLogs(db: LoaxaDb, count: number): Promise<BroadcastLog[]> {
  const logs: BroadcastLog[] = [];
  for (let i = 0; i < count; i += 1) logs.push(await recordBroadcast(db, makeBroadcastInput(UNIT, BULLETIN)));
  return logs;
}

async function bodyOf(request: Request): Promise<{ logs: BroadcastLog[] }> {
  const gzipped = request.headers.get('content-encoding') === 'gzip';
  const stream = gzipped ? request.body?.pipeThrough(new DecompressionStream('gzip')) : request.body;
  return (await new Response(stream).json()) as { logs: BroadcastLog[] };
}

/** A push endpoint answering each log with `answer` and recording the seqs of each batch. */
function pushServer(answer: (log: BroadcastLog) => PushResult) {
  const batches: number[][] = [];
  const transport = fakeTransport({
    'POST /api/sync/push': async (request) => {
      const { logs } = await bodyOf(request);
      batches.push(logs.map((log) => log.seq));
      return Response.json({ results: logs.map(answer) });
    },
  });
  return { transport, batches };
}

const accept = (log: BroadcastLog): PushResult => ({
  id: log.id,
  status: 'accepted',
  verification: 'verified',
});

describe('pushLogs', () => {
  it('sends the outbox in seq order, in batches, and leaves receipts for what the server acknowledged', async () => {
    const db = freshDb();
    const logs = await recordLogs(db, 5);
    const server = pushServer((log) =>
      log.seq === 2 ? { id: log.id, status: 'duplicate', verification: 'broken_chain' } : accept(log),
    );
    const progress: [number, number][] = [];

    const counts = await pushLogs(
      db,
      server.transport,
      'token',
      (done, total) => progress.push([done, total]),
      2,
    );

    expect(counts).toEqual({ accepted: 4, duplicate: 1, rejected: 0, error: null });
    expect(server.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(progress).toEqual([
      [0, 5],
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.logs.count()).toBe(5);
    const receipts = await listLogReceipts(db, [...logs.map((log) => log.id), crypto.randomUUID()]);
    expect(receipts.size).toBe(5);
    expect(receipts.get(logs[1]?.id ?? '')?.verification).toBe('broken_chain');
  });

  it('keeps a rejected log with the reason and never sends it again', async () => {
    const db = freshDb();
    const [first, second] = await recordLogs(db, 2);
    const server = pushServer((log) =>
      log.id === first?.id ? { id: log.id, status: 'rejected', reason: 'unit_not_allowed' } : accept(log),
    );

    expect(await pushLogs(db, server.transport, 'token')).toMatchObject({ accepted: 1, rejected: 1 });
    expect(await pushLogs(db, server.transport, 'token')).toMatchObject({ accepted: 0, rejected: 0 });

    expect(server.batches).toEqual([[1, 2]]);
    expect(await countPendingLogs(db)).toBe(0);
    expect(await countRejectedLogs(db)).toBe(1);
    expect(await listRejectedLogs(db)).toEqual([
      { id: first?.id, seq: 1, reason: 'unit_not_allowed', rejectedAt: expect.any(String) },
    ]);
    expect((await listLogReceipts(db, [second?.id ?? ''])).size).toBe(1);
  });

  it('sends the rejected logs again when the operator asks, and marks again those still refused', async () => {
    const db = freshDb();
    const [moved, forked] = await recordLogs(db, 2);
    let unitFixed = false;
    const server = pushServer((log) => {
      if (log.id === moved?.id && !unitFixed)
        return { id: log.id, status: 'rejected', reason: 'unit_not_allowed' };
      if (log.id === forked?.id) return { id: log.id, status: 'rejected', reason: 'seq_conflict' };
      return accept(log);
    });
    await pushLogs(db, server.transport, 'token');
    expect(await countRejectedLogs(db)).toBe(2);

    // District staff moved the device's unit: the refused log is now accepted; the other is refused again.
    unitFixed = true;
    expect(await requeueRejectedLogs(db)).toBe(2);
    expect(await countPendingLogs(db)).toBe(2);
    expect(await pushLogs(db, server.transport, 'token')).toMatchObject({ accepted: 1, rejected: 1 });
    expect(server.batches).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(await listRejectedLogs(db)).toEqual([
      { id: forked?.id, seq: 2, reason: 'seq_conflict', rejectedAt: expect.any(String) },
    ]);
    expect((await listLogReceipts(db, [moved?.id ?? ''])).get(moved?.id ?? '')?.verification).toBe(
      'verified',
    );
  });

  it('changes nothing when the answer is lost, and sends the same logs again next time', async () => {
    const db = freshDb();
    await recordLogs(db, 3);
    const lost = fakeTransport({
      'POST /api/sync/push': () => {
        throw new TypeError('Failed to fetch');
      },
    });

    expect(await pushLogs(db, lost, 'token')).toMatchObject({ error: { kind: 'network' } });
    expect(await countPendingLogs(db)).toBe(3);

    const server = pushServer(accept);
    expect(await pushLogs(db, server.transport, 'token')).toMatchObject({ accepted: 3, error: null });
    expect(server.batches).toEqual([[1, 2, 3]]);
  });

  it('applies nothing from an answer that does not name the logs sent', async () => {
    const db = freshDb();
    await recordLogs(db, 2);
    const server = pushServer((log) => accept({ ...log, id: crypto.randomUUID() }));

    const counts = await pushLogs(db, server.transport, 'token');

    expect(counts.error).toMatchObject({ kind: 'invalid' });
    expect(await countPendingLogs(db)).toBe(2);
    expect(await db.logReceipts.count()).toBe(0);
  });

  it('reads batches by seq range, passing over rejected logs and pages of nothing but rejected ones', async () => {
    const db = freshDb();
    const logs = await recordLogs(db, 6);
    const rejectedSeqs = new Set([1, 2, 4]);
    await applyPushResults(
      db,
      logs
        .filter((log) => rejectedSeqs.has(log.seq))
        .map((log) => ({ id: log.id, status: 'rejected', reason: 'unit_not_allowed' })),
    );
    const server = pushServer(accept);

    expect(await nextPushBatch(db, -Infinity, 2)).toEqual({ logs: [], lastSeq: 2 });
    const counts = await pushLogs(db, server.transport, 'token', undefined, 2);

    expect(counts).toEqual({ accepted: 3, duplicate: 0, rejected: 0, error: null });
    expect(server.batches).toEqual([[3], [5, 6]]);
    expect(await countPendingLogs(db)).toBe(0);
    expect((await listRejectedLogs(db)).map((log) => log.seq)).toEqual([1, 2, 4]);
  });

  it('sends one batch at a time, in seq order, and applies every answer in order', async () => {
    const db = freshDb();
    await recordLogs(db, 7);
    let inFlight = 0;
    let mostInFlight = 0;
    const batches: number[][] = [];
    const transport = fakeTransport({
      'POST /api/sync/push': async (request) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const { logs } = await bodyOf(request);
        batches.push(logs.map((log) => log.seq));
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return Response.json({ results: logs.map(accept) });
      },
    });
    const progress: number[] = [];

    const counts = await pushLogs(db, transport, 'token', (done) => progress.push(done), 2);

    expect(counts).toEqual({ accepted: 7, duplicate: 0, rejected: 0, error: null });
    expect(mostInFlight).toBe(1);
    expect(batches).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(progress).toEqual([0, 2, 4, 6, 7]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.logReceipts.count()).toBe(7);
  });

  it('applies the answers already received when a later batch fails, and sends the rest next time', async () => {
    const db = freshDb();
    await recordLogs(db, 5);
    let calls = 0;
    const flaky = fakeTransport({
      'POST /api/sync/push': async (request) => {
        calls += 1;
        if (calls === 2) throw new TypeError('Failed to fetch');
        const { logs } = await bodyOf(request);
        return Response.json({ results: logs.map(accept) });
      },
    });

    expect(await pushLogs(db, flaky, 'token', undefined, 2)).toEqual({
      accepted: 2,
      duplicate: 0,
      rejected: 0,
      error: { kind: 'network' },
    });
    expect(await countPendingLogs(db)).toBe(3);

    const server = pushServer(accept);
    expect(await pushLogs(db, server.transport, 'token', undefined, 2)).toMatchObject({ accepted: 3 });
    expect(server.batches).toEqual([[3, 4], [5]]);
  });

  it('ends a batch early where its JSON would pass PUSH_BATCH_MAX_BYTES', async () => {
    const db = freshDb();
    // Control characters take 6 bytes each in JSON: about 12 KB per log.
    const notes = '\u0001'.repeat(2000);
    for (let i = 0; i < 50; i += 1) {
      await recordBroadcast(db, makeBroadcastInput(UNIT, BULLETIN, { notes }));
    }
    const sizes: number[] = [];
    const batches: number[][] = [];
    const transport = fakeTransport({
      'POST /api/sync/push': async (request) => {
        const stream = request.body?.pipeThrough(new DecompressionStream('gzip'));
        const text = await new Response(stream).text();
        sizes.push(new TextEncoder().encode(text).byteLength);
        const { logs } = JSON.parse(text) as { logs: BroadcastLog[] };
        batches.push(logs.map((log) => log.seq));
        return Response.json({ results: logs.map(accept) });
      },
    });

    expect(await pushLogs(db, transport, 'token')).toMatchObject({ accepted: 50, error: null });

    expect(batches.length).toBe(2);
    expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const size of sizes) expect(size).toBeLessThanOrEqual(PUSH_BATCH_MAX_BYTES);
  });
});
