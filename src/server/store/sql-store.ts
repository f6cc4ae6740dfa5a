/**
 * The Store over a SQL engine (PGlite or PostgreSQL): units, bulletins and language slots in their tables
 * (see tables.ts and migrations/), each row stamped with a rev from the one change_rev sequence.
 *
 * Writers to synced tables hold a per-schema advisory lock until commit, so revs become visible in the order
 * they were drawn: a pull can then never pass over a smaller rev that commits later. Pulls read all their
 * queries from one snapshot, filtered for the pulling device's unit (PULL_VIEWER in tables.ts), together with
 * the database's identity (migration 008), which tells devices whose revs the cursor counts.
 */
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { SlotReview } from '../../domain/slot-submission.ts';
import type { PullPage, SlotKey } from '../../domain/sync.ts';
import { createAccountStore } from './account-store.ts';
import { createAttachmentStore } from './attachment-store.ts';
import { createAttemptStore } from './attempt-store.ts';
import { createAuditStore } from './audit-store.ts';
import { createCoverageStore } from './coverage-store.ts';
import { createLogStore } from './log-store.ts';
import { createBulletinAuthoring } from './bulletin-authoring.ts';
import { migrate, latestMigration, migrationLevel } from './migrate.ts';
import { createReportLogStore } from './report-logs.ts';
import { createSlotSubmissions } from './slot-submissions.ts';
import { createUnitAuthoring } from './unit-authoring.ts';
import type { SqlEngine, SqlExecutor } from './sql.ts';
import { createStaffQueries } from './staff-queries.ts';
import type { PullRequest, Store } from './store.ts';
import {
  BULLETINS,
  REVIEWS,
  SLOTS,
  SLOT_WITHDRAWALS,
  UNITS,
  WITHDRAWALS,
  pullKeysSql,
  pullRevsSql,
  pullRowsSql,
  upsertSql,
} from './tables.ts';
import { ancestorIds, findUnit, subtreeIds } from './unit-tree.ts';

/** Rows per statement: keeps each JSON parameter a few megabytes at most. */
const BATCH_SIZE = 1000;

const upsertUnitsSql = upsertSql(UNITS);
const upsertBulletinsSql = upsertSql(BULLETINS);
const upsertSlotsSql = upsertSql(SLOTS);
const pullSql = {
  database: 'SELECT id FROM database_identity',
  revs: pullRevsSql([UNITS, BULLETINS, SLOTS, REVIEWS, WITHDRAWALS, SLOT_WITHDRAWALS]),
  units: pullRowsSql(UNITS),
  bulletins: pullRowsSql(BULLETINS),
  slots: pullRowsSql(SLOTS),
  reviews: pullRowsSql(REVIEWS),
  withdrawals: pullKeysSql(WITHDRAWALS, { id: 'id' }),
  slotWithdrawals: pullKeysSql(SLOT_WITHDRAWALS, { bulletinId: 'bulletin_id', lang: 'lang' }),
};

function batches<T>(rows: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / BATCH_SIZE) }, (_, index) =>
    rows.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE),
  );
}

/** Upserts rows in batches; returns how many were written. */
async function upsertBatches<T>(tx: SqlExecutor, sql: string, rows: readonly T[]): Promise<number> {
  let written = 0;
  for (const batch of batches(rows)) written += (await tx.query(sql, [JSON.stringify(batch)])).length;
  return written;
}

/**
 * Writes to synced tables for the store's feature modules (bulletin and unit authoring, submissions): `write`
 * runs a transaction holding the change lock; the upserts run inside one and draw revs like Store's upserts.
 */
export interface SyncedWrites {
  write<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  upsertUnits(tx: SqlExecutor, units: readonly Unit[]): Promise<number>;
  upsertBulletins(tx: SqlExecutor, bulletins: readonly Bulletin[]): Promise<number>;
  upsertSlots(tx: SqlExecutor, slots: readonly LanguageSlot[]): Promise<number>;
}

/** Builds the Store on an open engine; closing the store closes the engine. */
export function createSqlStore(engine: SqlEngine): Store {
  /** Runs a write to synced tables in a transaction holding the change lock (see the header). */
  const write = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    engine.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()), 2)');
      return fn(tx);
    });

  /** Upserts bulletins inside a write (see Store.upsertBulletins); staff authoring writes through it too. */
  const upsertBulletinRows = async (tx: SqlExecutor, bulletins: readonly Bulletin[]): Promise<number> => {
    let written = 0;
    for (const batch of batches(bulletins)) {
      const published = batch.filter((b) => b.status === 'published');
      const before = await tx.query<{ id: string; targets: string[] }>(
        "SELECT id, target_unit_ids AS targets FROM bulletins WHERE id = ANY($1::uuid[]) AND status = 'published'",
        [published.map((b) => b.id)],
      );
      written += (await tx.query(upsertBulletinsSql, [JSON.stringify(batch)])).length;
      // Slots of a bulletin that just became published, or now reaches a unit it did not, were never sent
      // to some devices (or were dropped with it when it was withdrawn): new revs put them after the cursor
      // of every device.
      const targetsBefore = new Map(before.map((row) => [row.id, new Set(row.targets)]));
      const newlyVisible = published
        .filter((b) => {
          const targets = targetsBefore.get(b.id);
          return targets === undefined || b.targetUnitIds.some((id) => !targets.has(id));
        })
        .map((b) => b.id);
      if (newlyVisible.length > 0) {
        await tx.query(
          "UPDATE language_slots SET rev = nextval('change_rev') WHERE bulletin_id = ANY($1::uuid[])",
          [newlyVisible],
        );
      }
    }
    return written;
  };

  /** The synced writes other store modules build on, so every one takes revs under the same lock. */
  const writes: SyncedWrites = {
    write,
    upsertUnits: (tx, units) => upsertBatches(tx, upsertUnitsSql, units),
    upsertBulletins: upsertBulletinRows,
    upsertSlots: (tx, slots) => upsertBatches(tx, upsertSlotsSql, slots),
  };

  return {
    kind: engine.kind,

    accounts: createAccountStore(engine),

    logs: createLogStore(engine),

    attachments: createAttachmentStore(engine),

    attempts: createAttemptStore(engine),

    audit: createAuditStore(engine),

    bulletinAuthoring: createBulletinAuthoring(engine, writes),

    slotSubmissions: createSlotSubmissions(engine, writes),

    unitAuthoring: createUnitAuthoring(engine, writes),

    staffQueries: createStaffQueries(engine),

    coverage: createCoverageStore(engine),

    reportLogs: createReportLogStore(engine),

    migrate: () => migrate(engine),

    async health() {
      return { kind: engine.kind, migration: await migrationLevel(engine), latest: latestMigration() };
    },

    async countUnits() {
      const [row] = await engine.query<{ count: number }>('SELECT count(*) AS count FROM units');
      return row?.count ?? 0;
    },

    upsertUnits: (units) => write((tx) => writes.upsertUnits(tx, units)),

    upsertSlots: (slots) => write((tx) => upsertBatches(tx, upsertSlotsSql, slots)),

    upsertBulletins: (bulletins) => write((tx) => upsertBulletinRows(tx, bulletins)),

    pullChanges: ({ cursor, limit, unitId }: PullRequest) =>
      engine.transaction(async (tx): Promise<PullPage> => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const [identity] = await tx.query<{ id: string }>(pullSql.database);
        if (identity === undefined)
          throw new Error('database_identity is empty: the database is not migrated');
        const database = identity.id;
        // The viewer parameters of every pull statement (see PULL_VIEWER in tables.ts); an unknown unit sees
        // nothing.
        const unit = await findUnit(tx, unitId);
        const lineage = unit ? [unitId, ...(await ancestorIds(tx, unitId))] : [];
        const visible = unit ? [...new Set([...lineage, ...(await subtreeIds(tx, [unitId]))])] : [];
        const viewer = [unitId, lineage, visible, unit?.languages ?? []];
        const revs = await tx.query<{ rev: number }>(pullSql.revs, [cursor, limit + 1, ...viewer]);
        const more = revs.length > limit;
        const last = revs[Math.min(revs.length, limit) - 1]?.rev;
        if (last === undefined) {
          return {
            database,
            units: [],
            bulletins: [],
            slots: [],
            reviews: [],
            withdrawals: [],
            slotWithdrawals: [],
            scope: null,
            cursor,
            more: false,
          };
        }
        // The revs are unique across tables and the filters do not overlap, so (cursor, last] holds exactly
        // the changes of this page.
        const range = [cursor, last, ...viewer];
        const units = await tx.query<Unit>(pullSql.units, range);
        // The unit's own row comes again whenever what it sees may have shrunk (unit-authoring.ts): its scope
        // then lets the device drop what it no longer sees, without the server tracking what each device holds.
        const scope =
          unit && units.some((row) => row.id === unitId)
            ? { units: visible, languages: unit.languages }
            : null;
        return {
          database,
          units,
          bulletins: await tx.query<Bulletin>(pullSql.bulletins, range),
          slots: await tx.query<LanguageSlot>(pullSql.slots, range),
          reviews: await tx.query<SlotReview>(pullSql.reviews, range),
          withdrawals: (await tx.query<{ id: string }>(pullSql.withdrawals, range)).map((row) => row.id),
          slotWithdrawals: await tx.query<SlotKey>(pullSql.slotWithdrawals, range),
          scope,
          cursor: last,
          more,
        };
      }),

    close: () => engine.close(),
  };
}
