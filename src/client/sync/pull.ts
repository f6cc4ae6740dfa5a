/**
 * Pull sync: brings the server's units, bulletins and slots down, page by page, from the stored cursor.
 * Policy: each page is validated before anything is written, then stored together with its cursor in one
 * transaction (applyPullPage), so an interrupted pull resumes at the last committed page and never skips a
 * change. Being offline is an ordinary outcome, reported in the result, not thrown.
 */
import { validate } from '../../domain/validation.ts';
import { PULL_PAGE_DEFAULT, PullPageSchema, type PullPage } from '../../domain/sync.ts';
import { applyPullPage } from '../db/bulletin-repository.ts';
import type { LoaxaDb } from '../db/database.ts';
import { getPullCursor, setMeta } from '../db/meta-repository.ts';

/** A 2G page of 200 changes can take tens of seconds; past this the connection is treated as gone. */
const PAGE_TIMEOUT_MS = 60_000;

/** Why a pull stopped early. */
export type PullError =
  | { kind: 'network' }
  | { kind: 'http'; status: number }
  | { kind: 'invalid'; detail: string }
  | { kind: 'storage'; detail: string };

/** What a pull committed, page by page, until it finished or stopped. */
export interface PullCounts {
  pages: number;
  units: number;
  bulletins: number;
  slots: number;
  withdrawn: number;
}

/** The outcome of pullAll: `error` is null when the device caught up with the server. */
export interface PullResult {
  counts: PullCounts;
  cursor: number;
  error: PullError | null;
}

async function fetchPage(
  fetchImpl: typeof fetch,
  baseUrl: string,
  cursor: number,
): Promise<{ page: PullPage } | { error: PullError }> {
  // AbortSignal.timeout is missing before Chrome 103; there the browser's own network timeout applies.
  const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(PAGE_TIMEOUT_MS) : undefined;
  let response: Response;
  try {
    response = await fetchImpl(`${baseUrl}/api/sync/pull?cursor=${cursor}&limit=${PULL_PAGE_DEFAULT}`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
  } catch {
    return { error: { kind: 'network' } };
  }
  if (!response.ok) return { error: { kind: 'http', status: response.status } };
  let body: unknown;
  try {
    body = await response.json();
  } catch (e) {
    // A SyntaxError is a broken answer; anything else is the connection dropping mid-body.
    return {
      error: e instanceof SyntaxError ? { kind: 'invalid', detail: 'not JSON' } : { kind: 'network' },
    };
  }
  const result = validate(PullPageSchema, body);
  if (!result.ok) {
    const first = result.issues[0];
    return {
      error: { kind: 'invalid', detail: first ? `${first.field}: ${first.message}` : 'invalid page' },
    };
  }
  return { page: result.value };
}

/** Pulls every page after the stored cursor until the server says there is no more. */
export async function pullAll(
  db: LoaxaDb,
  fetchImpl: typeof fetch = fetch,
  baseUrl = '',
): Promise<PullResult> {
  const counts: PullCounts = { pages: 0, units: 0, bulletins: 0, slots: 0, withdrawn: 0 };
  let cursor = 0;
  try {
    cursor = await getPullCursor(db);
    for (;;) {
      const fetched = await fetchPage(fetchImpl, baseUrl, cursor);
      if ('error' in fetched) return { counts, cursor, error: fetched.error };
      const { page } = fetched;
      if (page.cursor < cursor || (page.more && page.cursor === cursor)) {
        return {
          counts,
          cursor,
          error: { kind: 'invalid', detail: `cursor ${page.cursor} after ${cursor}` },
        };
      }
      const applied = await applyPullPage(db, page, cursor);
      if (!applied) {
        // Another tab stored pages meanwhile: continue from where it got to.
        cursor = await getPullCursor(db);
        continue;
      }
      counts.pages += 1;
      counts.units += applied.units;
      counts.bulletins += applied.bulletins;
      counts.slots += applied.slots;
      counts.withdrawn += applied.withdrawn;
      cursor = page.cursor;
      if (!page.more) break;
    }
    await setMeta(db, 'lastPullAt', new Date().toISOString());
    return { counts, cursor, error: null };
  } catch (e) {
    return { counts, cursor, error: { kind: 'storage', detail: e instanceof Error ? e.message : String(e) } };
  }
}
