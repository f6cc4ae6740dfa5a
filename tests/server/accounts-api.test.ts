import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, TemporaryPasswordIssued } from '../../src/domain/account-admin.ts';
import type { ApiError } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { DEMO_USERS } from '../../src/server/demo/demo-users.ts';
import { seedAccounts, signIn, staffFetch } from '../helpers/auth.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const OWN_PASSWORD = 'chiều Tả Phìn có mây';

describe.each(ENGINES)('staff account administration on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let phong: string;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    app = createApp({ store: db.store, version: 'test' });
    phong = await signIn(app, 'phong.vhtt');
  });
  afterEach(() => db.dispose());

  async function expectError(response: Response, status: number, error: string): Promise<ApiError> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as ApiError;
    expect(body.error).toBe(error);
    return body;
  }

  /** Creates a commune operator at Tả Phìn as phong.vhtt; answers the account and its temporary password. */
  async function createOperator(login = 'van.thu'): Promise<TemporaryPasswordIssued> {
    const response = await staffFetch(app, phong, 'POST', '/api/accounts', {
      unitId: DEMO_UNIT_IDS.taPhin,
      role: 'operator',
      login,
      displayName: 'Lù Văn Thứ',
    });
    expect(response.status).toBe(201);
    return (await response.json()) as TemporaryPasswordIssued;
  }

  it('lists the accounts of the subtree, with last sign-in, and never a password hash', async () => {
    const response = await staffFetch(app, phong, 'GET', '/api/accounts');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('scrypt');
    const { accounts } = JSON.parse(text) as { accounts: AccountSummary[] };
    expect(accounts.map((account) => account.login)).toEqual(['doi.xe', 'phong.vhtt', 'xa.taphin']);
    expect(accounts.find((account) => account.login === 'phong.vhtt')?.lastSignInAt).toEqual(
      expect.any(String),
    );
    expect(accounts.find((account) => account.login === 'xa.taphin')).toMatchObject({
      lastSignInAt: null,
      disabledAt: null,
      mustChangePassword: false,
    });
  });

  it('creates an account that signs in with its temporary password and must choose its own first', async () => {
    const { account, temporaryPassword } = await createOperator();
    expect(account).toMatchObject({ login: 'van.thu', role: 'operator', mustChangePassword: true });
    const session = await signIn(app, 'van.thu', temporaryPassword);
    const me = await staffFetch(app, session, 'GET', '/api/auth/me');
    expect(((await me.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(
      true,
    );
    await expectError(await staffFetch(app, session, 'GET', '/api/logs'), 403, 'password_change_required');

    const change = (newPassword: string, currentPassword = temporaryPassword) =>
      staffFetch(app, session, 'POST', '/api/auth/password', { currentPassword, newPassword });
    await expectError(await change(OWN_PASSWORD, 'sai-mat-khau'), 403, 'wrong_password');
    const weak = await expectError(await change('1234567890'), 400, 'weak_password');
    expect(weak.issues).toEqual([{ field: 'newPassword', message: 'common' }]);
    await expectError(await change(temporaryPassword), 400, 'weak_password');
    expect((await change(OWN_PASSWORD)).status).toBe(204);

    // The same session goes on, now with full access; the temporary password no longer signs in.
    expect((await staffFetch(app, session, 'GET', '/api/logs')).status).toBe(200);
    await signIn(app, 'van.thu', OWN_PASSWORD);
    await expectError(
      await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'van.thu', password: temporaryPassword }),
      }),
      401,
      'invalid_credentials',
    );
  });

  it('ends every session of a disabled account at once, refuses its sign-in, and lets it back when enabled', async () => {
    const { account, temporaryPassword } = await createOperator();
    const session = await signIn(app, 'van.thu', temporaryPassword);
    expect((await staffFetch(app, session, 'GET', '/api/auth/me')).status).toBe(200);

    const disabled = await staffFetch(app, phong, 'POST', `/api/accounts/${account.id}/disable`);
    expect(((await disabled.json()) as { account: AccountSummary }).account.disabledAt).toEqual(
      expect.any(String),
    );
    await expectError(await staffFetch(app, session, 'GET', '/api/auth/me'), 401, 'not_signed_in');
    const login = () =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'van.thu', password: temporaryPassword }),
      });
    await expectError(await login(), 403, 'account_disabled');

    expect((await staffFetch(app, phong, 'POST', `/api/accounts/${account.id}/enable`)).status).toBe(200);
    expect((await login()).status).toBe(200);
  });

  it('resets a password: the old one stops working, sessions end, the new one must be changed', async () => {
    const xa = DEMO_USERS.find((user) => user.login === 'xa.taphin')!;
    const session = await signIn(app, 'xa.taphin');
    const reset = await staffFetch(app, phong, 'POST', `/api/accounts/${xa.id}/reset-password`);
    const { temporaryPassword } = (await reset.json()) as TemporaryPasswordIssued;
    await expectError(await staffFetch(app, session, 'GET', '/api/auth/me'), 401, 'not_signed_in');
    const fresh = await signIn(app, 'xa.taphin', temporaryPassword);
    await expectError(await staffFetch(app, fresh, 'GET', '/api/bulletins'), 403, 'password_change_required');
  });

  it('gives no role above its own and touches no account of a higher role, even in its own unit', async () => {
    const create = (role: string) =>
      staffFetch(app, phong, 'POST', '/api/accounts', {
        unitId: DEMO_UNIT_IDS.district,
        role,
        login: `moi.${role}`,
        displayName: 'Cán bộ mới',
      });
    await expectError(await create('province'), 403, 'forbidden');
    await expectError(await create('admin'), 403, 'forbidden');
    expect((await create('district')).status).toBe(201);

    const { account } = await createOperator();
    await expectError(
      await staffFetch(app, phong, 'PUT', `/api/accounts/${account.id}`, {
        unitId: DEMO_UNIT_IDS.taPhin,
        role: 'province',
        displayName: 'Lù Văn Thứ',
      }),
      403,
      'forbidden',
    );
    // An admin placed in the district is beyond a district officer.
    const admin = DEMO_USERS.find((user) => user.role === 'admin')!;
    const so = await signIn(app, 'admin');
    await staffFetch(app, so, 'PUT', `/api/accounts/${admin.id}`, {
      unitId: DEMO_UNIT_IDS.district,
      role: 'admin',
      displayName: admin.displayName,
    });
    await expectError(
      await staffFetch(app, phong, 'POST', `/api/accounts/${admin.id}/disable`),
      403,
      'forbidden',
    );
    await expectError(
      await staffFetch(app, phong, 'POST', `/api/accounts/${admin.id}/reset-password`),
      403,
      'forbidden',
    );
  });

  it('keeps one login per account and refuses to disable, move or re-role its own account', async () => {
    await createOperator();
    const again = await staffFetch(app, phong, 'POST', '/api/accounts', {
      unitId: DEMO_UNIT_IDS.taPhin,
      role: 'operator',
      login: 'VAN.THU',
      displayName: 'Người khác',
    });
    await expectError(again, 409, 'login_taken');
    const self = DEMO_USERS.find((user) => user.login === 'phong.vhtt')!;
    await expectError(
      await staffFetch(app, phong, 'POST', `/api/accounts/${self.id}/disable`),
      409,
      'own_account',
    );
    await expectError(
      await staffFetch(app, phong, 'PUT', `/api/accounts/${self.id}`, {
        unitId: DEMO_UNIT_IDS.taPhin,
        role: 'district',
        displayName: self.displayName,
      }),
      409,
      'own_account',
    );
    const renamed = await staffFetch(app, phong, 'PUT', `/api/accounts/${self.id}`, {
      unitId: self.unitId,
      role: self.role,
      displayName: 'Phòng VH-TT Thanh Lâm',
    });
    expect(renamed.status).toBe(200);
    await expectError(
      await staffFetch(app, phong, 'GET', `/api/accounts/${crypto.randomUUID()}/x`),
      404,
      'not_found',
    );
    await expectError(await staffFetch(app, phong, 'POST', '/api/accounts/abc/disable'), 404, 'not_found');
  });
});
