/**
 * Attachments over the wire, content-addressed by SHA-256. Upload: for each attachment unsent work names and the
 * server is not known to hold (attachment-repository.ts), HEAD asks whether it has the bytes and PUT sends them
 * only if not; either way the device remembers it, so the next sync asks nothing. Download: recordings of pulled
 * slots that the device lacks are fetched and kept only if their bytes hash to their id, so a broken or
 * tampered transfer never becomes a recording the operator plays.
 */
import {
  AttachmentError,
  describeAttachment,
  getAttachmentBlob,
  listAttachmentsToUpload,
  listMissingRecordings,
  markUploaded,
  storeDownloadedAttachment,
} from '../db/attachment-repository.ts';
import type { LoaxaDb, StoredAttachment } from '../db/database.ts';
import { deviceLanguages, getDeviceSettings } from '../db/settings-repository.ts';
import { send, type SyncError, type Transport } from './transport.ts';

/** A 20 MB recording over 2G takes minutes; a small request that long is a dead connection. */
const HEAD_TIMEOUT_MS = 30_000;
const TRANSFER_TIMEOUT_MS = 15 * 60_000;

/** Reports items done out of the total. */
export type CountProgress = (done: number, total: number) => void;

/** What an upload run did, and why it stopped early (null when it did not). */
export interface UploadCounts {
  uploaded: number;
  /** Ones the server already had. */
  skipped: number;
  error: SyncError | null;
}

/** Uploads the attachments unsent work names (see the module comment). */
export async function uploadAttachments(
  db: LoaxaDb,
  transport: Transport,
  token: string,
  onProgress: CountProgress = () => undefined,
): Promise<UploadCounts> {
  const counts: UploadCounts = { uploaded: 0, skipped: 0, error: null };
  const wanted = await listAttachmentsToUpload(db);
  onProgress(0, wanted.length);
  for (const [i, attachment] of wanted.entries()) {
    const path = `/api/attachments/${attachment.id}`;
    const head = await send(transport, {
      method: 'HEAD',
      path,
      token,
      timeoutMs: HEAD_TIMEOUT_MS,
      expect: [404],
    });
    if (!head.ok) return { ...counts, error: head.error };
    if (head.response.status === 404) {
      const blob = await getAttachmentBlob(db, attachment.id);
      if (!blob) continue;
      const put = await send(transport, { method: 'PUT', path, token, blob, timeoutMs: TRANSFER_TIMEOUT_MS });
      if (!put.ok) return { ...counts, error: put.error };
      counts.uploaded += 1;
    } else {
      counts.skipped += 1;
    }
    await markUploaded(db, [attachment.id]);
    onProgress(i + 1, wanted.length);
  }
  return counts;
}

/** The downloaded bytes described for storing; null when they cannot be an attachment (empty, too large, odd type). */
async function checked(blob: Blob, mime: string): Promise<StoredAttachment | null> {
  try {
    return await describeAttachment(blob, mime);
  } catch (e) {
    if (e instanceof AttachmentError) return null;
    throw e;
  }
}

/** What a download run did, and why it stopped early (null when it did not). */
export interface DownloadCounts {
  downloaded: number;
  error: SyncError | null;
}

/** Downloads the recordings of pulled slots in the device's languages that the device does not hold. */
export async function downloadRecordings(
  db: LoaxaDb,
  transport: Transport,
  token: string,
  onProgress: CountProgress = () => undefined,
): Promise<DownloadCounts> {
  const counts: DownloadCounts = { downloaded: 0, error: null };
  const missing = await listMissingRecordings(db, deviceLanguages(await getDeviceSettings(db)));
  onProgress(0, missing.length);
  for (const [i, id] of missing.entries()) {
    const answer = await send(transport, {
      method: 'GET',
      path: `/api/attachments/${id}`,
      token,
      timeoutMs: TRANSFER_TIMEOUT_MS,
    });
    if (!answer.ok) return { ...counts, error: answer.error };
    let blob: Blob;
    try {
      blob = await answer.response.blob();
    } catch {
      return { ...counts, error: { kind: 'network' } };
    }
    const mime = (answer.response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const stored = await checked(blob, mime);
    if (!stored || stored.id !== id) {
      return { ...counts, error: { kind: 'invalid', detail: `attachment ${id} does not match its hash` } };
    }
    await storeDownloadedAttachment(db, stored);
    counts.downloaded += 1;
    onProgress(i + 1, missing.length);
  }
  return counts;
}
