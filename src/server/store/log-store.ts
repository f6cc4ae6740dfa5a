/**
 * Broadcast logs pushed by devices: stored once by id, verified with the domain's evidence code, answered per
 * log (PushResult). Policy:
 * - one transaction per batch, holding the pushing device's row lock (SELECT … FOR UPDATE), so two pushes of
 *   one device (a retry racing the original) run one after the other and the second sees the first's rows;
 * - the chain holds only logs the device's key signed: a log whose fields do not give its hash or whose
 *   signature is not the key's is refused (not_signed) whatever its seq or id, so a forgery sent with a stolen
 *   token never takes the place of the genuine log, which is accepted when it comes;
 * - a log is also refused when it names another device (wrong_device), a unit that is not the device's or below
 *   it (unit_not_allowed), an id already stored with another hash (id_conflict) or a seq of the device's chain
 *   already held by another log (seq_conflict); the same log again is a duplicate, answered with its stored
 *   verification. Every refused log is kept in refused_logs (as sent, the latest REFUSED_LOGS_KEPT per device)
 *   for staff to see;
 * - every new log gets a verification (verify-log.ts) stored with it: its own checks, its times against the
 *   server's clock at arrival, and its link to the predecessor stored before or sent in the same batch. A log
 *   whose predecessor has not arrived is 'unverified' (predecessor_missing) until the predecessor comes, and is
 *   re-checked then. Logs are evidence: only the verification of a stored row ever changes, never what the
 *   device signed;
 * - the checks a log needs no stored row for (hash, signature, rules) run for the whole batch at once (WebCrypto
 *   verifies on the thread pool) before the transaction, so the device lock covers only the link checks and the
 *   writes; the device's key is imported once per batch;
 * - the batch is read with one query and written with one INSERT (jsonb_to_recordset), so a batch costs a few
 *   round trips whatever its size.
 * Broadcast logs carry no rev (devices never pull them), so pushes do not take the synced-tables lock.
 */
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { PublicKeyJwk } from '../../domain/schemas/device.ts';
import { importPublicKey } from '../../domain/evidence/signature.ts';
import {
  arrivalTiming,
  checkLogSelf,
  isSignedByDevice,
  linkState,
  logVerification,
  type LogProblem,
  type LogSelfCheck,
  type LogVerification,
} from '../../domain/evidence/verify-log.ts';
import { SQL_INTEGER_MAX } from '../../domain/schemas/common.ts';
import type { PushRejection, PushResult, ReceivedLog } from '../../domain/sync.ts';
import { isDataException, type SqlEngine, type SqlExecutor } from './sql.ts';
import { unitRelations } from './unit-tree.ts';

/** The device a push comes from, as its bearer token proved. */
export interface PushingDevice {
  id: string;
  unitId: string;
  publicKey: PublicKeyJwk;
}

/** Thrown when the pushing device was revoked (or removed) between authentication and the push. */
export class DeviceRevokedError extends Error {
  override readonly name = 'DeviceRevokedError';
}

/** A log as a push sent it, before the log schema looked at it: only its id is known to be a UUID. */
export type SentLog = { id: string } & Record<string, unknown>;

/** Refused logs kept per device: enough to see what happened, bounded against a flood from a stolen token. */
export const REFUSED_LOGS_KEPT = 1000;

/** Broadcast logs as the push endpoint and staff reports need them. */
export interface LogStore {
  /**
   * Stores a device's batch in one transaction, as it arrived at `receivedAt` (the server's clock, ISO), and
   * answers one result per log, in order. Throws DeviceRevokedError, storing nothing, when the device is revoked.
   */
  push(device: PushingDevice, logs: readonly BroadcastLog[], receivedAt: string): Promise<PushResult[]>;
  /** Keeps logs refused as invalid before reaching the store, for staff to see. */
  keepInvalid(device: PushingDevice, logs: readonly SentLog[], receivedAt: string): Promise<void>;
  /** The stored logs with these ids, in domain shape with what the server added (any order). */
  findLogs(ids: readonly string[]): Promise<ReceivedLog[]>;
}

/** Log fields as [field, column, SQL type]; location and completion are several columns each (NESTED). */
const LOG_COLUMNS: readonly (readonly [keyof BroadcastLog, string, string])[] = [
  ['id', 'id', 'uuid'],
  ['deviceId', 'device_id', 'uuid'],
  ['seq', 'seq', 'integer'],
  ['prevHash', 'prev_hash', 'text'],
  ['hash', 'hash', 'text'],
  ['signature', 'signature', 'text'],
  ['unitId', 'unit_id', 'uuid'],
  ['operator', 'operator', 'text'],
  ['bulletinId', 'bulletin_id', 'uuid'],
  ['bulletinVersion', 'bulletin_version', 'integer'],
  ['lang', 'lang', 'text'],
  ['source', 'source', 'text'],
  ['channel', 'channel', 'text'],
  ['startedAt', 'started_at', 'timestamptz'],
  ['endedAt', 'ended_at', 'timestamptz'],
  ['repeats', 'repeats', 'integer'],
  ['placeName', 'place_name', 'text'],
  ['photoIds', 'photo_ids', 'text[]'],
  ['notes', 'notes', 'text'],
  ['correctsLogId', 'corrects_log_id', 'uuid'],
  ['createdAt', 'created_at', 'timestamptz'],
];

/**
 * Log fields holding an object, stored as one column per property: [field, [property, column, SQL type]…]. The
 * first column is NULL exactly when the field is null (or absent: a log written before completion existed).
 */
const NESTED = [
  [
    'location',
    [
      ['lat', 'location_lat', 'double precision'],
      ['lng', 'location_lng', 'double precision'],
      ['accuracyM', 'location_accuracy_m', 'double precision'],
    ],
  ],
  [
    'completion',
    [
      ['passes', 'completed_passes', 'integer'],
      ['measured', 'passes_measured', 'boolean'],
    ],
  ],
] as const satisfies readonly (readonly [
  keyof BroadcastLog,
  readonly (readonly [string, string, string])[],
])[];

/** SELECT list of broadcast_logs in ReceivedLog shape, for every reader of stored logs. */
export const RECEIVED_LOG_SELECT = [
  ...LOG_COLUMNS.map(([field, column]) => `broadcast_logs.${column} AS "${field}"`),
  ...NESTED.map(
    ([field, parts]) =>
      `CASE WHEN broadcast_logs.${parts[0][1]} IS NULL THEN NULL ELSE jsonb_build_object(${parts
        .map(([property, column]) => `'${property}', broadcast_logs.${column}`)
        .join(', ')}) END AS "${field}"`,
  ),
  'broadcast_logs.received_at AS "receivedAt"',
  'broadcast_logs.verification AS "verification"',
].join(', ');

const NESTED_PARTS = NESTED.flatMap(([field, parts]) =>
  parts.map(([property, column, type]) => ({ field, property, column, type })),
);

const INSERT_SQL = `INSERT INTO broadcast_logs
    (${[...LOG_COLUMNS.map(([, column]) => column), ...NESTED_PARTS.map(({ column }) => column)].join(', ')},
      verification, verification_detail, received_at)
  SELECT ${[
    ...LOG_COLUMNS.map(([field]) => `"${field}"`),
    ...NESTED_PARTS.map(({ field, property, type }) => `("${field}"->>'${property}')::${type}`),
  ].join(', ')}, "verification", "problem", $2::timestamptz
  FROM jsonb_to_recordset($1::jsonb) AS input(${[
    ...LOG_COLUMNS.map(([field, , type]) => `"${field}" ${type}`),
    ...NESTED.map(([field]) => `"${field}" jsonb`),
    '"verification" text',
    '"problem" text',
  ].join(', ')})
  ON CONFLICT DO NOTHING
  RETURNING id`;

/** What a batch needs to know of stored logs: by id (duplicates) and by the device's seqs around the batch. */
const STORED_SQL = `SELECT id, device_id AS "deviceId", seq, prev_hash AS "prevHash", hash, verification,
    verification_detail AS "problem"
  FROM broadcast_logs WHERE id = ANY($1::uuid[]) OR (device_id = $2 AND seq = ANY($3::integer[]))`;

const REVERIFY_SQL = `UPDATE broadcast_logs SET verification = input.verification, verification_detail = input.problem
  FROM jsonb_to_recordset($1::jsonb) AS input(id uuid, verification text, problem text)
  WHERE broadcast_logs.id = input.id`;

/** Refused logs as sent. Then the device's oldest beyond REFUSED_LOGS_KEPT go. */
const REFUSED_INSERT_SQL = `INSERT INTO refused_logs
    (device_id, unit_id, received_at, log_id, seq, reason, problem, sent)
  SELECT $1, $2, $3, input.id, input.seq, input.reason, input.problem, input.sent
  FROM jsonb_to_recordset($4::jsonb) AS input(id uuid, seq integer, reason text, problem text, sent text)`;

const REFUSED_PRUNE_SQL = `DELETE FROM refused_logs WHERE device_id = $1 AND id <= (
    SELECT id FROM refused_logs WHERE device_id = $1 ORDER BY id DESC OFFSET ${REFUSED_LOGS_KEPT} LIMIT 1)`;

type StoredLog = Pick<BroadcastLog, 'id' | 'deviceId' | 'seq' | 'prevHash' | 'hash'> & LogVerification;

/** Why a log was refused: the reason the device is told, and for a forgery what gave it away. */
interface Refusal {
  reason: PushRejection;
  problem?: LogProblem;
}

/** What a log of the batch turned out to be before verification: refused, stored before, or new. */
type Outcome = ({ kind: 'rejected' } & Refusal) | { kind: 'duplicate' } | { kind: 'new'; log: BroadcastLog };

/** A refused log as refused_logs keeps it. */
interface RefusedRow {
  id: string;
  seq: number | null;
  reason: PushRejection;
  problem: LogProblem | null;
  sent: string;
}

function refusedRow(sent: SentLog | BroadcastLog, refusal: Refusal): RefusedRow {
  const { seq } = sent;
  return {
    id: sent.id,
    // The seq it claimed, when that is one the column holds.
    seq: Number.isInteger(seq) && Number(seq) >= 1 && Number(seq) <= SQL_INTEGER_MAX ? Number(seq) : null,
    reason: refusal.reason,
    problem: refusal.problem ?? null,
    // JSON.stringify escapes U+0000 and lone surrogates, so whatever was sent is storable as text.
    sent: JSON.stringify(sent),
  };
}

async function keepRefused(
  tx: SqlExecutor,
  device: PushingDevice,
  rows: readonly RefusedRow[],
  receivedAt: string,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(REFUSED_INSERT_SQL, [device.id, device.unitId, receivedAt, JSON.stringify(rows)]);
  await tx.query(REFUSED_PRUNE_SQL, [device.id]);
}

/**
 * The own checks of a log stored as predecessor_missing: logVerification names that problem only when the
 * hash, the signature and the rules all passed, so the link is all that is left to check.
 */
const PASSED_SELF: LogSelfCheck = { hash: 'ok', signed: true, rulesHold: true };

async function allowedUnits(
  tx: SqlExecutor,
  device: PushingDevice,
  logs: readonly BroadcastLog[],
): Promise<Set<string>> {
  const unitIds = [...new Set(logs.map((log) => log.unitId))];
  const relations = await unitRelations(tx, device.unitId, unitIds);
  return new Set(unitIds.filter((_, i) => relations[i] === 'same' || relations[i] === 'below'));
}

/** Sorts each log of the batch into rejected (and why), duplicate or new, in the order sent. */
function classify(
  device: PushingDevice,
  logs: readonly BroadcastLog[],
  selfChecks: ReadonlyMap<BroadcastLog, LogSelfCheck>,
  allowed: ReadonlySet<string>,
  stored: readonly StoredLog[],
): Outcome[] {
  const byId = new Map<string, Pick<BroadcastLog, 'hash'>>(stored.map((row) => [row.id, row]));
  const takenSeqs = new Set(stored.filter((row) => row.deviceId === device.id).map((row) => row.seq));
  return logs.map((log): Outcome => {
    if (log.deviceId !== device.id) return { kind: 'rejected', reason: 'wrong_device' };
    const self = selfChecks.get(log)!;
    if (!isSignedByDevice(self)) {
      return {
        kind: 'rejected',
        reason: 'not_signed',
        problem: self.hash === 'ok' ? 'signature' : self.hash,
      };
    }
    if (!allowed.has(log.unitId)) return { kind: 'rejected', reason: 'unit_not_allowed' };
    const prior = byId.get(log.id);
    if (prior !== undefined) {
      return prior.hash === log.hash ? { kind: 'duplicate' } : { kind: 'rejected', reason: 'id_conflict' };
    }
    if (takenSeqs.has(log.seq)) return { kind: 'rejected', reason: 'seq_conflict' };
    byId.set(log.id, log);
    takenSeqs.add(log.seq);
    return { kind: 'new', log };
  });
}

/** Builds the log store on an open engine. */
export function createLogStore(engine: SqlEngine): LogStore {
  const pushBatch = async (
    device: PushingDevice,
    logs: readonly BroadcastLog[],
    receivedAt: string,
  ): Promise<PushResult[]> => {
    // The checks that need no stored row (hash, signature, rules) run before the transaction, all at once
    // (WebCrypto verifies on the thread pool), so the device lock is held only for the links and the insert.
    const own = logs.filter((log) => log.deviceId === device.id);
    const key = own.length > 0 ? await importPublicKey(device.publicKey) : undefined;
    // By log object, not id: two logs of a batch may share an id.
    const selfChecks = new Map<BroadcastLog, LogSelfCheck>();
    if (key !== undefined) {
      const checks = await Promise.all(own.map((log) => checkLogSelf(log, key)));
      own.forEach((log, i) => selfChecks.set(log, checks[i]!));
    }
    return engine.transaction(async (tx) => {
      const [row] = await tx.query<{ revoked: boolean; enrolledAt: string }>(
        'SELECT revoked_at IS NOT NULL AS revoked, enrolled_at AS "enrolledAt" FROM devices WHERE id = $1 FOR UPDATE',
        [device.id],
      );
      if (row === undefined || row.revoked) throw new DeviceRevokedError('the device is revoked');
      const arrival = { receivedAt, enrolledAt: row.enrolledAt };

      const seqs = [...new Set(own.flatMap((log) => [log.seq - 1, log.seq, log.seq + 1]))];
      const stored = await tx.query<StoredLog>(STORED_SQL, [logs.map((log) => log.id), device.id, seqs]);
      const outcomes = classify(device, logs, selfChecks, await allowedUnits(tx, device, own), stored);
      await keepRefused(
        tx,
        device,
        outcomes.flatMap((outcome, i) =>
          outcome.kind === 'rejected' ? [refusedRow(logs[i]!, outcome)] : [],
        ),
        receivedAt,
      );

      const fresh = outcomes.flatMap((outcome) => (outcome.kind === 'new' ? [outcome.log] : []));
      const storedBySeq = new Map(
        stored.filter((log) => log.deviceId === device.id).map((log) => [log.seq, log]),
      );
      const freshBySeq = new Map(fresh.map((log) => [log.seq, log]));
      const hashAt = (seq: number): string | undefined => (freshBySeq.get(seq) ?? storedBySeq.get(seq))?.hash;

      const verifications = new Map<string, LogVerification>(stored.map((log) => [log.id, log]));
      for (const log of fresh) {
        verifications.set(
          log.id,
          logVerification(
            selfChecks.get(log)!,
            linkState(log, hashAt(log.seq - 1)),
            arrivalTiming(log, arrival),
          ),
        );
      }

      // Stored logs that waited for a predecessor sent now.
      const rechecked = fresh.flatMap((log) => {
        const successor = storedBySeq.get(log.seq + 1);
        if (successor?.problem !== 'predecessor_missing') return [];
        const verification = logVerification(PASSED_SELF, linkState(successor, log.hash));
        verifications.set(successor.id, verification);
        return [{ id: successor.id, ...verification }];
      });
      if (rechecked.length > 0) await tx.query(REVERIFY_SQL, [JSON.stringify(rechecked)]);

      const inserted = new Set<string>();
      if (fresh.length > 0) {
        const rows = fresh.map((log) => ({ ...log, ...verifications.get(log.id) }));
        for (const { id } of await tx.query<{ id: string }>(INSERT_SQL, [JSON.stringify(rows), receivedAt])) {
          inserted.add(id);
        }
      }

      return logs.map((log, i): PushResult => {
        const outcome = outcomes[i]!;
        if (outcome.kind === 'rejected') return { id: log.id, status: 'rejected', reason: outcome.reason };
        // A new log another device's push stored first under the same id (the device lock covers only
        // this device's chain).
        if (outcome.kind === 'new' && !inserted.has(log.id)) {
          return { id: log.id, status: 'rejected', reason: 'id_conflict' };
        }
        const { verification, problem } = verifications.get(log.id)!;
        const status = outcome.kind === 'new' ? 'accepted' : 'duplicate';
        return problem === null
          ? { id: log.id, status, verification }
          : { id: log.id, status, verification, problem };
      });
    });
  };

  const keepInvalid = (device: PushingDevice, logs: readonly SentLog[], receivedAt: string): Promise<void> =>
    engine.transaction((tx) =>
      keepRefused(
        tx,
        device,
        logs.map((log) => refusedRow(log, { reason: 'invalid' })),
        receivedAt,
      ),
    );

  const push = async (
    device: PushingDevice,
    logs: readonly BroadcastLog[],
    receivedAt: string,
  ): Promise<PushResult[]> => {
    try {
      return await pushBatch(device, logs, receivedAt);
    } catch (error) {
      if (!isDataException(error)) throw error;
      // A value the log schema let through but the database cannot hold: the batch is stored a log at a time,
      // in order, so the one at fault is answered invalid (and kept as such) and does not hold back the rest.
      if (logs.length === 1) {
        await keepInvalid(device, logs, receivedAt);
        return [{ id: logs[0]!.id, status: 'rejected', reason: 'invalid' }];
      }
      const results: PushResult[] = [];
      for (const log of logs) results.push(...(await push(device, [log], receivedAt)));
      return results;
    }
  };

  return {
    push,
    keepInvalid,

    findLogs: (ids) =>
      engine.query<ReceivedLog>(
        `SELECT ${RECEIVED_LOG_SELECT} FROM broadcast_logs WHERE id = ANY($1::uuid[])`,
        [ids],
      ),
  };
}
