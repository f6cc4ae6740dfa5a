import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { LogPage } from '../../src/domain/staff-api.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { backdateEnrolments, enrolTestDevice, signIn, staffFetch } from '../helpers/auth.ts';
import { expectApiError, openStaffContentApp, pushLogs, signedChain } from '../helpers/staff-content.ts';
import type { OtherDistrict } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { district, taPhin, vinhHai } = DEMO_UNIT_IDS;

describe.each(ENGINES)('staff logs API on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;
  let phong: string;
  /** Tả Phìn's chain: verified except the third log, whose notes were changed after signing. */
  let taPhinLogs: BroadcastLog[];
  let vinhHaiLogs: BroadcastLog[];
  let otherLogs: BroadcastLog[];

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
    phong = await signIn(app, 'phong.vhtt');

    const taPhinDevice = await enrolTestDevice(app, taPhin);
    const vinhHaiDevice = await enrolTestDevice(app, vinhHai);
    const otherDevice = await enrolTestDevice(app, other.communeId);
    await backdateEnrolments(db.sql, '2026-09-01T00:00:00.000Z');
    // 31/10 23:30 in Vietnam is still October there; 01/11 23:58 is the last day of the test period.
    // Seq 3 is signed with text not in NFC: the device's own log, stored unverified (log-rules.ts).
    taPhinLogs = await signedChain(
      taPhinDevice,
      taPhin,
      [
        '2026-10-31T16:30:00.000Z',
        '2026-11-01T01:00:00.000Z',
        '2026-11-01T16:58:00.000Z',
        '2026-11-01T17:00:00.000Z',
      ],
      (index) => (index === 2 ? { notes: 'Phát lại tiếng Việt'.normalize('NFD') } : {}),
    );
    await pushLogs(app, taPhinDevice, taPhinLogs);
    vinhHaiLogs = await signedChain(vinhHaiDevice, vinhHai, ['2026-11-01T02:00:00.000Z']);
    await pushLogs(app, vinhHaiDevice, vinhHaiLogs);
    otherLogs = await signedChain(otherDevice, other.communeId, ['2026-11-01T03:00:00.000Z']);
    await pushLogs(app, otherDevice, otherLogs);
  });
  afterEach(() => db.dispose());

  async function page(cookie: string, query: string): Promise<LogPage> {
    const response = await staffFetch(app, cookie, 'GET', `/api/logs${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as LogPage;
  }

  it('shows the district the logs of its communes, newest first, with their verification', async () => {
    const { logs, next } = await page(phong, '');
    expect(next).toBeNull();
    const byStart = [...taPhinLogs, ...vinhHaiLogs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    expect(logs.map((log) => log.id)).toEqual(byStart.map((log) => log.id));
    const unverified = logs.filter((log) => log.verification !== 'verified').map((log) => log.id);
    expect(unverified).toEqual([taPhinLogs[2]?.id]);
    const first = logs.find((log) => log.id === vinhHaiLogs[0]?.id);
    expect(first).toEqual({ ...vinhHaiLogs[0], receivedAt: expect.any(String), verification: 'verified' });
  });

  it('does not show another district its logs, nor the district the other one', async () => {
    const otherPhong = await signIn(app, other.login);
    expect((await page(otherPhong, '')).logs.map((log) => log.id)).toEqual(otherLogs.map((log) => log.id));
    await expectApiError(
      await staffFetch(app, phong, 'GET', `/api/logs?unitId=${other.communeId}`),
      403,
      'forbidden',
    );
    await expectApiError(
      await staffFetch(app, otherPhong, 'GET', `/api/logs?unitId=${taPhin}`),
      403,
      'forbidden',
    );
    const operator = await signIn(app, 'xa.taphin');
    expect((await page(operator, '')).logs).toHaveLength(4);
    await expectApiError(
      await staffFetch(app, operator, 'GET', `/api/logs?unitId=${district}`),
      403,
      'forbidden',
    );
  });

  it('filters by unit, Vietnamese calendar days and verification', async () => {
    const ids = async (query: string) => (await page(phong, query)).logs.map((log) => log.id).sort();
    expect(await ids(`?unitId=${vinhHai}`)).toEqual(vinhHaiLogs.map((log) => log.id));
    const firstOfNovember = [taPhinLogs[1], taPhinLogs[2], vinhHaiLogs[0]].map((log) => log?.id).sort();
    expect(await ids('?from=2026-11-01&to=2026-11-01')).toEqual(firstOfNovember);
    expect(await ids('?to=2026-10-31')).toEqual([taPhinLogs[0]?.id]);
    expect(await ids('?from=2026-11-02')).toEqual([taPhinLogs[3]?.id]);
    const verified = await ids('?verification=verified');
    expect(verified).not.toContain(taPhinLogs[2]?.id);
    expect(verified).toHaveLength(4);
    await expectApiError(
      await staffFetch(app, phong, 'GET', '/api/logs?from=2026-11-02&to=2026-11-01'),
      400,
      'invalid_request',
    );
    await expectApiError(
      await staffFetch(app, phong, 'GET', '/api/logs?verification=maybe'),
      400,
      'invalid_request',
    );
  });

  it('pages with an opaque cursor without repeating or skipping a log', async () => {
    const all = (await page(phong, '')).logs.map((log) => log.id);
    const seen: string[] = [];
    let query = '?limit=2';
    for (;;) {
      const current = await page(phong, query);
      expect(current.logs.length).toBeLessThanOrEqual(2);
      seen.push(...current.logs.map((log) => log.id));
      if (current.next === null) break;
      query = `?limit=2&before=${current.next}`;
    }
    expect(seen).toEqual(all);
    await expectApiError(
      await staffFetch(app, phong, 'GET', '/api/logs?before=bm90LWEtY3Vyc29y'),
      400,
      'invalid_request',
    );
    await expectApiError(await staffFetch(app, phong, 'GET', '/api/logs?limit=0'), 400, 'invalid_request');
  });
});
