/**
 * PouchDB for the sync benchmark only: pouchdb-server and pouchdb-browser live in scripts/bench/pouchdb with
 * their own pinned package-lock.json, installed on the first benchmark run, so the app's `npm ci` stays lean.
 * The server runs with its defaults (LevelDB through leveldown's bundled prebuild) in a temporary directory.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { freePort, ROOT } from '../../tests/helpers/app-server.ts';

/** Where the benchmark's own package.json and node_modules are. */
const POUCH_DIR = join(ROOT, 'scripts/bench/pouchdb');

/** The script the benchmark page loads to get `window.PouchDB`. */
export const POUCH_SCRIPT = 'pouchdb.js';

/** Installs the pinned PouchDB packages unless they are there already. */
export async function ensurePouchInstalled(): Promise<void> {
  if (existsSync(join(POUCH_DIR, 'node_modules/pouchdb-server'))) return;
  console.error('Installing PouchDB for the sync benchmark (npm ci --prefix scripts/bench/pouchdb)…');
  // No install scripts: leveldown loads the prebuild it ships, and sqlite3 (unused here) would try a download.
  await promisify(execFile)(
    'npm',
    ['ci', '--prefix', POUCH_DIR, '--ignore-scripts', '--no-audit', '--no-fund'],
    {
      cwd: ROOT,
    },
  );
}

/** Bundles pouchdb-browser into `outDir`/pouchdb.js as a classic script defining the global `PouchDB`. */
export async function buildPouchBrowser(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: POUCH_DIR,
    logLevel: 'error',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: false,
      lib: {
        entry: join(POUCH_DIR, 'node_modules/pouchdb-browser/lib/index.es.js'),
        name: 'PouchDB',
        formats: ['iife'],
        fileName: () => POUCH_SCRIPT,
      },
    },
  });
}

/** A running pouchdb-server. */
export interface PouchServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Starts pouchdb-server on a free port with its data, config and log in `dataDir`. */
export async function startPouchServer(dataDir: string): Promise<PouchServer> {
  const port = await freePort();
  const bin = join(POUCH_DIR, 'node_modules/pouchdb-server/bin/pouchdb-server');
  const server = spawn(
    process.execPath,
    [
      bin,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--config',
      join(dataDir, 'config.json'),
      '--no-stdout-logs',
    ],
    { cwd: dataDir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (server.exitCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`pouchdb-server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(baseUrl)).ok) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error('pouchdb-server did not answer within 30 s');
}
