import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../src/domain/schemas/language-slot.ts';
import type { Unit } from '../../src/domain/schemas/unit.ts';
import { PullPageSchema } from '../../src/domain/sync.ts';
import type { PullPage } from '../../src/domain/sync.ts';
import type { Store } from '../../src/server/store/store.ts';
import { makeBulletin, makeSlot, makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

/** The object without its rev: the store assigns revs, so written and pulled rows differ only there. */
function withoutRev<T extends { rev: number }>(value: T): Omit<T, 'rev'> {
  const { rev: _rev, ...rest } = value;
  return rest;
}

/** The unit every pull here is made for: a root speaking every language the tests write slots in. */
const ROOT = makeUnit({ level: 'province', code: null, languages: ['vie', 'hmn', 'khm', 'blt'] });

/** A unit below ROOT unless overridden, so ROOT's pulls send it. */
function unitBelow(overrides: Partial<Unit> = {}): Unit {
  return makeUnit({ parentId: ROOT.id, ...overrides });
}

/** A bulletin targeted at ROOT unless overridden, so ROOT's pulls send it. */
function bulletinForRoot(overrides: Partial<Bulletin> = {}): Bulletin {
  return makeBulletin({ targetUnitIds: [ROOT.id], ...overrides });
}

/** Pulls page after page from `cursor` as ROOT until the server says there is no more. */
async function pullAll(store: Store, cursor: number, limit: number): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  for (;;) {
    const page = await store.pullChanges({ cursor: pages.at(-1)?.cursor ?? cursor, limit, unitId: ROOT.id });
    pages.push(page);
    if (!page.more) return pages;
  }
}

/** The keys of every change in a page, in rev order, e.g. "unit:<id>" or "slot:<bulletinId>/<lang>". */
function changeKeys(page: PullPage): string[] {
  return [
    ...page.units.map((u) => ({ rev: u.rev, key: `unit:${u.id}` })),
    ...page.bulletins.map((b) => ({ rev: b.rev, key: `bulletin:${b.id}` })),
    ...page.slots.map((s) => ({ rev: s.rev, key: `slot:${s.bulletinId}/${s.lang}` })),
  ]
    .sort((a, b) => a.rev - b.rev)
    .map((change) => change.key);
}

describe.each(ENGINES)('store on %s', (kind) => {
  let db: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    store = db.store;
  });
  afterEach(() => db.dispose());

  describe('migrations', () => {
    it('apply from an empty database and record their level', async () => {
      expect(await store.migrate()).toBe(8);
      const recorded = await db.sql.query<{ level: number; name: string }>(
        'SELECT level, name FROM schema_migrations ORDER BY level',
      );
      expect(recorded).toEqual([
        { level: 1, name: '001_init.sql' },
        { level: 2, name: '002_accounts.sql' },
        { level: 3, name: '003_sync.sql' },
        { level: 4, name: '004_airing_facts.sql' },
        { level: 5, name: '005_refused_logs.sql' },
        { level: 6, name: '006_completion.sql' },
        { level: 7, name: '007_account_admin.sql' },
        { level: 8, name: '008_deployment.sql' },
      ]);
      const tables = await db.sql.query<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1',
      );
      expect(tables.map((t) => t.name)).toEqual([
        'airing_facts',
        'attachments',
        'attempts',
        'audit_entries',
        'broadcast_logs',
        'bulletins',
        'database_identity',
        'devices',
        'language_slots',
        'pairing_codes',
        'refused_logs',
        'schema_migrations',
        'slot_submissions',
        'staff_sessions',
        'units',
        'users',
      ]);
      expect(await store.health()).toEqual({ kind, migration: 8, latest: 8 });
    });

    it('apply nothing on a second start', async () => {
      await store.migrate();
      const before = await db.sql.query('SELECT level, applied_at FROM schema_migrations');
      expect(await store.migrate()).toBe(8);
      const restarted = await db.reopen();
      expect(await restarted.migrate()).toBe(8);
      expect(await db.sql.query('SELECT level, applied_at FROM schema_migrations')).toEqual(before);
    });

    it('refuse a database migrated by a newer server', async () => {
      await store.migrate();
      await db.sql.query("INSERT INTO schema_migrations (level, name) VALUES (99, '099_future.sql')");
      await expect(store.migrate()).rejects.toThrow(/migration 99, newer than this server/);
    });
  });

  describe('writes and pulls', () => {
    /** The cursor after ROOT was written: where the changes of each test start. */
    let start: number;
    /** Pulls one page as ROOT. */
    const pull = (cursor: number, limit: number): Promise<PullPage> =>
      store.pullChanges({ cursor, limit, unitId: ROOT.id });

    beforeEach(async () => {
      await store.migrate();
      await store.upsertUnits([ROOT]);
      start = (await pull(0, 10)).cursor;
    });

    it('round-trips units, bulletins and slots exactly as the domain schemas describe them', async () => {
      const province = unitBelow({ level: 'province', code: null, languages: ['vie'] });
      const commune = unitBelow({ parentId: province.id, languages: ['vie', 'khm', 'hmn'] });
      const urgent = bulletinForRoot({
        urgency: 'urgent',
        validUntil: null,
        airing: null,
        targetUnitIds: [commune.id],
      });
      const regular = bulletinForRoot({ airing: { times: 1, perDays: 1, untilDate: null } });
      const slot = makeSlot(urgent.id, {
        audioId: 'a'.repeat(64),
        status: 'approved',
        reviewer: 'Cán bộ huyện',
      });

      expect(await store.upsertUnits([commune, province])).toBe(2);
      expect(await store.upsertBulletins([urgent, regular])).toBe(2);
      expect(await store.upsertSlots([slot])).toBe(1);
      expect(await store.countUnits()).toBe(3);

      // As the commune: it sees its own bulletin and the one of the root above it.
      const page = await store.pullChanges({ cursor: start, limit: 100, unitId: commune.id });
      expect(v.safeParse(PullPageSchema, page).issues).toBeUndefined();
      expect(page.more).toBe(false);
      expect(page.units.map(withoutRev)).toEqual(expect.arrayContaining([commune, province].map(withoutRev)));
      expect(page.bulletins.map(withoutRev)).toEqual([urgent, regular].map(withoutRev));
      expect(page.slots.map(withoutRev)).toEqual([withoutRev(slot)]);
      const revs = [...page.units, ...page.bulletins, ...page.slots].map((change) => change.rev);
      expect(new Set(revs).size).toBe(5);
      expect(Math.min(...revs)).toBeGreaterThan(0);
      expect(page.cursor).toBe(Math.max(...revs));
    });

    it('keeps dates and instants exact whatever the time zone of the server process', async () => {
      const previous = process.env.TZ;
      process.env.TZ = 'America/Los_Angeles';
      try {
        const bulletin = bulletinForRoot({
          validFrom: '2026-01-01',
          validUntil: '2026-01-02',
          updatedAt: '2026-01-01T00:00:00.001Z',
        });
        await store.upsertBulletins([bulletin]);
        const [pulled] = (await pull(start, 10)).bulletins;
        expect(pulled && withoutRev(pulled)).toEqual(withoutRev(bulletin));
      } finally {
        process.env.TZ = previous;
      }
    });

    it('stores array and JSON fields as real columns', async () => {
      const bulletin = bulletinForRoot({ airing: null });
      await store.upsertBulletins([bulletin]);
      const [row] = await db.sql.query<{ airing_null: boolean; targets: number }>(
        'SELECT airing IS NULL AS airing_null, cardinality(target_unit_ids) AS targets FROM bulletins',
      );
      expect(row).toEqual({ airing_null: true, targets: 1 });
    });

    it('pages through changes of all kinds without gaps or repeats', async () => {
      const expected: string[] = [];
      // Interleave kinds, so pages cut across units, bulletins and slots.
      for (let round = 0; round < 4; round++) {
        const unit = unitBelow();
        const bulletin = bulletinForRoot();
        const slots = [makeSlot(bulletin.id, { lang: 'hmn' }), makeSlot(bulletin.id, { lang: 'khm' })];
        await store.upsertUnits([unit]);
        await store.upsertBulletins([bulletin]);
        await store.upsertSlots(slots);
        expected.push(
          `unit:${unit.id}`,
          `bulletin:${bulletin.id}`,
          ...slots.map((s) => `slot:${s.bulletinId}/${s.lang}`),
        );
      }

      const pages = await pullAll(store, start, 3);
      expect(pages).toHaveLength(6);
      for (const page of pages) {
        expect(v.safeParse(PullPageSchema, page).issues).toBeUndefined();
        expect(changeKeys(page).length).toBeLessThanOrEqual(3);
      }
      expect(pages.map((page) => page.more)).toEqual([true, true, true, true, true, false]);
      expect(pages.flatMap(changeKeys)).toEqual(expected);
      const cursors = pages.map((page) => page.cursor);
      expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
      expect(new Set(cursors).size).toBe(cursors.length);

      const last = pages.at(-1)?.cursor ?? 0;
      expect(await pull(last, 3)).toEqual({
        database: expect.any(String),
        units: [],
        bulletins: [],
        slots: [],
        reviews: [],
        withdrawals: [],
        slotWithdrawals: [],
        scope: null,
        cursor: last,
        more: false,
      });
    });

    it('says there is no more when the last page is exactly full', async () => {
      await store.upsertUnits([unitBelow(), unitBelow(), unitBelow()]);
      const page = await pull(start, 3);
      expect(page.units).toHaveLength(3);
      expect(page.more).toBe(false);
    });

    it('never sends drafts or their slots, and sends withdrawn bulletins without slots', async () => {
      const draft = bulletinForRoot({ status: 'draft' });
      const withdrawn = bulletinForRoot({ status: 'withdrawn' });
      const published = bulletinForRoot();
      await store.upsertBulletins([draft, withdrawn, published]);
      await store.upsertSlots([makeSlot(draft.id), makeSlot(withdrawn.id), makeSlot(published.id)]);

      const page = await pull(start, 100);
      expect(page.bulletins.map((b) => [b.id, b.status])).toEqual([
        [withdrawn.id, 'withdrawn'],
        [published.id, 'published'],
      ]);
      expect(page.slots.map((s) => s.bulletinId)).toEqual([published.id]);
      expect(page.more).toBe(false);
    });

    it('gives an updated row a new rev, so it comes again after the old cursor', async () => {
      const unit = unitBelow();
      const bulletin = bulletinForRoot();
      const slot = makeSlot(bulletin.id);
      await store.upsertUnits([unit]);
      await store.upsertBulletins([bulletin]);
      await store.upsertSlots([slot]);
      const first = await pull(start, 100);

      const corrected: Bulletin = { ...bulletin, version: 2, title: 'Thông báo (đính chính)' };
      const reviewed: LanguageSlot = { ...slot, status: 'approved', reviewer: 'Lò Văn Minh' };
      expect(await store.upsertBulletins([corrected])).toBe(1);
      expect(await store.upsertSlots([reviewed])).toBe(1);

      const next = await pull(first.cursor, 100);
      expect(next.units).toEqual([]);
      expect(next.bulletins.map(withoutRev)).toEqual([withoutRev(corrected)]);
      expect(next.slots.map(withoutRev)).toEqual([withoutRev(reviewed)]);
      expect(next.bulletins[0]?.rev).toBeGreaterThan(first.cursor);

      const again = await pull(start, 100);
      expect(again.bulletins).toHaveLength(1);
      expect(again.bulletins[0]?.title).toBe('Thông báo (đính chính)');
    });

    it('leaves the rev alone when the same content is written again', async () => {
      const unit = unitBelow();
      await store.upsertUnits([unit]);
      const { cursor } = await pull(start, 10);
      expect(await store.upsertUnits([{ ...unit, rev: 12345 }])).toBe(0);
      expect((await pull(cursor, 10)).units).toEqual([]);
    });

    it('sends the slots written while a bulletin was a draft once it is published', async () => {
      const bulletin = bulletinForRoot({ status: 'draft' });
      await store.upsertBulletins([bulletin]);
      await store.upsertSlots([
        makeSlot(bulletin.id, { lang: 'hmn' }),
        makeSlot(bulletin.id, { lang: 'blt' }),
      ]);
      const { cursor } = await pull(start, 100);

      await store.upsertBulletins([{ ...bulletin, status: 'published' }]);
      const page = await pull(cursor, 100);
      expect(page.bulletins.map((b) => b.id)).toEqual([bulletin.id]);
      expect(page.slots.map((s) => s.lang).sort()).toEqual(['blt', 'hmn']);
      // The bulletin comes before its slots, so a device never holds slots of a bulletin it has not seen.
      expect(Math.min(...page.slots.map((s) => s.rev))).toBeGreaterThan(page.bulletins[0]?.rev ?? Infinity);
    });

    it('writes large batches in one call, children before parents included', async () => {
      const parent = unitBelow({ level: 'district' });
      const children = Array.from({ length: 2499 }, (_, i) =>
        unitBelow({ parentId: parent.id, name: `Xã ${i}` }),
      );
      const units: Unit[] = [...children, parent];
      expect(await store.upsertUnits(units)).toBe(2500);
      expect(await store.countUnits()).toBe(2501);
      const pages = await pullAll(store, start, 500);
      expect(pages).toHaveLength(5);
      expect(new Set(pages.flatMap((page) => page.units.map((u) => u.id))).size).toBe(2500);
    });

    it('writes all of a call or nothing', async () => {
      const orphan = unitBelow({ parentId: unitBelow().id });
      await expect(store.upsertUnits([unitBelow(), orphan])).rejects.toThrow();
      expect(await store.countUnits()).toBe(1);
      expect((await pull(start, 10)).units).toEqual([]);
    });

    it('treats an empty write as no change', async () => {
      expect(await store.upsertUnits([])).toBe(0);
      expect(await store.upsertBulletins([])).toBe(0);
      expect(await store.upsertSlots([])).toBe(0);
      expect(await pull(start, 10)).toEqual({
        database: expect.any(String),
        units: [],
        bulletins: [],
        slots: [],
        reviews: [],
        withdrawals: [],
        slotWithdrawals: [],
        scope: null,
        cursor: start,
        more: false,
      });
    });
  });
});
