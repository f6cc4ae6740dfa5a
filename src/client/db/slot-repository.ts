/**
 * Language slots as this device sees them: the slots pulled from the server (table `slots`, written only by
 * pulls) and the slots edited here (table `localSlots`, written only by this module). Policy:
 *
 * - An edit is stored as a local slot with status 'draft' (kept on the device) or 'submitted' (marked for
 *   review). Both are local and not yet sent: uploading them is the sync's job, which will delete the local row
 *   once the server has acknowledged it.
 * - A pull never touches `localSlots`, so it cannot overwrite unsent work. Which of the two slots is shown is
 *   decided when reading, by resolveSlot (src/domain/slot-edit.ts): the local edit, unless the server's slot has
 *   a rev newer than the one the edit started from (`baseRev`) AND is the approved or rejected review of the same
 *   text and recording. A newer, different server slot leaves the edit in place, flagged `serverNewer`, and the
 *   translator may discard the edit to take the server's.
 * - The recording of an edit is written in the same transaction as the slot, so both are saved or neither: a
 *   full disk leaves the previous version whole. The recording an edit replaces or drops is deleted in that
 *   transaction when nothing else names it (see attachment-repository.ts).
 * - Submitting (src/client/sync/submit-slots.ts): a submitted edit is given its submission id before the first
 *   send, so a send whose answer was lost is stored once by the server; it is marked sent once the server
 *   confirms, or marked with the server's refusal (not sent again until edited). Saving an edit again writes a
 *   fresh row, which drops all of that: changed content is a new submission.
 * - Reviews arrive with pulls, matched by submission id (an edit changed since is left alone): a rejection
 *   turns the edit back into a draft carrying the reviewer and comment, so the translator sees why; an approval
 *   is remembered until the approved slot itself has been pulled, and the edit is then dropped (resolveSlot
 *   already shows the approved slot; the edit has nothing left to say). All of it joins the pull page's
 *   transaction. A server restored or replaced that does not know a sent submission gets it again.
 */
import { v7 as uuidV7 } from 'uuid';
import type { LanguageCode } from '../../domain/languages.ts';
import type { SlotReview } from '../../domain/slot-submission.ts';
import { LanguageSlotSchema, type LanguageSlot } from '../../domain/schemas/language-slot.ts';
import {
  checkSlotEdit,
  resolveSlot,
  type LocalSlot,
  type LocalSlotStatus,
  type SlotEditProblem,
  type SlotResolution,
} from '../../domain/slot-edit.ts';
import { validate } from '../../domain/validation.ts';
import {
  deleteAttachmentIfUnreferenced,
  describeAttachment,
  storeAttachment,
} from './attachment-repository.ts';
import type { LoaxaDb, StoredAttachment, StoredLocalSlot } from './database.ts';
import { getMeta, setMeta } from './meta-repository.ts';

/** Both slots stored for one bulletin and language, and the one shown. */
export interface SlotState {
  server: LanguageSlot | undefined;
  local: LocalSlot | undefined;
  resolution: SlotResolution;
}

/** The recording to save with an edit: keep a stored one by id, store new bytes, or none. */
export type SlotAudio = { id: string } | { blob: Blob; mime: string } | null;

/** An edit as the slot editor hands it over. */
export interface SlotSave {
  bulletinId: string;
  /** The bulletin version the translator was shown. */
  bulletinVersion: number;
  lang: LanguageCode;
  text: string;
  translator: string;
  status: LocalSlotStatus;
  audio: SlotAudio;
}

/** An edit refused before anything was written. */
export class SlotEditError extends Error {
  /** Builds the error from the problems checkSlotEdit found. */
  constructor(readonly problems: SlotEditProblem[]) {
    super(`slot edit refused: ${problems.join(', ')}`);
    this.name = 'SlotEditError';
  }
}

/** The pulled and local slots of one bulletin and language, resolved by the rule in the module comment. */
export async function getSlotState(db: LoaxaDb, bulletinId: string, lang: LanguageCode): Promise<SlotState> {
  return db.transaction('r', [db.slots, db.localSlots], async () => {
    const [server, local] = await Promise.all([
      db.slots.get([bulletinId, lang]),
      db.localSlots.get([bulletinId, lang]),
    ]);
    return { server, local, resolution: resolveSlot(server, local) };
  });
}

/** The slot shown for each language of a bulletin (local edits included); joins the caller's transaction. */
export async function readBulletinSlots(db: LoaxaDb, bulletinId: string): Promise<LanguageSlot[]> {
  const [pulled, local] = await Promise.all([
    db.slots.where('bulletinId').equals(bulletinId).toArray(),
    db.localSlots.where('bulletinId').equals(bulletinId).toArray(),
  ]);
  const localByLang = new Map(local.map((slot) => [slot.lang, slot]));
  const shown = pulled.map((server) => resolveSlot(server, localByLang.get(server.lang)).slot ?? server);
  const pulledLangs = new Set(pulled.map((slot) => slot.lang));
  return [...shown, ...local.filter((slot) => !pulledLangs.has(slot.lang))];
}

/** The translator name saved last on this device; empty before the first save. */
export async function getTranslatorName(db: LoaxaDb): Promise<string> {
  return (await getMeta(db, 'translatorName')) ?? '';
}

function toLocalSlot(save: SlotSave, audioId: string | null, baseRev: number, now: Date): LocalSlot {
  const translator = save.translator.trim();
  const checked = validate(LanguageSlotSchema, {
    bulletinId: save.bulletinId,
    lang: save.lang,
    bulletinVersion: save.bulletinVersion,
    text: save.text.trim(),
    audioId,
    status: save.status,
    translator: translator === '' ? null : translator,
    reviewer: null,
    reviewComment: null,
    updatedAt: now.toISOString(),
    rev: baseRev,
  });
  if (!checked.ok) {
    throw new Error(`invalid slot: ${checked.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
  }
  return { ...checked.value, status: save.status, baseRev };
}

/**
 * Saves an edit on the device as a local slot, with its recording, in one transaction; returns the stored slot.
 * Throws SlotEditError (nothing written) when the edit is incomplete, AttachmentError when the recording cannot
 * be stored, and the storage error (see isQuotaError) when the disk is full, leaving what was stored intact.
 */
export async function saveLocalSlot(db: LoaxaDb, save: SlotSave, now: Date = new Date()): Promise<LocalSlot> {
  const problems = checkSlotEdit({ ...save, hasRecording: save.audio !== null });
  if (problems.length > 0) throw new SlotEditError(problems);
  let recording: StoredAttachment | null = null;
  if (save.audio && 'blob' in save.audio)
    recording = await describeAttachment(save.audio.blob, save.audio.mime);
  const audioId = recording?.id ?? (save.audio && 'id' in save.audio ? save.audio.id : null);
  const tables = [db.localSlots, db.slots, db.attachments, db.logs, db.meta];
  return db.transaction('rw', tables, async () => {
    const key: [string, string] = [save.bulletinId, save.lang];
    const [server, previous] = await Promise.all([db.slots.get(key), db.localSlots.get(key)]);
    const { source } = resolveSlot(server, previous);
    // Editing on top of the local edit keeps its base; otherwise the edit starts from what the server sent.
    const baseRev = source === 'local' && previous ? previous.baseRev : (server?.rev ?? 0);
    const slot = toLocalSlot(save, audioId, baseRev, now);
    if (recording) await storeAttachment(db, recording);
    await db.localSlots.put(slot);
    if (previous?.audioId && previous.audioId !== audioId) {
      await deleteAttachmentIfUnreferenced(db, previous.audioId);
    }
    if (slot.translator) await setMeta(db, 'translatorName', slot.translator);
    return slot;
  });
}

/** Drops the local edit of one bulletin and language, so the server's slot (if any) shows again. */
export async function discardLocalSlot(db: LoaxaDb, bulletinId: string, lang: LanguageCode): Promise<void> {
  await db.transaction('rw', [db.localSlots, db.slots, db.attachments, db.logs], async () => {
    const previous = await db.localSlots.get([bulletinId, lang]);
    if (!previous) return;
    await db.localSlots.delete([bulletinId, lang]);
    if (previous.audioId) await deleteAttachmentIfUnreferenced(db, previous.audioId);
  });
}

/** A submitted edit ready to send, with its submission id. */
export type PendingSubmission = StoredLocalSlot & { submissionId: string };

function isPending(slot: StoredLocalSlot): boolean {
  return (
    slot.status === 'submitted' && slot.submissionSentAt === undefined && slot.submissionError === undefined
  );
}

/** Submitted edits the server does not have yet; rejected or refused ones are not counted. */
export async function countPendingSubmissions(db: LoaxaDb): Promise<number> {
  return db.localSlots.where('status').equals('submitted').filter(isPending).count();
}

/** Submitted edits not yet sent, each given its submission id first (stored, so a resend reuses it). */
export async function listPendingSubmissions(db: LoaxaDb): Promise<PendingSubmission[]> {
  return db.transaction('rw', db.localSlots, async () => {
    const pending = await db.localSlots.where('status').equals('submitted').filter(isPending).toArray();
    const withIds = pending.map((slot) => ({ ...slot, submissionId: slot.submissionId ?? uuidV7() }));
    await db.localSlots.bulkPut(withIds.filter((slot, i) => pending[i]?.submissionId === undefined));
    return withIds;
  });
}

async function updateSubmission(
  db: LoaxaDb,
  submission: PendingSubmission,
  change: Partial<StoredLocalSlot>,
): Promise<void> {
  await db.transaction('rw', db.localSlots, async () => {
    const key: [string, string] = [submission.bulletinId, submission.lang];
    const current = await db.localSlots.get(key);
    // An edit saved meanwhile is a new submission: this answer is not about it.
    if (current?.submissionId === submission.submissionId) await db.localSlots.put({ ...current, ...change });
  });
}

/** Records that the server has the submission. */
export async function markSubmissionSent(
  db: LoaxaDb,
  submission: PendingSubmission,
  now: Date = new Date(),
): Promise<void> {
  await updateSubmission(db, submission, { submissionSentAt: now.toISOString() });
}

/** Records the server's refusal of a submission (an error code); it is not sent again until edited. */
export async function markSubmissionRefused(
  db: LoaxaDb,
  submission: PendingSubmission,
  code: string,
): Promise<void> {
  await updateSubmission(db, submission, { submissionError: code });
}

/**
 * Sends submissions again that a re-sync found the server does not know (resync-repository.ts): what the old
 * server said about them (sent, approved) is forgotten and they wait to be sent, under the same id. Joins the
 * caller's transaction, which must include localSlots.
 */
export async function markSubmissionsUnsent(db: LoaxaDb, submissionIds: readonly string[]): Promise<void> {
  const slots = await db.localSlots.where('submissionId').anyOf(submissionIds).toArray();
  await db.localSlots.bulkPut(
    slots.map(({ submissionSentAt: _sent, approvedAt: _approved, ...slot }) => slot),
  );
}

/**
 * Applies reviews from a pull page, then drops approved edits whose approved slot is on the device (see the
 * module comment). Joins the caller's transaction, which must include slots and localSlots. Returns how many
 * edits a review changed.
 */
export async function applySlotReviews(db: LoaxaDb, reviews: readonly SlotReview[]): Promise<number> {
  let changed = 0;
  for (const review of reviews) {
    if (review.status === 'submitted') continue;
    const local = await db.localSlots.where('submissionId').equals(review.submissionId).first();
    if (!local) continue;
    changed += 1;
    if (review.status === 'approved') {
      await db.localSlots.put({ ...local, approvedAt: review.updatedAt, reviewer: review.reviewer });
      continue;
    }
    const {
      submissionId: _id,
      submissionSentAt: _sent,
      submissionError: _error,
      approvedAt: _at,
      ...edit
    } = local;
    await db.localSlots.put({
      ...edit,
      status: 'draft',
      reviewer: review.reviewer,
      reviewComment: review.reviewComment,
    });
  }
  const approved = await db.localSlots.filter((slot) => slot.approvedAt !== undefined).toArray();
  for (const local of approved) {
    const key: [string, string] = [local.bulletinId, local.lang];
    if (resolveSlot(await db.slots.get(key), local).source === 'server') await db.localSlots.delete(key);
  }
  return changed;
}
