/**
 * The device's IndexedDB, through Dexie. Everything the operator needs offline lives here; the UI reads only
 * from here and the server is reached only by sync. What is stored where, and why:
 *
 * - bulletins: published and withdrawn bulletins as pulled, exactly the domain `Bulletin`. A withdrawn bulletin
 *   stays, marked by its status, so a reader link or a log naming it still resolves and can say "withdrawn";
 *   lists and search show published ones only.
 * - bulletinSearch: `{ id, text }`, the folded (foldVietnamese) title + summary + body + policyRef of each
 *   published bulletin. Kept in its own table so the stored bulletin stays the domain type and the domain type
 *   carries no storage detail; written in the same transaction as the bulletin, deleted when it is withdrawn.
 * - slots: language slots (translation text, recording id, status), keyed by [bulletinId+lang].
 * - units: the part of the unit tree the server sends; their languages decide the reader's language tabs.
 * - logs: broadcast logs recorded on this device, immutable once written (hash chain by [deviceId+seq]).
 * - outbox: the ids of logs the server has not acknowledged yet, in seq order. An acknowledged log leaves the
 *   outbox, never the logs table.
 * - attachments: recordings and photos as Blobs, content-addressed by SHA-256.
 * - meta: small typed key/values (pull cursor, last pull time): see meta-repository.ts. The UI language is
 *   kept in localStorage by the app instead, because it must be known synchronously before the first paint.
 *
 * Only the repositories in this folder touch these tables.
 */
import Dexie, { type Table } from 'dexie';
import type { Attachment } from '../../domain/schemas/attachment.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';

/** Folded search text of one published bulletin. */
export interface SearchEntry {
  id: string;
  text: string;
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
];

/** Opens (lazily, on first query) the LoaXa database of the given name; tests pass a unique name each. */
export function openDb({ name }: { name: string }): LoaxaDb {
  const db = new Dexie(name) as LoaxaDb;
  for (const { version, stores } of VERSIONS) db.version(version).stores(stores);
  return db;
}
