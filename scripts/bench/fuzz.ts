/**
 * Hostile-input benchmark: the fuzz test's generator (tests/helpers/hostile-requests.ts) sends FUZZ_REQUESTS
 * malformed requests to every route of the app on each engine, counts the answers by status (no 5xx allowed),
 * and samples the process's heap after every thousand requests: memory must stay bounded, not grow with the
 * number of requests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import type { StoreKind } from '../../src/server/store/sql.ts';
import { adminSession, enrolTestDevice, seedAccounts } from '../../tests/helpers/auth.ts';
import { hostileRequest, requestOf } from '../../tests/helpers/hostile-requests.ts';
import { openTestDatabase } from '../../tests/helpers/stores.ts';

const FUZZ_REQUESTS = 10_000;
const SAMPLE_EVERY = 1_000;

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Result lines for FUZZ_REQUESTS hostile requests on one engine. */
async function fuzzEngine(kind: StoreKind): Promise<string[]> {
  const db = await openTestDatabase(kind);
  const attachmentsDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-fuzz-'));
  try {
    await db.store.migrate();
    await seedAccounts(db.store);
    const app = createApp({ store: db.store, version: 'bench', attachmentsDir });
    const identities = {
      staffCookie: await adminSession(db.store),
      deviceToken: (await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin)).token,
    };
    const statuses = new Map<number, number>();
    const heaps: number[] = [];
    const started = performance.now();
    const requests = fc.sample(hostileRequest, { numRuns: FUZZ_REQUESTS, seed: 20261207 });
    for (const [i, hostile] of requests.entries()) {
      const answer = await app.request(requestOf(hostile, identities));
      await answer.arrayBuffer();
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (hostile.path === '/api/auth/logout' && answer.status === 204) {
        identities.staffCookie = await adminSession(db.store);
      }
      if ((i + 1) % SAMPLE_EVERY === 0) {
        globalThis.gc?.();
        heaps.push(process.memoryUsage().heapUsed);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const fivexx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    const growth = (heaps.at(-1) ?? 0) - (heaps[1] ?? heaps[0] ?? 0);
    return [
      `| fuzz, ${FUZZ_REQUESTS.toLocaleString('en')} hostile requests to every route (${kind}) | ${fivexx} answered 5xx (${byStatus}); ${seconds.toFixed(0)} s | 0 × 5xx |`,
      `| fuzz, heap after each ${SAMPLE_EVERY.toLocaleString('en')} requests (${kind}) | ${heaps.map(megabytes).join(', ')}; growth from the 2nd sample ${megabytes(growth)} | bounded |`,
    ];
  } finally {
    await db.dispose();
    await rm(attachmentsDir, { recursive: true, force: true });
  }
}

/** Result lines for the hostile-input benchmark on PGlite and PostgreSQL. */
export async function benchFuzz(): Promise<string[]> {
  return [...(await fuzzEngine('pglite')), ...(await fuzzEngine('postgres'))];
}
