import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../src/domain/accounts.ts';
import type { ApiError } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/demo/demo-users.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { openAccountsApp, signIn, staffFetch } from '../helpers/auth.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const login = (app: ReturnType<typeof createApp>, body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function errorOf(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await response.json()) as ApiError).error;
}

describe.each(ENGINES)('staff sign-in on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    ({ db, app } = await openAccountsApp(kind));
  });
  afterEach(() => db.dispose());

  it('signs every demo account in with the demo password and answers its account and unit', async () => {
    for (const user of DEMO_USERS) {
      const response = await login(app, { login: user.login.toUpperCase(), password: DEMO_PASSWORD });
      expect(response.status).toBe(200);
      const info = (await response.json()) as SessionInfo;
      expect(info.user).toEqual({ ...user, mustChangePassword: false });
      expect(info.unit.id).toBe(user.unitId);
      expect(JSON.stringify(info)).not.toContain('scrypt');
    }
  });

  it('believes a proxy that says the browser came over https only when TRUST_PROXY says there is one', async () => {
    const forwarded = { 'X-Forwarded-Proto': 'https' };
    const body = { login: 'admin', password: DEMO_PASSWORD };
    expect((await login(app, body, forwarded)).headers.get('set-cookie')).not.toContain('Secure');
    const proxied = createApp({ store: db.store, version: 'test', trustProxy: true });
    expect((await login(proxied, body, forwarded)).headers.get('set-cookie')).toContain('Secure');
  });

  it('counts failed sign-ins per forwarded client address only behind a trusted proxy', async () => {
    const failFrom = (target: ReturnType<typeof createApp>, address: string, i: number) =>
      login(
        target,
        { login: `khong.co.${i}`, password: 'sai' },
        { 'X-Forwarded-For': `198.51.100.9, ${address}` },
      );
    const proxied = createApp({ store: db.store, version: 'test', trustProxy: true });
    for (let i = 0; i < 20; i++) expect((await failFrom(proxied, '203.0.113.1', i)).status).toBe(401);
    expect((await failFrom(proxied, '203.0.113.1', 20)).status).toBe(429);
    // Another client behind the same proxy is not held back by the first one's failures.
    expect((await failFrom(proxied, '203.0.113.2', 21)).status).toBe(401);
    // Without TRUST_PROXY the header is anyone's to write, so it changes nothing: all share the peer's count.
    for (let i = 0; i < 20; i++) expect((await failFrom(app, `203.0.113.${i + 10}`, i)).status).toBe(401);
    expect((await failFrom(app, '203.0.113.99', 20)).status).toBe(429);
  });

  it('sets an HTTP-only, SameSite=Strict session cookie for 7 days, Secure only over https', async () => {
    const plain =
      (await login(app, { login: 'admin', password: DEMO_PASSWORD })).headers.get('set-cookie') ?? '';
    expect(plain).toMatch(/^loaxa_session=[A-Za-z0-9_-]{43};/);
    expect(plain).toContain('HttpOnly');
    expect(plain).toContain('SameSite=Strict');
    expect(plain).toContain('Path=/');
    expect(plain).toContain(`Max-Age=${7 * 24 * 3600}`);
    expect(plain).not.toContain('Secure');
    const secure = await app.request('https://loaxa.example/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: DEMO_PASSWORD }),
    });
    expect(secure.headers.get('set-cookie')).toContain('Secure');
  });

  it('stores only the hash of the session token', async () => {
    const cookie = await signIn(app, 'admin');
    const token = cookie.split('=')[1] ?? '';
    const rows = await db.sql.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(token);
  });

  it('answers a wrong password and an unknown login alike: 401 invalid_credentials, no cookie', async () => {
    const wrong = await login(app, { login: 'admin', password: 'nope' });
    const unknown = await login(app, { login: 'nobody', password: DEMO_PASSWORD });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const [a, b] = [(await wrong.json()) as ApiError, (await unknown.json()) as ApiError];
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(a).toEqual(b);
    expect(a.error).toBe('invalid_credentials');
    expect(await db.sql.query('SELECT 1 FROM staff_sessions')).toEqual([]);
  });

  it.each([
    [{ login: 'admin' }, 'password'],
    [{ login: '', password: 'x' }, 'login'],
    [{ login: 'admin', password: DEMO_PASSWORD, remember: true }, 'remember'],
    [{ login: 42, password: DEMO_PASSWORD }, 'login'],
  ])('refuses the body %j with 400 naming %s', async (body, field) => {
    const response = await login(app, body);
    expect(await errorOf(response.clone(), 400)).toBe('invalid_request');
    expect(((await response.json()) as ApiError).issues?.map((issue) => issue.field)).toContain(field);
  });

  it('GET /api/auth/session answers 200 signed in or out, so a signed-out start logs no failed request', async () => {
    const state = async (headers: Record<string, string> = {}) => {
      const response = await app.request('/api/auth/session', { headers });
      expect(response.status).toBe(200);
      return (await response.json()) as SessionState;
    };
    expect(await state()).toEqual({ session: null, setupNeeded: false });
    expect(await state({ Cookie: 'loaxa_session=forged' })).toEqual({ session: null, setupNeeded: false });
    const cookie = await signIn(app, 'phong.vhtt');
    const signedIn = await state({ Cookie: cookie });
    expect(signedIn.setupNeeded).toBe(false);
    expect([signedIn.session?.user.login, signedIn.session?.unit.id]).toEqual([
      'phong.vhtt',
      DEMO_UNIT_IDS.district,
    ]);
    await staffFetch(app, cookie, 'POST', '/api/auth/logout');
    expect((await state({ Cookie: cookie })).session).toBeNull();
  });

  it('GET /api/auth/me answers the session, or 401 not_signed_in without one', async () => {
    expect(await errorOf(await app.request('/api/auth/me'), 401)).toBe('not_signed_in');
    expect(
      await errorOf(await app.request('/api/auth/me', { headers: { Cookie: 'loaxa_session=forged' } }), 401),
    ).toBe('not_signed_in');
    const cookie = await signIn(app, 'phong.vhtt');
    const me = await app.request('/api/auth/me', { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    const info = (await me.json()) as SessionInfo;
    expect([info.user.login, info.user.role, info.unit.id]).toEqual([
      'phong.vhtt',
      'district',
      DEMO_UNIT_IDS.district,
    ]);
  });

  it('logs out: 204, the cookie cleared, the session gone', async () => {
    const cookie = await signIn(app, 'admin');
    const response = await staffFetch(app, cookie, 'POST', '/api/auth/logout');
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^loaxa_session=;.*Max-Age=0/);
    expect(await db.sql.query('SELECT 1 FROM staff_sessions')).toEqual([]);
    expect(await errorOf(await app.request('/api/auth/me', { headers: { Cookie: cookie } }), 401)).toBe(
      'not_signed_in',
    );
  });

  it('refuses an expired session', async () => {
    const cookie = await signIn(app, 'admin');
    await db.sql.query("UPDATE staff_sessions SET expires_at = now() - interval '1 second'");
    expect(await errorOf(await app.request('/api/auth/me', { headers: { Cookie: cookie } }), 401)).toBe(
      'not_signed_in',
    );
  });

  it('drops expired sessions when a new one begins, and keeps the others', async () => {
    await signIn(app, 'admin');
    await signIn(app, 'so.vhtt');
    await db.sql.query(
      "UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE login = 'admin')",
    );
    const cookie = await signIn(app, 'phong.vhtt');
    const logins = await db.sql.query<{ login: string }>(
      'SELECT users.login FROM staff_sessions JOIN users ON users.id = staff_sessions.user_id ORDER BY users.login',
    );
    expect(logins.map((row) => row.login)).toEqual(['phong.vhtt', 'so.vhtt']);
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('locks a login out after 5 failures with 429 and Retry-After, even for the right password', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login(app, { login: 'so.vhtt', password: 'wrong' })).status).toBe(401);
    }
    const locked = await login(app, { login: 'so.vhtt', password: DEMO_PASSWORD });
    expect(await errorOf(locked.clone(), 429)).toBe('too_many_attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another login from the same address is still under the address limit.
    expect((await login(app, { login: 'admin', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('counts concurrent wrong sign-ins before checking them: past 5, the rest answer 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(app, { login: 'so.vhtt', password: 'wrong' })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    expect((await login(app, { login: 'so.vhtt', password: DEMO_PASSWORD })).status).toBe(429);
  });

  it('counts concurrent wrong pairing codes before checking them: past 20, the rest answer 429', async () => {
    const enrol = () =>
      app.request('/api/devices/enrol', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          code: 'ZZZZ-ZZZZ',
          label: 'Máy đoán mã',
          deviceId: crypto.randomUUID(),
          publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) },
        }),
      });
    const statuses = (await Promise.all(Array.from({ length: 30 }, enrol))).map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  });

  it('locks an address out after 20 failures across logins', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await login(app, { login: `guess${attempt}`, password: 'wrong' })).status).toBe(401);
    }
    const locked = await login(app, { login: 'admin', password: DEMO_PASSWORD });
    expect(await errorOf(locked.clone(), 429)).toBe('too_many_attempts');
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  describe('CSRF on unsafe requests with the session cookie', () => {
    let cookie: string;
    beforeEach(async () => {
      cookie = await signIn(app, 'admin');
    });

    const createCode = (headers: Record<string, string>) =>
      app.request('/api/pairing-codes', {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ unitId: DEMO_UNIT_IDS.taPhin }),
      });

    it.each([
      ['no CSRF header', {}],
      ['a wrong CSRF value', { 'X-LoaXa-CSRF': '0' }],
      ['a foreign Origin', { 'X-LoaXa-CSRF': '1', Origin: 'https://evil.example' }],
      ['an opaque Origin', { 'X-LoaXa-CSRF': '1', Origin: 'null' }],
    ])('refuses %s with 403 csrf_failed and stores nothing', async (_name, headers) => {
      expect(await errorOf(await createCode(headers), 403)).toBe('csrf_failed');
      expect(await db.sql.query('SELECT 1 FROM pairing_codes')).toEqual([]);
    });

    it('accepts the header with no Origin or the server’s own Origin', async () => {
      expect((await createCode({ 'X-LoaXa-CSRF': '1' })).status).toBe(201);
      expect((await createCode({ 'X-LoaXa-CSRF': '1', Origin: 'http://localhost' })).status).toBe(201);
    });

    it('refuses logout without the header', async () => {
      const response = await app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } });
      expect(await errorOf(response, 403)).toBe('csrf_failed');
      expect(await db.sql.query('SELECT 1 FROM staff_sessions')).toHaveLength(1);
    });

    it('does not ask for it on reads', async () => {
      expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);
    });
  });
});
