/**
 * Every route of the API, driven with malformed requests (fast-check): wrong and hostile path parameters, query
 * values, bodies, content types and encodings, signed in as staff or as a device or not at all. Whatever comes,
 * the answer is never a 5xx. Bounded in count here (FUZZ_RUNS per engine); scripts/bench/fuzz.ts runs the same
 * generator ten thousand times and watches the server's memory.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import {
  FUZZED_ROUTES,
  hostileRequest,
  openFuzzTarget,
  type FuzzTarget,
} from '../helpers/hostile-requests.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

/** Requests per engine in the suite: every route meets a few hundred; the benchmark runs ten thousand. */
const FUZZ_RUNS = 1000;

describe('the routes the fuzzer drives', () => {
  it('hold every route the API serves, so a new route is fuzzed too', async () => {
    const db = await openTestDatabase('pglite');
    try {
      const app = createApp({ store: db.store, version: 'fuzz' });
      const fuzzed = new Set(FUZZED_ROUTES.map(([method, path]) => `${method} ${path}`));
      // Middleware registers under ALL; a GET route also answers HEAD.
      const served = app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
        .map((route) => `${route.method} ${route.path}`);
      expect(served.length).toBeGreaterThan(20);
      expect(served.filter((route) => !fuzzed.has(route))).toEqual([]);
    } finally {
      await db.dispose();
    }
  });
});

describe.each(ENGINES)('malformed requests to every route on %s', (kind) => {
  let db: TestDatabase;
  let target: FuzzTarget;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    target = await openFuzzTarget(db.store);
  });
  afterEach(async () => {
    await target.close();
    await db.dispose();
  });

  it('answers no 5xx, whatever is sent', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (hostile) => {
        const status = await target.send(hostile);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect(status, `${hostile.method} ${hostile.path}`).toBeLessThan(500);
      }),
      { numRuns: FUZZ_RUNS },
    );
    // The generator reaches past the gates: requests were refused for what they held, not only for who sent them.
    expect(seen.get(400) ?? 0).toBeGreaterThan(FUZZ_RUNS / 10);
  });
});
