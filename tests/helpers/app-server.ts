/**
 * The built PWA served by the real LoaXa server, as e2e tests and browser benchmarks need it: a production
 * build into a directory of the caller's, and the server started on a free port with its own data directory.
 */
import { execFile, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * Builds the PWA into `outDir` in a child process: vitest sets NODE_ENV=test, and Vite would then build
 * without the service worker.
 */
export async function buildPwa(outDir: string, logLevel: 'warn' | 'error' = 'warn'): Promise<void> {
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', logLevel],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
  );
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves once the server at `url` answers its health check; throws if it exits or takes over 90 s. */
async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`LoaXa server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet: PGlite's first start takes a few seconds.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('LoaXa server did not become healthy within 90 s');
}

/** A running LoaXa server. */
export interface AppServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the real server (src/server/main.ts) serving `staticDir`, its database in `dataDir`, or on PostgreSQL
 * at `databaseUrl` when given.
 */
export async function startAppServer(options: {
  dataDir: string;
  staticDir: string;
  databaseUrl?: string;
  stdio?: StdioOptions;
  /** More settings of the server's environment (LOAXA_DEMO…). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  const port = await freePort();
  const server = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      STATIC_DIR: options.staticDir,
      ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
      ...options.env,
    },
    stdio: options.stdio ?? ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
  return {
    baseUrl,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
