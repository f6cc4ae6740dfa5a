/**
 * Test databases for the server suite, on both engines. Every test gets a fresh schema, on one PGlite instance
 * shared by the test file (PGlite's first start costs seconds) or on the real PostgreSQL at
 * LOAXA_TEST_DATABASE_URL, and drops it afterwards, so tests and parallel runs never see each other's rows.
 * Sessions run in a time zone east of UTC, so a date or instant that drifts with time zones shows up.
 */
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPglite, pgliteEngine } from '../../src/server/store/pglite.ts';
import { openPostgresEngine } from '../../src/server/store/postgres.ts';
import type { SqlEngine, SqlExecutor } from '../../src/server/store/sql.ts';
import { createSqlStore } from '../../src/server/store/sql-store.ts';
import type { Store, StoreKind } from '../../src/server/store/store.ts';

/** Both engines, for describe.each. */
export const ENGINES: readonly StoreKind[] = ['pglite', 'postgres'];

/** The PostgreSQL the suite runs against (trust auth, a throwaway database). */
export const TEST_DATABASE_URL =
  process.env.LOAXA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const SESSION_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A fresh, empty schema with a store on it. */
export interface TestDatabase {
  readonly kind: StoreKind;
  /** The store under test, not yet migrated. */
  readonly store: Store;
  /** Plain SQL on the same schema, to look at what the store wrote. */
  readonly sql: SqlExecutor;
  /** Opens another store on the same data, as a server restart would. */
  reopen(): Promise<Store>;
  /** Closes every store opened on the schema and drops it. */
  dispose(): Promise<void>;
}

let sharedPglite: Promise<PGlite> | undefined;
let adminPool: pg.Pool | undefined;

/** A unique schema name, so parallel runs on one PostgreSQL never collide. */
export function newSchemaName(): string {
  return `loaxa_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** The test database URL with its sessions put in `schema` (and the test time zone). */
export function urlWithSchema(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema} -c TimeZone=${SESSION_TIME_ZONE}`);
  return url.toString();
}

/** A connection to the test PostgreSQL outside any test schema, for creating and dropping schemas. */
export function postgresAdmin(): pg.Pool {
  adminPool ??= new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  return adminPool;
}

async function pgliteSchema(schema: string): Promise<{ open: () => SqlEngine; drop: () => Promise<void> }> {
  sharedPglite ??= openPglite();
  const db = await sharedPglite;
  // PGlite has one session: the search_path set here holds for every engine opened on it until dropped.
  await db.exec(
    `CREATE SCHEMA ${schema}; SET search_path TO ${schema}; SET TIME ZONE '${SESSION_TIME_ZONE}'`,
  );
  return {
    // The shared instance outlives each test's stores: closing one must not close it.
    open: () => ({ ...pgliteEngine(db), close: async () => undefined }),
    drop: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`);
    },
  };
}

async function postgresSchema(schema: string): Promise<{ open: () => SqlEngine; drop: () => Promise<void> }> {
  await postgresAdmin().query(`CREATE SCHEMA ${schema}`);
  return {
    open: () => openPostgresEngine(urlWithSchema(schema)),
    drop: async () => {
      await postgresAdmin().query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** Creates a fresh schema on `kind` and a store on it. */
export async function openTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  const schema = newSchemaName();
  const { open, drop } = await (kind === 'pglite' ? pgliteSchema(schema) : postgresSchema(schema));
  const engines: SqlEngine[] = [];
  const openStore = (): Store => {
    const engine = open();
    engines.push(engine);
    return { ...createSqlStore(engine), close: async () => undefined };
  };
  const sqlEngine = open();
  engines.push(sqlEngine);
  return {
    kind,
    store: openStore(),
    sql: sqlEngine,
    reopen: async () => openStore(),
    dispose: async () => {
      await Promise.all(engines.map((engine) => engine.close()));
      await drop();
    },
  };
}

/** Closes what the test file shared: the PGlite instance and the PostgreSQL admin pool. */
export async function closeTestEngines(): Promise<void> {
  await Promise.all([sharedPglite?.then((db) => db.close()), adminPool?.end()]);
  sharedPglite = undefined;
  adminPool = undefined;
}
