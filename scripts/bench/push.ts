/**
 * Sync benchmark (issue 5), in headless Chromium: one page (push-page.ts, the app's own client code plus
 * pouchdb-browser) enrols with the real LoaXa server, writes 10,000 signed logs of one chain into its outbox and
 * the same 10,000 logs into a local PouchDB, then times
 * - LoaXa: the app's push of the outbox to the server (real server process, fresh database: PGlite in a temporary
 *   DATA_DIR, then PostgreSQL in a throwaway schema with a fresh page), until the outbox is empty;
 * - PouchDB: `local.replicate.to(remote)` into pouchdb-server (its defaults: LevelDB in a temporary directory,
 *   batch_size 100, batches_limit 10), until complete.
 * Both servers sit behind one counting proxy (wire-proxy.ts) that also serves the page, so both are reached
 * same-origin and every byte each side sends is counted as sent. A second run does both again with the same
 * number of logs over Chromium's emulated "Regular 3G" link, the network the phones actually have.
 * Run alone with `npx tsx scripts/bench/push.ts`; `npm run bench` runs it with the others.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { demoBulletins } from '../../src/server/demo/demo-bulletins.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import type { StoreKind } from '../../src/server/store/store.ts';
import { ROOT, startAppServer } from '../../tests/helpers/app-server.ts';
import { launchFreshContext } from '../../tests/helpers/chromium.ts';
import { createPairingCode } from '../../tests/helpers/enrol-device.ts';
import { closeTestEngines, newSchemaName, postgresAdmin, urlWithSchema } from '../../tests/helpers/stores.ts';
import { buildPouchBrowser, ensurePouchInstalled, POUCH_SCRIPT, startPouchServer } from './pouchdb.ts';
import type { PushBench } from './push-page.ts';
import { benchPageCaller, benchPageReady, buildBenchPage } from './bench-page.ts';
import { ms } from './stats.ts';
import { startWireProxy, type WireCount } from './wire-proxy.ts';

const LOGS = 10_000;
const RATIO_TARGET = 5;
const BYTES_TARGET = 250;

const inPage = benchPageCaller<PushBench>();

/** Builds the page and PouchDB's browser bundle into `outDir`. */
async function buildPage(root: string, outDir: string): Promise<void> {
  await buildBenchPage(root, 'push-page.ts', outDir);
  await buildPouchBrowser(outDir);
  await writeFile(
    join(outDir, 'index.html'),
    `<!doctype html><script src="/${POUCH_SCRIPT}"></script><script type="module" src="/bench.js"></script>`,
  );
}

/** A slow link as Chromium's DevTools emulate it: added round-trip latency and throughputs. */
interface Network {
  latencyMs: number;
  downloadKbps: number;
  uploadKbps: number;
}

/** A commune phone on 3G: the "Regular 3G" preset of Chromium's DevTools. */
const REGULAR_3G: Network = { latencyMs: 100, downloadKbps: 750, uploadKbps: 250 };
// The same 10,000 logs as on loopback: PouchDB then needs about six minutes, LoaXa under a minute.
const LOGS_ON_3G = 10_000;

/** One run: the LoaXa server's engine, how many logs, and optionally PouchDB and a slow link. */
interface RunOptions {
  kind: StoreKind;
  pageDir: string;
  logs: number;
  /** pouchdb-server's URL and the database to create there; without it only LoaXa runs. */
  pouch?: { server: string; db: string };
  network?: Network;
}

/** What one run measured. */
interface RunResult {
  logs: number;
  push: Awaited<ReturnType<PushBench['pushLoaxa']>>;
  pushWire: WireCount;
  jsonBytes: number;
  pouch?: { replication: Awaited<ReturnType<PushBench['replicatePouch']>>; wire: WireCount };
}

/**
 * One run on a fresh LoaXa server and a fresh browser profile: enrol, prepare, push; with `pouch`, the same page
 * then replicates the same logs there. A slow link, when given, applies to both (not to enrolment or setup).
 */
async function runOnce({ kind, pageDir, logs, pouch, network }: RunOptions): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-push-data-'));
  const schema = newSchemaName();
  if (kind === 'postgres') await postgresAdmin().query(`CREATE SCHEMA ${schema}`);
  try {
    const server = await startAppServer({
      dataDir,
      staticDir: pageDir,
      databaseUrl: kind === 'postgres' ? urlWithSchema(schema) : undefined,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const routes = [{ prefix: '/api', target: server.baseUrl, strip: false }];
    if (pouch) routes.push({ prefix: '/couch', target: pouch.server, strip: true });
    const proxy = await startWireProxy(pageDir, routes);
    const { context, close } = await launchFreshContext();
    try {
      const page = await context.newPage();
      await page.goto(proxy.baseUrl);
      await benchPageReady(page);
      const code = await createPairingCode(server.baseUrl, DEMO_UNIT_IDS.taPhin);
      const bulletinId = demoBulletins(isoDateOf(new Date(), VIETNAM_TIME_ZONE))[0]!.id;
      const prepared = await inPage(page, 'prepare', code, logs, bulletinId);
      if (network) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: network.latencyMs,
          downloadThroughput: (network.downloadKbps * 1000) / 8,
          uploadThroughput: (network.uploadKbps * 1000) / 8,
        });
      }

      proxy.reset();
      const push = await inPage(page, 'pushLoaxa');
      const pushWire = proxy.count('/api');
      if (push.pending !== 0 || push.receipts !== logs)
        throw new Error(`LoaXa push left ${push.pending} logs: ${JSON.stringify(push.counts)}`);
      const result: RunResult = { logs, push, pushWire, jsonBytes: prepared.jsonBytes };
      if (!pouch) return result;

      proxy.reset();
      const replication = await inPage(page, 'replicatePouch', `${proxy.baseUrl}/couch/${pouch.db}`);
      const wire = proxy.count('/couch');
      const info = (await (await fetch(`${pouch.server}/${pouch.db}`)).json()) as { doc_count: number };
      if (info.doc_count !== logs) throw new Error(`pouchdb-server holds ${info.doc_count} documents`);
      return { ...result, pouch: { replication, wire } };
    } finally {
      await close();
      await proxy.close();
      await server.stop();
    }
  } finally {
    if (kind === 'postgres') await postgresAdmin().query(`DROP SCHEMA ${schema} CASCADE`);
    await rm(dataDir, { recursive: true, force: true });
  }
}

const perLog = (bytes: number, logs: number) => `${(bytes / logs).toFixed(0)} B`;
const rate = (logs: number, milliseconds: number) =>
  `${Math.round((logs / milliseconds) * 1000).toLocaleString('en')} logs/s`;
const allBytes = (wire: WireCount) => wire.requestBodyBytes + wire.requestHeaderBytes + wire.responseBytes;
const split = ({ push }: RunResult) => `${ms(push.serverMs)} / ${ms(push.ms - push.serverMs)}`;
const ratio = (run: RunResult, pouchMs: number) => `${(pouchMs / run.push.ms).toFixed(1)} ×`;

/**
 * Result lines for pushing 10,000 logs with LoaXa (PGlite and PostgreSQL) and replicating them with PouchDB on
 * loopback, then the same number both ways over an emulated 3G link.
 */
export async function benchPush(root: string): Promise<string[]> {
  await ensurePouchInstalled();
  const pageDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-push-page-'));
  const pouchDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-pouchdb-'));
  try {
    await buildPage(root, pageDir);
    const pouchServer = await startPouchServer(pouchDir);
    let pglite: RunResult;
    let slow: RunResult;
    try {
      pglite = await runOnce({
        kind: 'pglite',
        pageDir,
        logs: LOGS,
        pouch: { server: pouchServer.baseUrl, db: 'logs' },
      });
      slow = await runOnce({
        kind: 'pglite',
        pageDir,
        logs: LOGS_ON_3G,
        pouch: { server: pouchServer.baseUrl, db: 'logs_3g' },
        network: REGULAR_3G,
      });
    } finally {
      await pouchServer.stop();
    }
    const postgres = await runOnce({ kind: 'postgres', pageDir, logs: LOGS });
    const pouch = pglite.pouch!;
    const slowPouch = slow.pouch!;
    const count = LOGS.toLocaleString('en');
    const link = `${REGULAR_3G.latencyMs} ms, ${REGULAR_3G.downloadKbps}/${REGULAR_3G.uploadKbps} kbit/s`;
    return [
      `| sync (Chromium, ${count} signed logs of one device): LoaXa push (pushLogs) to the server on PGlite, outbox → empty | ${ms(pglite.push.ms)} (${rate(LOGS, pglite.push.ms)}); ${pglite.push.verified.toLocaleString('en')} verified | |`,
      `| sync: … waiting for the server's answers (upload, verification, insert) / on the device (IndexedDB, gzip) | ${split(pglite)} | |`,
      `| sync: LoaXa push, server on PostgreSQL (fresh page and logs) | ${ms(postgres.push.ms)} (${rate(LOGS, postgres.push.ms)}); ${postgres.push.verified.toLocaleString('en')} verified | |`,
      `| sync: … waiting for the server's answers / on the device | ${split(postgres)} | |`,
      `| sync: PouchDB replicate.to(pouchdb-server), the same ${count} logs as documents, defaults | ${ms(pouch.replication.ms)} (${rate(LOGS, pouch.replication.ms)}); ${pouch.replication.docsWritten.toLocaleString('en')} written | |`,
      `| sync: PouchDB time / LoaXa time, PGlite (same page, same logs) / PostgreSQL | ${ratio(pglite, pouch.replication.ms)} / ${ratio(postgres, pouch.replication.ms)} | ≥ ${RATIO_TARGET} × |`,
      `| sync: bytes per log on the wire, request bodies, LoaXa gzip (${pglite.pushWire.requests} requests) | ${perLog(pglite.pushWire.requestBodyBytes, LOGS)} | ≤ ${BYTES_TARGET} B |`,
      `| sync: bytes per log on the wire, request bodies, PouchDB (${pouch.wire.requests} requests) | ${perLog(pouch.wire.requestBodyBytes, LOGS)} | |`,
      `| sync: bytes per log, all traffic both ways with headers, LoaXa / PouchDB | ${perLog(allBytes(pglite.pushWire), LOGS)} / ${perLog(allBytes(pouch.wire), LOGS)} | |`,
      `| sync: the logs as plain JSON, for reference | ${perLog(pglite.jsonBytes, LOGS)} | |`,
      `| sync over emulated 3G (${link}), ${LOGS_ON_3G.toLocaleString('en')} logs: LoaXa push / PouchDB replication (PGlite) | ${ms(slow.push.ms)} / ${ms(slowPouch.replication.ms)} | |`,
      `| sync over emulated 3G: PouchDB time / LoaXa time | ${ratio(slow, slowPouch.replication.ms)} | ≥ ${RATIO_TARGET} × |`,
    ];
  } finally {
    await rm(pageDir, { recursive: true, force: true });
    await rm(pouchDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchPush(ROOT);
  await closeTestEngines();
  console.log('| measure | result | target |');
  console.log('| --- | --- | --- |');
  for (const row of rows) console.log(row);
}
