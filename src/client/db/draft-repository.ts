/**
 * Broadcast log drafts waiting for the operator. Policy: the drafts live in meta (key pendingDrafts, a handful
 * at most), written as soon as a playback ends, so a draft survives leaving the reader, a reload and a closed
 * tab. A draft leaves in two ways only: confirmed (its log is written first) or discarded by the operator.
 * Confirming writes the log and then removes the draft, in two transactions (the log writer owns the first);
 * should the tab close in between, the next read finds the draft's broadcast already logged (same bulletin,
 * language and start to the millisecond) and drops the draft, so a broadcast is never logged twice.
 */
import type { LogDraft } from '../../domain/log-draft.ts';
import type { LoaxaDb } from './database.ts';
import { getMeta, setMeta } from './meta-repository.ts';

async function alreadyLogged(db: LoaxaDb, draft: LogDraft): Promise<boolean> {
  const { startedAt, bulletinId, lang } = draft.log;
  const same = await db.logs
    .where('startedAt')
    .equals(startedAt)
    .filter((log) => log.bulletinId === bulletinId && log.lang === lang)
    .count();
  return same > 0;
}

/** The drafts waiting for confirmation, oldest first; drafts whose broadcast is already logged are dropped. */
export async function readPendingDrafts(db: LoaxaDb): Promise<LogDraft[]> {
  return db.transaction('rw', [db.meta, db.logs], async () => {
    const drafts = (await getMeta(db, 'pendingDrafts')) ?? [];
    const pending: LogDraft[] = [];
    for (const draft of drafts) if (!(await alreadyLogged(db, draft))) pending.push(draft);
    if (pending.length !== drafts.length) await setMeta(db, 'pendingDrafts', pending);
    return pending;
  });
}

/** One pending draft; undefined when it was confirmed or discarded meanwhile. */
export async function getPendingDraft(db: LoaxaDb, id: string): Promise<LogDraft | undefined> {
  return (await readPendingDrafts(db)).find((draft) => draft.id === id);
}

/** Adds a draft to the pending ones. */
export async function addPendingDraft(db: LoaxaDb, draft: LogDraft): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const drafts = (await getMeta(db, 'pendingDrafts')) ?? [];
    await setMeta(db, 'pendingDrafts', [...drafts.filter((d) => d.id !== draft.id), draft]);
  });
}

/** Rewrites a pending draft; returns false (writing nothing) when it is no longer pending. */
export async function updatePendingDraft(
  db: LoaxaDb,
  id: string,
  change: (draft: LogDraft) => LogDraft,
): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const drafts = (await getMeta(db, 'pendingDrafts')) ?? [];
    const index = drafts.findIndex((d) => d.id === id);
    const found = drafts[index];
    if (!found) return false;
    const changed = { ...change(found), id };
    await setMeta(
      db,
      'pendingDrafts',
      drafts.map((d, i) => (i === index ? changed : d)),
    );
    return true;
  });
}

/** Removes a draft from the pending ones (nothing happens when it is not there). */
export async function removePendingDraft(db: LoaxaDb, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const drafts = (await getMeta(db, 'pendingDrafts')) ?? [];
    if (drafts.some((d) => d.id === id)) {
      await setMeta(
        db,
        'pendingDrafts',
        drafts.filter((d) => d.id !== id),
      );
    }
  });
}
