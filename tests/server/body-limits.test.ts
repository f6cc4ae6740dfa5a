import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../src/domain/sync.ts';
import { MAX_BODY_BYTES, MAX_INFLATED_BODY_BYTES } from '../../src/domain/sync.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { createPairingCode, newDeviceKeys, openAccountsApp, signIn } from '../helpers/auth.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

/** JSON text of `bytes` length: a valid enrolment-shaped object padded with a long label. */
function paddedJson(bytes: number): string {
  const head = '{"label":"';
  const tail = '"}';
  return head + 'a'.repeat(bytes - head.length - tail.length) + tail;
}

describe.each(ENGINES)('bad request bodies on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let code: string;
  let publicKey: Awaited<ReturnType<typeof newDeviceKeys>>['publicKeyJwk'];

  beforeEach(async () => {
    ({ db, app } = await openAccountsApp(kind));
    code = (await createPairingCode(app, DEMO_UNIT_IDS.taPhin)).code;
    publicKey = (await newDeviceKeys()).publicKeyJwk;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.dispose();
  });

  const validBody = () => ({ code, label: 'Máy đài', deviceId: crypto.randomUUID(), publicKey });

  const enrol = (body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    app.request('/api/devices/enrol', { method: 'POST', headers, body });

  /** Asserts a 4xx JSON ApiError with this code, and that no device was stored. */
  async function expectRefused(response: Response, status: number, error: string): Promise<ApiError> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as ApiError;
    expect(body.error).toBe(error);
    expect(typeof body.message).toBe('string');
    expect(await db.sql.query('SELECT id FROM devices')).toEqual([]);
    return body;
  }

  it('accepts a plain and a gzip-compressed body', async () => {
    expect((await enrol(JSON.stringify(validBody()))).status).toBe(201);
    const second = (await createPairingCode(app, DEMO_UNIT_IDS.taPhin)).code;
    const gzipped = gzipSync(JSON.stringify({ ...validBody(), code: second }));
    const response = await enrol(gzipped, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(201);
  });

  it.each(['{"code": ', '', 'null', '[1,2', '{"a":1}}', '\u0000'])(
    'refuses malformed JSON %j with 400',
    async (body) => {
      const response = await enrol(body);
      if (body === 'null') await expectRefused(response, 400, 'invalid_request');
      else await expectRefused(response, 400, 'malformed_json');
    },
  );

  it('refuses bytes that are not UTF-8 with 400 malformed_json', async () => {
    await expectRefused(await enrol(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, 'malformed_json');
  });

  it.each([
    ['a number for the label', { label: 42 }, 'label'],
    ['a string for the key', { publicKey: 'abc' }, 'publicKey'],
    ['a non-UUID device id', { deviceId: 'phone-1' }, 'deviceId'],
    ['a code of the wrong shape', { code: 'ABC' }, 'code'],
    ['an unknown field', { admin: true }, 'admin'],
    [
      'an unknown key field',
      { publicKey: { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43), d: 'secret' } },
      'publicKey.d',
    ],
  ])('refuses %s with 400 invalid_request naming the field', async (_name, change, field) => {
    const body = await expectRefused(
      await enrol(JSON.stringify({ ...validBody(), ...change })),
      400,
      'invalid_request',
    );
    expect(body.issues?.map((issue) => issue.field)).toContain(field);
  });

  it('refuses a body over the limit as sent with 413, with or without Content-Length', async () => {
    const big = paddedJson(MAX_BODY_BYTES + 1);
    await expectRefused(await enrol(big), 413, 'body_too_large');
    const declared = { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) };
    await expectRefused(await enrol('{}', declared), 413, 'body_too_large');
    // A Content-Length that lies low does not let more through: bytes are counted while reading.
    const lying = { 'Content-Type': 'application/json', 'Content-Length': '10' };
    await expectRefused(await enrol(big, lying), 413, 'body_too_large');
  });

  it('accepts a body of exactly the limit (it is the schema that refuses it)', async () => {
    await expectRefused(await enrol(paddedJson(MAX_BODY_BYTES)), 400, 'invalid_request');
  });

  it('refuses a gzip bomb with 413 without inflating it all', async () => {
    const bomb = gzipSync(paddedJson(MAX_INFLATED_BODY_BYTES * 4));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    await expectRefused(
      await enrol(bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
      413,
      'body_too_large',
    );
  });

  it('refuses a compressed body over the limit as sent with 413', async () => {
    const random = randomBytes(MAX_BODY_BYTES + 1024);
    await expectRefused(
      await enrol(random, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
      413,
      'body_too_large',
    );
  });

  it.each([
    ['not gzip at all', new TextEncoder().encode(JSON.stringify({ code: 'x' }))],
    ['a truncated gzip stream', gzipSync(JSON.stringify({ code: 'x'.repeat(1000) })).subarray(0, 20)],
  ])('refuses %s with 400', async (_name, bytes) => {
    await expectRefused(
      await enrol(bytes, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
      400,
      'malformed_json',
    );
  });

  it.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['no content type', {}],
    ['brotli', { 'Content-Type': 'application/json', 'Content-Encoding': 'br' }],
  ])('refuses %s with 415 unsupported_media_type', async (_name, headers) => {
    await expectRefused(await enrol(JSON.stringify(validBody()), headers), 415, 'unsupported_media_type');
  });

  it('accepts application/json with a charset', async () => {
    const response = await enrol(JSON.stringify(validBody()), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(201);
  });

  it('never answers 5xx nor stores anything for bad staff input', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cookie = await signIn(app, 'admin');
    const staff = { Cookie: cookie, 'X-LoaXa-CSRF': '1', 'Content-Type': 'application/json' };
    const bodies = [
      '{',
      '{"unitId":"nope"}',
      '{"unitId":null}',
      `{"unitId":"${crypto.randomUUID()}"}`,
      '[]',
      '"x"',
    ];
    for (const body of bodies) {
      const response = await app.request('/api/pairing-codes', { method: 'POST', headers: staff, body });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
    }
    for (const query of ['?unitId=x', '?unitId=', `?unitId=${crypto.randomUUID()}`, '?other=1']) {
      const response = await app.request(`/api/devices${query}`, { headers: staff });
      expect(response.status, query).toBeGreaterThanOrEqual(400);
      expect(response.status, query).toBeLessThan(500);
    }
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'x'.repeat(100_000) }),
    });
    expect(login.status).toBe(400);
    // Only the pairing code made in beforeEach: none of the refused requests stored one.
    expect(await db.sql.query('SELECT 1 FROM pairing_codes')).toHaveLength(1);
    expect(logged).not.toHaveBeenCalled();
  });
});
