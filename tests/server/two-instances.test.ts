/**
 * Two real server processes on one PostgreSQL behind a small round-robin proxy, as a province would run them
 * behind a load balancer: each request goes to the other process than the one before, and everything must
 * behave exactly as with one process (sessions, sign-in and enrolment limits, enrolment, push, pull, the audit
 * chain).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary, TemporaryPasswordIssued } from '../../src/domain/account-admin.ts';
import type { AuditVerification } from '../../src/domain/audit.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { startAppServer, type AppServer } from '../helpers/app-server.ts';
import {
  createPairingCode,
  enrolTestDevice,
  runningApp,
  signIn,
  staffFetch,
  type TestApp,
} from '../helpers/auth.ts';
import { pullAll, pushLogs, signedChain } from '../helpers/staff-content.ts';
import { closeTestEngines, newSchemaName, postgresAdmin, urlWithSchema } from '../helpers/stores.ts';

/** A proxy sending each request to the next backend in turn, saying which one answered (X-Backend). */
async function roundRobinProxy(
  backends: readonly string[],
): Promise<{ url: string; close: () => Promise<void> }> {
  let turn = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = turn++ % backends.length;
    const target = new URL(incoming.url ?? '/', backends[index]);
    const forwarded = httpRequest(
      target,
      {
        method: incoming.method,
        headers: {
          ...incoming.headers,
          // The client's address as a real proxy adds it; tests name the client in X-Test-Client.
          'x-forwarded-for': String(incoming.headers['x-test-client'] ?? incoming.socket.remoteAddress),
          'x-forwarded-proto': 'http',
        },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-backend': String(index) });
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const CLIENT = (name: string) => ({ 'X-Test-Client': name });

describe('two server processes on one PostgreSQL behind a load balancer', () => {
  const schema = newSchemaName();
  const dataDir = mkdtempSync(join(tmpdir(), 'loaxa-two-'));
  let servers: AppServer[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
  let app: TestApp;

  beforeAll(async () => {
    await postgresAdmin().query(`CREATE SCHEMA ${schema}`);
    // Started together: both migrate and seed the same empty database at once.
    servers = await Promise.all(
      [0, 1].map(() =>
        startAppServer({
          dataDir,
          staticDir: join(dataDir, 'no-pwa'),
          databaseUrl: urlWithSchema(schema),
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { TRUST_PROXY: '1', LOAXA_DEMO: '1' },
        }),
      ),
    );
    proxy = await roundRobinProxy(servers.map((server) => server.baseUrl));
    app = runningApp(proxy.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await postgresAdmin().query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await closeTestEngines();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = (body: unknown, client: string) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...CLIENT(client) },
      body: JSON.stringify(body),
    });

  it('serves requests from both processes in turn', async () => {
    const backends = [];
    for (let i = 0; i < 4; i++) backends.push((await app.request('/api/ready')).headers.get('x-backend'));
    expect(backends.sort()).toEqual(['0', '0', '1', '1']);
  });

  it('knows a session opened on one process on the other, and ends it on both at sign-out or disabling', async () => {
    const admin = await signIn(app, 'admin');
    const created = (await (
      await staffFetch(app, admin, 'POST', '/api/accounts', {
        unitId: DEMO_UNIT_IDS.district,
        role: 'district',
        login: 'hai.tien.trinh',
        displayName: 'Cán bộ thử hai tiến trình',
      })
    ).json()) as TemporaryPasswordIssued;
    const cookie = await signIn(app, 'hai.tien.trinh', created.temporaryPassword);
    const me = async () => (await staffFetch(app, cookie, 'GET', '/api/auth/me')).status;
    // A temporary password: the session exists on both processes, and both ask for a new password.
    expect([await me(), await me()]).toEqual([200, 200]);
    const changed = await staffFetch(app, cookie, 'POST', '/api/auth/password', {
      currentPassword: created.temporaryPassword,
      newPassword: 'hai máy chủ một cơ sở dữ liệu',
    });
    expect(changed.status).toBe(204);
    const disabled = await staffFetch(app, admin, 'POST', `/api/accounts/${created.account.id}/disable`);
    expect(((await disabled.json()) as { account: AccountSummary }).account.disabledAt).not.toBeNull();
    expect([await me(), await me()]).toEqual([401, 401]);

    const other = await signIn(app, 'so.vhtt');
    expect((await staffFetch(app, other, 'POST', '/api/auth/logout')).status).toBe(204);
    const after = async () => (await staffFetch(app, other, 'GET', '/api/auth/me')).status;
    expect([await after(), await after()]).toEqual([401, 401]);
  });

  it('counts failed sign-ins across both processes, even sent at once, and holds the limit exactly', async () => {
    const wrong = { login: 'phong.vhtt', password: 'sai mật khẩu rồi' };
    const statuses = await Promise.all(Array.from({ length: 12 }, () => login(wrong, '198.51.100.7')));
    expect(statuses.map((response) => response.status).sort()).toEqual([
      ...Array<number>(5).fill(401),
      ...Array<number>(7).fill(429),
    ]);
    // Locked on both, even for the right password.
    for (let i = 0; i < 2; i++) {
      expect((await login({ login: 'phong.vhtt', password: DEMO_PASSWORD }, '198.51.100.8')).status).toBe(
        429,
      );
    }
    // Another client from another address, on another login, is not held back.
    expect((await login({ login: 'xa.taphin', password: DEMO_PASSWORD }, '198.51.100.9')).status).toBe(200);
  });

  it('counts wrong pairing codes across both processes', async () => {
    const enrol = (code: string) =>
      app.request('/api/devices/enrol', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...CLIENT('203.0.113.50') },
        body: JSON.stringify({
          code,
          label: 'Máy đoán mã',
          deviceId: crypto.randomUUID(),
          publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) },
        }),
      });
    const statuses = await Promise.all(Array.from({ length: 24 }, () => enrol('ZZZZ-ZZZZ')));
    expect(statuses.filter((response) => response.status === 404)).toHaveLength(20);
    expect(statuses.filter((response) => response.status === 429)).toHaveLength(4);
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    expect((await enrol(code)).status).toBe(429);
  });

  it('enrols on one process, pushes to both at once and pulls from either, storing each log once', async () => {
    const device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin, { label: 'Loa hai tiến trình' });
    const start = Date.now() - 2 * 3600_000;
    const logs = await signedChain(device, DEMO_UNIT_IDS.taPhin, [
      new Date(start).toISOString(),
      new Date(start + 3600_000).toISOString(),
    ]);
    // The same batch reaches both processes at once (a retry after a lost answer).
    const [first, second] = await Promise.all([pushLogs(app, device, logs), pushLogs(app, device, logs)]);
    const statuses = [...(first ?? []), ...(second ?? [])].map((result) => result.status).sort();
    expect(statuses).toEqual(['accepted', 'accepted', 'duplicate', 'duplicate']);
    const [one, other] = await Promise.all([pullAll(app, device), pullAll(app, device)]);
    expect(one.units.map((unit) => unit.id)).toContain(DEMO_UNIT_IDS.taPhin);
    expect(other.bulletins.map((bulletin) => bulletin.id).sort()).toEqual(
      one.bulletins.map((bulletin) => bulletin.id).sort(),
    );
    expect(one.database).toBe(other.database);

    const admin = await signIn(app, 'admin');
    const listed = async () =>
      (await (await staffFetch(app, admin, 'GET', `/api/logs?unitId=${DEMO_UNIT_IDS.taPhin}`)).json()) as {
        logs: { id: string; verification: string }[];
      };
    for (const read of [await listed(), await listed()]) {
      expect(read.logs.map((log) => log.id).sort()).toEqual(logs.map((log) => log.id).sort());
      expect(read.logs.every((log) => log.verification === 'verified')).toBe(true);
    }
    // Every change both processes recorded forms one unbroken chain.
    const verification = (await (
      await staffFetch(app, admin, 'GET', '/api/audit/verify')
    ).json()) as AuditVerification;
    expect(verification).toMatchObject({ ok: true });
  });
});
