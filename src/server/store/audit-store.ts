/**
 * The audit trail in table `audit_entries` (migration 008): appended under an advisory lock so that entries
 * written by several server processes at once still form one chain (seq 1, 2, 3… each naming the hash of the one
 * before), read by subtree and filters, and checked from the first entry (domain/audit.ts says how).
 *
 * An entry is appended after the change it records has committed: a change that failed leaves no entry, and a
 * server that dies between the two loses the entry, never the change.
 */
import {
  auditEntryHash,
  verifyAuditChain,
  type AuditChainCheck,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
} from '../../domain/audit.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { daySpanInstants } from '../../domain/dates.ts';
import { GENESIS_HASH } from '../../domain/evidence/canonical.ts';
import type { Row, SqlEngine } from './sql.ts';

/** The filters of AuditQuery once the unit is resolved to the subtree the reader may see. */
export type AuditFilter = Omit<AuditQuery, 'unitId' | 'limit' | 'before'> & { unitIds: readonly string[] };

/** Entries read per round when checking the chain or exporting: a bounded memory for any length of trail. */
const BATCH = 1000;

const COLUMNS = `seq, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_name AS "actorName",
  unit_ids AS "unitIds", action, target_id AS "targetId", before, after, prev_hash AS "prevHash", hash`;

/** Filters $1…$6 of a reading (see filterParams). */
const FILTERS = `unit_ids && $1::uuid[]
  AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)
  AND ($4::text IS NULL OR action = $4) AND ($5::text IS NULL OR actor_kind = $5)
  AND ($6::text IS NULL OR strpos(lower(actor_name), lower($6)) > 0)`;

const PAGE_SQL = `SELECT ${COLUMNS} FROM audit_entries
  WHERE ${FILTERS} AND ($7::bigint IS NULL OR seq < $7) ORDER BY seq DESC LIMIT $8`;

const ASCENDING_SQL = `SELECT ${COLUMNS} FROM audit_entries
  WHERE ${FILTERS} AND seq > $7 ORDER BY seq LIMIT $8`;

const CHAIN_SQL = `SELECT ${COLUMNS} FROM audit_entries WHERE seq > $1 ORDER BY seq LIMIT $2`;

/** Serialises appends across processes (advisory lock keys: this schema, 2; migrations use 1). */
const APPEND_LOCK = 'SELECT pg_advisory_xact_lock(hashtext(current_schema()), 2)';

function filterParams(filter: AuditFilter): unknown[] {
  const { from, to } = daySpanInstants(filter, VIETNAM_TIME_ZONE);
  return [
    filter.unitIds,
    from ?? null,
    to ?? null,
    filter.action ?? null,
    filter.actorKind ?? null,
    filter.actor === undefined || filter.actor === '' ? null : filter.actor,
  ];
}

export interface AuditStore {
  /** Appends `record` as the next entry of the chain; answers the entry stored. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** The entries matching `filter`, newest first, older than seq `before` when given, at most `limit`. */
  page(filter: AuditFilter, before: number | undefined, limit: number): Promise<AuditEntry[]>;
  /** Every entry matching `filter`, oldest first, a batch at a time (for the CSV export). */
  each(filter: AuditFilter): AsyncGenerator<AuditEntry[]>;
  /** Checks the whole chain from its first entry. */
  verify(): Promise<AuditChainCheck>;
}

export function createAuditStore(engine: SqlEngine): AuditStore {
  return {
    append: (record) =>
      engine.transaction(async (tx) => {
        await tx.query(APPEND_LOCK);
        const [last] = await tx.query<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
        );
        const fields = { ...record, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
        const entry: AuditEntry = { ...fields, hash: await auditEntryHash(fields) };
        await tx.query(
          `INSERT INTO audit_entries (seq, at, actor_kind, actor_id, actor_name, unit_ids, action, target_id,
            before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9, $10, $11, $12)`,
          [
            entry.seq,
            entry.at,
            entry.actorKind,
            entry.actorId,
            entry.actorName,
            entry.unitIds,
            entry.action,
            entry.targetId,
            entry.before,
            entry.after,
            entry.prevHash,
            entry.hash,
          ],
        );
        return entry;
      }),

    page: (filter, before, limit) =>
      engine.query<AuditEntry & Row>(PAGE_SQL, [...filterParams(filter), before ?? null, limit]),

    async *each(filter) {
      for (let after = 0; ;) {
        const batch = await engine.query<AuditEntry & Row>(ASCENDING_SQL, [
          ...filterParams(filter),
          after,
          BATCH,
        ]);
        if (batch.length === 0) return;
        yield batch;
        after = batch[batch.length - 1]?.seq ?? after;
      }
    },

    async verify() {
      let checked = 0;
      let prevHash = GENESIS_HASH;
      let prevSeq = 0;
      for (;;) {
        const batch = await engine.query<AuditEntry & Row>(CHAIN_SQL, [prevSeq, BATCH]);
        const check = await verifyAuditChain(batch, prevHash, prevSeq);
        if (!check.ok) return { ...check, checked: checked + check.checked };
        checked += check.checked;
        const last = batch[batch.length - 1];
        if (last === undefined) return { ok: true, checked, lastHash: prevHash };
        prevHash = last.hash;
        prevSeq = last.seq;
      }
    },
  };
}
