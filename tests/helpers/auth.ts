/**
 * Accounts for server tests: demo units and staff in a test store (with the app serving it), staff sign-in
 * through the real API, and a device enrolled through the real API (pairing code, then enrolment) with a fresh
 * P-256 key pair.
 */
import type { SqlExecutor } from '../../src/server/store/sql.ts';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import type { EnrolResult, PairingCodeIssued } from '../../src/domain/accounts.ts';
import { KEY_ALGORITHM } from '../../src/domain/evidence/signature.ts';
import type { WebCryptoKey } from '../../src/domain/evidence/signature.ts';
import type { PublicKeyJwk } from '../../src/domain/schemas/device.ts';
import { createApp } from '../../src/server/app.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../src/server/auth/staff-auth.ts';
import { hashSecret, newToken } from '../../src/server/auth/tokens.ts';
import { DEMO_PASSWORD, demoUsersWithPasswords } from '../../src/server/demo/demo-users.ts';
import { DEMO_UNITS } from '../../src/server/demo/demo-units.ts';
import type { Store, StoreKind } from '../../src/server/store/store.ts';
import { openTestDatabase, type TestDatabase } from './stores.ts';

/** Anything with Hono's `request`: the app under test. */
export type TestApp = Pick<Hono, 'request'>;

/** A running server (the e2e one at `baseUrl`) in the shape the server-test helpers call: `request` with a path. */
export function runningApp(baseUrl: string): TestApp {
  return {
    request: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(typeof input === 'string' ? new URL(input, baseUrl) : input, init),
  };
}

/** Puts the demo units and the demo staff accounts (password DEMO_PASSWORD) into a migrated store. */
export async function seedAccounts(store: Store): Promise<void> {
  await store.upsertUnits(DEMO_UNITS);
  await store.accounts.insertUsers(await demoUsersWithPasswords());
}

/** A fresh migrated test database of `kind` holding the demo units and staff, and the app serving it. */
export async function openAccountsApp(kind: StoreKind): Promise<{ db: TestDatabase; app: Hono }> {
  const db = await openTestDatabase(kind);
  await db.store.migrate();
  await seedAccounts(db.store);
  return { db, app: createApp({ store: db.store, version: 'test' }) };
}

/** Signs in through POST /api/auth/login; returns the Cookie header value for later requests. */
export async function signIn(app: TestApp, login: string, password: string = DEMO_PASSWORD): Promise<string> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  expect(response.status, `sign-in of ${login}`).toBe(200);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (cookie === undefined) throw new Error('The sign-in answer set no cookie');
  return cookie;
}

/** A request as the staff app sends it: session cookie, CSRF header, and a JSON body when given. */
export function staffFetch(
  app: TestApp,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = { Cookie: cookie, 'X-LoaXa-CSRF': '1' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return Promise.resolve(
    app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

/** A device enrolled through the API: its id, bearer token and signing key pair. */
export interface TestDevice {
  deviceId: string;
  token: string;
  publicKeyJwk: PublicKeyJwk;
  privateKey: WebCryptoKey;
}

/** A fresh P-256 signing key pair with its public half as the JWK the API expects. */
export async function newDeviceKeys(): Promise<{ publicKeyJwk: PublicKeyJwk; privateKey: WebCryptoKey }> {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  if (x === undefined || y === undefined) throw new Error('The exported key has no coordinates');
  return { publicKeyJwk: { kty: 'EC', crv: 'P-256', x, y }, privateKey: pair.privateKey };
}

/** Creates a pairing code for `unitId` as `login` (the demo admin unless given); returns the code issued. */
export async function createPairingCode(
  app: TestApp,
  unitId: string,
  login = 'admin',
): Promise<PairingCodeIssued> {
  const cookie = await signIn(app, login);
  const response = await staffFetch(app, cookie, 'POST', '/api/pairing-codes', { unitId });
  expect(response.status, 'pairing code creation').toBe(201);
  return (await response.json()) as PairingCodeIssued;
}

/**
 * Enrols a device to `unitId` through the API: the demo admin creates a pairing code, then the device enrols
 * with a new key pair (or the keys given). Needs seedAccounts first.
 */
export async function enrolTestDevice(
  app: TestApp,
  unitId: string,
  opts: { deviceId?: string; label?: string; keys?: Awaited<ReturnType<typeof newDeviceKeys>> } = {},
): Promise<TestDevice> {
  const { code } = await createPairingCode(app, unitId);
  const keys = opts.keys ?? (await newDeviceKeys());
  const response = await app.request('/api/devices/enrol', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      code,
      label: opts.label ?? 'Điện thoại thử',
      deviceId: opts.deviceId ?? crypto.randomUUID(),
      publicKey: keys.publicKeyJwk,
    }),
  });
  expect(response.status, 'enrolment').toBe(201);
  const result = (await response.json()) as EnrolResult;
  return { deviceId: result.deviceId, token: result.token, ...keys };
}

/** Headers of a device request: its bearer token, plus JSON when a body is sent. */
export function deviceHeaders(token: string, json = false): Record<string, string> {
  return json
    ? { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    : { Authorization: `Bearer ${token}` };
}

/**
 * Dates the enrolment of every device back to `enrolledAt`, as if the devices had been paired before the logs
 * a test pushes with fixed dates: the server does not verify logs dated long before a device's enrolment.
 */
export async function backdateEnrolments(sql: SqlExecutor, enrolledAt: string): Promise<void> {
  await sql.query('UPDATE devices SET enrolled_at = $1', [enrolledAt]);
}

/**
 * A session of the demo admin made in the store: signing in again through the API would meet the sign-in rate
 * limit the fuzzing itself sets off with wrong passwords.
 */
export async function adminSession(store: Store): Promise<string> {
  const admin = await store.accounts.findUserByLogin('admin');
  if (admin === undefined) throw new Error('the demo admin is missing');
  const token = newToken();
  const now = Date.now();
  await store.accounts.createSession({
    tokenHash: hashSecret(token),
    userId: admin.id,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_TTL_MS).toISOString(),
  });
  return `${SESSION_COOKIE}=${token}`;
}
