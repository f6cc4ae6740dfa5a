/**
 * Coverage benchmark (issue 6) on PostgreSQL: the coverage dashboard (GET /api/coverage through the HTTP app,
 * signed in as staff) for one district and for the whole province over a year, with 1,000,000 logs stored.
 *
 * The data, generated in a fresh schema migrated like the server tests' (tests/helpers/stores.ts): one province,
 * 10 districts of 20 communes and an information-vehicle team each, one enrolled device per station, 41 published
 * bulletins of 90 days each (about ten running on any day) with airing requirements (weekly, daily or monthly),
 * targeted at the province, a district or three communes. The logs are written by one INSERT … SELECT over
 * generate_series: every station logs about 13 broadcasts a day through 2026 between 05:00 and 19:00 Vietnam time,
 * of the bulletins running that day (one in ten is a live reading of no bulletin), in Vietnamese and four minority
 * languages, over wired, wireless and IP loudspeakers (the teams from their vehicles, with a position); 1 % are
 * corrections of the station's previous log, about 1 % are unverified and 0.1 % are broken chains. Hashes and
 * signatures are placeholders: this measures the reads, and verification is not run on generated rows.
 * The insert fires the airing-facts trigger of migration 004 like any push; the tables are then VACUUM ANALYZEd,
 * as autovacuum would do after such a load.
 *
 * The annual report benchmark (report.ts) runs on the same database: withCoverageBench seeds it once for both.
 *
 * Run alone with `npx tsx scripts/bench/coverage.ts`; `npm run bench` runs it with the others.
 */
import { pathToFileURL } from 'node:url';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { computeCoverage } from '../../src/domain/coverage.ts';
import type { CoverageReport } from '../../src/domain/coverage-report.ts';
import type { Unit } from '../../src/domain/schemas/unit.ts';
import { demoUsersWithPasswords } from '../../src/server/demo/demo-users.ts';
import { signIn } from '../../tests/helpers/auth.ts';
import { makeBulletin, makeUnit } from '../../tests/helpers/factories.ts';
import { closeTestEngines, openTestDatabase, type TestDatabase } from '../../tests/helpers/stores.ts';
import { median, ms, timeMs } from './stats.ts';

const LOGS = 1_000_000;
const DISTRICTS = 10;
const COMMUNES_PER_DISTRICT = 20;
const BULLETINS = 41;
const RUNS = 7;
const TARGET_MS = 200;
/** The year the logs cover, the period every bench on them asks for. */
export const YEAR = { from: '2026-01-01', to: '2026-12-31' };

/** The tree: the province, then per district the district, its communes and its team. */
function benchUnits(): { province: Unit; districts: Unit[]; stations: Unit[] } {
  const province = makeUnit({ level: 'province', name: 'Tỉnh Hòa Giang', languages: ['vie'] });
  const districts: Unit[] = [];
  const stations: Unit[] = [];
  for (let d = 0; d < DISTRICTS; d += 1) {
    const district = makeUnit({ parentId: province.id, level: 'district', name: `Huyện ${d + 1}` });
    districts.push(district);
    for (let c = 0; c < COMMUNES_PER_DISTRICT; c += 1) {
      stations.push(
        makeUnit({ parentId: district.id, name: `Xã ${d + 1}.${c + 1}`, languages: ['vie', 'hmn', 'tyz'] }),
      );
    }
    stations.push(
      makeUnit({ parentId: district.id, level: 'team', name: `Đội thông tin lưu động ${d + 1}` }),
    );
  }
  return { province, districts, stations };
}

/**
 * $1 station ids, $2 their device ids, $3 whether each is a team, $4 bulletin ids (bulletin i runs from day
 * 9 i for 90 days), $5 the number of logs. Log g belongs to station g mod n and is that station's k-th log.
 */
const LOGS_SQL = `
  INSERT INTO broadcast_logs (id, device_id, seq, prev_hash, hash, signature, unit_id, operator, bulletin_id,
    bulletin_version, lang, source, channel, started_at, ended_at, repeats, location_lat, location_lng,
    location_accuracy_m, place_name, photo_ids, notes, corrects_log_id, created_at, verification, verification_detail)
  SELECT md5('log' || g)::uuid, ($2::uuid[])[u + 1], k + 1, 'bench', 'bench', 'bench', ($1::uuid[])[u + 1], 'Bench',
    ($4::uuid[])[b + 1], CASE WHEN b >= 0 THEN 1 END,
    CASE WHEN g % 10 < 6 THEN 'vie' WHEN g % 10 < 8 THEN 'hmn' WHEN g % 10 = 8 THEN 'tyz' ELSE 'blt' END,
    'tts', CASE WHEN team THEN 'mobile_vehicle' WHEN g % 10 < 7 THEN 'wired_loudspeaker'
      WHEN g % 10 < 9 THEN 'wireless_loudspeaker' ELSE 'ip_loudspeaker' END,
    started, started + ((120 + g * 13 % 780) * interval '1 second'), 1,
    CASE WHEN team THEN 21.5 + (u % 7) * 0.05 + (g % 101) * 0.0004 END,
    CASE WHEN team THEN 104.2 + (u % 11) * 0.05 + (g % 103) * 0.0004 END,
    CASE WHEN team THEN 15 END, CASE WHEN team THEN 'Bản ' || (g % 37) END, '{}', '',
    CASE WHEN g % 100 = 37 AND k > 0 THEN md5('log' || (g - n))::uuid END, started,
    CASE WHEN g % 1009 = 0 THEN 'broken_chain' WHEN g % 97 = 0 THEN 'unverified' ELSE 'verified' END,
    CASE WHEN g % 1009 = 0 THEN 'link' WHEN g % 97 = 0 THEN 'predecessor_missing' END
  FROM (
    SELECT g, u, k, n, team, day, CASE WHEN g % 10 = 9 THEN -1 ELSE day / 9 - (g * 7 % 9) END AS b,
      ('2026-01-01'::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') + day * interval '1 day'
        + (300 + (k * 7919) % 840) * interval '1 minute' AS started
    FROM (
      SELECT g, g % n AS u, g / n AS k, n, ($3::boolean[])[g % n + 1] AS team,
        ((g / n) * 365 / ($5::integer / n)) AS day
      FROM (SELECT g, cardinality($1::uuid[]) AS n FROM generate_series(0, $5::integer - 1) AS g) AS numbered
    ) AS placed
  ) AS logs
  WHERE day < 365`;

/** The coverage report a staff member's dashboard asks for, timed over RUNS (the first run warms up). */
async function timeDashboard(
  app: ReturnType<typeof createApp>,
  cookie: string,
  unitId: string,
): Promise<{ median: number; report: CoverageReport }> {
  let report: CoverageReport | undefined;
  const samples: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const took = await timeMs(async () => {
      const response = await app.request(`/api/coverage?unitId=${unitId}&from=${YEAR.from}&to=${YEAR.to}`, {
        headers: { Cookie: cookie },
      });
      if (response.status !== 200) throw new Error(`coverage answered ${response.status}`);
      report = (await response.json()) as CoverageReport;
    });
    if (run > 0) samples.push(took);
  }
  if (report === undefined) throw new Error('no coverage report');
  return { median: median(samples), report };
}

/** The bench's province, districts and staff logins, and how long the logs took to generate. */
export interface CoverageBenchData {
  province: Unit;
  districts: Unit[];
  /** Province staff, and staff of the first district (password DEMO_PASSWORD). */
  logins: { province: string; district: string };
  logs: number;
  insertMs: number;
}

/**
 * Fills a migrated, empty database with the data set of the module comment and VACUUM ANALYZEs the logs and their
 * facts.
 */
export async function seedCoverageBench(db: TestDatabase): Promise<CoverageBenchData> {
  const { province, districts, stations } = benchUnits();
  await db.store.upsertUnits([province, ...districts, ...stations]);
  const [template] = await demoUsersWithPasswords();
  if (template === undefined) throw new Error('No demo user to copy a password hash from');
  const staff = [
    { id: crypto.randomUUID(), unitId: province.id, role: 'province' as const, login: 'bench.province' },
    {
      id: crypto.randomUUID(),
      unitId: districts[0]!.id,
      role: 'district' as const,
      login: 'bench.district',
    },
  ];
  await db.store.accounts.insertUsers(
    staff.map((user) => ({ ...user, displayName: user.login, passwordHash: template.passwordHash })),
  );
  const deviceIds = stations.map(() => crypto.randomUUID());
  await db.sql.query(
    `INSERT INTO devices (id, unit_id, label, public_key, token_hash, enrolled_at, last_seen_at)
       SELECT device, unit, 'Điện thoại ' || ordinality, '{}'::jsonb, md5(device::text), '2025-12-20T00:00:00Z',
         CASE WHEN ordinality % 25 = 0 THEN '2026-11-01T00:00:00Z'::timestamptz ELSE now() END
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS d(device, unit, ordinality)`,
    [deviceIds, stations.map((unit) => unit.id)],
  );
  const bulletins = Array.from({ length: BULLETINS }, (_, i) => {
    const validFrom = new Date(Date.UTC(2026, 0, 1 + 9 * i)).toISOString().slice(0, 10);
    const validUntil = new Date(Date.UTC(2026, 0, 90 + 9 * i)).toISOString().slice(0, 10);
    const district = districts[i % DISTRICTS]!;
    const communes = stations.filter((unit) => unit.parentId === district.id).slice(0, 3);
    return makeBulletin({
      title: `Bản tin ${i + 1}`,
      validFrom,
      validUntil,
      targetUnitIds:
        i % 3 === 0 ? [province.id] : i % 3 === 1 ? [district.id] : communes.map((unit) => unit.id),
      airing:
        i % 5 === 0
          ? { times: 1, perDays: 1, untilDate: null }
          : i % 5 === 1
            ? { times: 4, perDays: 30, untilDate: null }
            : { times: 3, perDays: 7, untilDate: null },
    });
  });
  await db.store.upsertBulletins(bulletins);

  const insertMs = await timeMs(() =>
    db.sql.query(LOGS_SQL, [
      stations.map((unit) => unit.id),
      deviceIds,
      stations.map((unit) => unit.level === 'team'),
      bulletins.map((bulletin) => bulletin.id),
      LOGS,
    ]),
  );
  await db.sql.exec('VACUUM ANALYZE broadcast_logs, airing_facts');
  const [stored] = await db.sql.query<{ count: number }>('SELECT count(*) AS count FROM broadcast_logs');
  return {
    province,
    districts,
    logins: { province: 'bench.province', district: 'bench.district' },
    logs: stored?.count ?? 0,
    insertMs,
  };
}

/** The seeded database, the app serving it and the staff sessions, which the coverage and report benches share. */
export interface CoverageBench extends CoverageBenchData {
  db: TestDatabase;
  app: Hono;
  /** Cookie headers of the province and district staff, signed in through the API. */
  cookies: { province: string; district: string };
}

/** Seeds a fresh PostgreSQL schema with the data set, runs `fn` on it, then drops it. */
export async function withCoverageBench<T>(fn: (bench: CoverageBench) => Promise<T>): Promise<T> {
  const db = await openTestDatabase('postgres');
  try {
    await db.store.migrate();
    const data = await seedCoverageBench(db);
    const app = createApp({ store: db.store, version: 'bench' });
    const cookies = {
      province: await signIn(app, data.logins.province),
      district: await signIn(app, data.logins.district),
    };
    return await fn({ ...data, db, app, cookies });
  } finally {
    await db.dispose();
  }
}

/** Returns result lines for the coverage dashboard over 1,000,000 logs on PostgreSQL. */
export async function benchCoverage(bench: CoverageBench): Promise<string[]> {
  const { db, app, cookies, province, districts, logs, insertMs } = bench;
  const district = await timeDashboard(app, cookies.district, districts[0]!.id);
  const whole = await timeDashboard(app, cookies.province, province.id);

  const unitIds = await db.store.accounts.subtreeIds([districts[0]!.id]);
  const factsSamples: number[] = [];
  const computeSamples: number[] = [];
  let facts = 0;
  for (let run = 0; run <= RUNS; run += 1) {
    let input: Awaited<ReturnType<typeof db.store.coverage.coverageInput>> | undefined;
    const read = await timeMs(async () => {
      input = await db.store.coverage.coverageInput(districts[0]!.id, YEAR);
    });
    const compute = await timeMs(async () => {
      if (input) computeCoverage({ rootUnitId: districts[0]!.id, period: YEAR, ...input });
    });
    facts = input?.facts.length ?? 0;
    if (run > 0) {
      factsSamples.push(read);
      computeSamples.push(compute);
    }
  }
  const figures = (report: CoverageReport) => {
    const { totals } = report.coverage;
    return `${totals.broadcasts.toLocaleString('en')} broadcasts, ${report.coverage.units.length} unit rows, compliance ${((totals.compliance ?? 0) * 100).toFixed(1)} %, ${report.vehicleStops.total.toLocaleString('en')} stops, ${report.brokenLogs.count.toLocaleString('en')} broken, ${report.silentDevices.length} silent`;
  };
  return [
    `| coverage: generate ${logs.toLocaleString('en')} logs (one INSERT … SELECT, indexes and the airing-facts trigger on) | ${ms(insertMs)} | |`,
    `| coverage: dashboard (GET /api/coverage) for a district over 2026, median of ${RUNS} — ${figures(district.report)} | ${ms(district.median)} | < ${TARGET_MS} ms |`,
    `| coverage: … of which units, bulletins and airing facts from SQL (${facts.toLocaleString('en')} facts, ${unitIds.length} units) / computeCoverage | ${ms(median(factsSamples))} / ${ms(median(computeSamples))} | |`,
    `| coverage: dashboard for the province over 2026, median of ${RUNS} — ${figures(whole.report)} | ${ms(whole.median)} | |`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await withCoverageBench(benchCoverage);
  await closeTestEngines();
  console.log('| measure | result | target |');
  console.log('| --- | --- | --- |');
  for (const row of rows) console.log(row);
}
