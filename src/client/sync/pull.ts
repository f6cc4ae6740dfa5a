/**
 * Pull sync: brings the server's units, bulletins, slots, withdrawals and reviews down, page by page, from the
 * stored cursor.
 * Policy: each page is validated before anything is written, then stored together with its cursor in one
 * transaction (applyPullPage), so an interrupted pull resumes at the last committed page and never skips a
 * change. A page from another server database than the cursor counts in restarts the pull from 0 as a re-sync
 * (resync-repository.ts); one pull follows one database, so a server that keeps changing it (two databases
 * behind one address) stops the pull instead of restarting it forever. Being offline is an ordinary outcome,
 * reported in the result, not thrown.
 */
import { validate } from '../../domain/validation.ts';
import { PULL_PAGE_DEFAULT, PullPageSchema, type PullPage } from '../../domain/sync.ts';
import { applyPullPage } from '../db/bulletin-repository.ts';
import type { LoaxaDb } from '../db/database.ts';
import { getPullCursor, setMeta } from '../db/meta-repository.ts';
import { defaultTransport, readJson, send, type SyncError, type Transport } from './transport.ts';

/** A 2G page of 200 changes can take tens of seconds; past this the connection is treated as gone. */
const PAGE_TIMEOUT_MS = 60_000;

/** What a pull committed, page by page, until it finished or stopped. */
export interface PullCounts {
  pages: number;
  units: number;
  bulletins: number;
  slots: number;
  withdrawn: number;
  reviews: number;
  /** Units and slots dropped because the unit may no longer see them. */
  dropped: number;
}

/** The outcome of pullAll: `error` is null when the device caught up with the server. */
export interface PullResult {
  counts: PullCounts;
  cursor: number;
  error: SyncError | null;
}

/** Pages committed so far, and whether the server said another is waiting. */
export type PageProgress = (pages: number, more: boolean) => void;

async function fetchPage(
  transport: Transport,
  token: string | undefined,
  cursor: number,
): Promise<{ page: PullPage } | { error: SyncError }> {
  const answer = await send(transport, {
    method: 'GET',
    path: `/api/sync/pull?cursor=${cursor}&limit=${PULL_PAGE_DEFAULT}`,
    token,
    timeoutMs: PAGE_TIMEOUT_MS,
  });
  if (!answer.ok) return { error: answer.error };
  const body = await readJson(answer.response);
  if (!body.ok) return { error: body.error };
  const result = validate(PullPageSchema, body.body);
  if (!result.ok) {
    const first = result.issues[0];
    return {
      error: { kind: 'invalid', detail: first ? `${first.field}: ${first.message}` : 'invalid page' },
    };
  }
  return { page: result.value };
}

/**
 * Pulls every page after the stored cursor until the server says there is no more, with the device's bearer
 * token when it has one.
 */
export async function pullAll(
  db: LoaxaDb,
  transport: Transport = defaultTransport(),
  token?: string,
  onProgress: PageProgress = () => undefined,
): Promise<PullResult> {
  const counts: PullCounts = {
    pages: 0,
    units: 0,
    bulletins: 0,
    slots: 0,
    withdrawn: 0,
    reviews: 0,
    dropped: 0,
  };
  let cursor = 0;
  let database: string | undefined;
  try {
    cursor = await getPullCursor(db);
    for (;;) {
      const fetched = await fetchPage(transport, token, cursor);
      if ('error' in fetched) return { counts, cursor, error: fetched.error };
      const { page } = fetched;
      if (database !== undefined && page.database !== database) {
        return {
          counts,
          cursor,
          error: { kind: 'invalid', detail: 'server database changed during the pull' },
        };
      }
      database = page.database;
      if (page.cursor < cursor || (page.more && page.cursor === cursor)) {
        return {
          counts,
          cursor,
          error: { kind: 'invalid', detail: `cursor ${page.cursor} after ${cursor}` },
        };
      }
      const applied = await applyPullPage(db, page, cursor);
      if (!applied) {
        // Another tab stored pages meanwhile, or the server's database changed and the cursor went back to 0:
        // continue from the stored cursor.
        cursor = await getPullCursor(db);
        continue;
      }
      counts.pages += 1;
      counts.units += applied.units;
      counts.bulletins += applied.bulletins;
      counts.slots += applied.slots;
      counts.withdrawn += applied.withdrawn;
      counts.reviews += applied.reviews;
      counts.dropped += applied.dropped;
      cursor = page.cursor;
      onProgress(counts.pages, page.more);
      if (!page.more) break;
    }
    await setMeta(db, 'lastPullAt', new Date().toISOString());
    return { counts, cursor, error: null };
  } catch (e) {
    return { counts, cursor, error: { kind: 'storage', detail: e instanceof Error ? e.message : String(e) } };
  }
}
