import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/store/open-store.ts';
import type { StoreLocation } from '../../src/server/store/open-store.ts';
import type { StoreKind } from '../../src/server/store/store.ts';
import { makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, newSchemaName, postgresAdmin, urlWithSchema } from '../helpers/stores.ts';

/** The production path: what main.ts opens, restarted on the same data. */
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await closeTestEngines();
});

async function location(kind: StoreKind): Promise<StoreLocation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loaxa-data-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  if (kind === 'pglite') return { dataDir };
  const schema = newSchemaName();
  await postgresAdmin().query(`CREATE SCHEMA ${schema}`);
  cleanups.push(async () => {
    await postgresAdmin().query(`DROP SCHEMA ${schema} CASCADE`);
  });
  return { dataDir, databaseUrl: urlWithSchema(schema) };
}

describe.each(ENGINES)('openStore with %s', (kind) => {
  it('keeps data across a restart and migrates nothing the second time', async () => {
    const where = await location(kind);
    const unit = makeUnit();

    const first = await openStore(where);
    expect(first.kind).toBe(kind);
    expect(await first.migrate()).toBe(8);
    await first.upsertUnits([unit]);
    await first.close();

    const second = await openStore(where);
    try {
      expect(await second.migrate()).toBe(8);
      expect(await second.health()).toEqual({ kind, migration: 8, latest: 8 });
      expect(
        (await second.pullChanges({ cursor: 0, limit: 10, unitId: unit.id })).units.map((u) => u.id),
      ).toEqual([unit.id]);
    } finally {
      await second.close();
    }
  });
});
