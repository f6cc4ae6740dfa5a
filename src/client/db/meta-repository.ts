import type { LanguageCode } from '../../domain/languages.ts';
import type { LogDraft } from '../../domain/log-draft.ts';
import type { Channel } from '../../domain/schemas/broadcast-log.ts';
import type { LoaxaDb } from './database.ts';
import type { Enrolment } from './enrolment-repository.ts';
import type { Resync } from './resync-repository.ts';

/** Every meta key with the type of its value. */
export interface MetaValues {
  /** Rev of the last server change committed locally; absent before the first pull. */
  pullCursor: number;
  /** Identity of the server database the pull cursor counts in; absent before the first pull page. */
  pullDatabase: string;
  /** The re-sync after the server's database changed, until the pull after it; see resync-repository.ts. */
  resync: Resync;
  /** When a pull last reached the end of the server's changes (ISO timestamp). */
  lastPullAt: string;
  /** When a whole sync (attachments, logs, translations, pull) last finished without an error. */
  lastSyncAt: string;
  /** This device's enrolment with the server; absent before it is enrolled. See enrolment-repository.ts. */
  enrolment: Enrolment;
  /** The bearer token the server gave at enrolment; never leaves IndexedDB except in the Authorization header. */
  deviceToken: string;
  /** Name the slot editor last saved as translator, offered again for the next translation. */
  translatorName: string;
  /** The unit this device serves, chosen in More until device enrolment sets it; see settings-repository.ts. */
  deviceUnitId: string;
  /** Languages the operator added on this device beyond the unit's own. */
  addedLanguages: LanguageCode[];
  /** Who broadcasts from this device, written into every log it drafts; see settings-repository.ts. */
  operatorName: string;
  /** The channel logs are drafted with, once the operator picked one (else it follows the unit's level). */
  defaultChannel: Channel;
  /** The unit's daily broadcast times (HH:mm, earliest first); absent means the usual 06:00 and 17:00. */
  broadcastSlots: string[];
  /** Whether the operator wants a reminder before each broadcast time. */
  remindersEnabled: boolean;
  /** Broadcast logs drafted from playbacks and not yet confirmed or discarded; see draft-repository.ts. */
  pendingDrafts: LogDraft[];
}

/** Reads one meta value; undefined when it was never set. */
export async function getMeta<K extends keyof MetaValues>(
  db: LoaxaDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const entry = await db.meta.get(key);
  return entry?.value as MetaValues[K] | undefined;
}

/** Writes one meta value (joins the caller's Dexie transaction when there is one). */
export async function setMeta<K extends keyof MetaValues>(
  db: LoaxaDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

/** Removes one meta value (joins the caller's Dexie transaction when there is one). */
export async function deleteMeta(db: LoaxaDb, key: keyof MetaValues): Promise<void> {
  await db.meta.delete(key);
}

/** The rev after which the next pull starts: 0 before the first pull. */
export async function getPullCursor(db: LoaxaDb): Promise<number> {
  return (await getMeta(db, 'pullCursor')) ?? 0;
}
