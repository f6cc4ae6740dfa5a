/**
 * The paged evidence reader behind every export (DOCX, XLSX, CSV): whatever the logs, their ties and the page
 * size, it yields exactly the logs a plain query finds, each once, in order; and it refuses to go on when its
 * pages would give a log twice.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import type { ReportPeriod } from '../../src/domain/coverage.ts';
import { addDays, startOfDay } from '../../src/domain/dates.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { createReportLogStore, EvidenceOrderError } from '../../src/server/store/report-logs.ts';
import type { Row, SqlExecutor } from '../../src/server/store/sql.ts';
import { backdateEnrolments, enrolTestDevice, seedAccounts } from '../helpers/auth.ts';
import { createApp } from '../../src/server/app.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { taPhin, vinhHai } = DEMO_UNIT_IDS;
const PERIOD: ReportPeriod = { from: '2026-03-01', to: '2026-03-20' };
const MINUTE = 60_000;

/** Instants around the period, on a coarse grid so that many logs tie: from a day before to a day after. */
const START = startOfDay(addDays(PERIOD.from, -1), VIETNAM_TIME_ZONE).getTime();
const SPAN_MINUTES = 23 * 24 * 60;

/**
 * Inserts bare evidence rows (the reader reads what is stored, whatever its verification), each `micros`
 * microseconds after its start: older servers stored times finer than the millisecond JavaScript reads back.
 */
async function insertLogs(
  sql: SqlExecutor,
  deviceId: string,
  logs: readonly { id: string; unitId: string; startedAt: string; micros: number }[],
): Promise<void> {
  const rows = logs.map((log, i) => ({ ...log, seq: i + 1 }));
  await sql.query(
    `INSERT INTO broadcast_logs (id, device_id, seq, prev_hash, hash, signature, unit_id, operator, lang, source,
       channel, started_at, ended_at, repeats, photo_ids, notes, created_at, verification)
     SELECT input.id, $2, input.seq, repeat('0', 64), repeat('a', 64), 'sig', input."unitId", 'Thử', 'vie', 'tts',
       'other', input.at, input.at, 1, '{}', '', input.at, 'verified'
     FROM (
       SELECT *, "startedAt" + micros * interval '1 microsecond' AS at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, seq integer, "unitId" uuid, "startedAt" timestamptz, micros integer)
     ) AS input`,
    [JSON.stringify(rows), deviceId],
  );
}

describe.each(ENGINES)('the evidence reader on %s', (kind) => {
  let db: TestDatabase;
  let deviceId: string;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    deviceId = (await enrolTestDevice(createApp({ store: db.store, version: 'test' }), taPhin)).deviceId;
    await backdateEnrolments(db.sql, '2026-01-01T00:00:00.000Z');
  });
  afterEach(() => db.dispose());

  it('yields exactly the logs of a plain query, each once, in order, for any logs and page size', async () => {
    const logArb = fc.record({
      id: fc.uuid({ version: 4 }),
      unitId: fc.constantFrom(taPhin, vinhHai),
      // Minutes on a 7-minute grid: ties at one instant, logs at midnight in Vietnam, before and after.
      minute: fc.integer({ min: 0, max: Math.floor(SPAN_MINUTES / 7) }).map((step) => step * 7),
      // Mostly none, sometimes a few microseconds, which the millisecond of JavaScript cannot tell apart.
      micros: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(logArb, { selector: (log) => log.id, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        async (drafts, pageSize) => {
          await db.sql.query('DELETE FROM broadcast_logs');
          await insertLogs(
            db.sql,
            deviceId,
            drafts.map((d) => ({ ...d, startedAt: new Date(START + d.minute * MINUTE).toISOString() })),
          );
          const expected = await db.sql.query<{ id: string }>(
            `SELECT id FROM broadcast_logs WHERE unit_id = ANY($1::uuid[])
               AND started_at >= $2 AND started_at < $3 ORDER BY started_at, id`,
            [
              [taPhin],
              startOfDay(PERIOD.from, VIETNAM_TIME_ZONE).toISOString(),
              startOfDay(addDays(PERIOD.to, 1), VIETNAM_TIME_ZONE).toISOString(),
            ],
          );
          const read: string[] = [];
          for await (const log of db.store.reportLogs.reportLogs([taPhin], PERIOD, pageSize))
            read.push(log.id);
          expect(read).toEqual(expected.map((row) => row.id));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the evidence reader, given pages that repeat a log', () => {
  it('stops with an error rather than yield the log twice', async () => {
    const row = {
      id: '0190d2a0-0000-7000-8000-000000000001',
      startedAt: '2026-03-02T01:00:00.000Z',
      startedAtMicros: Date.parse('2026-03-02T01:00:00.000Z') * 1000,
    };
    // A store whose every page starts again with the same log: the bug the guard exists for.
    const repeating: SqlExecutor = {
      query: <R extends Row>() => Promise.resolve([row, row] as unknown as R[]),
      exec: () => Promise.resolve(),
    };
    const read: string[] = [];
    const reading = (async () => {
      for await (const log of createReportLogStore(repeating).reportLogs([taPhin], PERIOD)) read.push(log.id);
    })();
    await expect(reading).rejects.toThrow(EvidenceOrderError);
    expect(read).toEqual([row.id]);
  });
});
