/**
 * Hostile-input benchmark: the fuzz test's generator (tests/helpers/hostile-requests.ts) sends FUZZ_REQUESTS
 * malformed requests to every route of the app on each engine, counts the answers by status (no 5xx allowed),
 * and samples the process's heap after every thousand requests: memory must stay bounded, not grow with the
 * number of requests.
 */
import fc from 'fast-check';
import type { StoreKind } from '../../src/server/store/sql.ts';
import { hostileRequest, openFuzzTarget } from '../../tests/helpers/hostile-requests.ts';
import { openTestDatabase } from '../../tests/helpers/stores.ts';

const FUZZ_REQUESTS = 10_000;
const SAMPLE_EVERY = 1_000;

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Result lines for FUZZ_REQUESTS hostile requests on one engine. */
async function fuzzEngine(kind: StoreKind): Promise<string[]> {
  const db = await openTestDatabase(kind);
  const target = await openFuzzTarget(db.store);
  try {
    const statuses = new Map<number, number>();
    const heaps: number[] = [];
    const started = performance.now();
    const requests = fc.sample(hostileRequest, { numRuns: FUZZ_REQUESTS, seed: 20261207 });
    for (const [i, hostile] of requests.entries()) {
      const status = await target.send(hostile);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
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
    await target.close();
    await db.dispose();
  }
}

/** Result lines for the hostile-input benchmark on PGlite and PostgreSQL. */
export async function benchFuzz(): Promise<string[]> {
  return [...(await fuzzEngine('pglite')), ...(await fuzzEngine('postgres'))];
}
