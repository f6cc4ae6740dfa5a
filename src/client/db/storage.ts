/**
 * How much of the device LoaXa occupies, and what a full disk looks like. Policy: every save path writes in one
 * transaction, so a disk that fills up mid-save aborts that save and leaves everything stored before untouched;
 * callers recognise the failure with isQuotaError and say so instead of losing the user's work silently.
 */
import { attachmentUsage, type AttachmentUsage } from './attachment-repository.ts';
import type { LoaxaDb } from './database.ts';

/** DOMException's legacy code for QuotaExceededError, still set by every engine. */
const QUOTA_EXCEEDED_CODE = 22;
/** Firefox's code (NS_ERROR_DOM_QUOTA_REACHED) on storage that predates the standard name. */
const FIREFOX_QUOTA_CODE = 1014;

/** The standard name, old WebKit's (localStorage) and old Firefox's. */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'QUOTA_EXCEEDED_ERR', 'NS_ERROR_DOM_QUOTA_REACHED']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  inner?: unknown;
  failures?: unknown;
  cause?: unknown;
}

/**
 * Whether a storage failure means the disk or the origin's quota is full. Recognises the shapes it arrives in:
 * the DOMException itself; Dexie's QuotaExceededError (the request failed, `inner` holds the DOMException); Dexie's
 * AbortError from a transaction the browser aborted at commit (`inner` is the transaction's error); Dexie's
 * BulkError and ModifyError (`failures`); and an error rethrown with the original as its `cause`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { name, code, inner, failures, cause } = error as ErrorShape;
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
  if (error instanceof DOMException && (code === QUOTA_EXCEEDED_CODE || code === FIREFOX_QUOTA_CODE))
    return true;
  if (isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1)) return true;
  const list = Array.isArray(failures)
    ? failures
    : typeof failures === 'object'
      ? Object.values(failures ?? {})
      : [];
  return list.some((failure) => isQuotaError(failure, depth + 1));
}

/** What LoaXa's own data occupies, counted from the database. */
export interface DataUsage extends AttachmentUsage {
  /** Approximate: the UTF-8 size of the stored bulletins, their search text, slots and units as JSON. */
  bulletinBytes: number;
}

/** What the browser reports for this origin; null where it does not say. */
export interface StorageEstimateReport {
  usage: number | null;
  quota: number | null;
  /** Chromium's usageDetails.caches: the app's own files kept by the service worker. */
  appFileBytes: number | null;
  persisted: boolean | null;
}

/** Sums what bulletins (as JSON) and attachments (their sizes) occupy. */
export async function dataUsage(db: LoaxaDb): Promise<DataUsage> {
  const encoder = new TextEncoder();
  let bulletinBytes = 0;
  const add = (row: unknown) => {
    bulletinBytes += encoder.encode(JSON.stringify(row)).length;
  };
  await db.transaction(
    'r',
    [db.bulletins, db.bulletinSearch, db.slots, db.localSlots, db.units],
    async () => {
      await db.bulletins.each(add);
      await db.bulletinSearch.each(add);
      await db.slots.each(add);
      await db.localSlots.each(add);
      await db.units.each(add);
    },
  );
  return { bulletinBytes, ...(await attachmentUsage(db)) };
}

/** Asks the browser how much this origin uses, may use, and whether its storage is persistent. */
export async function estimateStorage(): Promise<StorageEstimateReport> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.estimate) return { usage: null, quota: null, appFileBytes: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  // usageDetails is Chromium's extension of StorageEstimate, absent from the DOM typings.
  const details = (estimate as StorageEstimate & { usageDetails?: Record<string, number> }).usageDetails;
  return {
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null,
    appFileBytes: details?.caches ?? null,
    persisted,
  };
}
