/**
 * `npm run backup`: the embedded database and the attachment files of DATA_DIR in one file (backup-format.ts),
 * taken while the server runs. The running server owns its PGlite files, so it dumps them through its admin socket;
 * with no server running the data directory is opened here. The database is dumped before the attachments are
 * listed: a file is in place before its row is written and is never removed, so every attachment the dump names
 * is in the backup. The file is written under a temporary name beside the target, flushed, and only then given
 * its name, so an interrupted backup never looks like a complete one; an existing file is replaced only on request.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, link, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import * as v from 'valibot';
import { Sha256Schema } from '../../domain/schemas/common.ts';
import { attachmentsDir } from '../attachments/attachment-files.ts';
import { openEmbeddedStore, pgliteDir } from '../store/open-store.ts';
import { dumpDatabaseThroughSocket } from './admin-socket.ts';
import {
  ATTACHMENT_ENTRY_PREFIX,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  dumpDatabase,
  type BackupManifest,
  type DatabaseDump,
} from './backup-format.ts';

/** What to back up, and where to. */
export interface BackupRequest {
  dataDir: string;
  file: string;
  /** Replace `file` when it exists. */
  force?: boolean;
}

/** Whether something exists at `path`. */
async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The database of a data directory no server is running on, opened and dumped here. */
async function dumpStoppedDatabase(dataDir: string): Promise<DatabaseDump> {
  // Opening a missing database would create an empty one and back that up.
  if (!(await exists(join(pgliteDir(dataDir), 'PG_VERSION')))) {
    throw new BackupError(`Không có cơ sở dữ liệu LoaXa trong ${dataDir} (DATA_DIR).`);
  }
  const store = await openEmbeddedStore(dataDir);
  try {
    return await dumpDatabase(store);
  } finally {
    await store.close();
  }
}

/** The attachment files in `dir`, by id; uploads still being written (temporary names) are not attachments yet. */
async function listAttachments(dir: string): Promise<BackupManifest['attachments']> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const ids = names.filter((name) => v.is(Sha256Schema, name)).sort();
  return Promise.all(ids.map(async (id) => ({ id, size: (await stat(join(dir, id))).size })));
}

/** Adds an entry holding `bytes` to the tar. */
function addBytes(pack: tar.Pack, name: string, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, size: bytes.byteLength }, bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** Adds the backup's entries to the tar, streaming the attachment files (with back-pressure), then ends it. */
async function fillTar(
  pack: tar.Pack,
  manifest: BackupManifest,
  dump: DatabaseDump,
  dir: string,
): Promise<void> {
  await addBytes(pack, MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest), 'utf8'));
  await addBytes(pack, DATABASE_ENTRY, dump.tarball);
  for (const { id, size } of manifest.attachments) {
    await pipeline(
      createReadStream(join(dir, id)),
      pack.entry({ name: `${ATTACHMENT_ENTRY_PREFIX}${id}`, size }),
    );
  }
  pack.finalize();
}

/** Writes the backup to a new file `temp`, flushed to disk when the promise resolves. */
async function writeTar(
  temp: string,
  manifest: BackupManifest,
  dump: DatabaseDump,
  dir: string,
): Promise<void> {
  const pack = tar.pack();
  await Promise.all([
    // Readable by its owner only: the database holds password hashes and the devices' token hashes.
    pipeline(pack, createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true })),
    fillTar(pack, manifest, dump, dir).catch((error: unknown) => {
      pack.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }),
  ]);
}

/**
 * Gives the complete backup at `temp` the name `file` as well, replacing an existing file only when `force`;
 * the caller removes the name `temp`.
 */
async function moveIntoPlace(temp: string, file: string, force: boolean): Promise<void> {
  if (force) return rename(temp, file);
  try {
    // Unlike rename, link fails when the name is taken, even by a file that appeared during the backup.
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw fileExists(file);
    // The FAT and exFAT file systems of USB drives have no hard links: checked, then renamed.
    if (await exists(file)) throw fileExists(file);
    await rename(temp, file);
  }
}

/** The refusal to replace `file`. */
function fileExists(file: string): BackupError {
  return new BackupError(`Tệp ${file} đã có. Hãy chọn tên khác, hoặc thêm --force để ghi đè.`);
}

/** Backs up the data directory into `file` (see the module comment); returns what the file holds. */
export async function createBackup({ dataDir, file, force = false }: BackupRequest): Promise<BackupManifest> {
  if (!force && (await exists(file))) throw fileExists(file);
  const createdAt = new Date().toISOString();
  const dump = (await dumpDatabaseThroughSocket(dataDir)) ?? (await dumpStoppedDatabase(dataDir));
  const dir = attachmentsDir(dataDir);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    migration: dump.migration,
    database: {
      size: dump.tarball.byteLength,
      sha256: createHash('sha256').update(dump.tarball).digest('hex'),
    },
    attachments: await listAttachments(dir),
  };
  const temp = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeTar(temp, manifest, dump, dir);
    await moveIntoPlace(temp, file, force);
  } finally {
    await rm(temp, { force: true });
  }
  return manifest;
}
