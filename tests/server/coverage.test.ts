import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airingFactsOf, type AiringFact, type ReportPeriod } from '../../src/domain/coverage.ts';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { DAY_MS, isoDateOf } from '../../src/domain/dates.ts';
import type { CoverageReport } from '../../src/domain/coverage-report.ts';
import { GENESIS_HASH } from '../../src/domain/evidence/canonical.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { backdateEnrolments, enrolTestDevice, signIn, staffFetch, type TestDevice } from '../helpers/auth.ts';
import { makeBulletin, makeLog } from '../helpers/factories.ts';
import { signLog } from '../helpers/signed-logs.ts';
import { expectApiError, openStaffContentApp, pushLogs } from '../helpers/staff-content.ts';
import type { OtherDistrict } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin, vinhHai, team } = DEMO_UNIT_IDS;

/** July 2026 in Vietnam: 30/06 17:00 UTC is already 1 July there, 31/07 17:00 UTC already 1 August. */
const JULY: ReportPeriod = { from: '2026-07-01', to: '2026-07-31' };
const JUNE: ReportPeriod = { from: '2026-06-01', to: '2026-06-30' };

/** Twice a week (Monday–Sunday) at every commune of the demo district, through July. */
const TWICE_WEEKLY: Bulletin = makeBulletin({
  topic: 'health_insurance',
  validFrom: '2026-06-01',
  validUntil: '2026-07-31',
  targetUnitIds: [district],
  airing: { times: 2, perDays: 7, untilDate: null },
});
/** Once a day at Tả Phìn, but withdrawn: its broadcasts count, it binds nobody. */
const WITHDRAWN: Bulletin = makeBulletin({
  status: 'withdrawn',
  topic: 'fake_news',
  validFrom: '2026-06-01',
  validUntil: '2026-07-31',
  targetUnitIds: [taPhin],
  airing: { times: 1, perDays: 1, untilDate: null },
});

/** A signed chain of the device's logs at `unitId`, five minutes each, written when they ended. */
async function signedLogs(
  device: TestDevice,
  unitId: string,
  drafts: readonly Partial<BroadcastLog>[],
): Promise<BroadcastLog[]> {
  const logs: BroadcastLog[] = [];
  let prevHash = GENESIS_HASH;
  for (const [index, draft] of drafts.entries()) {
    const startedAt = draft.startedAt ?? '2026-07-01T01:00:00.000Z';
    const endedAt = new Date(Date.parse(startedAt) + 5 * 60_000).toISOString();
    const log = await signLog(
      device.privateKey,
      makeLog(TWICE_WEEKLY.id, {
        deviceId: device.deviceId,
        unitId,
        seq: index + 1,
        prevHash,
        endedAt,
        createdAt: endedAt,
        ...draft,
      }),
    );
    logs.push(log);
    prevHash = log.hash;
  }
  return logs;
}

function byKey(facts: readonly AiringFact[]): AiringFact[] {
  const key = (f: AiringFact) => `${f.unitId}|${f.bulletinId ?? ''}|${f.day}|${f.channel}|${f.lang}`;
  return [...facts].sort((a, b) => key(a).localeCompare(key(b)));
}

describe.each(ENGINES)('coverage on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;
  let taPhinDevice: TestDevice;
  /** Every log pushed, as pushed. */
  let pushed: BroadcastLog[];
  const corrected = crypto.randomUUID();
  const unverifiedLog = crypto.randomUUID();
  const vehicleLog = crypto.randomUUID();
  const correctedInBatch = crypto.randomUUID();

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
    await db.store.upsertBulletins([TWICE_WEEKLY, WITHDRAWN]);

    taPhinDevice = await enrolTestDevice(app, taPhin);
    const taPhinLogs = await signedLogs(taPhinDevice, taPhin, [
      // 30/06 23:59:59.999 in Vietnam: June.
      { startedAt: '2026-06-30T16:59:59.999Z' },
      // 1 July 00:00 in Vietnam.
      { startedAt: '2026-06-30T17:00:00.000Z' },
      { id: corrected, startedAt: '2026-06-30T17:30:00.000Z', lang: 'hmn', channel: 'wireless_loudspeaker' },
      // Corrects the one before: another day, channel and language; only this one counts.
      { startedAt: '2026-07-02T01:00:00.000Z', lang: 'blt', correctsLogId: corrected },
      { startedAt: '2026-07-03T02:00:00.000Z', bulletinId: WITHDRAWN.id },
      // A live reading of no bulletin at 23:59 on 31 July in Vietnam.
      { startedAt: '2026-07-31T16:59:00.000Z', bulletinId: null, bulletinVersion: null },
      // 1 August in Vietnam.
      { startedAt: '2026-07-31T17:00:00.000Z' },
      { startedAt: '2026-07-06T01:00:00.000Z' },
      // Signed with text not in NFC: the device's own log, stored unverified (log-rules.ts).
      {
        id: unverifiedLog,
        startedAt: '2026-07-07T01:00:00.000Z',
        notes: 'Phát lại tiếng Việt'.normalize('NFD'),
      },
    ]);
    const vinhHaiDevice = await enrolTestDevice(app, vinhHai);
    // Vĩnh Hải's correction arrives in the same push as the log it corrects.
    const vinhHaiLogs = await signedLogs(vinhHaiDevice, vinhHai, [
      { id: correctedInBatch, startedAt: '2026-07-01T01:00:00.000Z', channel: 'ip_loudspeaker' },
      { startedAt: '2026-07-01T02:00:00.000Z', lang: 'khm' },
      { startedAt: '2026-07-01T03:00:00.000Z', correctsLogId: correctedInBatch },
      // A playback stopped after 40 seconds, inside its first pass: minutes, no airing.
      {
        startedAt: '2026-07-08T01:00:00.000Z',
        endedAt: '2026-07-08T01:00:40.000Z',
        completion: { passes: 0, measured: true },
      },
      // Written before completion was recorded: read as declared complete.
      { startedAt: '2026-07-09T01:00:00.000Z', completion: undefined },
    ]);
    const teamDevice = await enrolTestDevice(app, team);
    const teamLogs = await signedLogs(teamDevice, team, [
      {
        id: vehicleLog,
        startedAt: '2026-07-10T03:00:00.000Z',
        channel: 'mobile_vehicle',
        location: { lat: 22.3364, lng: 103.8438, accuracyM: 12 },
        placeName: 'Chợ phiên Tả Phìn',
      },
    ]);
    const otherDevice = await enrolTestDevice(app, other.communeId);
    const otherLogs = await signedLogs(otherDevice, other.communeId, [
      { startedAt: '2026-07-01T01:00:00.000Z' },
    ]);

    pushed = [...taPhinLogs, ...vinhHaiLogs, ...teamLogs, ...otherLogs];
    await backdateEnrolments(db.sql, '2026-06-01T00:00:00.000Z');
    // Tả Phìn's chain arrives in three pushes: the correction (seq 4) after the log it corrects, and after
    // seq 5, which waits unverified for its predecessor until then.
    const results = [
      await pushLogs(app, taPhinDevice, taPhinLogs.slice(0, 3)),
      await pushLogs(app, taPhinDevice, taPhinLogs.slice(4)),
      await pushLogs(app, taPhinDevice, taPhinLogs.slice(3, 4)),
      await pushLogs(app, vinhHaiDevice, vinhHaiLogs),
      await pushLogs(app, teamDevice, teamLogs),
      await pushLogs(app, otherDevice, otherLogs),
    ];
    expect(results.flat().every((result) => result.status === 'accepted')).toBe(true);
    // A forgery with a stolen token: the last log again, changed after signing.
    const forged = { ...taPhinLogs.at(-1)!, notes: 'Đã phát 10 lần' };
    expect(await pushLogs(app, taPhinDevice, [forged])).toEqual([
      { id: forged.id, status: 'rejected', reason: 'not_signed' },
    ]);
  });
  afterEach(() => db.dispose());

  async function coverage(cookie: string, query: string): Promise<CoverageReport> {
    const response = await staffFetch(app, cookie, 'GET', `/api/coverage${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CoverageReport;
  }

  it('computes in SQL the airing facts airingFactsOf gives for the same stored logs', async () => {
    const stored = await db.store.logs.findLogs(pushed.map((log) => log.id));
    expect(stored.find((log) => log.id === unverifiedLog)?.verification).not.toBe('verified');
    const everywhere = await db.store.accounts.subtreeIds([province]);
    for (const period of [JULY, JUNE]) {
      const facts = await db.store.coverage.airingFacts(everywhere, period);
      expect(byKey(facts)).toEqual(byKey(airingFactsOf(stored, period)));
    }

    const july = await db.store.coverage.airingFacts([taPhin], JULY);
    // The broadcast at 17:00 UTC on 30 June is on 1 July; the corrected one is gone, its correction counts.
    expect(july.filter((fact) => fact.day === '2026-07-01')).toEqual([
      {
        unitId: taPhin,
        bulletinId: TWICE_WEEKLY.id,
        day: '2026-07-01',
        channel: 'wired_loudspeaker',
        lang: 'vie',
        broadcasts: 1,
        partial: 0,
        seconds: 300,
        verified: 1,
      },
    ]);
    expect(july.find((fact) => fact.day === '2026-07-02')?.lang).toBe('blt');
    expect(july.some((fact) => fact.day === '2026-08-01' || fact.day === '2026-06-30')).toBe(false);
    expect(july.find((fact) => fact.day === '2026-07-07')).toMatchObject({ broadcasts: 1, verified: 0 });
    // Corrected in the same push: the IP loudspeaker broadcast is gone.
    const vinhHaiFacts = await db.store.coverage.airingFacts([vinhHai], JULY);
    expect(vinhHaiFacts.map((fact) => fact.channel)).toEqual([
      'wired_loudspeaker',
      'wired_loudspeaker',
      'wired_loudspeaker',
      'wired_loudspeaker',
    ]);
    expect(vinhHaiFacts.find((fact) => fact.day === '2026-07-08')).toMatchObject({
      broadcasts: 0,
      partial: 1,
      seconds: 40,
      verified: 0,
    });
    expect(vinhHaiFacts.find((fact) => fact.day === '2026-07-09')).toMatchObject({
      broadcasts: 1,
      partial: 0,
      verified: 1,
    });
    expect(stored.find((log) => log.startedAt === '2026-07-09T01:00:00.000Z')?.completion).toBeNull();
    // Verified once its predecessor arrived.
    expect(july.find((fact) => fact.day === '2026-07-03')).toMatchObject({ broadcasts: 1, verified: 1 });
    expect(await db.store.coverage.airingFacts([taPhin], { from: '2026-06-30', to: '2026-06-30' })).toEqual([
      expect.objectContaining({ day: '2026-06-30', broadcasts: 1 }),
    ]);
  });

  it("gives a district its communes' figures, requirements, stops and broken logs", async () => {
    const phong = await signIn(app, 'phong.vhtt');
    const report = await coverage(phong, '?from=2026-07-01&to=2026-07-31');
    const { units, totals, byTopic, byChannel, byMonth } = report.coverage;
    expect(units[0]).toMatchObject({ unitId: district, depth: 0 });
    expect(units.some((unit) => unit.unitId === other.communeId)).toBe(false);
    const row = (unitId: string) => units.find((unit) => unit.unitId === unitId);
    // Tả Phìn: 1/7, its correction on 2/7, the withdrawn bulletin, the live reading, 6/7 and the unverifiedLog 7/7.
    // The twice-weekly requirement asks 2 in each of the five weeks July touches (two of them cut to 5 days):
    // week 1 met by 1/7 and 2/7, week 2 by 6/7 only (7/7 is not verified). The withdrawn bulletin asks nothing.
    expect(row(taPhin)).toMatchObject({
      broadcasts: 6,
      minutes: 30,
      verified: 5,
      required: 10,
      aired: 3,
      requirements: 1,
      requirementsMet: 0,
      minorityBroadcasts: 1,
    });
    // Vĩnh Hải: week 1 met; in week 2 the stopped playback of 8/7 is no airing, the older log of 9/7 is one.
    expect(row(vinhHai)).toMatchObject({
      broadcasts: 3,
      partial: 1,
      minutes: 16,
      required: 10,
      aired: 3,
      minorityBroadcasts: 1,
    });
    // A team is bound only by bulletins targeted at it.
    expect(row(team)).toMatchObject({ broadcasts: 1, required: 0, compliance: null });
    // Six communes of the demo district each owe 10.
    expect(totals).toMatchObject({
      broadcasts: 10,
      partial: 1,
      minutes: 51,
      required: 60,
      aired: 6,
      requirements: 6,
    });
    expect(totals.compliance).toBeCloseTo(6 / 60);
    expect(byTopic[0]).toEqual({ topic: 'health_insurance', broadcasts: 8, minutes: 41 });
    // The withdrawn bulletin's broadcast keeps its topic; the live reading has none.
    expect(byTopic.slice(1)).toHaveLength(2);
    expect(byTopic.slice(1)).toEqual(
      expect.arrayContaining([
        { topic: 'fake_news', broadcasts: 1, minutes: 5 },
        { topic: null, broadcasts: 1, minutes: 5 },
      ]),
    );
    expect(byChannel.find((tally) => tally.channel === 'mobile_vehicle')?.broadcasts).toBe(1);
    expect(byMonth).toEqual([{ month: '2026-07', broadcasts: 10, minutes: 51 }]);

    expect(report.vehicleStops).toEqual({
      total: 1,
      stops: [
        {
          logId: vehicleLog,
          unitId: team,
          channel: 'mobile_vehicle',
          lat: 22.3364,
          lng: 103.8438,
          startedAt: '2026-07-10T03:00:00.000Z',
          placeName: 'Chợ phiên Tả Phìn',
        },
      ],
    });
    expect(report.bounds).toEqual({ minLat: 22.3364, maxLat: 22.3364, minLng: 103.8438, maxLng: 103.8438 });
    expect(report.brokenLogs.count).toBe(1);
    expect(report.brokenLogs.latest.map((log) => log.id)).toEqual([unverifiedLog]);
    // Refusals are counted by the day they arrived: today, outside July.
    expect(report.refusedLogs).toEqual({ count: 0, notSigned: 0, latest: [] });
    const today = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
    const refused = (await coverage(phong, `?from=${today}&to=${today}`)).refusedLogs;
    expect(refused).toEqual({
      count: 1,
      notSigned: 1,
      latest: [
        {
          logId: unverifiedLog,
          deviceId: taPhinDevice.deviceId,
          deviceLabel: expect.any(String),
          unitId: taPhin,
          receivedAt: expect.any(String),
          seq: 9,
          reason: 'not_signed',
          problem: 'hash',
        },
      ],
    });
    expect(report.silentDevices).toEqual([]);
  });

  it('lists devices silent for longer than asked, with their last request and last log', async () => {
    // Times come from the test's clock, not the database's: the server judges silence by its own clock.
    await db.sql.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [
      taPhinDevice.deviceId,
      new Date(Date.now() - 10 * DAY_MS).toISOString(),
    ]);
    const phong = await signIn(app, 'phong.vhtt');
    const report = await coverage(phong, '?from=2026-07-01&to=2026-07-31');
    expect(report.silentDevices).toEqual([
      expect.objectContaining({
        deviceId: taPhinDevice.deviceId,
        unitId: taPhin,
        lastLogAt: '2026-07-07T01:00:00.000Z',
      }),
    ]);
    expect((await coverage(phong, '?from=2026-07-01&to=2026-07-31&silentDays=30')).silentDevices).toEqual([]);
  });

  it('counts the paired devices that are not revoked, so a unit with none says so instead of "all in touch"', async () => {
    const phong = await signIn(app, 'phong.vhtt');
    const [paired] = await db.sql.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM devices WHERE revoked_at IS NULL AND unit_id = ANY($1::uuid[])',
      [await db.store.accounts.subtreeIds([DEMO_UNIT_IDS.district])],
    );
    expect(paired?.count).toBeGreaterThan(0);
    expect((await coverage(phong, '?from=2026-07-01&to=2026-07-31')).enrolledDevices).toBe(paired?.count);
    await db.sql.query('UPDATE devices SET revoked_at = now()');
    const report = await coverage(phong, '?from=2026-07-01&to=2026-07-31');
    expect([report.enrolledDevices, report.silentDevices]).toEqual([0, []]);
  });

  it('lets province staff read a district below, and nobody a unit outside their scope', async () => {
    const so = await signIn(app, 'so.vhtt');
    const report = await coverage(so, `?unitId=${district}&from=2026-07-01&to=2026-07-31`);
    expect(report.coverage.totals.broadcasts).toBe(10);
    expect((await coverage(so, '?from=2026-07-01&to=2026-07-31')).coverage.totals.broadcasts).toBe(11);

    const query = `?unitId=${district}&from=2026-07-01&to=2026-07-31`;
    for (const login of ['xa.taphin', 'doi.xe', other.login]) {
      await expectApiError(
        await staffFetch(app, await signIn(app, login), 'GET', `/api/coverage${query}`),
        403,
        'forbidden',
      );
    }
    const phong = await signIn(app, 'phong.vhtt');
    await expectApiError(
      await staffFetch(app, phong, 'GET', `/api/coverage?unitId=${province}&from=2026-07-01&to=2026-07-31`),
      403,
      'forbidden',
    );
    await expectApiError(await app.request(`/api/coverage${query}`), 401, 'not_signed_in');
  });

  it('refuses bad queries with 400', async () => {
    const phong = await signIn(app, 'phong.vhtt');
    for (const query of [
      '',
      '?from=2026-07-01',
      '?from=2026-07-31&to=2026-07-01',
      '?from=2026-02-30&to=2026-03-01',
      '?from=2026-07-01&to=2026-07-31&unitId=abc',
      '?from=2026-07-01&to=2026-07-31&silentDays=0',
      '?from=2026-07-01&to=2026-07-31&silentDays=abc',
      '?from=2026-07-01&to=2026-07-31&silentDays=9999',
      '?from=2025-01-01&to=2027-01-02',
      '?from=2026-07-01&to=2026-07-31&from=2026-07-02',
      '?from=2026-07-01&to=2026-07-31&verification=verified',
    ]) {
      await expectApiError(
        await staffFetch(app, phong, 'GET', `/api/coverage${query}`),
        400,
        'invalid_request',
      );
    }
    // Two full years, leap day included, is the longest period.
    expect((await coverage(phong, '?from=2027-01-01&to=2028-12-31')).coverage.byMonth).toHaveLength(24);
  });
});
