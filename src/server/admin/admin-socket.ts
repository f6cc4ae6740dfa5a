/**
 * The running server's local admin channel: a Unix socket in DATA_DIR that only the server's own user may open
 * (mode 0600). An embedded PGlite database belongs to the one process that opened it, so `npm run admin` asks a
 * running server to do the work through this socket instead of opening the database files a second time; with no
 * server running it opens the database itself. `npm run backup` gets the database's dump from it the same way.
 * The socket also keeps a second server off the same DATA_DIR.
 */
import { chmod, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { EmbeddedStore } from '../store/open-store.ts';
import { dumpDatabase, type DatabaseDump } from './backup-format.ts';
import { createAdmin, type AdminOutcome } from './create-admin.ts';

/** Carries the migration level of the database dumped by POST /dump-database. */
const MIGRATION_HEADER = 'x-loaxa-migration';

/** Where the socket of the server using `dataDir` is. */
export function adminSocketPath(dataDir: string): string {
  return join(dataDir, 'admin.sock');
}

/** Whether something answers on the socket (a server is running); false for a missing or stale socket file. */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Thrown at start when another server already serves the same DATA_DIR. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/** Throws DataDirInUseError when a server already runs on `dataDir`: checked before its database is opened. */
export async function assertDataDirFree(dataDir: string): Promise<void> {
  if (await socketAnswers(adminSocketPath(dataDir))) {
    throw new DataDirInUseError(`Another LoaXa server is using ${dataDir} (its admin socket answers)`);
  }
}

/**
 * Serves the admin commands on the socket of `dataDir` (a stale socket file left by a crash is replaced);
 * resolves to a function that closes it.
 */
export async function serveAdminSocket(store: EmbeddedStore, dataDir: string): Promise<() => Promise<void>> {
  const path = adminSocketPath(dataDir);
  await rm(path, { force: true });
  const app = new Hono()
    .post('/create-admin', async (c) => c.json(await createAdmin(store, await c.req.json())))
    .post('/dump-database', async (c) => {
      const { migration, tarball } = await dumpDatabase(store);
      return c.body(tarball, 200, {
        'content-type': 'application/gzip',
        [MIGRATION_HEADER]: String(migration),
      });
    });
  const server: Server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  await chmod(path, 0o600);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** What the admin socket answered: status, headers and the whole body. */
interface SocketAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer<ArrayBuffer>;
}

/** POSTs `body` to `path` on the socket of the server running on `dataDir`; null when no server answers there. */
function callAdminSocket(dataDir: string, path: string, body = ''): Promise<SocketAnswer | null> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        socketPath: adminSocketPath(dataDir),
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
    call.end(body);
  });
}

/** Asks the server running on `dataDir` to create an admin; null when no server answers there. */
export async function createAdminThroughSocket(
  dataDir: string,
  request: unknown,
): Promise<AdminOutcome | null> {
  const answer = await callAdminSocket(dataDir, '/create-admin', JSON.stringify(request));
  return answer && (JSON.parse(answer.body.toString('utf8')) as AdminOutcome);
}

/** Asks the server running on `dataDir` for a dump of its database; null when no server answers there. */
export async function dumpDatabaseThroughSocket(dataDir: string): Promise<DatabaseDump | null> {
  const answer = await callAdminSocket(dataDir, '/dump-database');
  if (answer === null) return null;
  const migration = Number(answer.headers[MIGRATION_HEADER]);
  if (answer.status !== 200 || !Number.isSafeInteger(migration)) {
    throw new Error(`The server did not dump its database: ${answer.status} ${answer.body.toString('utf8')}`);
  }
  return { migration, tarball: answer.body };
}
