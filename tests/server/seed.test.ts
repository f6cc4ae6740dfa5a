import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PullPageSchema } from '../../src/domain/sync.ts';
import { DEMO_BULLETINS } from '../../src/server/demo/demo-bulletins.ts';
import { DEMO_UNITS } from '../../src/server/demo/demo-units.ts';
import { seedDemoData } from '../../src/server/demo/seed.ts';
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

  it('fills an empty database once, with data the sync schema accepts', async () => {
    expect(await seedDemoData(db.store)).toBe(true);
    expect(await db.store.countUnits()).toBe(DEMO_UNITS.length);
    const page = v.parse(PullPageSchema, await db.store.pullChanges({ cursor: 0, limit: 500 }));
    expect(page.more).toBe(false);
    expect(page.units.map((u) => u.id).sort()).toEqual(DEMO_UNITS.map((u) => u.id).sort());
    const sent = DEMO_BULLETINS.filter((b) => b.status !== 'draft').map((b) => b.id);
    expect(page.bulletins.map((b) => b.id).sort()).toEqual(sent.sort());

    expect(await seedDemoData(db.store)).toBe(false);
    expect(await db.store.countUnits()).toBe(DEMO_UNITS.length);
    expect(await db.store.pullChanges({ cursor: page.cursor, limit: 500 })).toMatchObject({
      units: [],
      bulletins: [],
      more: false,
    });
  });

  it('leaves a database that already has units alone', async () => {
    await db.store.upsertUnits([makeUnit()]);
    expect(await seedDemoData(db.store)).toBe(false);
    expect(await db.store.countUnits()).toBe(1);
    expect((await db.store.pullChanges({ cursor: 0, limit: 500 })).bulletins).toEqual([]);
  });
});
