/**
 * How each synced domain type maps onto its table: a column and SQL type per field, and which rows a pull may
 * send. Upserts and selects are generated from these maps, so a field added to a domain schema is a type
 * error here until it has a column (and a migration).
 */
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';

type ColumnMap<T> = { readonly [K in Exclude<keyof T, 'rev'>]-?: readonly [column: string, sqlType: string] };

/** A table whose rows sync to devices, each row carrying the rev of its last change. */
export interface SyncedTable<T> {
  readonly name: string;
  /** Fields of the primary key, in key order. */
  readonly key: readonly (Exclude<keyof T, 'rev'> & string)[];
  readonly columns: ColumnMap<T>;
  /** SQL condition on a row of `name`: whether pulls send it. */
  readonly pullFilter: string;
}

/** Units: every unit is sent until per-unit visibility arrives with device enrolment. */
export const UNITS: SyncedTable<Unit> = {
  name: 'units',
  key: ['id'],
  columns: {
    id: ['id', 'uuid'],
    parentId: ['parent_id', 'uuid'],
    level: ['level', 'text'],
    name: ['name', 'text'],
    code: ['code', 'text'],
    languages: ['languages', 'text[]'],
    updatedAt: ['updated_at', 'timestamptz'],
  },
  pullFilter: 'TRUE',
};

/** Bulletins: drafts stay on the server; withdrawn ones are sent so devices remove them. */
export const BULLETINS: SyncedTable<Bulletin> = {
  name: 'bulletins',
  key: ['id'],
  columns: {
    id: ['id', 'uuid'],
    version: ['version', 'integer'],
    status: ['status', 'text'],
    title: ['title', 'text'],
    summary: ['summary', 'text'],
    body: ['body', 'text'],
    topic: ['topic', 'text'],
    policyRef: ['policy_ref', 'text'],
    issuer: ['issuer', 'text'],
    urgency: ['urgency', 'text'],
    validFrom: ['valid_from', 'date'],
    validUntil: ['valid_until', 'date'],
    targetUnitIds: ['target_unit_ids', 'uuid[]'],
    airing: ['airing', 'jsonb'],
    updatedAt: ['updated_at', 'timestamptz'],
  },
  pullFilter: "bulletins.status IN ('published', 'withdrawn')",
};

/**
 * Language slots: only those of published bulletins; a device drops a withdrawn bulletin with its slots.
 * When a bulletin becomes published its slots get new revs (see sql-store.ts), so they are sent then.
 */
export const SLOTS: SyncedTable<LanguageSlot> = {
  name: 'language_slots',
  key: ['bulletinId', 'lang'],
  columns: {
    bulletinId: ['bulletin_id', 'uuid'],
    lang: ['lang', 'text'],
    bulletinVersion: ['bulletin_version', 'integer'],
    text: ['text', 'text'],
    audioId: ['audio_id', 'text'],
    status: ['status', 'text'],
    translator: ['translator', 'text'],
    reviewer: ['reviewer', 'text'],
    reviewComment: ['review_comment', 'text'],
    updatedAt: ['updated_at', 'timestamptz'],
  },
  pullFilter:
    "EXISTS (SELECT 1 FROM bulletins WHERE bulletins.id = language_slots.bulletin_id AND bulletins.status = 'published')",
};

function fieldsOf<T>(table: SyncedTable<T>): [field: string, column: string, sqlType: string][] {
  return Object.entries<readonly [string, string]>(table.columns).map(([field, [column, sqlType]]) => [
    field,
    column,
    sqlType,
  ]);
}

/**
 * INSERT … ON CONFLICT DO UPDATE taking $1, a JSON array of domain objects. Every row inserted or changed
 * gets the next change_rev; a row whose content is unchanged is left alone, so rewriting the same data does
 * not make devices download it again. Returns one row per row written.
 */
export function upsertSql<T>(table: SyncedTable<T>): string {
  const fields = fieldsOf(table);
  const keyColumns = new Set(table.key.map((field) => table.columns[field][0]));
  const valueColumns = fields.map(([, column]) => column).filter((column) => !keyColumns.has(column));
  return `INSERT INTO ${table.name} (${fields.map(([, column]) => column).join(', ')}, rev)
    SELECT ${fields.map(([field]) => `"${field}"`).join(', ')}, nextval('change_rev')
    FROM jsonb_to_recordset($1::jsonb) AS input(${fields.map(([field, , type]) => `"${field}" ${type}`).join(', ')})
    ON CONFLICT (${[...keyColumns].join(', ')}) DO UPDATE
    SET ${valueColumns.map((column) => `${column} = excluded.${column}`).join(', ')}, rev = excluded.rev
    WHERE (${valueColumns.map((column) => `${table.name}.${column}`).join(', ')})
      IS DISTINCT FROM (${valueColumns.map((column) => `excluded.${column}`).join(', ')})
    RETURNING rev`;
}

/** SELECT of the rows a pull sends with rev in ($1, $2], in domain shape and rev order. */
export function pullRowsSql<T>(table: SyncedTable<T>): string {
  const select = fieldsOf(table).map(([field, column]) => `${table.name}.${column} AS "${field}"`);
  return `SELECT ${select.join(', ')}, ${table.name}.rev AS "rev" FROM ${table.name}
    WHERE ${table.name}.rev > $1 AND ${table.name}.rev <= $2 AND ${table.pullFilter}
    ORDER BY ${table.name}.rev`;
}

/** The revs of the next changes a pull sends across `tables`: after $1, in order, at most $2. */
export function pullRevsSql(tables: readonly Pick<SyncedTable<unknown>, 'name' | 'pullFilter'>[]): string {
  const branches = tables.map(
    (table) =>
      `SELECT ${table.name}.rev FROM ${table.name} WHERE ${table.name}.rev > $1 AND ${table.pullFilter}`,
  );
  return `SELECT rev FROM (${branches.join(' UNION ALL ')}) AS changes ORDER BY rev LIMIT $2`;
}
