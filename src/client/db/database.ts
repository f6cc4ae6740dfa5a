/**
 * The device's IndexedDB, through Dexie. Everything the operator needs offline lives here; the UI reads only
 * from here and the server is reached only by sync. What is stored where, and why:
 *
 * - bulletins: published and withdrawn bulletins as pulled, exactly the domain `Bulletin`. A withdrawn bulletin
 *   stays, marked by its status, so a reader link or a log naming it still resolves and can say "withdrawn";
 *   lists and search show published ones only.
 * - bulletinSearch: the list entry of each published bulletin: the fields lists show and sort by, and its folded
 *   search fields (searchDocOf, src/domain/search.ts). Lists and search read only this table, so 5,000
 *   bulletins are listed without reading their bodies; folding happens once, when a bulletin is stored. Kept
 *   apart so the stored bulletin stays the domain type; written in the same transaction as the bulletin,
 *   deleted when it is withdrawn.
 * - slots: language slots (translation text, recording id, status) as pulled, keyed by [bulletinId+lang].
 * - localSlots: slots edited on this device (draft or submitted) and not yet sent, same key, each with the server
 *   rev it started from. Kept apart so a pull never overwrites unsent work; which of the two is shown is
 *   decided by resolveSlot (src/domain/slot-edit.ts): see slot-repository.ts. A submitted one carries the id of
 *   its submission (made before the first send, so a resend is stored once by the server) and, once the server
 *   has it, when it was sent; the reviews a pull brings are matched to it by that id.
 * - units: the part of the unit tree the server sends; their languages decide the reader's language tabs.
 * - logs: broadcast logs recorded on this device, immutable once written (hash chain by [deviceId+seq], unique);
 *   indexed by the log they correct, so a bulletin's airings can leave out corrected logs, and by start time
 *   alone and after bulletin, unit, channel or language, so history reads a day or a filter as one range. Only
 *   the log writer (src/client/evidence/log-writer.ts) adds logs, always with their outbox entry in the same
 *   transaction; nothing deletes or changes one.
 * - outbox: the ids of logs the server has not acknowledged yet, in seq order. An acknowledged log leaves the
 *   outbox, never the logs table; when the server's database is restored or replaced the whole chain comes back,
 *   as the new database has not acknowledged it (resync-repository.ts). A log the server refused stays, marked with the reason (rejectedReason), so
 *   the operator sees it and it is not sent again. Read-write transactions that touch it commit with strict
 *   durability, so a log reported saved is on disk, not only handed to the operating system (see openDb).
 * - logReceipts: the server's answer for each acknowledged log (its verification), by log id, written in the
 *   transaction that takes the log out of the outbox; history shows it beside the log.
 * - uploads: ids of attachments the server is known to hold (uploaded or downloaded from it), so a sync asks
 *   the server about each one once, not on every run.
 * - deviceKeys: the device's identity: its id and ECDSA P-256 signing key pair, the private key a
 *   non-extractable CryptoKey (IndexedDB keeps CryptoKeys by structured clone, unreadable to scripts). One row,
 *   created on first use (src/client/evidence/device-key.ts); never exported, never deleted.
 * - attachments: recordings and photos as Blobs, content-addressed by SHA-256; see attachment-repository.ts for
 *   when an unreferenced one is deleted.
 * - resyncReceived: while the device pulls everything again from a server whose database changed (restored
 *   or replaced), the keys of what that server sent, so what it did not send can be dropped once the re-sync
 *   is complete: see resync-repository.ts. Empty at any other time.
 * - meta: small typed key/values (pull cursor, last pull and sync times, the enrolment and the device's bearer
 *   token): see meta-repository.ts. The token is kept here, not in localStorage, so the service worker can
 *   sync with it and it is not readable by every script on the origin through a synchronous API. The UI
 *   language is kept in localStorage by the app instead, because it must be known synchronously before the
 *   first paint.
 *
 * Only the repositories in this folder touch these tables.
 */
import Dexie, { type DBCore, type Table, type Transaction } from 'dexie';
import type { BulletinListItem } from '../../domain/bulletin-listing.ts';
import type { LogProblem } from '../../domain/evidence/verify-log.ts';
import type { LogDraft } from '../../domain/log-draft.ts';
import type { LogFormValues } from '../../domain/log-form.ts';
import type { Attachment } from '../../domain/schemas/attachment.ts';
import type { BroadcastLog, Verification } from '../../domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { PublicKeyJwk } from '../../domain/schemas/device.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import { searchDocOf, type SearchDoc } from '../../domain/search.ts';
import type { LocalSlot } from '../../domain/slot-edit.ts';
import type { PushRejection } from '../../domain/sync.ts';

/** The list entry of one published bulletin: what lists show and sort by, and its folded search fields. */
export interface SearchEntry extends BulletinListItem {
  search: SearchDoc;
}

/** Builds the list entry of a bulletin. */
export function searchEntryOf(b: Bulletin): SearchEntry {
  const { id, title, topic, urgency, validFrom, validUntil, updatedAt } = b;
  return { id, title, topic, urgency, validFrom, validUntil, updatedAt, search: searchDocOf(b) };
}

/** A log waiting for the server's acknowledgement, or refused by the server (then with the reason). */
export interface OutboxEntry {
  id: string;
  seq: number;
  queuedAt: string;
  /** Why the server refused the log; absent while it is waiting to be sent. */
  rejectedReason?: PushRejection;
  rejectedAt?: string;
}

/** The entry waiting to be sent again: its rejection taken off. */
export function withoutRejection({
  rejectedReason: _reason,
  rejectedAt: _at,
  ...entry
}: OutboxEntry): OutboxEntry {
  return entry;
}

/** The server's acknowledgement of one log. */
export interface LogReceipt {
  id: string;
  verification: Verification;
  /** Why the server did not verify the log (absent when verified, and in receipts of older servers). */
  problem?: LogProblem;
  acknowledgedAt: string;
}

/** A unit, bulletin, slot or review a re-sync received, as `unit:<id>`, `slot:<bulletinId>:<lang>`, …. */
export interface ResyncKey {
  key: string;
}

/** An attachment the server is known to hold. */
export interface UploadRecord {
  id: string;
  at: string;
}

/** A local slot edit with what the sync knows about its submission for review. */
export interface StoredLocalSlot extends LocalSlot {
  /** Id of the submission (UUID v7), made before the first send; absent until the slot is sent for review. */
  submissionId?: string;
  /** When the server confirmed it has the submission. */
  submissionSentAt?: string;
  /** Error code the server refused the submission with; it is not sent again until the slot is edited. */
  submissionError?: string;
  /** Set when the submission was approved, until the approved slot has been pulled and replaces the edit. */
  approvedAt?: string;
}

/** An attachment's bytes with its description. */
export interface StoredAttachment extends Attachment {
  blob: Blob;
}

/** The device's identity: its id and signing key pair (the private half non-extractable). */
export interface DeviceKeyRecord {
  deviceId: string;
  publicKeyJwk: PublicKeyJwk;
  privateKey: CryptoKey;
  createdAt: string;
}

/** One meta setting; values are typed by key in meta-repository.ts. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** The typed database handle that repositories receive. */
export type LoaxaDb = Dexie & {
  bulletins: Table<Bulletin, string>;
  bulletinSearch: Table<SearchEntry, string>;
  slots: Table<LanguageSlot, [string, string]>;
  localSlots: Table<StoredLocalSlot, [string, string]>;
  units: Table<Unit, string>;
  logs: Table<BroadcastLog, string>;
  outbox: Table<OutboxEntry, string>;
  attachments: Table<StoredAttachment, string>;
  meta: Table<MetaEntry, string>;
  deviceKeys: Table<DeviceKeyRecord, string>;
  logReceipts: Table<LogReceipt, string>;
  uploads: Table<UploadRecord, string>;
  resyncReceived: Table<ResyncKey, string>;
};

/** A pending draft as stored before version 6: its form had no completed passes. */
type DraftBeforeCompletion = Omit<LogDraft, 'form'> & {
  form: Omit<LogFormValues, 'completedPasses' | 'measuredPasses'> | null;
};

/** Rewrites every list entry from its stored bulletin, when searchDocOf folds differently from before. */
async function rebuildSearchEntries(tx: Transaction): Promise<void> {
  const published = await tx
    .table<Bulletin, string>('bulletins')
    .where('status')
    .equals('published')
    .toArray();
  await tx.table('bulletinSearch').clear();
  await tx.table<SearchEntry, string>('bulletinSearch').bulkPut(published.map(searchEntryOf));
}

interface SchemaVersion {
  version: number;
  reason: string;
  stores: Record<string, string | null>;
  /** Rewrites stored rows into the new shape, once, when a device opens the database at this version. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Every schema shipped, oldest first. A shipped entry is never edited: a change appends the next version. */
const VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    reason: 'first offline store: pulled bulletins, slots and units; device logs, outbox, attachments; meta',
    stores: {
      bulletins: 'id, status, urgency, topic, validFrom, validUntil, updatedAt, rev',
      bulletinSearch: 'id',
      slots: '[bulletinId+lang], lang, status, bulletinId',
      units: 'id, parentId',
      logs: 'id, [deviceId+seq], bulletinId, startedAt, unitId, channel, lang',
      outbox: 'id, seq, queuedAt',
      attachments: 'id',
      meta: 'key',
    },
  },
  {
    version: 2,
    reason: 'localSlots: unsent slot edits apart from pulled ones; audioId indexes find who uses a recording',
    stores: {
      slots: '[bulletinId+lang], lang, status, bulletinId, audioId',
      localSlots: '[bulletinId+lang], bulletinId, status, audioId',
    },
  },
  {
    version: 3,
    reason: 'bulletinSearch holds list fields and per-field folded text for ranking; logs by correctsLogId',
    stores: {
      logs: 'id, [deviceId+seq], bulletinId, startedAt, unitId, channel, lang, correctsLogId',
    },
    upgrade: rebuildSearchEntries,
  },
  {
    version: 4,
    reason:
      'deviceKeys: the signing identity; one log per chain place; logs by time within bulletin, unit, channel, lang',
    stores: {
      // A compound index also answers queries on its first field alone (Dexie's virtual indexes), so the
      // single-field bulletinId, unitId, channel and lang indexes go: fewer indexes, faster log writes.
      // [deviceId+seq] becomes unique: the database itself refuses a second log at one place in a chain.
      logs: 'id, &[deviceId+seq], startedAt, createdAt, correctsLogId, [bulletinId+startedAt], [unitId+startedAt], [channel+startedAt], [lang+startedAt]',
      deviceKeys: 'deviceId',
    },
  },
  {
    version: 5,
    reason:
      'sync: rejected logs marked in the outbox, receipts per log, attachments known uploaded, submissions by id',
    stores: {
      // Only rejected entries have a rejectedReason, and IndexedDB leaves rows without the key out of the index:
      // the index holds exactly the rejected logs, so counting or listing them reads nothing else.
      outbox: 'id, seq, queuedAt, rejectedReason',
      localSlots: '[bulletinId+lang], bulletinId, status, audioId, submissionId',
      logReceipts: 'id',
      uploads: 'id',
    },
  },
  {
    version: 6,
    reason:
      'logs state their completed passes: pending drafts get the passes their playback measured; seq_conflict is resent',
    stores: {},
    upgrade: async (tx) => {
      // A server before its migration 005 could give a forged log the seq of a genuine one and refuse the genuine
      // log as seq_conflict; later servers take the forgery out of the chain, so those logs are sent again.
      const outbox = tx.table<OutboxEntry, string>('outbox');
      const conflicts = await outbox.where('rejectedReason').equals('seq_conflict').toArray();
      await outbox.bulkPut(conflicts.map(withoutRejection));
      const meta = tx.table<{ key: string; value: unknown }, string>('meta');
      const entry = await meta.get('pendingDrafts');
      if (!entry) return;
      // A draft made before the update would otherwise be written without completion, and a stopped playback
      // would then be read as a complete airing (completion.ts).
      const drafts = (entry.value as DraftBeforeCompletion[]).map((draft): LogDraft => {
        const passes = draft.playback.repeatsCompleted;
        return {
          ...draft,
          log: { ...draft.log, completion: { passes, measured: true } },
          form: draft.form && { ...draft.form, completedPasses: String(passes), measuredPasses: passes },
        };
      });
      await meta.put({ key: 'pendingDrafts', value: drafts });
    },
  },
  {
    version: 7,
    reason:
      'resyncReceived: what a re-sync from a restored or replaced server sent, to drop the rest after it',
    stores: { resyncReceived: 'key' },
  },
  {
    version: 8,
    reason:
      'bulletinSearch folds the body and names the topic: a search matches within one field, ranks topics',
    stores: {},
    upgrade: rebuildSearchEntries,
  },
];

/** Name of the app's database, opened by the app and by the service worker's background sync. */
export const APP_DB_NAME = 'loaxa';

/**
 * Commits every read-write transaction that touches the outbox with strict durability: Chromium (from 121)
 * otherwise reports a commit once the data is handed to the operating system, and a phone whose battery dies
 * then could lose a log the operator was told was saved.
 */
function strictOutboxWrites(down: DBCore): DBCore {
  return {
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(
        stores,
        mode,
        mode === 'readwrite' && stores.includes('outbox') ? { ...options, durability: 'strict' } : options,
      ),
  };
}

/** Opens (lazily, on first query) the LoaXa database of the given name; tests pass a unique name each. */
export function openDb({ name }: { name: string }): LoaxaDb {
  const db = new Dexie(name) as LoaxaDb;
  for (const { version, stores, upgrade } of VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  db.use({ stack: 'dbcore', name: 'strict-outbox-writes', create: strictOutboxWrites });
  return db;
}
