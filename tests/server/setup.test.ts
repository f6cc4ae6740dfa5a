import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupRequest } from '../../src/domain/account-admin.ts';
import type { SessionState } from '../../src/domain/accounts.ts';
import { ensureSetupCode, setupCodePath } from '../../src/server/admin/setup-code.ts';
import { createApp } from '../../src/server/app.ts';
import { openAccountsApp, signIn } from '../helpers/auth.ts';
import { expectApiError } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

describe.each(ENGINES)('the first run on %s', (kind) => {
  let db: TestDatabase;
  let app: Hono;
  let dataDir: string;
  let code: string;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    dataDir = mkdtempSync(join(tmpdir(), 'loaxa-setup-'));
    code = await ensureSetupCode(setupCodePath(dataDir));
    app = createApp({ store: db.store, version: 'test', setupCodeFile: setupCodePath(dataDir) });
  });
  afterEach(async () => {
    await db.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const request = (overrides: Partial<SetupRequest> = {}): SetupRequest => ({
    setupCode: `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`,
    unitName: 'Tỉnh Lào Cai',
    level: 'province',
    login: 'quantri',
    displayName: 'Quản trị Sở VHTTDL',
    password: 'đỉnh Fansipan mây trắng',
    ...overrides,
  });
  const setup = (body: unknown) =>
    app.request('/api/setup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const state = async () =>
    ((await (await app.request('/api/auth/session')).json()) as SessionState).setupNeeded;

  it('creates the top unit and the first administrator once, with the setup code, and closes', async () => {
    expect(statSync(setupCodePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(await state()).toBe(true);
    await expectApiError(await setup(request({ setupCode: 'ZZZZ-ZZZZ' })), 403, 'setup_code_wrong');
    await expectApiError(await setup(request({ password: 'matkhau123' })), 400, 'weak_password');
    await expectApiError(await setup(request({ login: 'Quản Trị' })), 400, 'invalid_request');
    expect(await db.store.accounts.countUsers()).toBe(0);

    const created = await setup(request());
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ login: 'quantri', unitName: 'Tỉnh Lào Cai' });
    expect(existsSync(setupCodePath(dataDir))).toBe(false);
    expect(await state()).toBe(false);
    await signIn(app, 'quantri', 'đỉnh Fansipan mây trắng');
    await expectApiError(await setup(request({ login: 'ke.gian' })), 409, 'setup_done');
    const entries = await db.sql.query<{ action: string; actor_name: string }>(
      'SELECT action, actor_name FROM audit_entries ORDER BY seq',
    );
    expect(entries).toEqual([
      { action: 'unit.create', actor_name: 'first-run screen' },
      { action: 'account.create', actor_name: 'first-run screen' },
    ]);
  });

  it('refuses guessing the setup code past 10 wrong codes from one address', async () => {
    for (let i = 0; i < 10; i++) {
      await expectApiError(await setup(request({ setupCode: 'ZZZZ-ZZZZ' })), 403, 'setup_code_wrong');
    }
    await expectApiError(await setup(request()), 429, 'too_many_attempts');
  });

  it('is not offered without a setup code file, nor once accounts exist', async () => {
    const bare = createApp({ store: db.store, version: 'test' });
    const response = await bare.request('/api/setup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request()),
    });
    await expectApiError(response, 403, 'setup_code_wrong');
    const demo = await openAccountsApp(kind);
    try {
      const answer = await demo.app.request('/api/auth/session');
      expect(await answer.json()).toEqual({ session: null, setupNeeded: false });
    } finally {
      await demo.db.dispose();
    }
  });
});
