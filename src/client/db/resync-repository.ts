/**
 * The full re-sync a device makes when its server's database is not the one its pull cursor counts in: the
 * server was restored from a backup or replaced, so its revs no longer mean what the cursor thinks. Policy:
 *
 * - Every pull page names its database (PullPage.database). A device that remembers none (its first page, or
 *   an app from before identities) remembers the page's and sends nothing again. One that remembers another does
 *   not apply the page: in one transaction the cursor goes back to 0, the new identity is remembered, the re-sync
 *   is recorded (meta resync), what an earlier re-sync received is forgotten, the whole log chain goes back in
 *   the outbox (the restored database lacks the logs acknowledged after its backup, and the outbox no longer
 *   names them) and what the device knew of the server's attachments is forgotten (some may be lost too); the
 *   pull then starts again from 0. Being one transaction, an interrupted start leaves nothing half done and the
 *   next pull starts it again; once committed, the next pages find the identity known and do not start it twice.
 * - While it runs nothing is dropped for it, because an operator on 2G needs the bulletins already here: a
 *   page's scope waits for the end, which drops all it would (only the withdrawal of a bulletin or slot the
 *   server names is applied at once). The units, bulletins, slots and reviews of each page are noted as
 *   received (table resyncReceived) in the page's transaction, so an interrupted re-sync resumes at its last
 *   committed page like any pull and still knows what came before.
 * - The page that ends it (more: false) drops, in its transaction, what the server did not send (applyPullPage
 *   in bulletin-repository.ts does the dropping): units and slots go, bulletins are marked withdrawn as
 *   withdrawals are (so a log naming one still finds it), and a translation sent for review that the server
 *   does not know is marked unsent, so the next sync sends it again (the server keeps a submission once per id).
 *   Logs, log drafts, the content of slot edits and the device key are never touched.
 * - The completed re-sync stays recorded until the next pull reaches the end, so the Sync screen can say what
 *   happened next to the result of the sync that did it.
 */
import type { PullPage } from '../../domain/sync.ts';
import { forgetAllUploads } from './attachment-repository.ts';
import type { LoaxaDb } from './database.ts';
import { deleteMeta, getMeta, setMeta } from './meta-repository.ts';
import { requeueLogChain } from './outbox-repository.ts';

/** A re-sync: when the device noticed the server's database had changed, and when it completed (null: running). */
export interface Resync {
  detectedAt: string;
  completedAt: string | null;
}

/** What a re-sync found on the device that the server did not send. */
export interface Unreceived {
  units: string[];
  bulletins: string[];
  slots: [bulletinId: string, lang: string][];
  /** Submissions the device sent (or saw approved) whose review the server did not send. */
  submissions: string[];
}

const unitKey = (id: string) => `unit:${id}`;
const bulletinKey = (id: string) => `bulletin:${id}`;
const slotKey = (bulletinId: string, lang: string) => `slot:${bulletinId}:${lang}`;
const reviewKey = (submissionId: string) => `review:${submissionId}`;

/** The re-sync running, or completed at the last pull; undefined otherwise. */
export async function readResync(db: LoaxaDb): Promise<Resync | undefined> {
  return getMeta(db, 'resync');
}

/** Starts a re-sync from another server database (see the module comment); joins the page's transaction. */
async function startResync(db: LoaxaDb, now: Date): Promise<void> {
  await setMeta(db, 'pullCursor', 0);
  await setMeta(db, 'resync', { detectedAt: now.toISOString(), completedAt: null });
  await db.resyncReceived.clear();
  await requeueLogChain(db, now);
  await forgetAllUploads(db);
}

/**
 * Whether a page of `database` may be applied on top of what the device holds; joins the page's transaction
 * (which needs meta, resyncReceived, logs, outbox and uploads). A first identity is remembered; another one
 * restarts the pull as a re-sync (see the module comment).
 */
export async function isSameDatabase(db: LoaxaDb, database: string, now: Date): Promise<boolean> {
  const known = await getMeta(db, 'pullDatabase');
  if (known === database) return true;
  await setMeta(db, 'pullDatabase', database);
  if (known === undefined) return true;
  await startResync(db, now);
  return false;
}

async function runningResync(db: LoaxaDb): Promise<Resync | undefined> {
  const resync = await readResync(db);
  return resync?.completedAt === null ? resync : undefined;
}

/** Notes what a page of a running re-sync brought; joins the page's transaction. Says whether one runs. */
export async function noteReceived(db: LoaxaDb, page: PullPage): Promise<boolean> {
  if (!(await runningResync(db))) return false;
  const keys = [
    ...page.units.map((unit) => unitKey(unit.id)),
    ...page.bulletins.map((bulletin) => bulletinKey(bulletin.id)),
    ...page.slots.map((slot) => slotKey(slot.bulletinId, slot.lang)),
    ...page.reviews.map((review) => reviewKey(review.submissionId)),
  ];
  await db.resyncReceived.bulkPut(keys.map((key) => ({ key })));
  return true;
}

/**
 * At the last page of a pull, in its transaction: completes a running re-sync and returns what it did not
 * receive, for the caller to drop; forgets a re-sync completed at an earlier pull. Null when none was running.
 */
export async function finishPull(db: LoaxaDb, now: Date): Promise<Unreceived | null> {
  const resync = await readResync(db);
  if (!resync) return null;
  if (resync.completedAt !== null) {
    await deleteMeta(db, 'resync');
    return null;
  }
  const received = new Set(await db.resyncReceived.toCollection().primaryKeys());
  const [units, bulletins, slots, localSlots] = await Promise.all([
    db.units.toCollection().primaryKeys(),
    db.bulletins.where('status').equals('published').primaryKeys(),
    db.slots.toCollection().primaryKeys(),
    db.localSlots.where('status').equals('submitted').toArray(),
  ]);
  await db.resyncReceived.clear();
  await setMeta(db, 'resync', { ...resync, completedAt: now.toISOString() });
  return {
    units: units.filter((id) => !received.has(unitKey(id))),
    bulletins: bulletins.filter((id) => !received.has(bulletinKey(id))),
    slots: slots.filter(([bulletinId, lang]) => !received.has(slotKey(bulletinId, lang))),
    submissions: localSlots.flatMap(({ submissionId, submissionSentAt, approvedAt }) =>
      submissionId !== undefined &&
      (submissionSentAt !== undefined || approvedAt !== undefined) &&
      !received.has(reviewKey(submissionId))
        ? [submissionId]
        : [],
    ),
  };
}
