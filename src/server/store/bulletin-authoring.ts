/**
 * Staff authoring of bulletins: a new bulletin is a draft at version 1; every edit is a new version (the edit
 * names the version it was made from, and a stale one is refused); publishing and withdrawing change the
 * status only. Every write goes through the store's synced upsert under the change lock, so it takes the next
 * change_rev and devices of the target units receive it on their next pull (drafts never leave the server).
 */
import { v7 as uuidV7 } from 'uuid';
import type { BulletinInput, BulletinUpdate } from '../../domain/bulletin-input.ts';
import type { Bulletin, BulletinStatus } from '../../domain/schemas/bulletin.ts';
import type { SqlExecutor } from './sql.ts';
import type { SyncedWrites } from './sql-store.ts';
import { BULLETINS, selectColumnsSql } from './tables.ts';

const BULLETIN_SQL = `SELECT ${selectColumnsSql(BULLETINS)} FROM bulletins WHERE id = $1`;

/** Bulletins targeted at any of $1, of status $2 (any when null), the latest change first. */
const LIST_SQL = `SELECT ${selectColumnsSql(BULLETINS)} FROM bulletins
  WHERE target_unit_ids && $1::uuid[] AND ($2::text IS NULL OR status = $2)
  ORDER BY updated_at DESC, id DESC`;

/** What a write found: the bulletin now, or why it did not happen. */
export type AuthoringResult =
  | { ok: true; bulletin: Bulletin }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'version_conflict' | 'withdrawn'; current: Bulletin };

/** Bulletin writes and reads for the staff workspace. */
export interface BulletinAuthoring {
  /** One bulletin in any status, or undefined. */
  get(id: string): Promise<Bulletin | undefined>;
  /** Bulletins targeted at any of `unitIds`, drafts included unless `status` narrows them. */
  list(unitIds: readonly string[], status?: BulletinStatus): Promise<Bulletin[]>;
  /** Stores `input` as a new draft at version 1, changed at `now`. */
  create(input: BulletinInput, now: string): Promise<Bulletin>;
  /**
   * Replaces the content of bulletin `id` as version + 1, if `update.version` is still its version and it
   * has not been withdrawn (a withdrawn bulletin is gone from the devices; a new text is a new bulletin).
   */
  update(id: string, update: BulletinUpdate, now: string): Promise<AuthoringResult>;
  /** Sets the status of bulletin `id` (publish or withdraw), if `version` is still its version. */
  setStatus(
    id: string,
    status: 'published' | 'withdrawn',
    version: number,
    now: string,
  ): Promise<AuthoringResult>;
}

/** Bulletin `id` as stored, inside the transaction that just wrote it. */
async function readWritten(tx: SqlExecutor, id: string): Promise<Bulletin> {
  const [bulletin] = await tx.query<Bulletin>(BULLETIN_SQL, [id]);
  if (bulletin === undefined) throw new Error(`Bulletin ${id} was written but cannot be read back`);
  return bulletin;
}

/** Bulletin authoring on the store's engine and synced writes. */
export function createBulletinAuthoring(db: SqlExecutor, writes: SyncedWrites): BulletinAuthoring {
  /**
   * Reads bulletin `id` under the change lock and, if it is still at `version` (and not withdrawn when
   * `editsContent`), writes `next(current)`. The status is checked here, not only by the route, because a
   * withdrawal does not change the version.
   */
  const change = (
    id: string,
    version: number,
    editsContent: boolean,
    next: (current: Bulletin) => Bulletin,
  ) =>
    writes.write(async (tx): Promise<AuthoringResult> => {
      const [current] = await tx.query<Bulletin>(BULLETIN_SQL, [id]);
      if (current === undefined) return { ok: false, reason: 'not_found' };
      if (current.version !== version) return { ok: false, reason: 'version_conflict', current };
      if (editsContent && current.status === 'withdrawn') return { ok: false, reason: 'withdrawn', current };
      const wanted = next(current);
      // An unchanged row keeps its rev (the upsert skips it): publishing twice sends nothing new.
      await writes.upsertBulletins(tx, [wanted]);
      return { ok: true, bulletin: await readWritten(tx, id) };
    });

  return {
    async get(id) {
      const [bulletin] = await db.query<Bulletin>(BULLETIN_SQL, [id]);
      return bulletin;
    },

    list: (unitIds, status) => db.query<Bulletin>(LIST_SQL, [unitIds, status ?? null]),

    create: (input, now) =>
      writes.write(async (tx) => {
        const draft: Bulletin = {
          ...input,
          targetUnitIds: [...new Set(input.targetUnitIds)],
          id: uuidV7(),
          version: 1,
          status: 'draft',
          updatedAt: now,
          // Ignored by the upsert, which draws the real rev.
          rev: 0,
        };
        await writes.upsertBulletins(tx, [draft]);
        return readWritten(tx, draft.id);
      }),

    update: (id, { version, ...content }, now) =>
      change(id, version, true, (current) => ({
        ...current,
        ...content,
        targetUnitIds: [...new Set(content.targetUnitIds)],
        version: current.version + 1,
        updatedAt: now,
      })),

    setStatus: (id, status, version, now) =>
      change(id, version, false, (current) =>
        current.status === status ? current : { ...current, status, updatedAt: now },
      ),
  };
}
