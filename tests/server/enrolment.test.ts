import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSelf, DeviceSummary, EnrolResult, PairingCodeIssued } from '../../src/domain/accounts.ts';
import { PAIRING_ALPHABET, formatPairingCode } from '../../src/domain/accounts.ts';
import { DAY_MS } from '../../src/domain/dates.ts';
import type { ApiError } from '../../src/domain/sync.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { hashSecret } from '../../src/server/auth/tokens.ts';
import { PAIRING_CODE_KEPT_DAYS } from '../../src/server/store/account-store.ts';
import {
  createPairingCode,
  deviceHeaders,
  enrolTestDevice,
  newDeviceKeys,
  openAccountsApp,
  signIn,
  staffFetch,
} from '../helpers/auth.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

describe.each(ENGINES)('device enrolment on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    ({ db, app } = await openAccountsApp(kind));
  });
  afterEach(() => db.dispose());

  const enrol = async (body: Record<string, unknown>) =>
    app.request('/api/devices/enrol', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function enrolBody(code: string, deviceId: string = crypto.randomUUID()) {
    return { code, label: 'Máy đài xã', deviceId, publicKey: (await newDeviceKeys()).publicKeyJwk };
  }

  async function expectError(response: Response, status: number, error: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(((await response.json()) as ApiError).error).toBe(error);
  }

  const getDevice = (token: string) => app.request('/api/device', { headers: deviceHeaders(token) });

  it('issues a one-time code, stored hashed, valid 24 h, with the enrolment path', async () => {
    const before = Date.now();
    const issued: PairingCodeIssued = await createPairingCode(app, DEMO_UNIT_IDS.taPhin, 'phong.vhtt');
    expect(issued.code).toHaveLength(8);
    expect([...issued.code].every((c) => PAIRING_ALPHABET.includes(c))).toBe(true);
    expect(issued.unitId).toBe(DEMO_UNIT_IDS.taPhin);
    expect(issued.enrolPath).toBe(`/enrol?code=${issued.code}`);
    const ttl = Date.parse(issued.expiresAt) - before;
    expect(ttl).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
    const rows = await db.sql.query<{ code_hash: string; created_by: string }>(
      'SELECT code_hash, created_by FROM pairing_codes',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(issued.code);
  });

  it('enrols with a code: the token then opens GET /api/device; the database holds only its hash', async () => {
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    const body = await enrolBody(formatPairingCode(code).toLowerCase());
    const response = await enrol(body);
    expect(response.status).toBe(201);
    const result = (await response.json()) as EnrolResult;
    expect(result.deviceId).toBe(body.deviceId);
    expect(result.unit.id).toBe(DEMO_UNIT_IDS.taPhin);
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const self = await getDevice(result.token);
    expect(self.status).toBe(200);
    const { device, unit } = (await self.json()) as DeviceSelf;
    expect(device).toMatchObject({
      id: body.deviceId,
      unitId: DEMO_UNIT_IDS.taPhin,
      label: 'Máy đài xã',
      revokedAt: null,
    });
    expect(device.lastSeenAt).not.toBeNull();
    expect(unit.id).toBe(DEMO_UNIT_IDS.taPhin);

    const dump = JSON.stringify(await db.sql.query('SELECT * FROM devices'));
    expect(dump).not.toContain(result.token);
    const [row] = await db.sql.query<{ token_hash: string; public_key: unknown }>(
      'SELECT token_hash, public_key FROM devices',
    );
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.public_key).toEqual(body.publicKey);
    const [used] = await db.sql.query<{ used_by_device: string }>('SELECT used_by_device FROM pairing_codes');
    expect(used?.used_by_device).toBe(body.deviceId);
  });

  it('refuses a used code with 409 pairing_code_used', async () => {
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    expect((await enrol(await enrolBody(code))).status).toBe(201);
    await expectError(await enrol(await enrolBody(code)), 409, 'pairing_code_used');
    expect(await db.sql.query('SELECT id FROM devices')).toHaveLength(1);
  });

  it('answers the same enrolment sent again (a lost answer) with a new token, the old one refused', async () => {
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    const body = await enrolBody(code);
    const first = (await (await enrol(body)).json()) as EnrolResult;
    const again = await enrol(body);
    expect(again.status).toBe(201);
    const second = (await again.json()) as EnrolResult;
    expect(second.token).not.toBe(first.token);
    expect((await getDevice(second.token)).status).toBe(200);
    await expectError(await getDevice(first.token), 401, 'device_unauthorized');
  });

  it('refuses an expired code with 410 and an unknown one with 404', async () => {
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    await db.sql.query('UPDATE pairing_codes SET expires_at = $1', [
      new Date(Date.now() - 1000).toISOString(),
    ]);
    await expectError(await enrol(await enrolBody(code)), 410, 'pairing_code_expired');
    await expectError(await enrol(await enrolBody('ZZZZ-ZZZZ')), 404, 'pairing_code_unknown');
    expect(await db.sql.query('SELECT id FROM devices')).toEqual([]);
  });

  it('drops unused codes a month after they expired when a new one is issued, and keeps used ones', async () => {
    const { code: used } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    expect((await enrol(await enrolBody(used))).status).toBe(201);
    const { code: old } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    const { code: recent } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    const expire = (code: string, days: number) =>
      db.sql.query('UPDATE pairing_codes SET expires_at = $2 WHERE code_hash = $1', [
        hashSecret(code),
        new Date(Date.now() - days * DAY_MS).toISOString(),
      ]);
    await expire(used, PAIRING_CODE_KEPT_DAYS + 1);
    await expire(old, PAIRING_CODE_KEPT_DAYS + 1);
    await expire(recent, PAIRING_CODE_KEPT_DAYS - 1);
    const { code: fresh } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);

    const kept = await db.sql.query<{ code_hash: string }>('SELECT code_hash FROM pairing_codes');
    expect(kept.map((row) => row.code_hash).sort()).toEqual([used, recent, fresh].map(hashSecret).sort());
    await expectError(await enrol(await enrolBody(recent)), 410, 'pairing_code_expired');
    await expectError(await enrol(await enrolBody(old)), 404, 'pairing_code_unknown');
  });

  it('revokes a device: its token then gets 401 device_revoked; the staff list shows it', async () => {
    const device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
    const cookie = await signIn(app, 'phong.vhtt');
    const response = await staffFetch(app, cookie, 'POST', `/api/devices/${device.deviceId}/revoke`);
    expect(response.status).toBe(200);
    const { device: revoked } = (await response.json()) as { device: DeviceSummary };
    expect(revoked.revokedAt).not.toBeNull();
    await expectError(await getDevice(device.token), 401, 'device_revoked');

    const list = await staffFetch(app, cookie, 'GET', '/api/devices');
    const { devices } = (await list.json()) as { devices: DeviceSummary[] };
    expect(devices.map((d) => [d.id, d.revokedAt !== null])).toEqual([[device.deviceId, true]]);
  });

  it('re-enrols a revoked device with the same key and a new code: new token, revocation cleared', async () => {
    const keys = await newDeviceKeys();
    const first = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin, { keys });
    const cookie = await signIn(app, 'admin');
    await staffFetch(app, cookie, 'POST', `/api/devices/${first.deviceId}/revoke`);
    const again = await enrolTestDevice(app, DEMO_UNIT_IDS.vinhHai, { keys, deviceId: first.deviceId });
    expect(again.deviceId).toBe(first.deviceId);
    const self = await getDevice(again.token);
    expect(self.status).toBe(200);
    expect(((await self.json()) as DeviceSelf).device).toMatchObject({
      revokedAt: null,
      unitId: DEMO_UNIT_IDS.vinhHai,
    });
    await expectError(await getDevice(first.token), 401, 'device_unauthorized');
  });

  it('refuses the same device id with another key: 409 device_exists, the code stays unused', async () => {
    const first = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    await expectError(await enrol(await enrolBody(code, first.deviceId)), 409, 'device_exists');
    expect((await getDevice(first.token)).status).toBe(200);
    expect((await enrol(await enrolBody(code))).status).toBe(201);
  });

  it.each([
    ['no header', {}],
    ['an unknown token', { Authorization: `Bearer ${'x'.repeat(43)}` }],
    ['another scheme', { Authorization: 'Basic YWRtaW46bG9heGEtZGVtbw==' }],
    ['a malformed bearer', { Authorization: 'Bearer a b c' }],
  ])('GET /api/device with %s answers 401 device_unauthorized', async (_name, headers) => {
    await expectError(await app.request('/api/device', { headers }), 401, 'device_unauthorized');
  });

  it('writes last_seen_at at most once a minute', async () => {
    const device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
    await getDevice(device.token);
    const seen = async () =>
      (await db.sql.query<{ last_seen_at: string }>('SELECT last_seen_at FROM devices'))[0]?.last_seen_at;
    const first = await seen();
    await getDevice(device.token);
    expect(await seen()).toBe(first);
    await db.sql.query("UPDATE devices SET last_seen_at = now() - interval '2 minutes'");
    const old = await seen();
    await getDevice(device.token);
    expect(await seen()).not.toBe(old);
  });

  it('rate-limits wrong codes per address: 429 after 20 in 15 minutes', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      await expectError(await enrol(await enrolBody('ZZZZ-ZZZZ')), 404, 'pairing_code_unknown');
    }
    const { code } = await createPairingCode(app, DEMO_UNIT_IDS.taPhin);
    const locked = await enrol(await enrolBody(code));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await db.sql.query('SELECT id FROM devices')).toEqual([]);
  });

  it('revoking an unknown device answers 404', async () => {
    const cookie = await signIn(app, 'admin');
    await expectError(
      await staffFetch(app, cookie, 'POST', `/api/devices/${crypto.randomUUID()}/revoke`),
      404,
      'not_found',
    );
    await expectError(
      await staffFetch(app, cookie, 'POST', '/api/devices/not-a-uuid/revoke'),
      404,
      'not_found',
    );
  });
});
