/**
 * The Store over a SQL engine (PGlite or PostgreSQL): units, bulletins and language slots in their tables
 * (see tables.ts and migrations/), each row stamped with a rev from the one change_rev sequence.
 *
 * Writers to synced tables hold a per-schema advisory lock until commit, so revs become visible in the order
 * they were drawn: a pull can then never pass over a smaller rev that commits later. Pulls read all their
 * queries from one snapshot.
 */
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { PullPage } from '../../domain/sync.ts';
import { migrate, migrationLevel } from './migrate.ts';
import type { SqlEngine, SqlExecutor } from './sql.ts';
import type { PullRequest, Store } from './store.ts';
import { BULLETINS, SLOTS, UNITS, pullRevsSql, pullRowsSql, upsertSql } from './tables.ts';

/** Rows per statement: keeps each JSON parameter a few megabytes at most. */
const BATCH_SIZE = 1000;

const upsertUnitsSql = upsertSql(UNITS);
const upsertBulletinsSql = upsertSql(BULLETINS);
const upsertSlotsSql = upsertSql(SLOTS);
const pullSql = {
  revs: pullRevsSql([UNITS, BULLETINS, SLOTS]),
  units: pullRowsSql(UNITS),
  bulletins: pullRowsSql(BULLETINS),
  slots: pullRowsSql(SLOTS),
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

/** Builds the Store on an open engine; closing the store closes the engine. */
export function createSqlStore(engine: SqlEngine): Store {
  /** Runs a write to synced tables in a transaction holding the change lock (see the header). */
  const write = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    engine.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()), 2)');
      return fn(tx);
    });

  return {
    kind: engine.kind,

    migrate: () => migrate(engine),

    async health() {
      return { kind: engine.kind, migration: await migrationLevel(engine) };
    },

    async countUnits() {
      const [row] = await engine.query<{ count: number }>('SELECT count(*) AS count FROM units');
      return row?.count ?? 0;
    },

    upsertUnits: (units) => write((tx) => upsertBatches(tx, upsertUnitsSql, units)),

    upsertSlots: (slots) => write((tx) => upsertBatches(tx, upsertSlotsSql, slots)),

    upsertBulletins: (bulletins) =>
      write(async (tx) => {
        let written = 0;
        for (const batch of batches(bulletins)) {
          const published = batch.filter((b) => b.status === 'published').map((b) => b.id);
          const before = await tx.query<{ id: string }>(
            "SELECT id FROM bulletins WHERE id = ANY($1::uuid[]) AND status = 'published'",
            [published],
          );
          written += (await tx.query(upsertBulletinsSql, [JSON.stringify(batch)])).length;
          // Slots of a bulletin that just became published were never sent (or were dropped with it when it
          // was withdrawn): new revs put them after the cursor of every device.
          const wasPublished = new Set(before.map((row) => row.id));
          const newlyPublished = published.filter((id) => !wasPublished.has(id));
          if (newlyPublished.length > 0) {
            await tx.query(
              "UPDATE language_slots SET rev = nextval('change_rev') WHERE bulletin_id = ANY($1::uuid[])",
              [newlyPublished],
            );
          }
        }
        return written;
      }),

    pullChanges: ({ cursor, limit }: PullRequest) =>
      engine.transaction(async (tx): Promise<PullPage> => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const revs = await tx.query<{ rev: number }>(pullSql.revs, [cursor, limit + 1]);
        const more = revs.length > limit;
        const last = revs[Math.min(revs.length, limit) - 1]?.rev;
        if (last === undefined) return { units: [], bulletins: [], slots: [], cursor, more: false };
        // The revs are unique across tables, so (cursor, last] holds exactly the changes of this page.
        return {
          units: await tx.query<Unit>(pullSql.units, [cursor, last]),
          bulletins: await tx.query<Bulletin>(pullSql.bulletins, [cursor, last]),
          slots: await tx.query<LanguageSlot>(pullSql.slots, [cursor, last]),
          cursor: last,
          more,
        };
      }),

    close: () => engine.close(),
  };
}
