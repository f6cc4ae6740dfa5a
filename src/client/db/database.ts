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
 *   decided by resolveSlot (src/domain/slot-edit.ts): see slot-repository.ts.
 * - units: the part of the unit tree the server sends; their languages decide the reader's language tabs.
 * - logs: broadcast logs recorded on this device, immutable once written (hash chain by [deviceId+seq]);
 *   indexed by the log they correct, so a bulletin's airings can leave out corrected logs.
 * - outbox: the ids of logs the server has not acknowledged yet, in seq order. An acknowledged log leaves the
 *   outbox, never the logs table.
 * - attachments: recordings and photos as Blobs, content-addressed by SHA-256; see attachment-repository.ts for
 *   when an unreferenced one is deleted.
 * - meta: small typed key/values (pull cursor, last pull time): see meta-repository.ts. The UI language is
 *   kept in localStorage by the app instead, because it must be known synchronously before the first paint.
 *
 * Only the repositories in this folder touch these tables.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { BulletinListItem } from '../../domain/bulletin-listing.ts';
import type { Attachment } from '../../domain/schemas/attachment.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import { searchDocOf, type SearchDoc } from '../../domain/search.ts';
import type { LocalSlot } from '../../domain/slot-edit.ts';

/** The list entry of one published bulletin: what lists show and sort by, and its folded search fields. */
export interface SearchEntry extends BulletinListItem {
  search: SearchDoc;
}

/** Builds the list entry of a bulletin. */
export function searchEntryOf(b: Bulletin): SearchEntry {
  const { id, title, topic, urgency, validFrom, validUntil, updatedAt } = b;
  return { id, title, topic, urgency, validFrom, validUntil, updatedAt, search: searchDocOf(b) };
}

/** A log waiting for the server's acknowledgement. */
export interface OutboxEntry {
  id: string;
  seq: number;
  queuedAt: string;
}

/** An attachment's bytes with its description. */
export interface StoredAttachment extends Attachment {
  blob: Blob;
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
  localSlots: Table<LocalSlot, [string, string]>;
  units: Table<Unit, string>;
  logs: Table<BroadcastLog, string>;
  outbox: Table<OutboxEntry, string>;
  attachments: Table<StoredAttachment, string>;
  meta: Table<MetaEntry, string>;
};

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
    upgrade: async (tx) => {
      const published = await tx
        .table<Bulletin, string>('bulletins')
        .where('status')
        .equals('published')
        .toArray();
      await tx.table('bulletinSearch').clear();
      await tx.table<SearchEntry, string>('bulletinSearch').bulkPut(published.map(searchEntryOf));
    },
  },
];

/** Opens (lazily, on first query) the LoaXa database of the given name; tests pass a unique name each. */
export function openDb({ name }: { name: string }): LoaxaDb {
  const db = new Dexie(name) as LoaxaDb;
  for (const { version, stores, upgrade } of VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  return db;
}
