/**
 * Starts the LoaXa server: reads the environment, opens and migrates the store, seeds the demo data into an
 * empty database, serves the API and the built PWA, and closes cleanly on SIGINT or SIGTERM.
 * Run with `npx tsx src/server/main.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import * as v from 'valibot';
import { assertDataDirFree, serveAdminSocket } from './admin/admin-socket.ts';
import { formatPairingCode } from '../domain/accounts.ts';
import { ensureSetupCode, removeSetupCode, setupCodePath } from './admin/setup-code.ts';
import { createApp } from './app.ts';
import { attachmentsDir } from './attachments/attachment-files.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users.ts';
import { seedDemoData } from './demo/seed.ts';
import { EnvError, readEnv } from './env.ts';
import type { Env } from './env.ts';
import { isEmbeddedStore, openStore } from './store/open-store.ts';

/** Longest wait for open requests to finish on shutdown before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return v.parse(v.object({ version: v.string() }), JSON.parse(text)).version;
}

/** Where the data lives, for the start-up line; a database URL is shown without its credentials. */
function describeData(env: Env): string {
  if (env.DATABASE_URL === undefined) return env.DATA_DIR;
  const url = new URL(env.DATABASE_URL);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function loadEnvOrExit(): Env {
  try {
    return readEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  if (env.DATABASE_URL === undefined) await assertDataDirFree(env.DATA_DIR);
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await store.migrate();
  // PGlite belongs to this process: `npm run admin` and `npm run backup` reach it through the admin socket.
  const closeAdminSocket = isEmbeddedStore(store)
    ? await serveAdminSocket(store, env.DATA_DIR)
    : async () => undefined;
  if (env.LOAXA_DEMO && (await seedDemoData(store))) {
    console.log('Seeded the demo units, bulletins and staff accounts');
    console.log(
      `Demo staff sign-in at /staff: ${DEMO_USERS.map((user) => user.login).join(', ')} (password ${DEMO_PASSWORD})`,
    );
  }

  const setupCodeFile = setupCodePath(env.DATA_DIR);
  if ((await store.accounts.countUsers()) === 0) {
    const code = await ensureSetupCode(setupCodeFile);
    console.log(
      `No staff account yet. First run: open http://localhost:${env.PORT}/staff and enter the setup code ${formatPairingCode(code)} (kept in ${setupCodeFile}), or run npm run admin -- create-admin`,
    );
  } else await removeSetupCode(setupCodeFile);

  const staticDir = existsSync(env.STATIC_DIR) ? env.STATIC_DIR : undefined;
  if (staticDir === undefined)
    console.log(`No built PWA in ${env.STATIC_DIR} (run npm run build): serving the API only`);
  const app = createApp({
    store,
    version: packageVersion(),
    staticDir,
    attachmentsDir: attachmentsDir(env.DATA_DIR),
    metricsToken: env.METRICS_TOKEN,
    trustProxy: env.TRUST_PROXY,
    setupCodeFile,
  });

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => {
    console.log(
      `LoaXa listening on http://localhost:${env.PORT} (storage: ${store.kind}, data: ${describeData(env)})`,
    );
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: closing`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      closeAdminSocket()
        .then(() => store.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error('Closing the store failed:', error);
            process.exit(1);
          },
        );
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('LoaXa failed to start:', error);
  process.exit(1);
});
