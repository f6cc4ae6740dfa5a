/**
 * The backup file of a deployment on the embedded database (`npm run backup`, `npm run restore`): one plain tar
 * (what it holds is compressed already), its entries in this order:
 * - manifest.json: format and version, when the backup was taken, the database's migration level, the dump's
 *   size and SHA-256, and every attachment's id (its SHA-256) and size. A restore checks every entry against it,
 *   so a changed, missing or extra entry, or a file cut short between two entries, is refused;
 * - database.tar.gz: the PGlite data directory as PGlite's dumpDataDir gives it (a gzip tarball);
 * - attachments/<sha256>: the attachment files, named as DATA_DIR/attachments names them.
 */
import { recordSystemChange, topUnitIds } from './system-change.ts';
import * as v from 'valibot';
import { Sha256Schema } from '../../domain/schemas/common.ts';
import type { EmbeddedStore } from '../store/open-store.ts';

/** The manifest's `format`: what says a tar is a LoaXa backup. */
export const BACKUP_FORMAT = 'loaxa-backup';
/** The version of the layout above; a restore refuses versions it does not know. */
export const BACKUP_VERSION = 1;

export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'database.tar.gz';
export const ATTACHMENT_ENTRY_PREFIX = 'attachments/';

const byteCount = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** What manifest.json holds. */
export const BackupManifestSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  /** The migration level of the dumped database; a restore applies the later ones. */
  migration: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  database: v.strictObject({ size: byteCount, sha256: Sha256Schema }),
  attachments: v.array(v.strictObject({ id: Sha256Schema, size: byteCount })),
});
export type BackupManifest = v.InferOutput<typeof BackupManifestSchema>;

/**
 * Thrown when a backup or a restore is refused. Its message, in Vietnamese for the administrator, says why; the
 * data directory was left as it was and no backup file was put in place.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** The embedded database as a backup holds it. */
export interface DatabaseDump {
  /** Its migration level. */
  migration: number;
  /** PGlite's dumpDataDir tarball. */
  tarball: Uint8Array<ArrayBuffer>;
}

/** Dumps the database of an open embedded store. */
export async function dumpDatabase(store: EmbeddedStore): Promise<DatabaseDump> {
  // Recorded first, so the backup itself holds the entry saying when it was taken.
  await recordSystemChange(store, new Date(), 'npm run backup', {
    action: 'database.backup',
    unitIds: await topUnitIds(store),
    targetId: null,
    after: null,
  });
  const { migration } = await store.health();
  return { migration, tarball: new Uint8Array(await (await store.dumpDataDir()).arrayBuffer()) };
}
