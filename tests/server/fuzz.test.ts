/**
 * Every route of the API, driven with malformed requests (fast-check): wrong and hostile path parameters, query
 * values, bodies, content types and encodings, signed in as staff or as a device or not at all. Whatever comes,
 * the answer is never a 5xx. Bounded in count here (FUZZ_RUNS per engine); scripts/bench/fuzz.ts runs the same
 * generator ten thousand times and watches the server's memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { adminSession, enrolTestDevice, seedAccounts } from '../helpers/auth.ts';
import { hostileRequest, requestOf, type FuzzIdentities } from '../helpers/hostile-requests.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

/** Requests per engine in the suite: every route meets a few hundred; the benchmark runs ten thousand. */
const FUZZ_RUNS = 1000;

describe.each(ENGINES)('malformed requests to every route on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let identities: FuzzIdentities;
  let attachmentsDir: string;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await seedAccounts(db.store);
    attachmentsDir = await mkdtemp(join(tmpdir(), 'loaxa-fuzz-'));
    app = createApp({ store: db.store, version: 'test', attachmentsDir });
    identities = {
      staffCookie: await adminSession(db.store),
      deviceToken: (await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin)).token,
    };
  });
  afterEach(async () => {
    await db.dispose();
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  it('answers no 5xx, whatever is sent', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (hostile) => {
        const answer = await app.request(requestOf(hostile, identities));
        await answer.arrayBuffer();
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${hostile.method} ${hostile.path}`).toBeLessThan(500);
        // A logout ended the session the next requests would use.
        if (hostile.path === '/api/auth/logout' && answer.status === 204) {
          identities.staffCookie = await adminSession(db.store);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
    // The generator reaches past the gates: requests were refused for what they held, not only for who sent them.
    expect(seen.get(400) ?? 0).toBeGreaterThan(FUZZ_RUNS / 10);
  });
});
