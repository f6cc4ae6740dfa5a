/**
 * Log-writing benchmark, in headless Chromium (fake-indexeddb's timings say nothing about a browser): Vite builds
 * log-write-page.ts, which bundles the app's log writer, database and evidence code, into a temporary directory;
 * `vite preview` serves it on 127.0.0.1 (a secure context, as WebCrypto needs); the page then times
 * - one signed log through recordBroadcast (validate, hash, sign, head check, log + outbox commit, strict
 *   durability), one write after another, after a warm-up;
 * - 10,000 logs written with Dexie's bulkPut and with raw IndexedDB puts of the same records into a fresh
 *   database with the same store and indexes, alternating, in the same run;
 * and checks, with Web Locks as the browser has them, that two tabs writing at once leave one valid chain.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFreshContext } from '../../tests/helpers/chromium.ts';
import type { LogWriteBench } from './log-write-page.ts';
import { benchPageCaller, benchPageReady, buildBenchPage } from './bench-page.ts';
import { previewDist } from './preview.ts';
import { median, ms, percentile } from './stats.ts';

const WARMUP = 20;
const SIGNED_WRITES = 200;
const BULK_LOGS = 10_000;
const BULK_ROUNDS = 3;
const TAB_WRITES = 50;
const WRITE_TARGET_MS = 5;
const BULK_TARGET_RATIO = 0.7;

const inPage = benchPageCaller<LogWriteBench>();

const perSecond = (count: number, milliseconds: number) => Math.round((count / milliseconds) * 1000);

/** Result lines for writing broadcast logs in Chromium. */
export async function benchLogWrite(root: string): Promise<string[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-log-write-'));
  try {
    await buildBenchPage(root, 'log-write-page.ts', outDir);
    await writeFile(
      join(outDir, 'index.html'),
      '<!doctype html><script type="module" src="/bench.js"></script>',
    );
    const server = await previewDist(root, outDir);
    const { baseUrl } = server;
    const { context, close } = await launchFreshContext();
    try {
      const page = await context.newPage();
      await page.goto(baseUrl);
      await benchPageReady(page);

      const first = await inPage(page, 'firstUse', 'first-use');
      if (first.privateExtractable || !first.exportRefused)
        throw new Error('the device key is extractable in Chromium');
      const writes = await inPage(page, 'signedWrites', 'signed', WARMUP, SIGNED_WRITES);
      const chain = await inPage(page, 'verifyDevice', 'signed');
      if (chain.result.status !== 'verified') throw new Error(`chain ${JSON.stringify(chain.result)}`);

      // Two tabs of one origin write at once; both must see one identity and leave one chain.
      const other = await context.newPage();
      await other.goto(baseUrl);
      await benchPageReady(other);
      await Promise.all([
        inPage(page, 'writeAtOnce', 'tabs', TAB_WRITES),
        inPage(other, 'writeAtOnce', 'tabs', TAB_WRITES),
      ]);
      const tabs = await inPage(other, 'verifyDevice', 'tabs');
      const sameDevice =
        (await inPage(page, 'deviceId', 'tabs')) === (await inPage(other, 'deviceId', 'tabs'));
      await other.close();
      const tabsOk = tabs.result.status === 'verified' && tabs.result.count === 2 * TAB_WRITES && sameDevice;

      const made = await inPage(page, 'makeRecords', BULK_LOGS);
      const dexieMs: number[] = [];
      const rawMs: number[] = [];
      for (let round = 0; round < BULK_ROUNDS; round += 1) {
        // Alternating which goes first, so neither always meets a warmer disk.
        const order = round % 2 === 0 ? (['dexie', 'raw'] as const) : (['raw', 'dexie'] as const);
        for (const kind of order) {
          if (kind === 'dexie') dexieMs.push(await inPage(page, 'dexieBulk', `dexie-${round}`));
          else rawMs.push(await inPage(page, 'rawBulk', `raw-${round}`));
        }
      }
      const verified = await inPage(page, 'verifyRecords');
      const strict = await inPage(page, 'rawSingleWrites', 'raw-strict', SIGNED_WRITES, 'strict');
      const relaxed = await inPage(page, 'rawSingleWrites', 'raw-relaxed', SIGNED_WRITES, 'relaxed');

      const dexieRate = perSecond(made, median(dexieMs));
      const rawRate = perSecond(made, median(rawMs));
      const ratio = dexieRate / rawRate;
      return [
        `| log write (Chromium): one signed log through recordBroadcast (validate, hash, sign, log + outbox commit, strict durability), median of ${SIGNED_WRITES} | ${ms(median(writes))} | < ${WRITE_TARGET_MS} ms |`,
        `| log write: … p95 | ${ms(percentile(writes, 95))} | |`,
        `| log write: raw IndexedDB floor, one log + outbox entry per transaction, strict / relaxed durability, median | ${ms(median(strict))} / ${ms(median(relaxed))} | |`,
        `| log write: device key on first use (generate non-extractable P-256 key, store); private key unreadable | ${ms(first.ms)}; ${first.exportRefused ? 'export refused' : 'EXPORTABLE'} | |`,
        `| log write: two tabs × ${TAB_WRITES} logs at once (Web Locks) → one chain | ${tabsOk ? `verified, seq 1–${2 * TAB_WRITES}` : `FAILED ${JSON.stringify(tabs.result)}`} | one valid chain |`,
        `| log write: ${made.toLocaleString('en')} logs, Dexie bulkPut / raw IndexedDB puts, median of ${BULK_ROUNDS} | ${dexieRate.toLocaleString('en')} / ${rawRate.toLocaleString('en')} logs/s (${ms(median(dexieMs))} / ${ms(median(rawMs))}) | |`,
        `| log write: Dexie bulkPut throughput as a share of raw IndexedDB | ${(ratio * 100).toFixed(0)} % | ≥ ${BULK_TARGET_RATIO * 100} % |`,
        `| log verify: ${made.toLocaleString('en')}-log chain, hashes and signatures (verifyChain) | ${ms(verified.ms)} (${verified.status}); device chain of ${chain.result.status === 'verified' ? chain.result.count : '?'} logs ${ms(chain.ms)} | |`,
      ];
    } finally {
      await close();
      await server.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
