/**
 * The running server's local admin channel: a Unix socket in DATA_DIR that only the server's own user may open
 * (mode 0600). An embedded PGlite database belongs to the one process that opened it, so `npm run admin` asks a
 * running server to do the work through this socket instead of opening the database files a second time; with no
 * server running it opens the database itself. The socket also keeps a second server off the same DATA_DIR.
 */
import { chmod, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { Store } from '../store/store.ts';
import { createAdmin, type AdminOutcome } from './create-admin.ts';

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
export async function serveAdminSocket(store: Store, dataDir: string): Promise<() => Promise<void>> {
  const path = adminSocketPath(dataDir);
  await rm(path, { force: true });
  const app = new Hono().post('/create-admin', async (c) =>
    c.json(await createAdmin(store, await c.req.json())),
  );
  const server: Server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  await chmod(path, 0o600);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Asks the server running on `dataDir` to create an admin; null when no server answers there. */
export function createAdminThroughSocket(dataDir: string, request: unknown): Promise<AdminOutcome | null> {
  const body = JSON.stringify(request);
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        socketPath: adminSocketPath(dataDir),
        path: '/create-admin',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AdminOutcome);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
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
