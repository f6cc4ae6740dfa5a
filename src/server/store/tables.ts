/**
 * How each synced domain type maps onto its table: a column and SQL type per field, and which rows a pull may
 * send. Upserts and selects are generated from these maps, so a field added to a domain schema is a type
 * error here until it has a column (and a migration).
 *
 * Pull visibility: every pull statement starts with PULL_VIEWER, which names the device's unit, its lineage
 * (the unit and its ancestors), the units it sees (lineage and subtree) and its languages. The filters read
 * those as scalar subqueries, so the planner may scan a table by rev (incremental pulls) or through the GIN
 * index on target_unit_ids (a first pull among many bulletins), whichever is cheaper.
 */
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { SlotReview } from '../../domain/slot-submission.ts';

type ColumnMap<T> = { readonly [K in Exclude<keyof T, 'rev'>]-?: readonly [column: string, sqlType: string] };

/** A table whose rows sync to devices, each row carrying the rev of its last change. */
export interface SyncedTable<T> {
  readonly name: string;
  /** Fields of the primary key, in key order. */
  readonly key: readonly (Exclude<keyof T, 'rev'> & string)[];
  readonly columns: ColumnMap<T>;
  /** SQL condition on a row of `name`: whether pulls send it (it may read the VIEWER_* subqueries). */
  readonly pullFilter: string;
}

/**
 * The device's unit as the pull filters see it, from the parameters every pull statement takes after its
 * range: $3 the unit's id, $4 its lineage (the unit and its ancestors), $5 the units it sees (lineage and
 * subtree), $6 its languages. Naming them all here types every parameter in every statement.
 */
export const PULL_VIEWER = `WITH viewer AS (
    SELECT $3::uuid AS unit_id, $4::uuid[] AS lineage, $5::uuid[] AS visible, $6::text[] AS languages
  )`;

// Scalar subqueries over the one-row viewer. `= ANY` takes them with a cast, which makes them array
// expressions rather than `ANY (subquery)`.
const VIEWER_UNIT = '(SELECT unit_id FROM viewer)';
/** The device's unit and its ancestors: a bulletin targeted at any of them is for the device. */
const VIEWER_LINEAGE = '(SELECT lineage FROM viewer)';
const VIEWER_VISIBLE = '(SELECT visible FROM viewer)';
const VIEWER_LANGUAGES = '(SELECT languages FROM viewer)';

/** Units: the device's unit, its ancestors and every unit below it. */
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
  pullFilter: `units.id = ANY (${VIEWER_VISIBLE}::uuid[])`,
};

/**
 * Bulletins targeted at the device's unit or an ancestor: drafts stay on the server; withdrawn ones are sent so
 * devices remove them.
 */
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
  pullFilter: `bulletins.status IN ('published', 'withdrawn') AND bulletins.target_unit_ids && ${VIEWER_LINEAGE}`,
};

/**
 * Bulletins the device may have had and may see no more: sent, then retargeted away from its lineage (the
 * migration's trigger keeps former_target_unit_ids). A pull sends only their ids.
 */
export const WITHDRAWALS = {
  name: 'bulletins',
  pullFilter: `bulletins.status IN ('published', 'withdrawn')
    AND bulletins.former_target_unit_ids && ${VIEWER_LINEAGE}
    AND NOT (bulletins.target_unit_ids && ${VIEWER_LINEAGE})`,
} as const;

// The ids of the published bulletins the device sees are found once (through the GIN index) as an array, so the
// slots are reached through their primary key; a correlated EXISTS made PGlite, which keeps no statistics, probe
// every slot of every bulletin on a first pull.
const VIEWER_BULLETIN_IDS = `ARRAY(SELECT bulletins.id FROM bulletins
  WHERE bulletins.status = 'published' AND bulletins.target_unit_ids && ${VIEWER_LINEAGE})`;

/**
 * Language slots: approved ones, in the device's unit's languages, of published bulletins it sees; a device
 * drops a withdrawn bulletin with its slots. When a bulletin becomes published or is retargeted its slots get
 * new revs (see sql-store.ts), so they are sent then.
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
  pullFilter: `language_slots.status = 'approved' AND language_slots.lang = ANY (${VIEWER_LANGUAGES}::text[])
    AND language_slots.bulletin_id = ANY (${VIEWER_BULLETIN_IDS})`,
};

/**
 * Slots the device may have had and may see no more: of bulletins it sees, in its unit's languages, but no
 * longer approved (the write that changed the status gave them a new rev). A pull sends only their keys. A
 * language the unit lost goes by the page's scope instead (sql-store.ts), slots of a bulletin it no longer
 * sees with the bulletin's withdrawal.
 */
export const SLOT_WITHDRAWALS = {
  name: 'language_slots',
  pullFilter: `language_slots.status <> 'approved' AND language_slots.lang = ANY (${VIEWER_LANGUAGES}::text[])
    AND language_slots.bulletin_id = ANY (${VIEWER_BULLETIN_IDS})`,
} as const;

/** Reviews: the state of the translations the device's own unit submitted (pulled only, never upserted). */
export const REVIEWS: SyncedTable<SlotReview> = {
  name: 'slot_submissions',
  key: ['submissionId'],
  columns: {
    submissionId: ['id', 'uuid'],
    bulletinId: ['bulletin_id', 'uuid'],
    lang: ['lang', 'text'],
    status: ['status', 'text'],
    reviewer: ['reviewer', 'text'],
    reviewComment: ['review_comment', 'text'],
    updatedAt: ['updated_at', 'timestamptz'],
  },
  pullFilter: `slot_submissions.unit_id = ${VIEWER_UNIT}`,
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

/** What a pull reads of a table: its name and which rows it sends. */
type PullSource = Pick<SyncedTable<unknown>, 'name' | 'pullFilter'>;

/** SELECT of the rows a pull sends with rev in ($1, $2] to the viewer $3…$6, in domain shape and rev order. */
export function pullRowsSql<T>(table: SyncedTable<T>): string {
  const select = fieldsOf(table).map(([field, column]) => `${table.name}.${column} AS "${field}"`);
  return pullSelectSql(table, `${select.join(', ')}, ${table.name}.rev AS "rev"`);
}

/**
 * SELECT of the keys a pull sends from `source` with rev in ($1, $2] to the viewer $3…$6, in rev order: each
 * field named in `keys` read from its column.
 */
export function pullKeysSql(source: PullSource, keys: Readonly<Record<string, string>>): string {
  const select = Object.entries(keys).map(([field, column]) => `${source.name}.${column} AS "${field}"`);
  return pullSelectSql(source, select.join(', '));
}

function pullSelectSql(source: PullSource, select: string): string {
  return `${PULL_VIEWER} SELECT ${select} FROM ${source.name}
    WHERE ${source.name}.rev > $1 AND ${source.name}.rev <= $2 AND ${source.pullFilter}
    ORDER BY ${source.name}.rev`;
}

/**
 * The revs of the next changes a pull sends to the viewer $3…$6 across `sources`: after $1, in order, at most $2.
 * The sources' filters must not overlap, so every rev stands for one change.
 */
export function pullRevsSql(sources: readonly PullSource[]): string {
  const branches = sources.map(
    (source) =>
      `SELECT ${source.name}.rev FROM ${source.name} WHERE ${source.name}.rev > $1 AND ${source.pullFilter}`,
  );
  return `${PULL_VIEWER} SELECT rev FROM (${branches.join(' UNION ALL ')}) AS changes ORDER BY rev LIMIT $2`;
}

/** The columns of `table` as a SELECT list in domain shape (rev included), for reads outside pulls. */
export function selectColumnsSql<T>(table: SyncedTable<T>): string {
  const select = fieldsOf(table).map(([field, column]) => `${table.name}.${column} AS "${field}"`);
  return `${select.join(', ')}, ${table.name}.rev AS "rev"`;
}
