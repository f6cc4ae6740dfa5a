import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashLog } from '../../src/domain/evidence/canonical.ts';
import { signHash } from '../../src/domain/evidence/signature.ts';
import { verifyChain } from '../../src/domain/evidence/verify-chain.ts';
import {
  BEFORE_ENROLMENT_MAX_DAYS,
  SERVER_CLOCK_TOLERANCE_MS,
} from '../../src/domain/evidence/verify-log.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import { PUSH_BATCH_MAX, PushResponseSchema, type ApiError, type PushResult } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import { REFUSED_LOGS_KEPT } from '../../src/server/store/log-store.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import {
  deviceHeaders,
  enrolTestDevice,
  newDeviceKeys,
  seedAccounts,
  signIn,
  staffFetch,
  type TestDevice,
} from '../helpers/auth.ts';
import { signLog, signedChain } from '../helpers/signed-logs.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

describe.each(ENGINES)('POST /api/sync/push on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let device: TestDevice;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    app = createApp({ store: db.store, version: 'test' });
    device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
  });
  afterEach(() => db.dispose());

  function request(logs: readonly BroadcastLog[], token = device.token): Promise<Response> {
    return Promise.resolve(
      app.request('/api/sync/push', {
        method: 'POST',
        headers: deviceHeaders(token, true),
        body: JSON.stringify({ logs }),
      }),
    );
  }

  async function push(logs: readonly BroadcastLog[], token = device.token): Promise<PushResult[]> {
    const response = await request(logs, token);
    expect(response.status).toBe(200);
    return v.parse(PushResponseSchema, await response.json()).results;
  }

  function chain(
    count: number,
    start: { startSeq?: number; prevHash?: string } = {},
  ): Promise<BroadcastLog[]> {
    return signedChain(device.privateKey, device.deviceId, DEMO_UNIT_IDS.taPhin, count, start);
  }

  const answers = (status: string, logs: readonly BroadcastLog[], verification: string, problem?: string) =>
    logs.map((log) => ({ id: log.id, status, verification, ...(problem === undefined ? {} : { problem }) }));
  const accepted = (logs: readonly BroadcastLog[], verification = 'verified', problem?: string) =>
    answers('accepted', logs, verification, problem);
  const duplicate = (logs: readonly BroadcastLog[], verification = 'verified', problem?: string) =>
    answers('duplicate', logs, verification, problem);
  const notSigned = (logs: readonly BroadcastLog[]) =>
    logs.map((log) => ({ id: log.id, status: 'rejected', reason: 'not_signed' }));

  /** What refused_logs kept of the device's refused logs, oldest first. */
  async function refused(): Promise<
    { logId: string; seq: number | null; reason: string; problem: string | null }[]
  > {
    return db.sql.query(
      `SELECT log_id AS "logId", seq, reason, problem FROM refused_logs WHERE device_id = $1 ORDER BY id`,
      [device.deviceId],
    );
  }

  async function storedCount(): Promise<number> {
    const [row] = await db.sql.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM broadcast_logs',
    );
    return row!.count;
  }

  async function storedVerification(id: string): Promise<string | undefined> {
    return (await db.store.logs.findLogs([id]))[0]?.verification;
  }

  /** Why the server did not verify a log, as stored for staff (null when verified). */
  async function storedProblem(id: string): Promise<string | null | undefined> {
    const [row] = await db.sql.query<{ problem: string | null }>(
      'SELECT verification_detail AS problem FROM broadcast_logs WHERE id = $1',
      [id],
    );
    return row?.problem;
  }

  it('stores a signed chain as verified, exactly as the device signed it', async () => {
    const logs = await chain(5);
    expect(await push(logs)).toEqual(accepted(logs));
    const stored = await db.store.logs.findLogs(logs.map((log) => log.id));
    expect(stored).toHaveLength(5);
    for (const log of logs) {
      const row = stored.find((s) => s.id === log.id)!;
      expect(row).toEqual({ ...log, receivedAt: expect.any(String), verification: 'verified' });
      // What the server keeps still hashes to the device's hash.
      expect(await hashLog(row.prevHash, row)).toBe(log.hash);
    }
  });

  it('stores how much of the bulletin each log aired, and logs written before completion as they were signed', async () => {
    const [first, second, third] = await chain(3);
    const resign = async (log: BroadcastLog, changes: Partial<BroadcastLog>, prevHash: string) => {
      const { hash: _hash, signature: _signature, ...unsigned } = { ...log, ...changes, prevHash };
      return signLog(device.privateKey, unsigned);
    };
    const stopped = await resign(first!, { completion: { passes: 0, measured: true } }, first!.prevHash);
    const { completion: _completion, ...withoutCompletion } = second!;
    const older = await resign(withoutCompletion as BroadcastLog, {}, stopped.hash);
    const declared = await resign(
      third!,
      { repeats: 3, completion: { passes: 2, measured: false } },
      older.hash,
    );
    expect(await push([stopped, older, declared])).toEqual(accepted([stopped, older, declared]));

    const stored = await db.store.logs.findLogs([stopped.id, older.id, declared.id]);
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(byId.get(stopped.id)?.completion).toEqual({ passes: 0, measured: true });
    expect(byId.get(older.id)?.completion).toBeNull();
    expect(byId.get(declared.id)?.completion).toEqual({ passes: 2, measured: false });
    for (const row of stored) expect(await hashLog(row.prevHash, row)).toBe(byId.get(row.id)!.hash);
    expect((await verifyChain(stored, device.publicKeyJwk)).status).toBe('verified');

    // Taking the completion off a signed log, or raising it, is a change after signing.
    const [next] = await chain(1, { startSeq: 4, prevHash: declared.hash });
    const { completion: _taken, ...stripped } = next!;
    const raised = { ...next!, completion: { passes: 1, measured: false } };
    expect(await push([stripped as BroadcastLog, raised])).toEqual(
      notSigned([stripped as BroadcastLog, raised]),
    );
  });

  it(`keeps the latest ${REFUSED_LOGS_KEPT} refused logs of a device, so a stolen token cannot fill the disk`, async () => {
    const pushing = { id: device.deviceId, unitId: DEMO_UNIT_IDS.taPhin, publicKey: device.publicKeyJwk };
    const sent = Array.from({ length: REFUSED_LOGS_KEPT + 5 }, (_, i) => ({
      id: crypto.randomUUID(),
      seq: i + 1,
    }));
    const receivedAt = new Date().toISOString();
    await db.store.logs.keepInvalid(pushing, sent.slice(0, 10), receivedAt);
    await db.store.logs.keepInvalid(pushing, sent.slice(10), receivedAt);
    const kept = await refused();
    expect(kept).toHaveLength(REFUSED_LOGS_KEPT);
    // The oldest go first: what is kept is the latest, in the order it came.
    expect(kept.map((row) => row.seq)).toEqual(sent.slice(5).map((log) => log.seq));
    expect(kept.every((row) => row.reason === 'invalid')).toBe(true);
  });

  it('stores each log once when the same batch comes twice, answering duplicate', async () => {
    const logs = await chain(4);
    await push(logs);
    expect(await push(logs)).toEqual(duplicate(logs));
    expect(await storedCount()).toBe(4);
  });

  it('stores each log once when a batch cut in the middle is resent whole', async () => {
    const logs = await chain(6);
    await push(logs.slice(0, 3));
    expect(await push(logs)).toEqual([...duplicate(logs.slice(0, 3)), ...accepted(logs.slice(3))]);
    expect(await storedCount()).toBe(6);
  });

  it('continues a chain over batches', async () => {
    const first = await chain(3);
    const next = await chain(2, { startSeq: 4, prevHash: first[2]!.hash });
    await push(first);
    expect(await push(next)).toEqual(accepted(next));
  });

  it('keeps a log changed after signing out of the chain, for staff to see', async () => {
    const logs = await chain(3);
    const tampered = { ...logs[1]!, repeats: 9 };
    expect(await push([logs[0]!, tampered, logs[2]!])).toEqual([
      ...accepted([logs[0]!]),
      ...notSigned([tampered]),
      ...accepted([logs[2]!], 'unverified', 'predecessor_missing'),
    ]);
    expect(await db.store.logs.findLogs([tampered.id])).toEqual([]);
    expect(await refused()).toEqual([{ logId: tampered.id, seq: 2, reason: 'not_signed', problem: 'hash' }]);
    expect(await push([logs[1]!])).toEqual(accepted([logs[1]!]));
    expect(await storedVerification(logs[2]!.id)).toBe('verified');
  });

  it('moves forgeries a server stored before migration 005 out of the chain, so the genuine log fits', async () => {
    const logs = await chain(4);
    await push(logs.slice(0, 3));
    const facts = () =>
      db.sql.query<{ broadcasts: number }>('SELECT sum(broadcasts)::integer AS broadcasts FROM airing_facts');
    const [genuine] = await facts();
    // What an older server stored for a forged seq 4: a row of the chain, flagged but holding the seq.
    const forged = { ...logs[3]!, notes: 'Đã phát 10 lần' };
    await db.sql.query(
      `INSERT INTO broadcast_logs (id, device_id, seq, prev_hash, hash, signature, unit_id, operator, bulletin_id,
         bulletin_version, lang, source, channel, started_at, ended_at, repeats, photo_ids, notes, created_at,
         verification, verification_detail)
       VALUES ($1, $2, 4, $3, $4, $5, $6, 'Kẻ giả mạo', NULL, NULL, 'vie', 'tts', 'other', $7, $8, 3, '{}', $9, $8,
         'broken_chain', 'hash')`,
      [
        forged.id,
        device.deviceId,
        forged.prevHash,
        forged.hash,
        forged.signature,
        forged.unitId,
        forged.startedAt,
        forged.endedAt,
        forged.notes,
      ],
    );
    expect(await facts()).toEqual([{ broadcasts: genuine!.broadcasts + 1 }]);
    // What migration 005 does to such a server's database, run again on this one.
    await db.sql.query('DROP TABLE refused_logs');
    await db.sql.exec(
      readFileSync(
        new URL('../../src/server/store/migrations/005_refused_logs.sql', import.meta.url),
        'utf8',
      ),
    );

    expect(await refused()).toEqual([{ logId: forged.id, seq: 4, reason: 'not_signed', problem: 'hash' }]);
    expect(await facts()).toEqual([genuine]);
    expect(await push([logs[3]!])).toEqual(accepted([logs[3]!]));
  });

  describe('a forged log at a seq, then the genuine one', () => {
    const forgeries: [string, (genuine: BroadcastLog) => Promise<BroadcastLog>][] = [
      ['a field changed after signing', async (genuine) => ({ ...genuine, notes: 'Đã phát 10 lần' })],
      [
        'a signature of another key',
        async (genuine) => {
          const other = await newDeviceKeys();
          const { hash: _hash, signature: _signature, ...unsigned } = { ...genuine, repeats: 5 };
          return signLog(other.privateKey, unsigned);
        },
      ],
      ['garbage signature bytes', async (genuine) => ({ ...genuine, signature: 'A'.repeat(86) })],
      [
        'a wrong prevHash',
        async (genuine) => {
          const prevHash = 'f'.repeat(64);
          const { hash: _hash, signature, ...unsigned } = { ...genuine, prevHash };
          return { ...unsigned, hash: await hashLog(prevHash, unsigned), signature };
        },
      ],
    ];
    it.each(forgeries)(
      '%s: the genuine log is verified, the chain holds, the forgery is kept apart',
      async (_, forge) => {
        const logs = await chain(4);
        expect(await push(logs.slice(0, 3))).toEqual(accepted(logs.slice(0, 3)));
        const forged = await forge(logs[3]!);
        expect(await push([forged])).toEqual(notSigned([forged]));
        expect(await push([logs[3]!])).toEqual(accepted([logs[3]!]));
        const stored = await db.store.logs.findLogs(logs.map((log) => log.id));
        expect(stored.map((log) => log.verification)).toEqual([
          'verified',
          'verified',
          'verified',
          'verified',
        ]);
        expect(await verifyChain(stored, device.publicKeyJwk)).toMatchObject({
          status: 'verified',
          count: 4,
        });
        expect(await refused()).toEqual([
          {
            logId: forged.id,
            seq: 4,
            reason: 'not_signed',
            problem: expect.stringMatching(/^(hash|signature)$/),
          },
        ]);
      },
    );
  });

  it('flags a log its own key signed with a link to the wrong predecessor as broken_chain', async () => {
    const logs = await chain(3);
    const { hash: _hash, signature: _signature, ...unsigned } = logs[2]!;
    const relinked = await signLog(device.privateKey, { ...unsigned, prevHash: logs[0]!.hash });
    expect(await push([logs[0]!, logs[1]!, relinked])).toEqual([
      ...accepted(logs.slice(0, 2)),
      ...accepted([relinked], 'broken_chain', 'link'),
    ]);
  });

  it('refuses logs signed by another key', async () => {
    const other = await newDeviceKeys();
    const logs = await signedChain(other.privateKey, device.deviceId, DEMO_UNIT_IDS.taPhin, 2);
    expect(await push(logs)).toEqual(notSigned(logs));
    expect(await storedCount()).toBe(0);
    expect((await refused()).map((row) => row.problem)).toEqual(['signature', 'signature']);
  });

  it('checks every log of a batch on its own, even two copies under one id', async () => {
    const other = await newDeviceKeys();
    const [first, second] = await chain(2);
    const forged = { ...first!, signature: await signHash(other.privateKey, first!.hash) };
    expect(await push([forged, first!])).toEqual([...notSigned([forged]), ...accepted([first!])]);
    const forgedSecond = { ...second!, signature: forged.signature };
    expect(await push([second!, forgedSecond])).toEqual([
      ...accepted([second!]),
      ...notSigned([forgedSecond]),
    ]);
    expect(await storedCount()).toBe(2);
  });

  it('flags a signed log that breaks the log rules as unverified', async () => {
    const [log] = await chain(1);
    const { hash: _hash, signature: _signature, ...unsigned } = log!;
    const future = await signLog(device.privateKey, {
      ...unsigned,
      endedAt: new Date(Date.parse(unsigned.createdAt) + 3_600_000).toISOString(),
    });
    expect(await push([future])).toEqual(accepted([future], 'unverified', 'rules'));
    expect(await storedProblem(future.id)).toBe('rules');
  });

  /** The first log of a chain, re-signed with its times moved to start at `startedAt`. */
  async function firstLogAt(startedAt: number): Promise<BroadcastLog> {
    const [log] = await chain(1);
    const { hash: _hash, signature: _signature, ...unsigned } = log!;
    const iso = (ms: number) => new Date(ms).toISOString();
    return signLog(device.privateKey, {
      ...unsigned,
      startedAt: iso(startedAt),
      endedAt: iso(startedAt + 60_000),
      createdAt: iso(startedAt + 60_000),
    });
  }

  it('does not verify a signed log dated ahead of the server clock, and tells the device why', async () => {
    const in2099 = await firstLogAt(Date.parse('2099-11-25T00:00:00.000Z'));
    expect(await push([in2099])).toEqual(accepted([in2099], 'unverified', 'clock_ahead'));
    expect(await push([in2099])).toEqual(duplicate([in2099], 'unverified', 'clock_ahead'));
    expect(await storedProblem(in2099.id)).toBe('clock_ahead');
  });

  it('verifies a log a few minutes ahead, within the clock tolerance', async () => {
    const ahead = await firstLogAt(Date.now() + SERVER_CLOCK_TOLERANCE_MS / 2 - 60_000);
    expect(await push([ahead])).toEqual(accepted([ahead]));
  });

  it('verifies logs written offline before enrolment, but not long before', async () => {
    const day = 86_400_000;
    const weekBefore = await firstLogAt(Date.now() - 7 * day);
    expect(await push([weekBefore])).toEqual(accepted([weekBefore]));
    await db.sql.query('DELETE FROM broadcast_logs');
    const longBefore = await firstLogAt(Date.now() - (BEFORE_ENROLMENT_MAX_DAYS + 1) * day);
    expect(await push([longBefore])).toEqual(accepted([longBefore], 'unverified', 'before_enrolment'));
  });

  it('keeps a log unverified until its predecessor arrives, then verifies it', async () => {
    const logs = await chain(4);
    expect(await push(logs.slice(2))).toEqual([
      ...accepted([logs[2]!], 'unverified', 'predecessor_missing'),
      ...accepted([logs[3]!]),
    ]);
    expect(await storedProblem(logs[2]!.id)).toBe('predecessor_missing');
    expect(await push(logs.slice(0, 2))).toEqual(accepted(logs.slice(0, 2)));
    expect(await storedVerification(logs[2]!.id)).toBe('verified');
    expect(await storedProblem(logs[2]!.id)).toBeNull();
    expect(await push([logs[2]!])).toEqual(duplicate([logs[2]!]));
  });

  it('breaks a waiting log when the predecessor that arrives is not the one it links to', async () => {
    const logs = await chain(3);
    const [otherSecond] = await chain(1, { startSeq: 2, prevHash: logs[0]!.hash });
    await push([logs[2]!]);
    expect(await push([logs[0]!, otherSecond!])).toEqual(accepted([logs[0]!, otherSecond!]));
    expect(await storedVerification(logs[2]!.id)).toBe('broken_chain');
    expect(await storedProblem(logs[2]!.id)).toBe('link');
  });

  it('answers a late predecessor and its waiting successor in one batch', async () => {
    const logs = await chain(3);
    await push([logs[2]!]);
    expect(await push(logs)).toEqual([...accepted(logs.slice(0, 2)), ...duplicate([logs[2]!])]);
  });

  it('refuses a log the log schema refuses as invalid and stores the rest of the batch', async () => {
    const logs = await chain(3);
    // As an app of another version might send it: a field this server does not know.
    const odd = { ...logs[1]!, volume: 'loud' };
    const response = await request([logs[0]!, odd as BroadcastLog, logs[2]!]);
    expect(response.status).toBe(200);
    expect(v.parse(PushResponseSchema, await response.json()).results).toEqual([
      ...accepted([logs[0]!]),
      { id: odd.id, status: 'rejected', reason: 'invalid' },
      // Its predecessor was never stored: it waits for it, like any log whose predecessor is missing.
      ...accepted([logs[2]!], 'unverified', 'predecessor_missing'),
    ]);
    expect(await storedCount()).toBe(2);
    expect(await refused()).toEqual([{ logId: odd.id, seq: 2, reason: 'invalid', problem: null }]);
    expect(await storedProblem(logs[2]!.id)).toBe('predecessor_missing');
  });

  describe('rejections (nothing stored)', () => {
    it('answers every log of a batch the log schema refuses as invalid', async () => {
      const logs = await chain(2);
      const broken = logs.map((log) => ({ ...log, repeats: 0 }));
      expect(await push(broken)).toEqual(
        logs.map((log) => ({ id: log.id, status: 'rejected', reason: 'invalid' })),
      );
      expect(await storedCount()).toBe(0);
    });

    it('refuses a log of another device', async () => {
      const [log] = await signedChain(device.privateKey, crypto.randomUUID(), DEMO_UNIT_IDS.taPhin, 1);
      expect(await push([log!])).toEqual([{ id: log!.id, status: 'rejected', reason: 'wrong_device' }]);
      expect(await storedCount()).toBe(0);
    });

    it.each([
      ['another commune', DEMO_UNIT_IDS.vinhHai],
      ['the district above', DEMO_UNIT_IDS.district],
      ['an unknown unit', crypto.randomUUID()],
    ])('refuses a log of %s', async (_name, unitId) => {
      const [log] = await signedChain(device.privateKey, device.deviceId, unitId, 1);
      expect(await push([log!])).toEqual([{ id: log!.id, status: 'rejected', reason: 'unit_not_allowed' }]);
      expect(await storedCount()).toBe(0);
    });

    it('refuses a second log at a seq already held (a fork), in a later batch or the same one', async () => {
      const logs = await chain(2);
      await push(logs);
      const [fork] = await chain(1);
      expect(await push([fork!])).toEqual([{ id: fork!.id, status: 'rejected', reason: 'seq_conflict' }]);
      const other = await chain(1, { startSeq: 3, prevHash: logs[1]!.hash });
      const otherTwin = await chain(1, { startSeq: 3, prevHash: logs[1]!.hash });
      expect(await push([...other, ...otherTwin])).toEqual([
        ...accepted(other),
        { id: otherTwin[0]!.id, status: 'rejected', reason: 'seq_conflict' },
      ]);
      expect(await storedCount()).toBe(3);
    });

    it('refuses a different log under an id already stored', async () => {
      const logs = await chain(2);
      await push(logs.slice(0, 1));
      const { hash: _hash, signature: _signature, ...unsigned } = logs[0]!;
      const sameId = await signLog(device.privateKey, { ...unsigned, notes: 'khác' });
      expect(await push([sameId])).toEqual([{ id: sameId.id, status: 'rejected', reason: 'id_conflict' }]);
      expect((await db.store.logs.findLogs([sameId.id]))[0]?.notes).toBe(logs[0]!.notes);
    });

    it('answers 401 to a revoked device and stores nothing', async () => {
      const cookie = await signIn(app, 'admin');
      const revoke = await staffFetch(app, cookie, 'POST', `/api/devices/${device.deviceId}/revoke`);
      expect(revoke.status).toBe(200);
      const response = await request(await chain(2));
      expect(response.status).toBe(401);
      expect(((await response.json()) as ApiError).error).toBe('device_revoked');
      expect(await storedCount()).toBe(0);
    });

    it('answers 401 without a token', async () => {
      const response = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ logs: await chain(1) }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ApiError).error).toBe('device_unauthorized');
    });

    it.each([
      ['an empty batch', { logs: [] }],
      ['an unknown field', { logs: [], extra: 1 }],
      ['a log without an id', { logs: [{ seq: 1 }] }],
      ['a log whose id is not a UUID', { logs: [{ id: 'log-1' }] }],
    ])('answers 400 to %s', async (_name, body) => {
      const response = await app.request('/api/sync/push', {
        method: 'POST',
        headers: deviceHeaders(device.token, true),
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ApiError).error).toBe('invalid_request');
      expect(await storedCount()).toBe(0);
    });

    it('answers 400 to a batch over PUSH_BATCH_MAX logs', async () => {
      const [log] = await chain(1);
      const logs = Array.from({ length: PUSH_BATCH_MAX + 1 }, (_, seq) => ({
        ...log!,
        id: crypto.randomUUID(),
        seq: seq + 1,
      }));
      expect((await request(logs)).status).toBe(400);
      expect(await storedCount()).toBe(0);
    });
  });

  it('accepts a gzip-compressed body', async () => {
    const logs = await chain(3);
    const response = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { ...deviceHeaders(device.token, true), 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ logs })),
    });
    expect(response.status).toBe(200);
    expect(v.parse(PushResponseSchema, await response.json()).results).toEqual(accepted(logs));
  });

  it.runIf(kind === 'postgres')('stores each log once when two pushes of one batch race', async () => {
    const logs = await chain(20);
    const [first, second] = await Promise.all([push(logs), push(logs)]);
    const answers = [first, second].map((results) => results.map((r) => r.status));
    expect(answers).toContainEqual(logs.map(() => 'accepted'));
    expect(answers).toContainEqual(logs.map(() => 'duplicate'));
    expect(await storedCount()).toBe(20);
  });
});
