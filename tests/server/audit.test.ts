import type { Hono } from 'hono';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemporaryPasswordIssued } from '../../src/domain/account-admin.ts';
import type { AuditEntry, AuditPage, AuditVerification } from '../../src/domain/audit.ts';
import { createAdmin } from '../../src/server/admin/create-admin.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { enrolTestDevice, signIn, staffFetch } from '../helpers/auth.ts';
import { makeBulletinInput } from '../helpers/factories.ts';
import {
  expectApiError,
  openStaffContentApp,
  pushLogs,
  signedChain,
  type OtherDistrict,
} from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { district, taPhin } = DEMO_UNIT_IDS;

describe.each(ENGINES)('the audit trail on %s', (kind) => {
  let db: TestDatabase;
  let app: Hono;
  let other: OtherDistrict;

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
  });
  afterEach(() => db.dispose());

  async function auditPage(cookie: string, query = ''): Promise<AuditPage> {
    const response = await staffFetch(app, cookie, 'GET', `/api/audit${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as AuditPage;
  }

  async function verify(cookie: string): Promise<AuditVerification> {
    const response = await staffFetch(app, cookie, 'GET', '/api/audit/verify');
    expect(response.status).toBe(200);
    return (await response.json()) as AuditVerification;
  }

  const parsed = (values: string | null): unknown => (values === null ? null : JSON.parse(values));

  it("records a device's enrolment, pushes and refusals, and account changes with the values before and after", async () => {
    const device = await enrolTestDevice(app, taPhin, { label: 'Loa xã Tả Phìn' });
    const start = Date.now() - 3 * 3600_000;
    const logs = await signedChain(
      device,
      taPhin,
      [0, 1, 2].map((hour) => new Date(start + hour * 3600_000).toISOString()),
    );
    await pushLogs(app, device, logs);
    // The same batch again changes nothing: no entry.
    await pushLogs(app, device, logs);
    const forged = { ...logs[2]!, id: crypto.randomUUID(), seq: 4, notes: 'giả mạo' };
    expect((await pushLogs(app, device, [forged]))[0]).toMatchObject({ status: 'rejected' });

    const admin = await signIn(app, 'admin');
    const created = (await (
      await staffFetch(app, admin, 'POST', '/api/accounts', {
        unitId: taPhin,
        role: 'operator',
        login: 'lan.taphin',
        displayName: 'Lò Thị Lan',
      })
    ).json()) as TemporaryPasswordIssued;
    const id = created.account.id;
    await staffFetch(app, admin, 'POST', `/api/accounts/${id}/disable`);
    await staffFetch(app, admin, 'POST', `/api/accounts/${id}/enable`);
    // Enabling again changes nothing: no entry.
    await staffFetch(app, admin, 'POST', `/api/accounts/${id}/enable`);
    const own = await signIn(app, 'lan.taphin', created.temporaryPassword);
    const changed = await staffFetch(app, own, 'POST', '/api/auth/password', {
      currentPassword: created.temporaryPassword,
      newPassword: 'ruộng bậc thang mùa lúa chín',
    });
    expect(changed.status).toBe(204);

    const { entries } = await auditPage(admin, '?limit=200');
    const oldestFirst = [...entries].reverse();
    expect(oldestFirst.map((entry) => [entry.action, entry.actorKind, entry.actorName])).toEqual([
      ['pairing_code.create', 'staff', 'admin'],
      ['device.enrol', 'device', 'Loa xã Tả Phìn'],
      ['logs.push', 'device', 'Loa xã Tả Phìn'],
      ['logs.push', 'device', 'Loa xã Tả Phìn'],
      ['account.create', 'staff', 'admin'],
      ['account.disable', 'staff', 'admin'],
      ['account.enable', 'staff', 'admin'],
      ['account.change_password', 'staff', 'lan.taphin'],
    ]);
    const [, enrol, pushed, refused, create, disable, enable] = oldestFirst as [
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
    ];
    expect(enrol.targetId).toBe(device.deviceId);
    expect(parsed(pushed.after)).toEqual({ accepted: 3, duplicate: 0, rejected: {}, seqRange: [1, 3] });
    expect(parsed(refused.after)).toEqual({
      accepted: 0,
      duplicate: 0,
      rejected: { not_signed: 1 },
      seqRange: null,
    });
    expect(create.before).toBeNull();
    expect(parsed(create.after)).toMatchObject({ login: 'lan.taphin', role: 'operator', unitId: taPhin });
    expect(parsed(disable.before)).toEqual({ disabledAt: null });
    expect(parsed(disable.after)).toEqual({ disabledAt: expect.any(String) });
    expect(parsed(enable.after)).toEqual({ disabledAt: null });
    // No secret ever reaches the trail.
    const everything = JSON.stringify(entries);
    expect(everything).not.toContain(created.temporaryPassword);
    expect(everything).not.toContain('scrypt');
    expect(everything).not.toContain(device.token);
    expect(await verify(admin)).toEqual({ ok: true, checked: 8, lastHash: entries[0]?.hash });
  });

  it('shows staff the entries touching their subtree only, filtered and paged newest first', async () => {
    const ours = await signIn(app, 'phong.vhtt');
    const theirs = await signIn(app, other.login);
    for (const title of ['Một', 'Hai', 'Ba']) {
      const response = await staffFetch(
        app,
        ours,
        'POST',
        '/api/bulletins',
        makeBulletinInput([taPhin], { title }),
      );
      expect(response.status).toBe(201);
    }
    await staffFetch(app, theirs, 'POST', '/api/bulletins', makeBulletinInput([other.communeId]));
    await staffFetch(app, theirs, 'POST', '/api/pairing-codes', { unitId: other.communeId });

    const first = await auditPage(ours, '?limit=2');
    expect(first.entries.map((entry) => parsed(entry.after))).toMatchObject([
      { title: 'Ba' },
      { title: 'Hai' },
    ]);
    expect(first.next).toBe(first.entries[1]?.seq);
    const second = await auditPage(ours, `?limit=2&before=${first.next}`);
    expect(second.entries.map((entry) => parsed(entry.after))).toMatchObject([{ title: 'Một' }]);
    expect(second.next).toBeNull();

    const theirPage = await auditPage(theirs);
    expect(theirPage.entries.map((entry) => entry.action)).toEqual([
      'pairing_code.create',
      'bulletin.create',
    ]);
    const province = await signIn(app, 'so.vhtt');
    expect((await auditPage(province)).entries).toHaveLength(5);
    expect((await auditPage(province, '?action=pairing_code.create')).entries).toHaveLength(1);
    expect((await auditPage(province, `?actor=${other.login.toUpperCase()}`)).entries).toHaveLength(2);
    expect((await auditPage(province, '?actorKind=device')).entries).toEqual([]);
    expect((await auditPage(province, '?from=2020-01-01&to=2020-12-31')).entries).toEqual([]);
    await expectApiError(
      await staffFetch(app, ours, 'GET', `/api/audit?unitId=${other.districtId}`),
      403,
      'forbidden',
    );
    await expectApiError(
      await staffFetch(app, ours, 'GET', '/api/audit?from=2026-12-31&to=2026-01-01'),
      400,
      'invalid_request',
    );
    await expectApiError(
      await staffFetch(app, ours, 'GET', '/api/audit?action=drop_table'),
      400,
      'invalid_request',
    );
    const operator = await signIn(app, 'xa.taphin');
    await expectApiError(await staffFetch(app, operator, 'GET', '/api/audit'), 403, 'forbidden');
    await expectApiError(await staffFetch(app, operator, 'GET', '/api/audit/verify'), 403, 'forbidden');
  });

  it('finds an edited entry and a deleted one by checking the chain', async () => {
    const admin = await signIn(app, 'admin');
    for (const unitId of [taPhin, district, taPhin, district]) {
      await staffFetch(app, admin, 'POST', '/api/pairing-codes', { unitId });
    }
    expect(await verify(admin)).toMatchObject({ ok: true, checked: 4 });

    const [original] = await db.sql.query<{ after: string }>('SELECT after FROM audit_entries WHERE seq = 2');
    // An insider with database access moves a pairing code to another unit after the fact.
    await db.sql.query('UPDATE audit_entries SET after = $1 WHERE seq = 2', [
      original?.after.replace(district, taPhin),
    ]);
    expect(await verify(admin)).toEqual({ ok: false, checked: 1, seq: 2, problem: 'hash' });

    await db.sql.query('UPDATE audit_entries SET after = $1 WHERE seq = 2', [original?.after]);
    expect(await verify(admin)).toMatchObject({ ok: true, checked: 4 });
    await db.sql.query('DELETE FROM audit_entries WHERE seq = 3');
    expect(await verify(admin)).toEqual({ ok: false, checked: 2, seq: 4, problem: 'link' });
  });

  it('exports the filtered entries as CSV, oldest first, with Vietnamese headers and the hashes', async () => {
    const admin = await signIn(app, 'admin');
    await staffFetch(app, admin, 'POST', '/api/pairing-codes', { unitId: taPhin });
    await staffFetch(
      app,
      admin,
      'POST',
      '/api/bulletins',
      makeBulletinInput([taPhin], { title: '=cmd|calc' }),
    );
    const response = await staffFetch(app, admin, 'GET', '/api/audit/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFFSố thứ tự,Thời điểm,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^1,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2},Cán bộ,admin,Tạo mã ghép nối,,Xã Tả Phìn,/,
    );
    expect(lines[2]).toContain('Tạo bản tin');
    const { entries } = await auditPage(admin);
    expect(lines[2]).toContain(entries[0]?.hash);
    const filtered = await staffFetch(app, admin, 'GET', '/api/audit/export.csv?action=bulletin.create');
    expect((await filtered.text()).trimEnd().split('\r\n')).toHaveLength(2);
  });
});

describe.each(ENGINES)('appending to the audit trail on %s', (kind) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
  });
  afterEach(() => db.dispose());

  it('keeps one unbroken chain when several server processes append at once', async () => {
    const processes = [db.store, await db.reopen(), await db.reopen()];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        processes[i % processes.length]!.audit.append({
          at: new Date().toISOString(),
          actorKind: 'system',
          actorId: null,
          actorName: `process ${i % processes.length}`,
          unitIds: [],
          action: 'report.generate',
          targetId: null,
          before: null,
          after: JSON.stringify({ i }),
        }),
      ),
    );
    const seqs = await db.sql.query<{ seq: number }>('SELECT seq FROM audit_entries ORDER BY seq');
    expect(seqs.map((row) => row.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(await db.store.audit.verify()).toMatchObject({ ok: true, checked: 24 });
  });

  it('records the first admin and top unit created by the command line as the system', async () => {
    const outcome = await createAdmin(db.store, {
      login: 'quantri',
      unitName: 'Tỉnh Lào Cai',
      password: 'núi Phan Xi Păng cao nhất',
    });
    expect(outcome).toMatchObject({ ok: true, unitCreated: true });
    const entries = await db.sql.query<{ action: string; actor_kind: string; actor_name: string }>(
      'SELECT action, actor_kind, actor_name FROM audit_entries ORDER BY seq',
    );
    expect(entries).toEqual([
      { action: 'unit.create', actor_kind: 'system', actor_name: 'npm run admin' },
      { action: 'account.create', actor_kind: 'system', actor_name: 'npm run admin' },
    ]);
  });
});
