/**
 * PostgreSQL engine, chosen by DATABASE_URL, for a province that runs LoaXa for many units on a real server.
 * Tables live in the connection's search_path (add `?options=-c search_path=…` to the URL to use a schema
 * other than public), so nothing here names a schema.
 */
import pg from 'pg';
import type { Row, SqlEngine, SqlExecutor } from './sql.ts';

const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

const defaultTimestampParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text');

/** Parsers that give values in domain shape; every other type keeps node-postgres' default. */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => {
    // The domain wants dates as yyyy-mm-dd; node-postgres would make a Date at local midnight.
    if (oid === DATE_OID) return (text: string) => text;
    if (oid === TIMESTAMPTZ_OID)
      return (text: string) => (defaultTimestampParser(text) as Date).toISOString();
    // Revs and counts stay far below 2^53, so a number is exact and what the domain schemas expect.
    if (oid === INT8_OID) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens a connection pool to the PostgreSQL database at `connectionString`. */
export function openPostgresEngine(connectionString: string): SqlEngine {
  const pool = new pg.Pool({ connectionString, types: typeParsers, max: 10 });
  // An idle client losing its connection (database restart) must not crash the server; the pool replaces it.
  pool.on('error', (error) => console.error('PostgreSQL idle client error:', error.message));
  const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A client whose ROLLBACK failed has a broken connection: it is destroyed rather than reused.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
