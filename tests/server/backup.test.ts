/**
 * `npm run backup` and `npm run restore` on the embedded database: a real server with the demo data, a device's
 * signed logs and its attachments is backed up while it runs (through its admin socket), and the backup restored
 * into a fresh data directory; broken backups and occupied directories are refused without a trace.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/domain/evidence/verify-chain.ts';
import type { PublicKeyJwk } from '../../src/domain/schemas/device.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import { PushResponseSchema } from '../../src/domain/sync.ts';
import { dumpDatabaseThroughSocket } from '../../src/server/admin/admin-socket.ts';
import { createBackup } from '../../src/server/admin/backup.ts';
import { BackupError, type BackupManifest } from '../../src/server/admin/backup-format.ts';
import { restoreBackup } from '../../src/server/admin/restore.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { latestMigration } from '../../src/server/store/migrate.ts';
import { pgliteDir } from '../../src/server/store/open-store.ts';
import { openPglite, pgliteEngine } from '../../src/server/store/pglite.ts';
import type { SqlEngine } from '../../src/server/store/sql.ts';
import { createSqlStore } from '../../src/server/store/sql-store.ts';
import { runAdminCli } from '../helpers/admin-cli.ts';
import { startAppServer } from '../helpers/app-server.ts';
import { deviceHeaders, enrolTestDevice, runningApp, type TestDevice } from '../helpers/auth.ts';
import { signedChain } from '../helpers/signed-logs.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A photo and a recording the device uploads. */
const ATTACHMENTS = [
  { mime: 'image/jpeg', bytes: new TextEncoder().encode('ảnh xe thông tin lưu động tại bản Sà Phìn A') },
  { mime: 'audio/webm', bytes: new Uint8Array(300_000).map((_, i) => (i * 7919) % 251) },
].map((attachment) => ({ ...attachment, id: sha256(attachment.bytes) }));

/** The identity a database's pulls carry. */
async function identityOf(engine: SqlEngine): Promise<string> {
  const [row] = await engine.query<{ id: string }>('SELECT id FROM database_identity');
  if (row === undefined) throw new Error('the database has no identity');
  return row.id;
}

/** Opens the PGlite database of `dataDir` for a look, and closes it after. */
async function withDatabase<T>(dataDir: string, look: (engine: SqlEngine) => Promise<T>): Promise<T> {
  const engine = pgliteEngine(await openPglite(pgliteDir(dataDir)));
  try {
    return await look(engine);
  } finally {
    await engine.close();
  }
}

/** What is in `dir`, names and bytes, to show a refused restore left it alone. */
async function contentsOf(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir, { recursive: true });
  const entries = await Promise.all(
    names.sort().map(async (name) => {
      const path = join(dir, name);
      return [name, (await stat(path)).isFile() ? await readFile(path, 'utf8') : 'folder'] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Where the header of the tar entry `name` starts in `bytes`. */
function entryOffset(bytes: Buffer, name: string): number {
  const offset = bytes.indexOf(name);
  if (offset < 0 || offset % 512 !== 0) throw new Error(`no entry ${name}`);
  return offset;
}

describe('npm run backup and npm run restore on the embedded database', () => {
  let root: string;
  let dataDir: string;
  let backupFile: string;
  let device: TestDevice;
  let logs: BroadcastLog[];
  let identity: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'loaxa-backup-'));
    dataDir = join(root, 'data');
    backupFile = join(root, 'loaxa.backup');
    const server = await startAppServer({ dataDir, staticDir: join(root, 'no-pwa') });
    try {
      const app = runningApp(server.baseUrl);
      device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
      logs = await signedChain(device.privateKey, device.deviceId, DEMO_UNIT_IDS.taPhin, 5);
      const pushed = await app.request('/api/sync/push', {
        method: 'POST',
        headers: deviceHeaders(device.token, true),
        body: JSON.stringify({ logs }),
      });
      const { results } = v.parse(PushResponseSchema, await pushed.json());
      expect(
        results.map((result) => [result.status, 'verification' in result && result.verification]),
      ).toEqual(logs.map(() => ['accepted', 'verified']));
      for (const { id, mime, bytes } of ATTACHMENTS) {
        const put = await app.request(`/api/attachments/${id}`, {
          method: 'PUT',
          headers: { ...deviceHeaders(device.token), 'Content-Type': mime },
          body: bytes,
        });
        expect(put.status).toBe(201);
      }

      // The running server holds the database: the backup goes through its admin socket.
      expect((await dumpDatabaseThroughSocket(dataDir))?.migration).toBe(latestMigration());
      const backup = await runAdminCli(dataDir, ['backup', backupFile]);
      expect(backup).toMatchObject({ code: 0, err: '' });
      expect(backup.out).toContain(`Đã sao lưu vào ${backupFile}`);
      expect(backup.out).toContain('2 tệp đính kèm');
      expect((await stat(backupFile)).mode & 0o777).toBe(0o600);
      const before = sha256(await readFile(backupFile));
      const again = await runAdminCli(dataDir, ['backup', backupFile]);
      expect(again.code).toBe(1);
      expect(again.err).toContain('đã có');
      expect(sha256(await readFile(backupFile))).toBe(before);
      expect((await readdir(root)).sort()).toEqual(['data', 'loaxa.backup']);
    } finally {
      await server.stop();
    }
    identity = await withDatabase(dataDir, identityOf);
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('restores the logs, still verifying, and the attachments into a fresh directory, under a new identity', async () => {
    const restored = join(root, 'restored');
    const summary = await restoreBackup(backupFile, restored);
    expect(summary).toMatchObject({ logs: 5, migration: summary.manifest.migration });
    expect(summary.units).toBeGreaterThan(1);
    expect((await readdir(restored)).sort()).toEqual(['attachments', 'pglite']);

    const files = await readdir(join(restored, 'attachments'));
    expect(files.sort()).toEqual(ATTACHMENTS.map(({ id }) => id).sort());
    for (const id of files) expect(sha256(await readFile(join(restored, 'attachments', id)))).toBe(id);

    await withDatabase(restored, async (engine) => {
      const store = createSqlStore(engine);
      expect(await store.migrate()).toBe(summary.migration);
      const stored = await store.logs.findLogs(logs.map((log) => log.id));
      expect(stored).toHaveLength(logs.length);
      for (const log of logs) {
        expect(stored.find((row) => row.id === log.id)).toMatchObject({ ...log, verification: 'verified' });
      }
      const [key] = await engine.query<{ publicKey: PublicKeyJwk }>(
        'SELECT public_key AS "publicKey" FROM devices WHERE id = $1',
        [device.deviceId],
      );
      expect(await verifyChain(stored, key!.publicKey)).toMatchObject({ status: 'verified', count: 5 });
      for (const { id, mime, bytes } of ATTACHMENTS) {
        expect(await store.attachments.find(id)).toEqual({ id, mime, size: bytes.length });
      }
      expect(await identityOf(engine)).not.toBe(identity);
      // The trail came along whole, says when the backup was taken and that this is a restore, and still holds.
      const trail = await engine.query<{ action: string; actor_name: string }>(
        'SELECT action, actor_name FROM audit_entries ORDER BY seq DESC LIMIT 2',
      );
      expect(trail).toEqual([
        { action: 'database.restore', actor_name: 'npm run restore' },
        { action: 'database.backup', actor_name: 'npm run backup' },
      ]);
      expect(await store.audit.verify()).toMatchObject({ ok: true });
      expect((await store.audit.verify()).checked).toBeGreaterThan(5);
    });
  });

  it('backs up a stopped server by opening its directory, and replaces a file only with --force', async () => {
    const manifest = await createBackup({ dataDir, file: backupFile, force: true });
    expect(manifest.attachments.map(({ id }) => id)).toEqual(ATTACHMENTS.map(({ id }) => id).sort());
    await expect(createBackup({ dataDir, file: backupFile })).rejects.toThrow(/đã có/);

    // A directory without a database is not backed up as an empty one.
    const empty = join(root, 'empty');
    await expect(createBackup({ dataDir: empty, file: join(root, 'empty.backup') })).rejects.toThrow(
      /Không có cơ sở dữ liệu/,
    );
    await expect(stat(empty)).rejects.toThrow(/ENOENT/);
    expect((await readdir(root)).filter((name) => name.includes('empty'))).toEqual([]);
  });

  it('refuses a directory that is not empty and the wrong command lines, changing nothing', async () => {
    const occupied = join(root, 'occupied');
    await mkdir(join(occupied, 'pglite'), { recursive: true });
    await writeFile(join(occupied, 'ghi-chu.txt'), 'dữ liệu đang dùng');
    const before = await contentsOf(occupied);

    const [refused, usage, postgres] = await Promise.all([
      runAdminCli(occupied, ['restore', backupFile]),
      runAdminCli(occupied, ['restore']),
      runAdminCli(occupied, ['backup', join(root, 'pg.backup')], {
        env: { DATABASE_URL: 'postgres://loaxa@127.0.0.1:5432/loaxa' },
      }),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`Thư mục ${occupied} (DATA_DIR) không trống`);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Cần đúng một tệp sao lưu');
    expect(usage.err).toContain('npm run restore -- <tệp sao lưu>');
    expect(postgres.code).toBe(1);
    expect(postgres.err).toContain('pg_dump -Fc');
    expect(await contentsOf(occupied)).toEqual(before);
    await expect(stat(join(root, 'pg.backup'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a damaged, cut or foreign backup before writing, leaving the directory empty', async () => {
    const bytes = await readFile(backupFile);
    const manifest = JSON.parse(
      bytes.subarray(512, bytes.indexOf(0, 512)).toString('utf8'),
    ) as BackupManifest;
    const [firstAttachment] = manifest.attachments;
    const flipped = (offset: number) => {
      const copy = Buffer.from(bytes);
      copy[offset] = copy[offset]! ^ 0xff;
      return copy;
    };
    const broken: [string, Buffer, RegExp][] = [
      ['database', flipped(entryOffset(bytes, 'database.tar.gz') + 512 + 1000), /cơ sở dữ liệu không khớp/],
      [
        'attachment',
        flipped(entryOffset(bytes, `attachments/${firstAttachment!.id}`) + 512 + 3),
        /không khớp mã băm SHA-256/,
      ],
      ['cut', bytes.subarray(0, Math.floor(bytes.length / 2)), /không trọn vẹn \(Unexpected end of data\)/],
      [
        'cut between entries',
        bytes.subarray(0, entryOffset(bytes, `attachments/${firstAttachment!.id}`)),
        /thiếu 2 tệp đính kèm/,
      ],
      ['foreign', Buffer.from('không phải bản sao lưu'), /không trọn vẹn|không phải bản sao lưu/],
    ];
    for (const [name, content, problem] of broken) {
      const file = join(root, `${name}.backup`);
      await writeFile(file, content);
      const target = join(root, `target-${name}`);
      await mkdir(target);
      const refusal = restoreBackup(file, target);
      await expect(refusal, name).rejects.toThrow(BackupError);
      await expect(refusal, name).rejects.toThrow(problem);
      expect(await readdir(target), name).toEqual([]);
    }

    // A directory that did not exist is not left behind.
    await expect(restoreBackup(join(root, 'cut.backup'), join(root, 'missing'))).rejects.toThrow(BackupError);
    await expect(stat(join(root, 'missing'))).rejects.toThrow(/ENOENT/);
    await expect(restoreBackup(join(root, 'no-such.backup'), join(root, 'missing'))).rejects.toThrow(
      /Không đọc được tệp sao lưu/,
    );
  });
});
