/**
 * PGlite engine: PostgreSQL compiled to WebAssembly, embedded in the server process, its files under
 * DATA_DIR/pglite. The default, so a commune or district can run LoaXa on one machine without a database server.
 * One connection only: statements and transactions are serialised by PGlite itself.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import type { Row, SqlEngine, SqlExecutor } from './sql.ts';

/**
 * Opens a PGlite database in `dataDir` (created if missing), or in memory when no directory is given; with
 * `loadDataDir` (a dumpDataDir tarball) a new database is made from the dump instead of initialised empty.
 */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  return PGlite.create(dataDir, {
    loadDataDir,
    parsers: {
      // The domain wants dates as yyyy-mm-dd; a Date would shift by the server's time zone.
      [types.DATE]: (text: string) => text,
      // Parsed with Date as PGlite's own parser does, then given in the domain's ISO form.
      [types.TIMESTAMPTZ]: (text: string) => new Date(text).toISOString(),
    },
  });
}

/** Wraps an open PGlite instance as the store's SQL engine; closing the engine closes the instance. */
export function pgliteEngine(db: PGlite): SqlEngine {
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}
