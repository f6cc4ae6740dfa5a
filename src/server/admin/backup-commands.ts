/**
 * `npm run backup -- <file> [--force]` and `npm run restore -- <file>` (the `backup` and `restore` commands of
 * cli.ts): backup.ts and restore.ts from the command line, and what the administrator reads. They serve the
 * embedded database only: with DATABASE_URL set, PostgreSQL's pg_dump and pg_restore do the work (README, Backups).
 */
import { parseArgs } from 'node:util';
import type { Env } from '../env.ts';
import { createBackup } from './backup.ts';
import { BackupError, type BackupManifest } from './backup-format.ts';
import { UsageError, type AdminCommand } from './command.ts';
import { restoreBackup } from './restore.ts';

/** The backup file named on the command line, and whether --force was given. */
function argumentsOf(argv: readonly string[], allowForce: boolean): { file: string; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: allowForce ? { force: { type: 'boolean' } } : {},
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...more] = parsed.positionals;
  if (file === undefined || more.length > 0) throw new UsageError('Cần đúng một tệp sao lưu.');
  return { file, force: parsed.values.force === true };
}

/** A size in megabytes, as Vietnamese writes numbers. */
function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** Runs `work` on the embedded database, refusing PostgreSQL with `forPostgres` and printing a BackupError. */
async function onEmbeddedDatabase(
  env: Env,
  forPostgres: string,
  work: () => Promise<string>,
): Promise<number> {
  if (env.DATABASE_URL !== undefined) {
    console.error(
      `Lệnh này chỉ dành cho cơ sở dữ liệu nhúng (PGlite, trong DATA_DIR), còn máy chủ này dùng PostgreSQL ` +
        `(DATABASE_URL). ${forPostgres} Xem README, mục Backups.`,
    );
    return 1;
  }
  try {
    console.log(await work());
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

/** The attachments' total size in bytes. */
function attachmentBytes(manifest: BackupManifest): number {
  return manifest.attachments.reduce((sum, { size }) => sum + size, 0);
}

/** `backup`: see the module comment. */
export const backupCommand: AdminCommand = (argv, env) => {
  const { file, force } = argumentsOf(argv, true);
  return onEmbeddedDatabase(
    env,
    'Hãy sao lưu bằng pg_dump -Fc và chép kèm thư mục DATA_DIR/attachments.',
    async () => {
      const manifest = await createBackup({ dataDir: env.DATA_DIR, file, force });
      return (
        `Đã sao lưu vào ${file}: cơ sở dữ liệu ${megabytes(manifest.database.size)} ` +
        `(migration ${manifest.migration}) và ${manifest.attachments.length} tệp đính kèm ` +
        `(${megabytes(attachmentBytes(manifest))}).`
      );
    },
  );
};

/** `restore`: see the module comment. */
export const restoreCommand: AdminCommand = (argv, env) => {
  const { file } = argumentsOf(argv, false);
  return onEmbeddedDatabase(
    env,
    'Hãy khôi phục bằng pg_restore vào một cơ sở dữ liệu trống và chép lại thư mục DATA_DIR/attachments.',
    async () => {
      const restored = await restoreBackup(file, env.DATA_DIR);
      return (
        `Đã khôi phục bản sao lưu lúc ${new Date(restored.manifest.createdAt).toLocaleString('vi-VN')} vào ${env.DATA_DIR}: ` +
        `${restored.units} đơn vị, ${restored.logs} nhật ký phát thanh, ` +
        `${restored.manifest.attachments.length} tệp đính kèm (migration ${restored.migration}). ` +
        'Cơ sở dữ liệu có định danh mới: các thiết bị sẽ tự đồng bộ lại từ đầu. Giờ có thể khởi động máy chủ.'
      );
    },
  );
};
