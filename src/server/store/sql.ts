/**
 * The SQL executor under the store: the few calls the store's SQL needs, implemented once for PGlite
 * (pglite.ts) and once for PostgreSQL (postgres.ts), so the store logic is written once for both.
 * Both engines return values already in domain shape: timestamptz as ISO strings, date as yyyy-mm-dd,
 * bigint as number.
 */

/** Which database engine holds the data. */
export type StoreKind = 'pglite' | 'postgres';

/** A row as a query returns it; callers name its shape with the type argument of `query`. */
export type Row = Record<string, unknown>;

/** Runs SQL: on the engine directly, or inside a transaction. */
export interface SqlExecutor {
  /** Runs one statement with $1… parameters. The row type is the caller's promise about the SELECT list. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** An open database: an executor that can also open transactions and be closed. */
export interface SqlEngine extends SqlExecutor {
  readonly kind: StoreKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Whether the database refused a value it cannot hold (SQLSTATE class 22, data exception: a number out of
 * range, a date that does not exist, a character text cannot hold), as both engines report it.
 */
export function isDataException(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return typeof error.code === 'string' && error.code.startsWith('22');
}
