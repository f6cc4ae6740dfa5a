/**
 * `npm run restore`: a backup file (backup-format.ts) made into the data directory of a server that has not started
 * on it yet. Only an empty or missing DATA_DIR is restored into, so nothing there is ever overwritten. Everything
 * is first written under a hidden folder of DATA_DIR while each entry is checked against the manifest (sizes and
 * SHA-256), the database is loaded from its dump there, brought to this server's migration level and given a new
 * identity; only then are the attachments and the database moved to their places. A refused or failed restore
 * removes what it wrote, leaving DATA_DIR as it found it.
 *
 * The new identity: a restored database has gone back in time, and devices that synced with the database as it
 * was after the backup hold revs it will not reach again. They notice the new identity on their next pull and
 * sync again from the start.
 */
import { auditValues } from '../../domain/audit.ts';
import { createSqlStore } from '../store/sql-store.ts';
import { recordSystemChange, topUnitIds } from './system-change.ts';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar, { type ExtractEvents } from 'tar-stream';
import * as v from 'valibot';
import { attachmentsDir } from '../attachments/attachment-files.ts';
import { latestMigration, migrate, migrationLevel } from '../store/migrate.ts';
import { pgliteDir } from '../store/open-store.ts';
import { openPglite, pgliteEngine } from '../store/pglite.ts';
import {
  ATTACHMENT_ENTRY_PREFIX,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  BackupManifestSchema,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  type BackupManifest,
} from './backup-format.ts';

/** Gives the database the new identity devices notice (see the module comment). */
export const RENEW_IDENTITY_SQL = 'UPDATE database_identity SET id = gen_random_uuid(), created_at = now()';

/** A manifest beyond this is not one a backup wrote (it lists about 90 bytes per attachment). */
const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;

/** An entry of the tar being read: its header and a stream of its bytes. */
type Entry = ExtractEvents['entry'][1];

/** What a restore put in place. */
export interface RestoreSummary {
  manifest: BackupManifest;
  /** The migration level the database was brought to. */
  migration: number;
  units: number;
  logs: number;
}

function corrupt(detail: string): BackupError {
  return new BackupError(
    `Tệp sao lưu bị hỏng hoặc không trọn vẹn (${detail}). Không có gì được ghi vào DATA_DIR.`,
  );
}

/** A manifest the reader understands, or the refusal that says why not. */
function parseManifest(bytes: Buffer): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw corrupt(`${MANIFEST_ENTRY} không đọc được`);
  }
  if (!v.is(v.object({ format: v.literal(BACKUP_FORMAT), version: v.number() }), json)) {
    throw new BackupError('Tệp này không phải bản sao lưu LoaXa.');
  }
  if (json.version !== BACKUP_VERSION) {
    throw new BackupError(
      `Bản sao lưu có định dạng phiên bản ${json.version}, LoaXa này chỉ đọc phiên bản ${BACKUP_VERSION}: ` +
        'hãy nâng cấp LoaXa.',
    );
  }
  const parsed = v.safeParse(BackupManifestSchema, json);
  if (!parsed.success) throw corrupt(`${MANIFEST_ENTRY} không hợp lệ`);
  if (parsed.output.migration > latestMigration()) {
    throw new BackupError(
      `Bản sao lưu đến từ một phiên bản LoaXa mới hơn (migration ${parsed.output.migration}, ` +
        `LoaXa này đến ${latestMigration()}): hãy nâng cấp LoaXa rồi khôi phục.`,
    );
  }
  return parsed.output;
}

/** The bytes of an entry: tar-stream gives Buffers on Node, which its types leave unknown. */
async function* chunksOf(entry: Entry): AsyncGenerator<Buffer> {
  for await (const chunk of entry) yield chunk as Buffer;
}

/** The whole content of a small entry, refused beyond `max` bytes before any is read. */
async function readEntry(entry: Entry, max: number): Promise<Buffer<ArrayBuffer>> {
  if ((entry.header.size ?? 0) > max) throw corrupt(`mục ${entry.header.name} quá lớn`);
  const chunks: Buffer[] = [];
  for await (const chunk of chunksOf(entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The database dump, checked against the manifest. */
async function readDatabase(
  entry: Entry,
  expected: BackupManifest['database'],
): Promise<Buffer<ArrayBuffer>> {
  const bytes = await readEntry(entry, expected.size);
  if (
    bytes.byteLength !== expected.size ||
    createHash('sha256').update(bytes).digest('hex') !== expected.sha256
  ) {
    throw corrupt('cơ sở dữ liệu không khớp mã băm SHA-256 trong manifest');
  }
  return bytes;
}

/** Writes an attachment into `dir`, checking it is one the manifest lists (`pending`) and hashes to its name. */
async function extractAttachment(entry: Entry, pending: Map<string, number>, dir: string): Promise<void> {
  const id = entry.header.name.slice(ATTACHMENT_ENTRY_PREFIX.length);
  if (pending.get(id) !== entry.header.size)
    throw corrupt(`tệp đính kèm ${id} không có trong manifest hoặc sai kích thước`);
  const hash = createHash('sha256');
  await pipeline(
    chunksOf(entry),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    },
    createWriteStream(join(dir, id), { flags: 'wx', flush: true }),
  );
  if (hash.digest('hex') !== id) throw corrupt(`tệp đính kèm ${id} không khớp mã băm SHA-256`);
  pending.delete(id);
}

/** Whether an error comes from the file system (a full disk…) rather than from the backup's bytes. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && 'syscall' in error;
}

/** Reads the backup, writing the attachments into `staging`; returns the manifest and the checked dump. */
async function extractChecked(
  backup: FileHandle,
  staging: string,
): Promise<{ manifest: BackupManifest; dump: Buffer<ArrayBuffer> }> {
  const extract = tar.extract();
  const source = backup.createReadStream({ autoClose: false });
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract);
  let manifest: BackupManifest | undefined;
  let dump: Buffer<ArrayBuffer> | undefined;
  let pending = new Map<string, number>();
  try {
    for await (const entry of extract) {
      const { name } = entry.header;
      if (manifest === undefined) {
        if (name !== MANIFEST_ENTRY) throw new BackupError('Tệp này không phải bản sao lưu LoaXa.');
        manifest = parseManifest(await readEntry(entry, MANIFEST_MAX_BYTES));
        pending = new Map(manifest.attachments.map(({ id, size }) => [id, size]));
      } else if (name === DATABASE_ENTRY && dump === undefined) {
        dump = await readDatabase(entry, manifest.database);
      } else if (name.startsWith(ATTACHMENT_ENTRY_PREFIX)) {
        await extractAttachment(entry, pending, attachmentsDir(staging));
      } else {
        throw corrupt(`mục không mong đợi "${name}"`);
      }
    }
  } catch (error) {
    if (error instanceof BackupError || isSystemError(error)) throw error;
    // tar-stream's own refusals: a cut or damaged file.
    throw corrupt(error instanceof Error ? error.message : String(error));
  } finally {
    source.destroy();
  }
  if (manifest === undefined) throw new BackupError('Tệp này không phải bản sao lưu LoaXa.');
  if (dump === undefined) throw corrupt('thiếu cơ sở dữ liệu');
  if (pending.size > 0) throw corrupt(`thiếu ${pending.size} tệp đính kèm`);
  return { manifest, dump };
}

/**
 * Loads the dump into `dir`, checks it is at the manifest's level and names no attachment the backup lacks,
 * migrates it and gives it a new identity.
 */
async function loadDatabase(
  manifest: BackupManifest,
  dump: Buffer<ArrayBuffer>,
  dir: string,
): Promise<Omit<RestoreSummary, 'manifest'>> {
  const engine = pgliteEngine(await openPglite(dir, new Blob([dump], { type: 'application/gzip' })));
  try {
    if ((await migrationLevel(engine)) !== manifest.migration) {
      throw corrupt('mức migration của cơ sở dữ liệu khác với manifest');
    }
    const held = new Set(manifest.attachments.map(({ id }) => id));
    const rows = await engine.query<{ id: string }>('SELECT id FROM attachments');
    const missing = rows.filter(({ id }) => !held.has(id)).length;
    if (missing > 0)
      throw corrupt(`cơ sở dữ liệu nhắc đến ${missing} tệp đính kèm không có trong bản sao lưu`);
    const migration = await migrate(engine);
    await engine.query(RENEW_IDENTITY_SQL);
    const store = createSqlStore(engine);
    await recordSystemChange(store, new Date(), 'npm run restore', {
      action: 'database.restore',
      unitIds: await topUnitIds(store),
      targetId: null,
      after: auditValues({ backupCreatedAt: manifest.createdAt }),
    });
    const [counts] = await engine.query<{ units: number; logs: number }>(
      'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM broadcast_logs) AS logs',
    );
    return { migration, units: counts?.units ?? 0, logs: counts?.logs ?? 0 };
  } finally {
    await engine.close();
  }
}

/** The entries of `dir`, undefined when it does not exist. */
async function entriesOf(dir: string): Promise<string[] | undefined> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Opens the backup file for reading, refusing a path that is not a readable file. */
async function openBackup(file: string): Promise<FileHandle> {
  try {
    const handle = await open(file, 'r');
    if ((await handle.stat()).isFile()) return handle;
    await handle.close();
  } catch (error) {
    if (!isSystemError(error)) throw error;
  }
  throw new BackupError(`Không đọc được tệp sao lưu ${file}.`);
}

/** Restores the backup `file` into `dataDir`, which must be empty or missing (see the module comment). */
export async function restoreBackup(file: string, dataDir: string): Promise<RestoreSummary> {
  const existing = await entriesOf(dataDir);
  if (existing !== undefined && existing.length > 0) {
    throw new BackupError(
      `Thư mục ${dataDir} (DATA_DIR) không trống: chỉ khôi phục vào một thư mục trống hoặc chưa có, ` +
        'để không ghi đè dữ liệu đang có. Không có gì bị thay đổi.',
    );
  }
  const backup = await openBackup(file);
  await mkdir(dataDir, { recursive: true });
  const staging = await mkdtemp(join(dataDir, '.restore-'));
  try {
    await mkdir(attachmentsDir(staging));
    const { manifest, dump } = await extractChecked(backup, staging);
    const loaded = await loadDatabase(manifest, dump, pgliteDir(staging));
    // The database last: a data directory that has one is taken for a complete one.
    await rename(attachmentsDir(staging), attachmentsDir(dataDir));
    await rename(pgliteDir(staging), pgliteDir(dataDir));
    await rmdir(staging);
    return { manifest, ...loaded };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (existing === undefined) await rmdir(dataDir);
    throw error;
  } finally {
    await backup.close();
  }
}
