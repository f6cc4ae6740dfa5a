/**
 * Persistence of accounts: staff users and their sessions, one-time pairing codes, enrolled devices, and the
 * unit-tree queries authorisation needs. Only SHA-256 hashes of session tokens, device tokens and pairing
 * codes are stored (see auth/tokens.ts); timestamps come from the caller so one request uses one clock.
 */
import type { AccountSummary, AccountUpdate } from '../../domain/account-admin.ts';
import type { DeviceSummary, StaffUser } from '../../domain/accounts.ts';
import type { UnitRelation } from '../../domain/authz.ts';
import type { PublicKeyJwk } from '../../domain/schemas/device.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { User } from '../../domain/schemas/user.ts';
import type { Row, SqlEngine, SqlExecutor } from './sql.ts';
import { ancestorIds, findUnit, subtreeIds, topUnits, unitRelations } from './unit-tree.ts';

/** A staff account with the hash its password is checked against, and whether it is disabled. */
export interface UserWithPassword extends StaffUser {
  passwordHash: string;
  disabledAt: string | null;
}

/** A device as device authentication needs it. */
export interface DeviceCredentials {
  id: string;
  label: string;
  unitId: string;
  publicKey: PublicKeyJwk;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** What an enrolment asks for, with the secrets already hashed. */
export interface EnrolmentRequest {
  codeHash: string;
  deviceId: string;
  label: string;
  publicKey: PublicKeyJwk;
  tokenHash: string;
  now: string;
}

/** How an enrolment ended: the device enrolled (or enrolled again), or why not. */
export type EnrolmentOutcome =
  | { ok: true; device: DeviceSummary }
  | { ok: false; reason: 'code_unknown' | 'code_expired' | 'code_used' | 'device_exists' };

/** Accounts, sessions, pairing codes, devices and the unit tree. */
export interface AccountStore {
  /** Inserts users whose id is not there yet (others are left as they are); returns how many were added. */
  insertUsers(users: readonly User[]): Promise<number>;
  /** How many staff accounts exist. */
  countUsers(): Promise<number>;
  /** The account with this (lower-case) login. */
  findUserByLogin(login: string): Promise<UserWithPassword | undefined>;
  /** The accounts of these units, by login. */
  listAccounts(unitIds: readonly string[]): Promise<AccountSummary[]>;
  findAccount(id: string): Promise<AccountSummary | undefined>;
  /** Inserts an account that must change its password at sign-in; false (nothing written) when the login is taken. */
  createAccount(user: User): Promise<boolean>;
  /** Changes an account's unit, role and name; undefined when it does not exist. */
  updateAccount(id: string, update: AccountUpdate): Promise<AccountSummary | undefined>;
  /** Disables an account (ending its sessions) at `disabledAt`, or enables it again with null. */
  setAccountDisabled(id: string, disabledAt: string | null): Promise<AccountSummary | undefined>;
  /**
   * Sets an account's password hash and whether it must be changed at sign-in, ending every session of the account
   * but `keepSessionHash` (the one changing its own password stays signed in).
   */
  setPassword(id: string, passwordHash: string, mustChange: boolean, keepSessionHash?: string): Promise<void>;
  recordSignIn(id: string, now: string): Promise<void>;
  createSession(session: {
    tokenHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The account of a session not expired at `now`, with when the session was last used. */
  findSession(tokenHash: string, now: string): Promise<{ user: StaffUser; lastUsedAt: string } | undefined>;
  touchSession(tokenHash: string, now: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Stores a pairing code (by hash) for a unit. */
  createPairingCode(code: {
    codeHash: string;
    unitId: string;
    createdBy: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** Uses a pairing code to enrol (or enrol again) a device, in one transaction. */
  enrol(request: EnrolmentRequest): Promise<EnrolmentOutcome>;
  /** The devices of these units, most recently enrolled first. */
  listDevices(unitIds: readonly string[]): Promise<DeviceSummary[]>;
  findDevice(deviceId: string): Promise<DeviceSummary | undefined>;
  /** Marks a device revoked (keeping the first revocation time); undefined when it does not exist. */
  revokeDevice(deviceId: string, now: string): Promise<DeviceSummary | undefined>;
  findDeviceByToken(tokenHash: string): Promise<DeviceCredentials | undefined>;
  touchDevice(deviceId: string, now: string): Promise<void>;
  findUnit(unitId: string): Promise<Unit | undefined>;
  /** The units at the top of the tree. */
  topUnits(): Promise<Unit[]>;
  /** Where each target sits relative to the actor's unit, in the order given. */
  unitRelations(actorUnitId: string, targetIds: readonly string[]): Promise<UnitRelation[]>;
  /** Ids of these units and every unit below them. */
  subtreeIds(unitIds: readonly string[]): Promise<string[]>;
  /** Ids of the ancestors of a unit, nearest first. */
  ancestorIds(unitId: string): Promise<string[]>;
}

/** Days an unused pairing code is kept after it expired. */
export const PAIRING_CODE_KEPT_DAYS = 30;

const STAFF_USER_COLUMNS = `users.id, users.login, users.display_name AS "displayName", users.role,
  users.unit_id AS "unitId", users.must_change_password AS "mustChangePassword"`;
const ACCOUNT_COLUMNS = `${STAFF_USER_COLUMNS}, users.disabled_at AS "disabledAt",
  users.last_sign_in_at AS "lastSignInAt"`;
const DEVICE_SUMMARY_COLUMNS = `id, unit_id AS "unitId", label, enrolled_at AS "enrolledAt",
  last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt"`;

/** Enrols inside the transaction `tx`; see AccountStore.enrol. */
async function enrolIn(tx: SqlExecutor, request: EnrolmentRequest): Promise<EnrolmentOutcome> {
  const [code] = await tx.query<{
    unitId: string;
    expired: boolean;
    usedByDevice: string | null;
  }>(
    `SELECT unit_id AS "unitId", expires_at <= $2::timestamptz AS expired, used_by_device AS "usedByDevice"
     FROM pairing_codes WHERE code_hash = $1 FOR UPDATE`,
    [request.codeHash, request.now],
  );
  if (code === undefined) return { ok: false, reason: 'code_unknown' };
  const [existing] = await tx.query<{ publicKey: PublicKeyJwk; revoked: boolean }>(
    `SELECT public_key AS "publicKey", revoked_at IS NOT NULL AS revoked FROM devices WHERE id = $1 FOR UPDATE`,
    [request.deviceId],
  );
  const sameKey =
    existing !== undefined &&
    existing.publicKey.x === request.publicKey.x &&
    existing.publicKey.y === request.publicKey.y;
  // A device that lost the answer on a bad connection sends the same enrolment again: it gets a new token
  // rather than "code used". A revoked device cannot come back this way; it needs a new code.
  const retry = code.usedByDevice === request.deviceId && sameKey && existing?.revoked === false;
  if (code.usedByDevice !== null && !retry) return { ok: false, reason: 'code_used' };
  if (code.expired && !retry) return { ok: false, reason: 'code_expired' };
  if (existing !== undefined && !sameKey) return { ok: false, reason: 'device_exists' };

  const [device] = await tx.query<DeviceSummary & Row>(
    `INSERT INTO devices (id, unit_id, label, public_key, token_hash, enrolled_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, label = excluded.label,
       token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked_at = NULL
     RETURNING ${DEVICE_SUMMARY_COLUMNS}`,
    [
      request.deviceId,
      code.unitId,
      request.label,
      JSON.stringify(request.publicKey),
      request.tokenHash,
      request.now,
    ],
  );
  if (device === undefined) throw new Error('Enrolment wrote no device row');
  if (!retry) {
    await tx.query('UPDATE pairing_codes SET used_at = $2, used_by_device = $3 WHERE code_hash = $1', [
      request.codeHash,
      request.now,
      request.deviceId,
    ]);
  }
  return { ok: true, device };
}

/** The AccountStore over an open engine. */
export function createAccountStore(engine: SqlEngine): AccountStore {
  return {
    async insertUsers(users) {
      const rows = await engine.query(
        `INSERT INTO users (id, unit_id, role, login, display_name, password_hash)
         SELECT id, "unitId", role, login, "displayName", "passwordHash"
         FROM jsonb_to_recordset($1::jsonb) AS input(id uuid, "unitId" uuid, role text, login text,
           "displayName" text, "passwordHash" text)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [JSON.stringify(users)],
      );
      return rows.length;
    },

    async countUsers() {
      const [row] = await engine.query<{ count: number }>('SELECT count(*)::integer AS count FROM users');
      return row?.count ?? 0;
    },

    async findUserByLogin(login) {
      const [user] = await engine.query<UserWithPassword & Row>(
        `SELECT ${STAFF_USER_COLUMNS}, users.password_hash AS "passwordHash", users.disabled_at AS "disabledAt"
         FROM users WHERE login = $1`,
        [login],
      );
      return user;
    },

    listAccounts: (unitIds) =>
      engine.query<AccountSummary & Row>(
        `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE unit_id = ANY($1::uuid[]) ORDER BY login`,
        [unitIds],
      ),

    async findAccount(id) {
      const [account] = await engine.query<AccountSummary & Row>(
        `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = $1`,
        [id],
      );
      return account;
    },

    async createAccount(user) {
      const rows = await engine.query(
        `INSERT INTO users (id, unit_id, role, login, display_name, password_hash, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, true) ON CONFLICT (login) DO NOTHING RETURNING id`,
        [user.id, user.unitId, user.role, user.login, user.displayName, user.passwordHash],
      );
      return rows.length === 1;
    },

    async updateAccount(id, { unitId, role, displayName }) {
      const [account] = await engine.query<AccountSummary & Row>(
        `UPDATE users SET unit_id = $2, role = $3, display_name = $4 WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
        [id, unitId, role, displayName],
      );
      return account;
    },

    setAccountDisabled: (id, disabledAt) =>
      engine.transaction(async (tx) => {
        const [account] = await tx.query<AccountSummary & Row>(
          `UPDATE users SET disabled_at = CASE WHEN $2::timestamptz IS NULL THEN NULL
             ELSE coalesce(disabled_at, $2::timestamptz) END
           WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
          [id, disabledAt],
        );
        if (disabledAt !== null) await tx.query('DELETE FROM staff_sessions WHERE user_id = $1', [id]);
        return account;
      }),

    async setPassword(id, passwordHash, mustChange, keepSessionHash) {
      await engine.transaction(async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1', [
          id,
          passwordHash,
          mustChange,
        ]);
        await tx.query('DELETE FROM staff_sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
          id,
          keepSessionHash ?? null,
        ]);
      });
    },

    async recordSignIn(id, now) {
      await engine.query('UPDATE users SET last_sign_in_at = $2 WHERE id = $1', [id, now]);
    },

    async createSession({ tokenHash, userId, createdAt, expiresAt }) {
      // Expired sessions go as new ones begin, so the table holds about the sessions in use.
      await engine.query('DELETE FROM staff_sessions WHERE expires_at <= $1::timestamptz', [createdAt]);
      await engine.query(
        `INSERT INTO staff_sessions (token_hash, user_id, created_at, expires_at, last_used_at)
         VALUES ($1, $2, $3, $4, $3)`,
        [tokenHash, userId, createdAt, expiresAt],
      );
    },

    async findSession(tokenHash, now) {
      const [row] = await engine.query<StaffUser & Row & { lastUsedAt: string }>(
        `SELECT ${STAFF_USER_COLUMNS}, staff_sessions.last_used_at AS "lastUsedAt"
         FROM staff_sessions JOIN users ON users.id = staff_sessions.user_id
         WHERE staff_sessions.token_hash = $1 AND staff_sessions.expires_at > $2::timestamptz
           AND users.disabled_at IS NULL`,
        [tokenHash, now],
      );
      if (row === undefined) return undefined;
      const { lastUsedAt, ...user } = row;
      return { user, lastUsedAt };
    },

    async touchSession(tokenHash, now) {
      await engine.query('UPDATE staff_sessions SET last_used_at = $2 WHERE token_hash = $1', [
        tokenHash,
        now,
      ]);
    },

    async deleteSession(tokenHash) {
      await engine.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
    },

    async createPairingCode({ codeHash, unitId, createdBy, createdAt, expiresAt }) {
      // Unused codes go PAIRING_CODE_KEPT_DAYS after they expired: until then, someone typing an old code is told it
      // expired rather than that it is unknown. Used codes stay, as the record of who let which device in.
      await engine.query(
        `DELETE FROM pairing_codes
         WHERE used_at IS NULL AND expires_at <= $1::timestamptz - $2::integer * interval '1 day'`,
        [createdAt, PAIRING_CODE_KEPT_DAYS],
      );
      await engine.query(
        `INSERT INTO pairing_codes (code_hash, unit_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [codeHash, unitId, createdBy, createdAt, expiresAt],
      );
    },

    enrol: (request) => engine.transaction((tx) => enrolIn(tx, request)),

    listDevices: (unitIds) =>
      engine.query<DeviceSummary & Row>(
        `SELECT ${DEVICE_SUMMARY_COLUMNS} FROM devices WHERE unit_id = ANY($1::uuid[])
         ORDER BY enrolled_at DESC, id`,
        [unitIds],
      ),

    async findDevice(deviceId) {
      const [device] = await engine.query<DeviceSummary & Row>(
        `SELECT ${DEVICE_SUMMARY_COLUMNS} FROM devices WHERE id = $1`,
        [deviceId],
      );
      return device;
    },

    async revokeDevice(deviceId, now) {
      const [device] = await engine.query<DeviceSummary & Row>(
        `UPDATE devices SET revoked_at = coalesce(revoked_at, $2::timestamptz) WHERE id = $1
         RETURNING ${DEVICE_SUMMARY_COLUMNS}`,
        [deviceId, now],
      );
      return device;
    },

    async findDeviceByToken(tokenHash) {
      const [device] = await engine.query<DeviceCredentials & Row>(
        `SELECT id, label, unit_id AS "unitId", public_key AS "publicKey", last_seen_at AS "lastSeenAt",
           revoked_at AS "revokedAt" FROM devices WHERE token_hash = $1`,
        [tokenHash],
      );
      return device;
    },

    async touchDevice(deviceId, now) {
      await engine.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [deviceId, now]);
    },

    findUnit: (unitId) => findUnit(engine, unitId),
    topUnits: () => topUnits(engine),
    unitRelations: (actorUnitId, targetIds) => unitRelations(engine, actorUnitId, targetIds),
    subtreeIds: (unitIds) => subtreeIds(engine, unitIds),
    ancestorIds: (unitId) => ancestorIds(engine, unitId),
  };
}
