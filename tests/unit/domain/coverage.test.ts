import { describe, expect, it } from 'vitest';
import {
  airingFactsOf,
  computeCoverage,
  monthsOf,
  type CoverageBulletin,
  type CoverageUnit,
  type FactLog,
  type ReportPeriod,
} from '../../../src/domain/coverage.ts';

const PROVINCE = 'p0000000-0000-4000-8000-000000000000';
const DISTRICT_A = 'da000000-0000-4000-8000-000000000000';
const DISTRICT_B = 'db000000-0000-4000-8000-000000000000';
const TA_PHIN = 'c1000000-0000-4000-8000-000000000000';
const VINH_HAI = 'c2000000-0000-4000-8000-000000000000';
const EA_SO = 'c3000000-0000-4000-8000-000000000000';
const TEAM = 't1000000-0000-4000-8000-000000000000';

const UNITS: CoverageUnit[] = [
  { id: PROVINCE, parentId: null, level: 'province', name: 'Tỉnh Hòa Giang' },
  { id: DISTRICT_A, parentId: PROVINCE, level: 'district', name: 'Huyện Thanh Lâm' },
  { id: DISTRICT_B, parentId: PROVINCE, level: 'district', name: 'Huyện Bắc Sơn' },
  { id: TA_PHIN, parentId: DISTRICT_A, level: 'commune', name: 'Xã Tả Phìn' },
  { id: VINH_HAI, parentId: DISTRICT_A, level: 'commune', name: 'Xã Vĩnh Hải' },
  { id: EA_SO, parentId: DISTRICT_B, level: 'commune', name: 'Xã Ea Sô' },
  { id: TEAM, parentId: DISTRICT_A, level: 'team', name: 'Đội thông tin lưu động' },
];

const H2: ReportPeriod = { from: '2026-07-01', to: '2026-12-31' };

function bulletin(overrides: Partial<CoverageBulletin> = {}): CoverageBulletin {
  return {
    id: 'b0000000-0000-4000-8000-000000000000',
    status: 'published',
    topic: 'health_insurance',
    airing: null,
    validFrom: '2026-01-01',
    validUntil: null,
    targetUnitIds: [DISTRICT_A],
    ...overrides,
  };
}

let counter = 0;
/** A verified five-minute Vietnamese broadcast of `bulletinId` at Tả Phìn. */
function log(startedAt: string, overrides: Partial<FactLog> = {}): FactLog {
  counter += 1;
  const start = Date.parse(startedAt);
  return {
    id: `l${String(counter).padStart(7, '0')}-0000-4000-8000-000000000000`,
    unitId: TA_PHIN,
    bulletinId: 'b0000000-0000-4000-8000-000000000000',
    startedAt,
    endedAt: new Date(start + 5 * 60_000).toISOString(),
    channel: 'wired_loudspeaker',
    lang: 'vie',
    correctsLogId: null,
    repeats: 1,
    completion: { passes: 1, measured: true },
    verification: 'verified',
    ...overrides,
  };
}

function coverageOf(logs: FactLog[], bulletins: CoverageBulletin[], period = H2, root = PROVINCE) {
  return computeCoverage({
    rootUnitId: root,
    units: UNITS,
    bulletins,
    facts: airingFactsOf(logs, period),
    period,
  });
}

function row(coverage: ReturnType<typeof coverageOf>, unitId: string) {
  const found = coverage.units.find((unit) => unit.unitId === unitId);
  if (!found) throw new Error(`no row for ${unitId}`);
  return found;
}

describe('airingFactsOf', () => {
  it('puts a broadcast in the period by the Vietnam day it started on', () => {
    // 16:59 UTC on 30 June is 23:59 in Vietnam: still June. 17:30 UTC is 00:30 on 1 July.
    const lastOfJune = log('2026-06-30T16:59:00.000Z');
    const firstOfJuly = log('2026-06-30T17:30:00.000Z');
    const h1 = airingFactsOf([lastOfJune, firstOfJuly], { from: '2026-01-01', to: '2026-06-30' });
    const h2 = airingFactsOf([lastOfJune, firstOfJuly], H2);
    expect(h1).toEqual([expect.objectContaining({ day: '2026-06-30', broadcasts: 1 })]);
    expect(h2).toEqual([expect.objectContaining({ day: '2026-07-01', broadcasts: 1 })]);
  });

  it('counts a corrected broadcast once, as its correction says', () => {
    const original = log('2026-08-03T00:00:00.000Z', { channel: 'wired_loudspeaker' });
    const correction = log('2026-08-03T00:00:00.000Z', {
      channel: 'wireless_loudspeaker',
      correctsLogId: original.id,
    });
    const facts = airingFactsOf([original, correction], H2);
    expect(facts).toEqual([
      {
        unitId: TA_PHIN,
        bulletinId: original.bulletinId,
        day: '2026-08-03',
        channel: 'wireless_loudspeaker',
        lang: 'vie',
        broadcasts: 1,
        partial: 0,
        seconds: 300,
        verified: 1,
      },
    ]);
  });

  it('counts a partial airing apart: its time on air, no broadcast, nothing verified', () => {
    const facts = airingFactsOf(
      [
        log('2026-08-03T00:00:00.000Z'),
        log('2026-08-03T01:00:00.000Z', {
          endedAt: '2026-08-03T01:00:40.000Z',
          completion: { passes: 0, measured: true },
        }),
        log('2026-08-03T02:00:00.000Z', { completion: null }),
      ],
      H2,
    );
    expect(facts).toEqual([
      expect.objectContaining({ day: '2026-08-03', broadcasts: 2, partial: 1, seconds: 640, verified: 2 }),
    ]);
  });

  it('groups by unit, bulletin, day, channel and language and counts verified ones', () => {
    const facts = airingFactsOf(
      [
        log('2026-08-03T00:00:00.000Z'),
        log('2026-08-03T10:00:00.000Z', { verification: 'unverified' }),
        log('2026-08-03T10:00:00.000Z', { lang: 'hmn' }),
      ],
      H2,
    );
    expect(facts).toHaveLength(2);
    expect(facts.find((f) => f.lang === 'vie')).toMatchObject({ broadcasts: 2, verified: 1, seconds: 600 });
  });
});

describe('computeCoverage', () => {
  it('meets a requirement with complete airings only, and gives partial ones in minutes', () => {
    const daily = bulletin({ airing: { times: 1, perDays: 1, untilDate: null }, targetUnitIds: [TA_PHIN] });
    const stopped = { endedAt: '2026-08-04T00:02:00.000Z', completion: { passes: 0, measured: true } };
    const logs = [log('2026-08-03T00:00:00.000Z'), log('2026-08-04T00:00:00.000Z', stopped)];
    const coverage = coverageOf(logs, [daily], { from: '2026-08-03', to: '2026-08-04' });
    expect(coverage.totals).toMatchObject({ broadcasts: 1, partial: 1, minutes: 7, required: 2, aired: 1 });
    expect(coverage.byMonth).toEqual([{ month: '2026-08', broadcasts: 1, minutes: 7 }]);
  });

  it('meets a weekly requirement only with verified airings, at most the number asked each week', () => {
    const weekly = bulletin({ airing: { times: 3, perDays: 7, untilDate: null }, targetUnitIds: [TA_PHIN] });
    // Monday 2 Nov to Sunday 15 Nov 2026: two calendar weeks.
    const period = { from: '2026-11-02', to: '2026-11-15' };
    const logs = [
      log('2026-11-02T00:00:00.000Z'),
      log('2026-11-04T00:00:00.000Z'),
      log('2026-11-05T00:00:00.000Z', { verification: 'broken_chain' }),
      ...[9, 9, 10, 11, 12].map((d) => log(`2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`)),
    ];
    const coverage = coverageOf(logs, [weekly], period);
    const taPhin = row(coverage, TA_PHIN);
    expect(taPhin).toMatchObject({ required: 6, aired: 5, requirements: 1, requirementsMet: 0 });
    expect(taPhin.compliance).toBeCloseTo(5 / 6);
    expect(taPhin).toMatchObject({ broadcasts: 8, verified: 7, minutes: 40 });
  });

  it('asks a requirement period cut by the report period for its share, rounded up', () => {
    const tenDays = bulletin({
      airing: { times: 3, perDays: 10, untilDate: null },
      validFrom: '2026-11-01',
      targetUnitIds: [TA_PHIN],
    });
    // 6–10 Nov is half of the window 1–10 Nov, then 11–12 Nov is a fifth of the next one.
    const coverage = coverageOf([], [tenDays], { from: '2026-11-06', to: '2026-11-12' });
    expect(row(coverage, TA_PHIN).required).toBe(2 + 1);
  });

  it('binds communes through a targeted ancestor, teams only when targeted, districts never', () => {
    const daily = bulletin({ airing: { times: 1, perDays: 1, untilDate: null }, targetUnitIds: [PROVINCE] });
    const period = { from: '2026-11-02', to: '2026-11-03' };
    const coverage = coverageOf([], [daily], period);
    expect(row(coverage, TA_PHIN).required).toBe(2);
    expect(row(coverage, EA_SO).required).toBe(2);
    expect(row(coverage, TEAM).required).toBe(0);
    expect(row(coverage, DISTRICT_A)).toMatchObject({ required: 4, requirements: 2 });
    expect(coverage.totals).toMatchObject({ required: 6, aired: 0, compliance: 0 });

    const forTeam = coverageOf([], [{ ...daily, targetUnitIds: [TEAM] }], period);
    expect(row(forTeam, TEAM).required).toBe(2);
    expect(row(forTeam, TA_PHIN).required).toBe(0);
  });

  it('binds a district subtree to a province bulletin when the province is among the units given', () => {
    const daily = bulletin({ airing: { times: 1, perDays: 1, untilDate: null }, targetUnitIds: [PROVINCE] });
    const coverage = coverageOf([], [daily], { from: '2026-11-02', to: '2026-11-02' }, DISTRICT_A);
    expect(coverage.units.map((u) => u.unitId)).toEqual([DISTRICT_A, TEAM, TA_PHIN, VINH_HAI]);
    expect(coverage.units.map((u) => u.depth)).toEqual([0, 1, 1, 1]);
    expect(coverage.totals.required).toBe(2);
  });

  it('holds nobody to a withdrawn bulletin but still counts its broadcasts', () => {
    const withdrawn = bulletin({ status: 'withdrawn', airing: { times: 2, perDays: 7, untilDate: null } });
    const coverage = coverageOf([log('2026-11-03T00:00:00.000Z')], [withdrawn]);
    expect(coverage.totals).toMatchObject({ required: 0, compliance: null, broadcasts: 1, requirements: 0 });
  });

  it('stops asking after the requirement ends and before the bulletin starts', () => {
    const short = bulletin({
      airing: { times: 1, perDays: 1, untilDate: '2026-11-05' },
      validFrom: '2026-11-04',
      targetUnitIds: [TA_PHIN],
    });
    const coverage = coverageOf([], [short], { from: '2026-11-01', to: '2026-11-30' });
    expect(row(coverage, TA_PHIN).required).toBe(2);
  });

  it('follows the tree as it is now: a commune moved to another district takes its figures along', () => {
    const logs = [log('2026-09-01T00:00:00.000Z'), log('2026-09-02T00:00:00.000Z')];
    const before = coverageOf(logs, [bulletin()]);
    expect(row(before, DISTRICT_A).broadcasts).toBe(2);
    expect(row(before, DISTRICT_B).broadcasts).toBe(0);

    const moved = UNITS.map((unit) => (unit.id === TA_PHIN ? { ...unit, parentId: DISTRICT_B } : unit));
    const after = computeCoverage({
      rootUnitId: PROVINCE,
      units: moved,
      bulletins: [bulletin()],
      facts: airingFactsOf(logs, H2),
      period: H2,
    });
    expect(row(after, DISTRICT_A).broadcasts).toBe(0);
    expect(row(after, DISTRICT_B).broadcasts).toBe(2);
    expect(after.totals.broadcasts).toBe(2);
  });

  it('leaves out units outside the subtree and facts outside the period', () => {
    const logs = [log('2026-09-01T00:00:00.000Z', { unitId: EA_SO }), log('2026-09-01T00:00:00.000Z')];
    const districtA = coverageOf(logs, [bulletin()], H2, DISTRICT_A);
    expect(districtA.totals.broadcasts).toBe(1);
    const facts = airingFactsOf(logs, H2);
    const july = computeCoverage({
      rootUnitId: PROVINCE,
      units: UNITS,
      bulletins: [bulletin()],
      facts,
      period: { from: '2026-07-01', to: '2026-07-31' },
    });
    expect(july.totals.broadcasts).toBe(0);
  });

  it('tallies channels, languages, months, topics and the minority-language share', () => {
    const logs = [
      log('2026-07-10T00:00:00.000Z'),
      log('2026-07-11T00:00:00.000Z', { lang: 'hmn', channel: 'mobile_vehicle', unitId: TEAM }),
      log('2026-09-01T00:00:00.000Z', { lang: 'hmn' }),
      log('2026-09-02T00:00:00.000Z', { bulletinId: null }),
    ];
    const coverage = coverageOf(logs, [bulletin()]);
    expect(coverage.byChannel).toHaveLength(6);
    expect(coverage.byChannel.find((c) => c.channel === 'mobile_vehicle')).toEqual({
      channel: 'mobile_vehicle',
      broadcasts: 1,
      minutes: 5,
    });
    expect(coverage.byLanguage).toEqual([
      { lang: 'vie', broadcasts: 2, minutes: 10 },
      { lang: 'hmn', broadcasts: 2, minutes: 10 },
    ]);
    expect(coverage.byMonth.map((m) => [m.month, m.broadcasts])).toEqual([
      ['2026-07', 2],
      ['2026-08', 0],
      ['2026-09', 2],
      ['2026-10', 0],
      ['2026-11', 0],
      ['2026-12', 0],
    ]);
    expect(coverage.byTopic).toEqual([
      { topic: 'health_insurance', broadcasts: 3, minutes: 15 },
      { topic: null, broadcasts: 1, minutes: 5 },
    ]);
    expect(coverage.minorityShare).toBe(0.5);
  });
});

describe('monthsOf', () => {
  it('lists every month a period touches, across a year end', () => {
    expect(monthsOf({ from: '2026-11-20', to: '2027-02-01' })).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });
});

describe('computeCoverage as of a day', () => {
  it('asks nothing of the days still to come, and the running period for its share', () => {
    const weekly = bulletin({ airing: { times: 3, perDays: 7, untilDate: null }, targetUnitIds: [TA_PHIN] });
    const november = { from: '2026-11-02', to: '2026-11-29' };
    const whole = coverageOf([], [weekly], november);
    expect(row(whole, TA_PHIN).required).toBe(12);
    // Wednesday 11 November: the first week in full, then three days of the second week (3 × 3/7, rounded up).
    const asOf = computeCoverage({
      rootUnitId: PROVINCE,
      units: UNITS,
      bulletins: [weekly],
      facts: [],
      period: november,
      asOf: '2026-11-11',
    });
    expect(row(asOf, TA_PHIN).required).toBe(3 + 2);
  });
});
