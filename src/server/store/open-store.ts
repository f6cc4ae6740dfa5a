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

/** Opens the store; it still needs `migrate()` before use. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const engine =
    location.databaseUrl === undefined
      ? pgliteEngine(await openPglite(join(location.dataDir, 'pglite')))
      : openPostgresEngine(location.databaseUrl);
  return createSqlStore(engine);
}
