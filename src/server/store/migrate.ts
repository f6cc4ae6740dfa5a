/**
 * Schema migrations: numbered SQL files in ./migrations (001_init.sql, 002_….sql), applied in order, each in
 * its own transaction together with its row in schema_migrations. The migration level is the highest number
 * applied. Files are read from disk next to this module because the server runs unbundled under tsx.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { SqlEngine, SqlExecutor } from './sql.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

interface Migration {
  level: number;
  name: string;
  sql: string;
}

/** Reads the migration files in order; numbers must run 1, 2, 3… without gaps or duplicates. */
function loadMigrations(): Migration[] {
  const migrations = readdirSync(MIGRATIONS_DIR)
    .flatMap((name) => {
      const match = MIGRATION_FILE.exec(name);
      return match
        ? [{ level: Number(match[1]), name, sql: readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8') }]
        : [];
    })
    .sort((a, b) => a.level - b.level);
  migrations.forEach((migration, index) => {
    if (migration.level !== index + 1) {
      throw new Error(`Migration ${migration.name} is out of sequence: expected number ${index + 1}`);
    }
  });
  return migrations;
}

/** Serialises migrating server instances that share one PostgreSQL schema. */
async function lockMigrations(tx: SqlExecutor): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()), 1)');
}

let known: number | undefined;

/** The level the migrations this server ships reach: what a database must be at for it to serve. */
export function latestMigration(): number {
  known ??= loadMigrations().length;
  return known;
}

/** The highest migration applied, 0 on an empty database. */
export async function migrationLevel(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ level: number }>(
    'SELECT coalesce(max(level), 0) AS level FROM schema_migrations',
  );
  return row?.level ?? 0;
}

/** Applies every migration not yet recorded and returns the level reached. */
export async function migrate(engine: SqlEngine): Promise<number> {
  const migrations = loadMigrations();
  const known = migrations.length;
  const startLevel = await engine.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      level integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const level = await migrationLevel(tx);
    if (level > known) {
      throw new Error(
        `The database is at migration ${level}, newer than this server (${known}): upgrade LoaXa`,
      );
    }
    return level;
  });
  for (const migration of migrations.filter((m) => m.level > startLevel)) {
    await engine.transaction(async (tx) => {
      await lockMigrations(tx);
      // Checked again under the lock: another instance may have applied it meanwhile.
      const applied = await tx.query('SELECT 1 FROM schema_migrations WHERE level = $1', [migration.level]);
      if (applied.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (level, name) VALUES ($1, $2)', [
        migration.level,
        migration.name,
      ]);
    });
  }
  return migrationLevel(engine);
}
