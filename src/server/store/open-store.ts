/**
 * Chooses where data lives: PostgreSQL when a database URL is configured, otherwise PGlite files under
 * DATA_DIR/pglite, so a single machine runs LoaXa with nothing else installed.
 */
import { join } from 'node:path';
import { openPglite, pgliteEngine } from './pglite.ts';
import { openPostgresEngine } from './postgres.ts';
import { createSqlStore } from './sql-store.ts';
import type { Store } from './store.ts';

/** Where to keep data: `databaseUrl` wins; `dataDir` holds the PGlite files otherwise. */
export interface StoreLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/**
 * A store on the embedded database. Only the process that opened PGlite may read its files, so a running
 * server's backup (admin/backup.ts) asks this store for them.
 */
export interface EmbeddedStore extends Store {
  /** The PGlite data directory as a gzip tarball (PGlite's dumpDataDir), taken between two statements. */
  dumpDataDir(): Promise<Blob>;
}

/** Whether `store` is on the embedded database. */
export function isEmbeddedStore(store: Store): store is EmbeddedStore {
  return 'dumpDataDir' in store;
}

/** Where the PGlite files of `dataDir` are. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** Opens the embedded database of `dataDir` (created empty if missing); it still needs `migrate()` before use. */
export async function openEmbeddedStore(dataDir: string): Promise<EmbeddedStore> {
  const db = await openPglite(pgliteDir(dataDir));
  return { ...createSqlStore(pgliteEngine(db)), dumpDataDir: () => db.dumpDataDir('gzip') };
}

/** Opens the store; it still needs `migrate()` before use. */
export async function openStore(location: StoreLocation): Promise<Store> {
  return location.databaseUrl === undefined
    ? openEmbeddedStore(location.dataDir)
    : createSqlStore(openPostgresEngine(location.databaseUrl));
}
