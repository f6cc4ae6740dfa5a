import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRateLimits, type Limiter, type RateLimits } from '../../src/server/auth/rate-limit.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const MINUTE = 60_000;
const THREE_A_MINUTE: Limiter = { name: 'test_three', limit: 3, windowMs: MINUTE };
const TWO_A_MINUTE: Limiter = { name: 'test_two', limit: 2, windowMs: MINUTE };

describe.each(ENGINES)('rate limits counted in %s', (kind) => {
  let db: TestDatabase;
  let now: number;
  let limits: RateLimits;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    now = Date.parse('2026-12-07T08:00:00Z');
    limits = createRateLimits(db.store.attempts, () => new Date(now));
  });
  afterEach(() => db.dispose());

  const waitOf = async (...counters: [Limiter, string][]) => (await limits.begin(...counters)).wait;

  it('counts attempts as they begin and refuses past the limit until the oldest leaves the window', async () => {
    for (const step of [0, 10_000, 10_000]) {
      now += step;
      expect(await waitOf([THREE_A_MINUTE, 'k'])).toBe(0);
    }
    now += 10_000;
    expect(await waitOf([THREE_A_MINUTE, 'k'])).toBe(30);
    expect(await waitOf([THREE_A_MINUTE, 'other'])).toBe(0);
    now += 30_001;
    // The first attempt left the window; the refused one was never counted.
    expect(await waitOf([THREE_A_MINUTE, 'k'])).toBe(0);
    expect(await waitOf([THREE_A_MINUTE, 'k'])).toBe(10);
    await limits.forget(THREE_A_MINUTE, 'k');
    expect(await waitOf([THREE_A_MINUTE, 'k'])).toBe(0);
  });

  it('takes back a successful attempt, and counts nothing on any limiter when one of them refuses', async () => {
    const first = await limits.begin([TWO_A_MINUTE, 'a']);
    await first.takeBack(TWO_A_MINUTE);
    expect(await waitOf([TWO_A_MINUTE, 'a'])).toBe(0);
    expect(await waitOf([TWO_A_MINUTE, 'a'])).toBe(0);
    expect(await waitOf([TWO_A_MINUTE, 'a'], [THREE_A_MINUTE, '10.0.0.1'])).toBe(60);
    // The address did not count the refused attempt: three more fit.
    for (const login of ['b', 'c', 'd']) {
      expect(await waitOf([TWO_A_MINUTE, login], [THREE_A_MINUTE, '10.0.0.1'])).toBe(0);
    }
    expect(await waitOf([TWO_A_MINUTE, 'e'], [THREE_A_MINUTE, '10.0.0.1'])).toBe(60);
    expect(await waitOf([TWO_A_MINUTE, 'e'])).toBe(0);
  });

  it('holds the limit exactly when many attempts on one key begin at once through separate connections', async () => {
    // Each store opens its own connection (a pool on PostgreSQL), as separate server processes would.
    const processes = await Promise.all([db.reopen(), db.reopen()]);
    const waits = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const store = processes[i % 2];
        if (store === undefined) throw new Error('no store');
        return (await createRateLimits(store.attempts, () => new Date(now)).begin([THREE_A_MINUTE, 'k']))
          .wait;
      }),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(3);
    expect(waits.filter((wait) => wait === 60)).toHaveLength(7);
  });

  it('forgets attempts older than a day as new ones arrive, so a flood of keys cannot fill the table', async () => {
    for (let i = 0; i < 50; i++) await limits.begin([THREE_A_MINUTE, `203.0.113.${i}`]);
    now += 25 * 60 * MINUTE;
    await limits.begin([THREE_A_MINUTE, 'fresh']);
    expect(await db.sql.query('SELECT key FROM attempts')).toEqual([{ key: 'fresh' }]);
  });
});
