import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_UNIT_IDS, DEMO_UNITS } from '../../src/server/demo/demo-units.ts';
import { makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

describe.each(ENGINES)('unit tree queries on %s', (kind) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    await db.store.upsertUnits(DEMO_UNITS);
  });
  afterEach(() => db.dispose());

  it('lists a subtree with its root, and the ancestors nearest first', async () => {
    const { accounts } = db.store;
    expect((await accounts.subtreeIds([DEMO_UNIT_IDS.province])).sort()).toEqual(
      DEMO_UNITS.map((u) => u.id).sort(),
    );
    expect(await accounts.subtreeIds([DEMO_UNIT_IDS.taPhin])).toEqual([DEMO_UNIT_IDS.taPhin]);
    expect(await accounts.subtreeIds([crypto.randomUUID()])).toEqual([]);
    expect(await accounts.ancestorIds(DEMO_UNIT_IDS.team)).toEqual([
      DEMO_UNIT_IDS.district,
      DEMO_UNIT_IDS.province,
    ]);
    expect(await accounts.ancestorIds(DEMO_UNIT_IDS.province)).toEqual([]);
  });

  it('gives the relation of several targets at once, unknown ones unrelated', async () => {
    const ghost = crypto.randomUUID();
    expect(
      await db.store.accounts.unitRelations(DEMO_UNIT_IDS.district, [
        DEMO_UNIT_IDS.district,
        DEMO_UNIT_IDS.eaSo,
        DEMO_UNIT_IDS.province,
        ghost,
      ]),
    ).toEqual(['same', 'below', 'above', 'unrelated']);
  });

  it('ends every walk on a cycle in the stored tree', async () => {
    const a = makeUnit({ id: crypto.randomUUID() });
    const b = makeUnit({ parentId: a.id });
    await db.store.upsertUnits([{ ...a, parentId: b.id }, b]);
    const { accounts } = db.store;
    expect((await accounts.subtreeIds([a.id])).sort()).toEqual([a.id, b.id].sort());
    expect(await accounts.ancestorIds(a.id)).toEqual([b.id]);
    expect(await accounts.unitRelations(a.id, [b.id, DEMO_UNIT_IDS.taPhin])).toEqual(['below', 'unrelated']);
  });
});
