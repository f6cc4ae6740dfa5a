/**
 * Values the schemas used to accept but the database cannot hold, and query values that are not what they
 * claim: each is answered with a 4xx (or, in a push, a per-log answer), never a 500, and nothing genuine is lost.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { PushResult } from '../../src/domain/sync.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { enrolTestDevice, signIn, staffFetch, type TestDevice } from '../helpers/auth.ts';
import { makeBulletinInput } from '../helpers/factories.ts';
import { signLog, signedChain } from '../helpers/signed-logs.ts';
import { openStaffContentApp, pushLogs } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { district, taPhin } = DEMO_UNIT_IDS;

/** Text no database column can hold: U+0000, and a lone surrogate (not Unicode at all). */
const UNSTORABLE = ['Tin\u0000 giả', 'Tin \ud800 giả'];

describe.each(ENGINES)('hostile input on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let phong: string;
  let device: TestDevice;

  // One database for the whole file: the refusals change nothing, and each test has a device of its own.
  beforeAll(async () => {
    ({ db, app } = await openStaffContentApp(kind));
    phong = await signIn(app, 'phong.vhtt');
  });
  beforeEach(async () => {
    device = await enrolTestDevice(app, taPhin);
  });
  afterAll(() => db.dispose());

  async function expect4xx(response: Response | Promise<Response>): Promise<void> {
    const answer = await response;
    const body = await answer.text();
    expect(answer.status, body).toBeGreaterThanOrEqual(400);
    expect(answer.status, body).toBeLessThan(500);
    expect(JSON.parse(body)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  }

  function chain(count: number): Promise<BroadcastLog[]> {
    return signedChain(device.privateKey, device.deviceId, taPhin, count);
  }

  /** The log re-signed with some fields changed: the device's own key, so only the values are at fault. */
  async function resigned(log: BroadcastLog, fields: Partial<BroadcastLog>): Promise<BroadcastLog> {
    const { hash: _hash, signature: _signature, ...unsigned } = { ...log, ...fields };
    return signLog(device.privateKey, unsigned);
  }

  describe('a push answers each log on its own', () => {
    const unstorable: [string, Partial<BroadcastLog>][] = [
      ['a day that is not in the calendar', { createdAt: '2026-02-30T00:00:00.000Z' }],
      ['a seq past the integer column', { seq: 2147483648 }],
      ['a bulletin version past the integer column', { bulletinVersion: 2147483648 }],
      ['notes holding U+0000', { notes: UNSTORABLE[0] }],
      ['notes holding a lone surrogate', { notes: UNSTORABLE[1] }],
      ['an operator holding a lone surrogate', { operator: UNSTORABLE[1] }],
      // The store keeps microseconds but reads back milliseconds: the log would come back changed.
      ['a start finer than the millisecond', { startedAt: '2026-11-26T00:00:00.123456Z' }],
    ];
    it.each(unstorable)('%s: that log is invalid, the valid one beside it is stored', async (_, fields) => {
      const [first, second] = await chain(2);
      const bad = await resigned(second!, fields);
      const results = await pushLogs(app, device, [first!, bad]);
      expect(results).toEqual<PushResult[]>([
        { id: first!.id, status: 'accepted', verification: 'verified' },
        { id: bad.id, status: 'rejected', reason: 'invalid' },
      ]);
      expect((await db.store.logs.findLogs([first!.id])).map((log) => log.id)).toEqual([first!.id]);
    });
  });

  it('a value past the schema that the database cannot hold fails only its own log, in the store too', async () => {
    const [first, second, third] = await chain(3);
    // Straight to the store, as a schema with a gap would let it through.
    const bad = await resigned(second!, { bulletinVersion: 2 ** 40 });
    const results = await db.store.logs.push(
      { id: device.deviceId, unitId: taPhin, publicKey: device.publicKeyJwk },
      [first!, bad, third!],
      new Date().toISOString(),
    );
    expect(results.map((result) => result.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(results[1]).toEqual({ id: bad.id, status: 'rejected', reason: 'invalid' });
    expect((await db.store.logs.findLogs([first!.id, third!.id])).length).toBe(2);
  });

  it.each(UNSTORABLE)('a sign-in with an unstorable login (%j) is refused with a 4xx', async (login) => {
    await expect4xx(
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password: 'loaxa-demo' }),
      }),
    );
  });

  async function draftCount(): Promise<number> {
    const [row] = await db.sql.query<{ count: number }>(
      "SELECT count(*)::integer AS count FROM bulletins WHERE status = 'draft'",
    );
    return row?.count ?? 0;
  }

  it.each(UNSTORABLE)('staff text holding %j is refused with a 4xx and nothing is stored', async (text) => {
    const drafts = await draftCount();
    await expect4xx(
      staffFetch(app, phong, 'POST', '/api/bulletins', makeBulletinInput([taPhin], { title: text })),
    );
    await expect4xx(
      staffFetch(app, phong, 'POST', '/api/units', {
        parentId: district,
        level: 'commune',
        name: text,
        code: '99999',
        languages: ['vie'],
      }),
    );
    expect(await draftCount()).toBe(drafts);
  });

  it.each(UNSTORABLE)('an enrolment labelled %j is refused with a 4xx', async (label) => {
    const codeAnswer = await staffFetch(app, phong, 'POST', '/api/pairing-codes', { unitId: taPhin });
    const { code } = (await codeAnswer.json()) as { code: string };
    const other = await enrolTestDevice(app, taPhin);
    await expect4xx(
      app.request('/api/devices/enrol', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, label, deviceId: crypto.randomUUID(), publicKey: other.publicKeyJwk }),
      }),
    );
  });

  const cursor = (startedAt: string) =>
    Buffer.from(JSON.stringify([startedAt, crypto.randomUUID()])).toString('base64url');
  const badQueries: [string, string][] = [
    ['coverage from a huge number', `/api/coverage?from=1e%2B308&to=2026-12-07`],
    ['coverage to a long string', `/api/coverage?from=2026-01-01&to=${'9'.repeat(5000)}`],
    ['coverage from 30/02', `/api/coverage?from=2026-02-30&to=2026-03-01`],
    [
      'a report draft from a negative number',
      `/api/reports/draft?unitId=${district}&from=-1e%2B308&to=2026-12-07`,
    ],
    ['logs from a tiny number', `/api/logs?from=1e-320`],
    ['logs before a cursor on 30/02', `/api/logs?before=${cursor('2026-02-30T00:00:00.000Z')}`],
    ['logs before a cursor past year 9999', `/api/logs?before=${cursor('+275760-09-13T00:00:00.000Z')}`],
  ];
  it.each(badQueries)('%s is refused with a 4xx', async (_, path) => {
    await expect4xx(staffFetch(app, phong, 'GET', path));
  });

  it('a report signed on U+0000 is refused with a 4xx', async () => {
    await expect4xx(
      staffFetch(app, phong, 'POST', '/api/reports/docx', {
        unitId: district,
        from: '2026-01-01',
        to: '2026-12-07',
        signedOn: '\u0000',
      }),
    );
  });

  const badBulletinFields: [string, string, unknown][] = [
    ['a number', 'validFrom', 12],
    ['a long string', 'validFrom', '9'.repeat(100_000)],
    ['a huge number', 'validFrom', '1e+308'],
    ['an object', 'validUntil', { year: 2026 }],
    ['30/02', 'validUntil', '2026-02-30'],
    ['a huge count', 'airing', { times: 1e308, perDays: 1, untilDate: null }],
    ['an end that is a huge number', 'airing', { times: 1, perDays: 1, untilDate: '1e+308' }],
    ['a number for a unit', 'targetUnitIds', [12]],
    ['a long string', 'title', 'x'.repeat(100_000)],
  ];
  it.each(badBulletinFields)(
    'a bulletin with %s in %s is refused with a 4xx, on create and on edit',
    async (_, field, value) => {
      const input = { ...makeBulletinInput([taPhin]), [field]: value };
      await expect4xx(staffFetch(app, phong, 'POST', '/api/bulletins', input));
      const created = await staffFetch(app, phong, 'POST', '/api/bulletins', makeBulletinInput([taPhin]));
      const { bulletin } = (await created.json()) as { bulletin: { id: string } };
      await expect4xx(
        staffFetch(app, phong, 'PUT', `/api/bulletins/${bulletin.id}`, { ...input, version: 1 }),
      );
    },
  );

  it('an edit naming a version past the integer column is refused with a 4xx', async () => {
    const created = await staffFetch(app, phong, 'POST', '/api/bulletins', makeBulletinInput([taPhin]));
    const { bulletin } = (await created.json()) as { bulletin: { id: string } };
    await expect4xx(
      staffFetch(app, phong, 'PUT', `/api/bulletins/${bulletin.id}`, {
        ...makeBulletinInput([taPhin]),
        version: 2147483648,
      }),
    );
  });
});
