/**
 * The authorisation matrix: every staff role × where the touched unit sits (own unit, a unit below, another
 * branch, an ancestor) × every staff endpoint. Allowed cases must succeed; every denied case must answer
 * 403 forbidden and leave the listed tables exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src/domain/account-admin.ts';
import type { DeviceSummary } from '../../src/domain/accounts.ts';
import type { BulletinWritten, SubmissionWritten, UnitWritten } from '../../src/domain/staff-api.ts';
import type { ApiError } from '../../src/domain/sync.ts';
import type { AuditAction } from '../../src/domain/audit.ts';
import { mayAct } from '../../src/domain/authz.ts';
import type { StaffAction, UnitRelation } from '../../src/domain/authz.ts';
import type { Role } from '../../src/domain/schemas/user.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_USERS } from '../../src/server/demo/demo-users.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { hashSecret } from '../../src/server/auth/tokens.ts';
import { newDeviceKeys, seedAccounts, signIn, staffFetch } from '../helpers/auth.ts';
import type { TestApp } from '../helpers/auth.ts';
import { makeBulletin, makeBulletinInput, makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

/** Units added to the demo tree so every relation exists for every role. */
const EXTRA_UNITS = {
  otherProvince: makeUnit({ level: 'province', name: 'Tỉnh khác' }),
  otherDistrict: makeUnit({ level: 'district', name: 'Huyện khác', parentId: DEMO_UNIT_IDS.province }),
  taPhinTeam: makeUnit({ level: 'team', name: 'Tổ loa thôn', parentId: DEMO_UNIT_IDS.taPhin }),
  teamCar: makeUnit({ level: 'team', name: 'Xe thông tin số 2', parentId: DEMO_UNIT_IDS.team }),
};

const RELATIONS = ['same', 'below', 'unrelated', 'above'] as const satisfies readonly UnitRelation[];

/** Per role: its demo login and a target unit for each relation (none above a root). */
const ACTORS: Record<Role, { login: string; targets: Partial<Record<UnitRelation, string>> }> = {
  operator: {
    login: 'xa.taphin',
    targets: {
      same: DEMO_UNIT_IDS.taPhin,
      below: EXTRA_UNITS.taPhinTeam.id,
      unrelated: DEMO_UNIT_IDS.vinhHai,
      above: DEMO_UNIT_IDS.district,
    },
  },
  team: {
    login: 'doi.xe',
    targets: {
      same: DEMO_UNIT_IDS.team,
      below: EXTRA_UNITS.teamCar.id,
      unrelated: DEMO_UNIT_IDS.taPhin,
      above: DEMO_UNIT_IDS.district,
    },
  },
  district: {
    login: 'phong.vhtt',
    targets: {
      same: DEMO_UNIT_IDS.district,
      below: DEMO_UNIT_IDS.taPhin,
      unrelated: EXTRA_UNITS.otherDistrict.id,
      above: DEMO_UNIT_IDS.province,
    },
  },
  province: {
    login: 'so.vhtt',
    targets: {
      same: DEMO_UNIT_IDS.province,
      below: DEMO_UNIT_IDS.district,
      unrelated: EXTRA_UNITS.otherProvince.id,
    },
  },
  admin: {
    login: 'admin',
    targets: {
      same: DEMO_UNIT_IDS.province,
      below: DEMO_UNIT_IDS.eaSo,
      unrelated: EXTRA_UNITS.otherProvince.id,
    },
  },
};

/** What a matrix row can use: the app, the database, and the acting staff member's session. */
interface MatrixContext {
  app: TestApp;
  db: TestDatabase;
  cookie: string;
}

/** One staff endpoint of the matrix. */
interface MatrixEndpoint {
  name: string;
  action: StaffAction;
  /** Per role, the relations it is allowed on: written out here, checked against the domain rule below. */
  allowed: Record<Role, readonly UnitRelation[]>;
  /** Creates what the request needs in the target unit (e.g. a device to revoke), outside the API. */
  prepare?: (ctx: MatrixContext, targetUnitId: string) => Promise<string>;
  /** Sends the request touching `targetUnitId`; `prepared` is what prepare returned. */
  send: (ctx: MatrixContext, targetUnitId: string, prepared: string) => Promise<Response>;
  /** Status of an allowed request. */
  okStatus: number;
  /** Checks the answer of an allowed request did what it should. */
  verify: (body: unknown, targetUnitId: string, prepared: string) => void;
  /** Tables a denied request must leave untouched. */
  tables: readonly string[];
  /**
   * What an allowed request records in the audit trail, touching the target unit; without it the request
   * records nothing (a read). A denied request never records anything.
   */
  audit?: AuditAction;
}

const NONE: readonly UnitRelation[] = [];
const OWN_AND_BELOW: readonly UnitRelation[] = ['same', 'below'];
/** devices.manage: district, province and admin staff on their unit and below. */
const DEVICE_MANAGERS: Record<Role, readonly UnitRelation[]> = {
  operator: NONE,
  team: NONE,
  district: OWN_AND_BELOW,
  province: OWN_AND_BELOW,
  admin: OWN_AND_BELOW,
};

/** Enrols a device in `unitId` through the store (no API), returning its id. */
async function deviceIn(ctx: MatrixContext, unitId: string): Promise<string> {
  const code = crypto.randomUUID();
  const admin = DEMO_USERS.find((user) => user.role === 'admin');
  if (admin === undefined) throw new Error('No demo admin');
  const now = new Date().toISOString();
  await ctx.db.store.accounts.createPairingCode({
    codeHash: hashSecret(code),
    unitId,
    createdBy: admin.id,
    createdAt: now,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  const deviceId = crypto.randomUUID();
  const outcome = await ctx.db.store.accounts.enrol({
    codeHash: hashSecret(code),
    deviceId,
    label: 'Máy thử quyền',
    publicKey: (await newDeviceKeys()).publicKeyJwk,
    tokenHash: hashSecret(crypto.randomUUID()),
    now,
  });
  expect(outcome.ok).toBe(true);
  return deviceId;
}

/** bulletins.write and slots.review: the same staff, on the same relations, as devices.manage. */
const STAFF_WRITERS = DEVICE_MANAGERS;
/** logs.read: every role, on its unit and below. */
const LOG_READERS: Record<Role, readonly UnitRelation[]> = {
  operator: OWN_AND_BELOW,
  team: OWN_AND_BELOW,
  district: OWN_AND_BELOW,
  province: OWN_AND_BELOW,
  admin: OWN_AND_BELOW,
};

/** Stores (through the store, no API) a version-1 bulletin of `status` targeted at the unit; returns its id. */
function bulletinIn(status: 'draft' | 'published') {
  return async (ctx: MatrixContext, unitId: string): Promise<string> => {
    const bulletin = makeBulletin({ status, targetUnitIds: [unitId] });
    await ctx.db.store.upsertBulletins([bulletin]);
    return bulletin.id;
  };
}

/** Stores a translation submitted by a device of the unit, for a bulletin it receives; returns its id. */
async function submissionFrom(ctx: MatrixContext, unitId: string): Promise<string> {
  const bulletinId = await bulletinIn('published')(ctx, unitId);
  const id = crypto.randomUUID();
  const submitter = { deviceId: await deviceIn(ctx, unitId), unitId };
  const request = {
    id,
    bulletinId,
    lang: 'hmn',
    bulletinVersion: 1,
    text: 'Lus txhais',
    audioId: null,
    translator: 'Giàng A Páo',
  } as const;
  const result = await ctx.db.store.slotSubmissions.submit(request, submitter, new Date().toISOString());
  expect(result.ok).toBe(true);
  return id;
}

/** users.manage: the same staff as devices.manage, for accounts of a role no higher than theirs (operator here). */
const ACCOUNT_MANAGERS = DEVICE_MANAGERS;

/** Creates (through the store, no API) an operator account in `unitId`; returns its id. */
async function accountIn(ctx: MatrixContext, unitId: string): Promise<string> {
  const id = crypto.randomUUID();
  const created = await ctx.db.store.accounts.createAccount({
    id,
    unitId,
    role: 'operator',
    login: `thu.${id.slice(0, 8)}`,
    displayName: 'Tài khoản thử quyền',
    passwordHash: 'scrypt$unused',
  });
  expect(created).toBe(true);
  return id;
}

/** An account endpoint of the matrix, all of users.manage on an operator account in the target unit. */
function accountEndpoint(
  name: string,
  send: MatrixEndpoint['send'],
  verify: MatrixEndpoint['verify'],
  audit?: AuditAction,
  okStatus = 200,
): MatrixEndpoint {
  return {
    name,
    action: 'users.manage',
    allowed: ACCOUNT_MANAGERS,
    prepare: accountIn,
    send,
    okStatus,
    verify,
    tables: ['users', 'staff_sessions'],
    ...(audit === undefined ? {} : { audit }),
  };
}

/** units.write: province and admin staff on their unit and below. */
const UNIT_WRITERS: Record<Role, readonly UnitRelation[]> = {
  operator: NONE,
  team: NONE,
  district: NONE,
  province: OWN_AND_BELOW,
  admin: OWN_AND_BELOW,
};

/** The unit as it is now, with a new name, as PUT /api/units/:id takes it (JSON: prepare returns a string). */
async function unitEdit(ctx: MatrixContext, unitId: string): Promise<string> {
  const unit = await ctx.db.store.unitAuthoring.get(unitId);
  if (unit === undefined) throw new Error(`No unit ${unitId}`);
  const { id: _id, rev: _rev, ...content } = unit;
  return JSON.stringify({ ...content, name: `${unit.name} (sửa)` });
}

/**
 * The endpoints under test. Helpers building other staff endpoints (units, bulletins, review, logs): append a
 * row here with its action, the allowed table, how to send it for a target unit and which tables a refusal
 * must leave alone; the loops below then cover every role × relation for it.
 */
const ENDPOINTS: readonly MatrixEndpoint[] = [
  accountEndpoint(
    'GET /api/accounts?unitId=',
    ({ app, cookie }, unitId) => staffFetch(app, cookie, 'GET', `/api/accounts?unitId=${unitId}`),
    (body, _unitId, id) =>
      expect((body as { accounts: AccountSummary[] }).accounts.map((account) => account.id)).toContain(id),
  ),
  accountEndpoint(
    'POST /api/accounts',
    ({ app, cookie }, unitId) =>
      staffFetch(app, cookie, 'POST', '/api/accounts', {
        unitId,
        role: 'operator',
        login: `moi.${crypto.randomUUID().slice(0, 8)}`,
        displayName: 'Cán bộ mới',
      }),
    (body, unitId) =>
      expect(body).toMatchObject({
        account: { unitId, role: 'operator', mustChangePassword: true, disabledAt: null },
        temporaryPassword: expect.stringMatching(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/),
      }),
    'account.create',
    201,
  ),
  accountEndpoint(
    'PUT /api/accounts/:id',
    ({ app, cookie }, unitId, id) =>
      staffFetch(app, cookie, 'PUT', `/api/accounts/${id}`, {
        unitId,
        role: 'operator',
        displayName: 'Tên đã sửa',
      }),
    (body, unitId, id) =>
      expect((body as { account: AccountSummary }).account).toMatchObject({
        id,
        unitId,
        displayName: 'Tên đã sửa',
      }),
    'account.update',
  ),
  accountEndpoint(
    'POST /api/accounts/:id/disable',
    ({ app, cookie }, _unitId, id) => staffFetch(app, cookie, 'POST', `/api/accounts/${id}/disable`),
    (body, _unitId, id) =>
      expect((body as { account: AccountSummary }).account).toMatchObject({
        id,
        disabledAt: expect.any(String),
      }),
    'account.disable',
  ),
  accountEndpoint(
    'POST /api/accounts/:id/enable',
    ({ app, cookie }, _unitId, id) => staffFetch(app, cookie, 'POST', `/api/accounts/${id}/enable`),
    (body, _unitId, id) =>
      expect((body as { account: AccountSummary }).account).toMatchObject({ id, disabledAt: null }),
  ),
  accountEndpoint(
    'POST /api/accounts/:id/reset-password',
    ({ app, cookie }, _unitId, id) => staffFetch(app, cookie, 'POST', `/api/accounts/${id}/reset-password`),
    (body, _unitId, id) =>
      expect(body).toMatchObject({
        account: { id, mustChangePassword: true },
        temporaryPassword: expect.any(String),
      }),
    'account.reset_password',
  ),
  {
    name: 'POST /api/pairing-codes',
    action: 'devices.manage',
    allowed: DEVICE_MANAGERS,
    send: ({ app, cookie }, unitId) => staffFetch(app, cookie, 'POST', '/api/pairing-codes', { unitId }),
    okStatus: 201,
    verify: (body, unitId) => expect(body).toMatchObject({ unitId }),
    tables: ['pairing_codes'],
    audit: 'pairing_code.create',
  },
  {
    name: 'GET /api/devices?unitId=',
    action: 'devices.manage',
    allowed: DEVICE_MANAGERS,
    prepare: deviceIn,
    send: ({ app, cookie }, unitId) => staffFetch(app, cookie, 'GET', `/api/devices?unitId=${unitId}`),
    okStatus: 200,
    verify: (body, _unitId, deviceId) =>
      expect((body as { devices: { id: string }[] }).devices.map((d) => d.id)).toContain(deviceId),
    tables: ['devices'],
  },
  {
    name: 'POST /api/devices/:id/revoke',
    action: 'devices.manage',
    allowed: DEVICE_MANAGERS,
    prepare: deviceIn,
    send: ({ app, cookie }, _unitId, deviceId) =>
      staffFetch(app, cookie, 'POST', `/api/devices/${deviceId}/revoke`),
    okStatus: 200,
    verify: (body, unitId, deviceId) =>
      expect((body as { device: DeviceSummary }).device).toMatchObject({
        id: deviceId,
        unitId,
        revokedAt: expect.any(String),
      }),
    tables: ['devices'],
    audit: 'device.revoke',
  },
  {
    name: 'POST /api/bulletins',
    action: 'bulletins.write',
    allowed: STAFF_WRITERS,
    send: ({ app, cookie }, unitId) =>
      staffFetch(app, cookie, 'POST', '/api/bulletins', makeBulletinInput([unitId])),
    okStatus: 201,
    verify: (body, unitId) =>
      expect((body as BulletinWritten).bulletin).toMatchObject({ status: 'draft', targetUnitIds: [unitId] }),
    tables: ['bulletins'],
    audit: 'bulletin.create',
  },
  {
    name: 'GET /api/bulletins/:id',
    action: 'bulletins.write',
    allowed: STAFF_WRITERS,
    prepare: bulletinIn('published'),
    send: ({ app, cookie }, _unitId, id) => staffFetch(app, cookie, 'GET', `/api/bulletins/${id}`),
    okStatus: 200,
    verify: (body, unitId, id) =>
      expect((body as BulletinWritten).bulletin).toMatchObject({ id, targetUnitIds: [unitId] }),
    tables: ['bulletins'],
  },
  {
    name: 'PUT /api/bulletins/:id',
    action: 'bulletins.write',
    allowed: STAFF_WRITERS,
    prepare: bulletinIn('draft'),
    send: ({ app, cookie }, unitId, id) =>
      staffFetch(app, cookie, 'PUT', `/api/bulletins/${id}`, { ...makeBulletinInput([unitId]), version: 1 }),
    okStatus: 200,
    verify: (body, _unitId, id) =>
      expect((body as BulletinWritten).bulletin).toMatchObject({ id, version: 2 }),
    tables: ['bulletins'],
    audit: 'bulletin.update',
  },
  {
    name: 'POST /api/bulletins/:id/publish',
    action: 'bulletins.write',
    allowed: STAFF_WRITERS,
    prepare: bulletinIn('draft'),
    send: ({ app, cookie }, _unitId, id) => staffFetch(app, cookie, 'POST', `/api/bulletins/${id}/publish`),
    okStatus: 200,
    verify: (body, _unitId, id) =>
      expect((body as BulletinWritten).bulletin).toMatchObject({ id, status: 'published' }),
    tables: ['bulletins', 'language_slots'],
    audit: 'bulletin.publish',
  },
  {
    name: 'POST /api/bulletins/:id/withdraw',
    action: 'bulletins.write',
    allowed: STAFF_WRITERS,
    prepare: bulletinIn('published'),
    send: ({ app, cookie }, _unitId, id) => staffFetch(app, cookie, 'POST', `/api/bulletins/${id}/withdraw`),
    okStatus: 200,
    verify: (body, _unitId, id) =>
      expect((body as BulletinWritten).bulletin).toMatchObject({ id, status: 'withdrawn' }),
    tables: ['bulletins'],
    audit: 'bulletin.withdraw',
  },
  {
    name: 'POST /api/slots/submissions/:id/review',
    action: 'slots.review',
    allowed: STAFF_WRITERS,
    prepare: submissionFrom,
    send: ({ app, cookie }, _unitId, id) =>
      staffFetch(app, cookie, 'POST', `/api/slots/submissions/${id}/review`, {
        decision: 'approve',
        comment: '',
      }),
    okStatus: 200,
    verify: (body, unitId, id) =>
      expect((body as SubmissionWritten).submission).toMatchObject({ id, unitId, status: 'approved' }),
    tables: ['slot_submissions', 'language_slots'],
    audit: 'slot.review',
  },
  {
    name: 'GET /api/logs?unitId=',
    action: 'logs.read',
    allowed: LOG_READERS,
    send: ({ app, cookie }, unitId) => staffFetch(app, cookie, 'GET', `/api/logs?unitId=${unitId}`),
    okStatus: 200,
    verify: (body) => expect(body).toEqual({ logs: [], next: null }),
    tables: ['broadcast_logs'],
  },
  {
    name: 'POST /api/units',
    action: 'units.write',
    allowed: UNIT_WRITERS,
    send: ({ app, cookie }, parentId) =>
      staffFetch(app, cookie, 'POST', '/api/units', {
        name: 'Tổ loa thôn mới',
        code: null,
        level: 'team',
        parentId,
        languages: ['vie'],
      }),
    okStatus: 201,
    verify: (body, parentId) => expect((body as UnitWritten).unit).toMatchObject({ parentId, level: 'team' }),
    tables: ['units'],
    audit: 'unit.create',
  },
  {
    name: 'PUT /api/units/:id',
    action: 'units.write',
    allowed: UNIT_WRITERS,
    prepare: unitEdit,
    send: ({ app, cookie }, unitId, edit) =>
      staffFetch(app, cookie, 'PUT', `/api/units/${unitId}`, JSON.parse(edit)),
    okStatus: 200,
    verify: (body, unitId, edit) =>
      expect((body as UnitWritten).unit).toMatchObject({
        id: unitId,
        name: (JSON.parse(edit) as { name: string }).name,
      }),
    tables: ['units'],
    audit: 'unit.update',
  },
  {
    name: 'GET /api/audit?unitId=',
    action: 'audit.read',
    allowed: DEVICE_MANAGERS,
    send: ({ app, cookie }, unitId) => staffFetch(app, cookie, 'GET', `/api/audit?unitId=${unitId}`),
    okStatus: 200,
    verify: (body) => expect(body).toMatchObject({ entries: expect.any(Array) }),
    tables: ['audit_entries'],
  },
  {
    name: 'GET /api/audit/export.csv?unitId=',
    action: 'audit.read',
    allowed: DEVICE_MANAGERS,
    send: ({ app, cookie }, unitId) =>
      staffFetch(app, cookie, 'GET', `/api/audit/export.csv?unitId=${unitId}`),
    okStatus: 200,
    verify: (body) => expect(String(body)).toMatch(/^\uFEFFSố thứ tự,/),
    tables: ['audit_entries'],
  },
  // The lists without a unit parameter (GET /api/bulletins, /api/units, /api/slots/submissions) are scoped to
  // the caller's own unit; bulletins-api, units-api and translations tests check what each role sees there.
  // ↑ Append rows for further staff endpoints here.
];

const CASES = ENDPOINTS.flatMap((endpoint) =>
  (Object.keys(ACTORS) as Role[]).flatMap((role) =>
    RELATIONS.flatMap((relation) => {
      const target = ACTORS[role].targets[relation];
      return target === undefined ? [] : [{ endpoint, role, relation, target }];
    }),
  ),
);

async function lastAuditSeq(db: TestDatabase): Promise<number> {
  const [row] = await db.sql.query<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM audit_entries');
  return row?.seq ?? 0;
}

async function tableRows(db: TestDatabase, tables: readonly string[]): Promise<unknown[]> {
  return Promise.all(tables.map((table) => db.sql.query(`SELECT * FROM ${table} ORDER BY 1`)));
}

describe('the matrix table', () => {
  it.each(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))(
    '%s: its allowed table agrees with the domain rule',
    (_name, endpoint) => {
      for (const role of Object.keys(ACTORS) as Role[]) {
        for (const relation of RELATIONS) {
          expect(endpoint.allowed[role].includes(relation), `${role} ${relation}`).toBe(
            mayAct(role, endpoint.action, relation),
          );
        }
      }
    },
  );

  it('realises each relation with the targets it names', async () => {
    const db = await openTestDatabase('pglite');
    try {
      await db.store.migrate();
      await seedAccounts(db.store);
      await db.store.upsertUnits(Object.values(EXTRA_UNITS));
      for (const [role, { login, targets }] of Object.entries(ACTORS)) {
        const actor = DEMO_USERS.find((user) => user.login === login);
        expect(actor?.role).toBe(role);
        const relations = Object.keys(targets) as UnitRelation[];
        const ids = relations.map((relation) => targets[relation] ?? '');
        expect(await db.store.accounts.unitRelations(actor?.unitId ?? '', ids)).toEqual(relations);
      }
    } finally {
      await db.dispose();
    }
  });
});

describe.each(ENGINES)('authorisation matrix on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    await db.store.upsertUnits(Object.values(EXTRA_UNITS));
    app = createApp({ store: db.store, version: 'test' });
    for (const [role, { login }] of Object.entries(ACTORS))
      cookies.set(role as Role, await signIn(app, login));
  });
  afterAll(() => db.dispose());

  it.each(CASES.map((c) => [c.endpoint.name, c.role, c.relation, c] as const))(
    '%s as %s on a unit %s',
    async (_name, role, relation, { endpoint, target }) => {
      const ctx: MatrixContext = { app, db, cookie: cookies.get(role) ?? '' };
      const prepared = endpoint.prepare === undefined ? '' : await endpoint.prepare(ctx, target);
      const before = await tableRows(db, endpoint.tables);
      const lastAudited = await lastAuditSeq(db);
      const response = await endpoint.send(ctx, target, prepared);
      if (endpoint.allowed[role].includes(relation)) {
        expect(response.status).toBe(endpoint.okStatus);
        const csv = response.headers.get('content-type')?.startsWith('text/csv') ?? false;
        const body: unknown = csv
          ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
          : await response.json();
        endpoint.verify(body, target, prepared);
        const recorded = await db.sql.query<{ action: string; actor_name: string; unit_ids: string[] }>(
          'SELECT action, actor_name, unit_ids FROM audit_entries WHERE seq > $1 ORDER BY seq',
          [lastAudited],
        );
        if (endpoint.audit === undefined) expect(recorded).toEqual([]);
        else {
          expect(recorded).toHaveLength(1);
          expect(recorded[0]).toMatchObject({ action: endpoint.audit, actor_name: ACTORS[role].login });
          expect(recorded[0]?.unit_ids).toContain(target);
        }
      } else {
        expect(response.status).toBe(403);
        expect(((await response.json()) as ApiError).error).toBe('forbidden');
        expect(await tableRows(db, endpoint.tables)).toEqual(before);
        expect(await lastAuditSeq(db)).toBe(lastAudited);
      }
    },
  );
});
