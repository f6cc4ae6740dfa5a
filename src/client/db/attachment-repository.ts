/**
 * Recordings and photos kept on the device as Blobs, content-addressed: the id is the SHA-256 of the bytes, so
 * the same bytes are stored once however often they are saved, and a later upload can skip what the server has.
 *
 * Policy: an attachment stays while anything names it: a pulled slot, a local slot edit, or a broadcast log's
 * photos. It is deleted at one moment only: when a local slot edit replaces or removes its recording, the old
 * recording goes if nothing else names it (it was made here and, unreferenced, can never be sent; had it been
 * sent, the server keeps its own copy). Nothing is collected at any other time, so bytes whose reference is
 * about to be written are never swept away.
 *
 * Sync: the table `uploads` remembers which attachments the server holds (uploaded from here, or downloaded from
 * it), so each one is offered to the server once; a server whose database was restored or replaced may have lost
 * some, so a re-sync forgets them all (resync-repository.ts). Only the attachments unsent work names are uploaded:
 * photos of logs waiting in the outbox and recordings of slots waiting to be submitted. Recordings of pulled slots
 * in the device's languages are downloaded after a pull and kept only if their bytes hash to their id.
 */
import { AttachmentSchema, MAX_ATTACHMENT_BYTES, type Attachment } from '../../domain/schemas/attachment.ts';
import { validate } from '../../domain/validation.ts';
import { VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import { PUSH_BATCH_MAX } from '../../domain/sync.ts';
import type { LoaxaDb, StoredAttachment } from './database.ts';

/** A mime type LoaXa stores attachments under. */
export type AttachmentMime = Attachment['mime'];

/** Why bytes cannot be stored as an attachment. */
export type AttachmentProblem = 'empty' | 'tooLarge' | 'unsupportedType';

/** Raised before anything is written when bytes cannot become an attachment. */
export class AttachmentError extends Error {
  /** Builds the error for one problem. */
  constructor(readonly problem: AttachmentProblem) {
    super(`attachment rejected: ${problem}`);
    this.name = 'AttachmentError';
  }
}

/** Bytes and count of one kind of attachment. */
export interface UsageOfKind {
  count: number;
  bytes: number;
}

/** What attachments occupy on the device, by kind. */
export interface AttachmentUsage {
  recordings: UsageOfKind;
  photos: UsageOfKind;
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Hashes and checks bytes, ready to store. Call it outside any Dexie transaction: hashing is asynchronous work
 * IndexedDB does not wait for, so a transaction left open across it would commit early.
 */
export async function describeAttachment(blob: Blob, mime: string): Promise<StoredAttachment> {
  if (blob.size === 0) throw new AttachmentError('empty');
  if (blob.size > MAX_ATTACHMENT_BYTES) throw new AttachmentError('tooLarge');
  const id = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  const checked = validate(AttachmentSchema, { id, mime, size: blob.size });
  if (!checked.ok) throw new AttachmentError('unsupportedType');
  return { ...checked.value, blob };
}

/** Writes a described attachment unless the same bytes are already stored; joins the caller's transaction. */
export async function storeAttachment(db: LoaxaDb, attachment: StoredAttachment): Promise<void> {
  if ((await db.attachments.where('id').equals(attachment.id).count()) === 0) {
    await db.attachments.add(attachment);
  }
}

/** Stores bytes as an attachment (once, however often they are put) and returns its description. */
export async function putAttachment(db: LoaxaDb, blob: Blob, mime: string): Promise<Attachment> {
  const stored = await describeAttachment(blob, mime);
  await db.transaction('rw', db.attachments, () => storeAttachment(db, stored));
  return { id: stored.id, mime: stored.mime, size: stored.size };
}

/** The bytes of a stored attachment, typed with its mime; undefined when the device does not hold them. */
export async function getAttachmentBlob(db: LoaxaDb, id: string): Promise<Blob | undefined> {
  const row = await db.attachments.get(id);
  if (!row) return undefined;
  return row.blob.type === row.mime ? row.blob : new Blob([row.blob], { type: row.mime });
}

/** Counts and sums attachment sizes by kind (recordings are audio, photos are images). */
export async function attachmentUsage(db: LoaxaDb): Promise<AttachmentUsage> {
  const usage: AttachmentUsage = { recordings: { count: 0, bytes: 0 }, photos: { count: 0, bytes: 0 } };
  await db.attachments.each((row) => {
    const kind = row.mime.startsWith('audio/') ? usage.recordings : usage.photos;
    kind.count += 1;
    kind.bytes += row.size;
  });
  return usage;
}

/** Whether a pulled slot, a local slot edit or a broadcast log names the attachment; joins the caller's transaction. */
export async function isAttachmentReferenced(db: LoaxaDb, id: string): Promise<boolean> {
  if ((await db.slots.where('audioId').equals(id).count()) > 0) return true;
  if ((await db.localSlots.where('audioId').equals(id).count()) > 0) return true;
  // No index: logs name photos only, and only a replaced recording is ever checked, rarely.
  return (await db.logs.filter((log) => log.photoIds.includes(id)).count()) > 0;
}

/**
 * Deletes an attachment nothing names any more (see the module comment for when that is done); returns whether
 * it was deleted. Needs slots, localSlots, logs and attachments in the caller's transaction.
 */
export async function deleteAttachmentIfUnreferenced(db: LoaxaDb, id: string): Promise<boolean> {
  if (await isAttachmentReferenced(db, id)) return false;
  await db.attachments.delete(id);
  return true;
}

/** Attachments unsent work names (see the module comment) that the server is not known to hold, stored here. */
export async function listAttachmentsToUpload(db: LoaxaDb): Promise<Attachment[]> {
  const tables = [db.outbox, db.logs, db.localSlots, db.attachments, db.uploads];
  return db.transaction('r', tables, async () => {
    const waiting = await db.outbox.filter((entry) => entry.rejectedReason === undefined).primaryKeys();
    const named = new Set<string>();
    // After a re-sync the whole log chain waits: its logs are read a push batch at a time, not all at once.
    for (let start = 0; start < waiting.length; start += PUSH_BATCH_MAX) {
      const logs = await db.logs.bulkGet(waiting.slice(start, start + PUSH_BATCH_MAX));
      for (const log of logs) for (const id of log?.photoIds ?? []) named.add(id);
    }
    const slots = await db.localSlots
      .where('status')
      .equals('submitted')
      .filter((slot) => slot.submissionSentAt === undefined && slot.submissionError === undefined)
      .toArray();
    for (const slot of slots) if (slot.audioId !== null) named.add(slot.audioId);
    const ids = [...named];
    const known = await db.uploads.bulkGet(ids);
    const wanted = ids.filter((_, i) => known[i] === undefined);
    const rows = await db.attachments.bulkGet(wanted);
    return rows.flatMap((row) => (row ? [{ id: row.id, mime: row.mime, size: row.size }] : []));
  });
}

/** Remembers that the server holds these attachments. */
export async function markUploaded(
  db: LoaxaDb,
  ids: readonly string[],
  now: Date = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.uploads.bulkPut(ids.map((id) => ({ id, at })));
}

/** Forgets that the server holds an attachment (it said otherwise), so the next sync uploads it again. */
export async function forgetUpload(db: LoaxaDb, id: string): Promise<void> {
  await db.uploads.delete(id);
}

/**
 * Forgets every attachment the server was known to hold, so the next sync asks it again about each one unsent
 * work names; joins the caller's transaction.
 */
export async function forgetAllUploads(db: LoaxaDb): Promise<void> {
  await db.uploads.clear();
}

/**
 * Recordings named by pulled slots in Vietnamese or the given languages that the device does not hold, one entry
 * per recording.
 */
export async function listMissingRecordings(db: LoaxaDb, langs: readonly LanguageCode[]): Promise<string[]> {
  return db.transaction('r', [db.slots, db.attachments], async () => {
    const slots = await db.slots
      .where('lang')
      .anyOf([VIETNAMESE, ...langs])
      .filter((slot) => slot.audioId !== null)
      .toArray();
    const ids = [...new Set(slots.flatMap((slot) => (slot.audioId === null ? [] : [slot.audioId])))];
    const held = await db.attachments.bulkGet(ids);
    return ids.filter((_, i) => held[i] === undefined);
  });
}

/** Stores a recording downloaded from the server and remembers the server holds it; joins no transaction. */
export async function storeDownloadedAttachment(
  db: LoaxaDb,
  attachment: StoredAttachment,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.attachments, db.uploads], async () => {
    await storeAttachment(db, attachment);
    await markUploaded(db, [attachment.id], now);
  });
}
