import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import { PullPageSchema } from '../../src/domain/sync.ts';
import { demoBulletins } from '../../src/server/demo/demo-bulletins.ts';
import { DEMO_UNIT_IDS, DEMO_UNITS } from '../../src/server/demo/demo-units.ts';
import { seedDemoData } from '../../src/server/demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/demo/demo-users.ts';
import { verifyPassword } from '../../src/server/auth/password.ts';
import { makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

describe.each(ENGINES)('demo seeding on %s', (kind) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
  });
  afterEach(() => db.dispose());

  /** Every bulletin the seeded units receive, by id. */
  async function seededBulletins(): Promise<Map<string, Bulletin>> {
    const seen = new Map<string, Bulletin>();
    for (const unit of DEMO_UNITS) {
      const page = await db.store.pullChanges({ cursor: 0, limit: 500, unitId: unit.id });
      for (const b of page.bulletins) seen.set(b.id, b);
    }
    return seen;
  }

  it('fills an empty database once, with data the sync schema accepts', async () => {
    expect(await seedDemoData(db.store)).toBe(true);
    expect(await db.store.countUnits()).toBe(DEMO_UNITS.length);
    // The province sees every unit; every published or withdrawn bulletin reaches some unit.
    const pull = (unitId: string, cursor = 0) =>
      db.store.pullChanges({ cursor, limit: 500, unitId }).then((page) => v.parse(PullPageSchema, page));
    const page = await pull(DEMO_UNIT_IDS.province);
    expect(page.more).toBe(false);
    expect(page.units.map((u) => u.id).sort()).toEqual(DEMO_UNITS.map((u) => u.id).sort());
    const seen = new Set<string>();
    for (const unit of DEMO_UNITS) for (const b of (await pull(unit.id)).bulletins) seen.add(b.id);
    const sent = demoBulletins(isoDateOf(new Date(), VIETNAM_TIME_ZONE))
      .filter((b) => b.status !== 'draft')
      .map((b) => b.id);
    expect([...seen].sort()).toEqual(sent.sort());

    expect(await seedDemoData(db.store)).toBe(false);
    expect(await db.store.countUnits()).toBe(DEMO_UNITS.length);
    expect(await pull(DEMO_UNIT_IDS.province, page.cursor)).toMatchObject({
      units: [],
      bulletins: [],
      more: false,
    });
  });

  it('dates the bulletins from today in Vietnam unless given a seed day', async () => {
    const before = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
    expect(await seedDemoData(db.store)).toBe(true);
    const after = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
    const storm = demoBulletins(before)[0]!;
    expect([before, after]).toContain((await seededBulletins()).get(storm.id)?.validFrom);
  });

  it('dates the bulletins from the seed day it is given', async () => {
    expect(await seedDemoData(db.store, '2031-03-15')).toBe(true);
    const seeded = await seededBulletins();
    for (const expected of demoBulletins('2031-03-15')) {
      expect(seeded.get(expected.id), expected.title).toMatchObject({
        validFrom: expected.validFrom,
        validUntil: expected.validUntil,
        airing: expected.airing,
        body: expected.body,
      });
    }
  });

  it('leaves a database that already has units alone', async () => {
    const unit = makeUnit();
    await db.store.upsertUnits([unit]);
    expect(await seedDemoData(db.store)).toBe(false);
    expect(await db.store.countUnits()).toBe(1);
    expect((await db.store.pullChanges({ cursor: 0, limit: 500, unitId: unit.id })).bulletins).toEqual([]);
  });

  it('seeds the demo staff accounts with scrypt hashes of the demo password, once', async () => {
    expect(await seedDemoData(db.store)).toBe(true);
    const users = await db.sql.query<{ login: string; password_hash: string }>(
      'SELECT login, password_hash FROM users ORDER BY login',
    );
    expect(users.map((u) => u.login)).toEqual(DEMO_USERS.map((u) => u.login).sort());
    for (const user of users) {
      expect(user.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
      expect(await verifyPassword(DEMO_PASSWORD, user.password_hash)).toBe(true);
    }
    expect(await seedDemoData(db.store)).toBe(false);
    expect(await db.store.accounts.countUsers()).toBe(DEMO_USERS.length);
  });

  it('adds the accounts on the next start when a start died after writing the demo units', async () => {
    await db.store.upsertUnits(DEMO_UNITS);
    expect(await seedDemoData(db.store)).toBe(true);
    expect(await db.store.accounts.countUsers()).toBe(DEMO_USERS.length);
  });
});
