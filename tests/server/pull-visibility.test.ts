import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { Unit } from '../../src/domain/schemas/unit.ts';
import { PullPageSchema, type PullPage } from '../../src/domain/sync.ts';
import { DEMO_UNIT_IDS, DEMO_UNITS } from '../../src/server/demo/demo-units.ts';
import type { Store } from '../../src/server/store/store.ts';
import { makeBulletin, makeSlot, makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin, vinhHai, team } = DEMO_UNIT_IDS;

/** Pulls every page for `unitId` from `cursor` with `limit`, checking each against the schema. */
async function pullAll(store: Store, unitId: string, limit: number, cursor = 0): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  for (;;) {
    const page = await store.pullChanges({ cursor: pages.at(-1)?.cursor ?? cursor, limit, unitId });
    expect(v.safeParse(PullPageSchema, page).issues).toBeUndefined();
    pages.push(page);
    if (!page.more) return pages;
  }
}

/** Every change of the pages as "kind:key", in the order sent. */
function changes(pages: readonly PullPage[]): string[] {
  return pages.flatMap((page) => [
    ...page.units.map((u) => `unit:${u.id}`),
    ...page.bulletins.map((b) => `bulletin:${b.id}`),
    ...page.slots.map((s) => `slot:${s.bulletinId}/${s.lang}`),
    ...page.reviews.map((r) => `review:${r.submissionId}`),
    ...page.withdrawals.map((id) => `withdrawal:${id}`),
    ...page.slotWithdrawals.map((s) => `slot-withdrawal:${s.bulletinId}/${s.lang}`),
  ]);
}

/** `unit` as a staff edit sends it back, with `changes`. */
function editOf(unit: Unit, changes: Partial<Unit>) {
  const { id: _id, rev: _rev, ...content } = { ...unit, ...changes };
  return content;
}

describe.each(ENGINES)('pull visibility on %s', (kind) => {
  let db: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    store = db.store;
    await store.migrate();
    await store.upsertUnits(DEMO_UNITS);
  });
  afterEach(() => db.dispose());

  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id).sort();
  const pullOnce = (unitId: string, cursor = 0) => store.pullChanges({ cursor, limit: 500, unitId });

  /** A device of `unitId` (for submissions, which name their device). */
  async function insertDevice(unitId: string): Promise<string> {
    const id = crypto.randomUUID();
    await db.sql.query(
      `INSERT INTO devices (id, unit_id, label, public_key, token_hash, enrolled_at)
       VALUES ($1, $2, 'Điện thoại', '{}', $3, now())`,
      [id, unitId, id.replaceAll('-', '').padEnd(64, '0')],
    );
    return id;
  }

  /** A submitted translation of `bulletinId` from `unitId`, with a fresh rev. */
  async function submit(unitId: string, bulletinId: string): Promise<string> {
    const id = crypto.randomUUID();
    await db.sql.query(
      `INSERT INTO slot_submissions (id, bulletin_id, lang, bulletin_version, text, audio_id, translator, unit_id,
         device_id, status, submitted_at, rev)
       VALUES ($1, $2, 'hmn', 1, 'Lus txhais', NULL, 'Giàng A Páo', $3, $4, 'submitted', now(), nextval('change_rev'))`,
      [id, bulletinId, unitId, await insertDevice(unitId)],
    );
    return id;
  }

  it('sends a commune its own unit, its ancestors and the units below it, nothing else', async () => {
    const below = makeUnit({ parentId: taPhin, level: 'team', name: 'Tổ loa bản Sà Phìn A' });
    await store.upsertUnits([below]);
    expect(ids((await pullOnce(taPhin)).units)).toEqual([province, district, taPhin, below.id].sort());
    expect(ids((await pullOnce(vinhHai)).units)).toEqual([province, district, vinhHai].sort());
    expect((await pullOnce(district)).units.map((u) => u.id)).toContain(team);
  });

  it('sends bulletins targeted at the commune or an ancestor, published or withdrawn, never drafts', async () => {
    const own = makeBulletin({ targetUnitIds: [taPhin] });
    const ofDistrict = makeBulletin({ targetUnitIds: [district] });
    const ofProvince = makeBulletin({ targetUnitIds: [province], status: 'withdrawn' });
    const ofNeighbour = makeBulletin({ targetUnitIds: [vinhHai] });
    const ofBoth = makeBulletin({ targetUnitIds: [vinhHai, taPhin] });
    const draft = makeBulletin({ targetUnitIds: [taPhin], status: 'draft' });
    const ofTeam = makeBulletin({ targetUnitIds: [team] });
    await store.upsertBulletins([own, ofDistrict, ofProvince, ofNeighbour, ofBoth, draft, ofTeam]);

    const page = await pullOnce(taPhin);
    expect(ids(page.bulletins)).toEqual(ids([own, ofDistrict, ofProvince, ofBoth]));
    expect(page.withdrawals).toEqual([]);
    expect(ids((await pullOnce(vinhHai)).bulletins)).toEqual(
      ids([ofDistrict, ofProvince, ofNeighbour, ofBoth]),
    );
  });

  it("sends only approved slots, only in the commune's languages, only of bulletins it sees", async () => {
    const own = makeBulletin({ targetUnitIds: [district] });
    const neighbours = makeBulletin({ targetUnitIds: [vinhHai] });
    await store.upsertBulletins([own, neighbours]);
    await store.upsertSlots([
      makeSlot(own.id, { lang: 'hmn' }),
      makeSlot(own.id, { lang: 'blt', status: 'submitted' }),
      makeSlot(own.id, { lang: 'khm' }),
      makeSlot(neighbours.id, { lang: 'hmn' }),
    ]);
    const slots = (await pullOnce(taPhin)).slots.map((s) => `${s.bulletinId}/${s.lang}`);
    expect(slots).toEqual([`${own.id}/hmn`]);
    expect((await pullOnce(vinhHai)).slots.map((s) => `${s.bulletinId}/${s.lang}`).sort()).toEqual([
      `${own.id}/khm`,
    ]);
  });

  it("sends a unit its own submissions' reviews, and each change of them again", async () => {
    const bulletin = makeBulletin({ targetUnitIds: [district] });
    await store.upsertBulletins([bulletin]);
    const ours = await submit(taPhin, bulletin.id);
    await submit(vinhHai, bulletin.id);

    const first = await pullOnce(taPhin);
    expect(first.reviews).toEqual([
      {
        submissionId: ours,
        bulletinId: bulletin.id,
        lang: 'hmn',
        status: 'submitted',
        reviewer: null,
        reviewComment: null,
        updatedAt: expect.any(String),
        rev: expect.any(Number),
      },
    ]);
    await db.sql.query(
      `UPDATE slot_submissions SET status = 'rejected', reviewer = 'Lò Văn Minh', review_comment = 'Sai chính tả',
         reviewed_at = now(), rev = nextval('change_rev') WHERE id = $1`,
      [ours],
    );
    const next = await pullOnce(taPhin, first.cursor);
    expect(next.reviews.map((r) => [r.submissionId, r.status, r.reviewComment])).toEqual([
      [ours, 'rejected', 'Sai chính tả'],
    ]);
    expect((await pullOnce(province)).reviews).toEqual([]);
  });

  it('tells a commune to drop a bulletin retargeted away from it, and no other commune', async () => {
    const bulletin = makeBulletin({ targetUnitIds: [taPhin] });
    const elsewhere = makeBulletin({ targetUnitIds: [vinhHai] });
    const draft = makeBulletin({ targetUnitIds: [taPhin], status: 'draft' });
    await store.upsertBulletins([bulletin, elsewhere, draft]);
    const before = { taPhin: await pullOnce(taPhin), vinhHai: await pullOnce(vinhHai) };

    const retargeted: Bulletin = { ...bulletin, version: 2, targetUnitIds: [vinhHai] };
    await store.upsertBulletins([
      retargeted,
      { ...elsewhere, title: 'Đã sửa' },
      { ...draft, targetUnitIds: [vinhHai] },
    ]);
    const taPhinNext = await pullOnce(taPhin, before.taPhin.cursor);
    expect(taPhinNext.bulletins).toEqual([]);
    expect(taPhinNext.withdrawals).toEqual([bulletin.id]);
    const vinhHaiNext = await pullOnce(vinhHai, before.vinhHai.cursor);
    expect(ids(vinhHaiNext.bulletins)).toEqual(ids([bulletin, elsewhere]));
    expect(vinhHaiNext.withdrawals).toEqual([]);
    // A new device of Xã Tả Phìn is told to drop what it never had: harmless, and ids only.
    expect((await pullOnce(taPhin)).bulletins).toEqual([]);
  });

  it('sends the slots of a bulletin again when it is retargeted to a new commune', async () => {
    const bulletin = makeBulletin({ targetUnitIds: [vinhHai] });
    await store.upsertBulletins([bulletin]);
    await store.upsertSlots([makeSlot(bulletin.id, { lang: 'hmn' })]);
    const { cursor } = await pullOnce(taPhin);

    await store.upsertBulletins([{ ...bulletin, targetUnitIds: [vinhHai, taPhin] }]);
    const next = await pullOnce(taPhin, cursor);
    expect(ids(next.bulletins)).toEqual([bulletin.id]);
    expect(next.slots.map((s) => s.lang)).toEqual(['hmn']);
  });

  it('pages with small limits without skipping or repeating a change', async () => {
    const other = makeUnit({ parentId: taPhin, level: 'team' });
    await store.upsertUnits([other]);
    for (let round = 0; round < 5; round++) {
      const mine = makeBulletin({ targetUnitIds: [round % 2 === 0 ? taPhin : district] });
      const theirs = makeBulletin({ targetUnitIds: [vinhHai] });
      await store.upsertBulletins([mine, theirs]);
      await store.upsertSlots([makeSlot(mine.id, { lang: 'hmn' }), makeSlot(theirs.id, { lang: 'khm' })]);
      await submit(round % 2 === 0 ? taPhin : vinhHai, mine.id);
      if (round === 2) await store.upsertBulletins([{ ...mine, targetUnitIds: [vinhHai] }]);
      if (round === 3) await store.upsertSlots([makeSlot(mine.id, { lang: 'hmn', status: 'rejected' })]);
    }
    for (const unitId of [taPhin, vinhHai]) {
      const whole = changes([await pullOnce(unitId)]);
      expect(new Set(whole).size).toBe(whole.length);
      for (const limit of [1, 2, 3, 7]) {
        const pages = await pullAll(store, unitId, limit);
        // Each change exactly once (a page lists its changes by kind, so the order differs from one page).
        expect(changes(pages).sort()).toEqual([...whole].sort());
        for (const page of pages) expect(changes([page]).length).toBeLessThanOrEqual(limit);
        const cursors = pages.map((page) => page.cursor);
        expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
      }
    }
  });

  it("names the database's identity in every page, empty ones included, and a restored one's new identity", async () => {
    const [{ id }] = (await db.sql.query('SELECT id FROM database_identity')) as [{ id: string }];
    await store.upsertBulletins([makeBulletin({ targetUnitIds: [taPhin] })]);
    const pages = await pullAll(store, taPhin, 2);
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(pages.map((page) => page.database))).toEqual(new Set([id]));
    expect((await pullOnce(taPhin, pages.at(-1)!.cursor)).database).toBe(id);
    expect((await pullOnce(crypto.randomUUID())).database).toBe(id);

    // What a restore from a backup does (the restore command sets a new identity).
    await db.sql.query('UPDATE database_identity SET id = gen_random_uuid()');
    const restored = await pullOnce(taPhin, pages.at(-1)!.cursor);
    expect(restored.database).not.toBe(id);
    expect(restored.database).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends a unit's scope with its own row, and only then", async () => {
    const below = makeUnit({ parentId: taPhin, level: 'team', name: 'Tổ loa bản Sà Phìn A' });
    await store.upsertUnits([below]);
    const first = await pullOnce(taPhin);
    expect(first.scope).toEqual({
      units: expect.arrayContaining([province, district, taPhin, below.id]),
      languages: ['vie', 'hmn', 'blt'],
    });
    expect(first.scope?.units).toHaveLength(4);
    await store.upsertBulletins([makeBulletin({ targetUnitIds: [taPhin] })]);
    await store.upsertUnits([{ ...below, name: 'Tổ loa bản Sà Phìn B' }]);
    expect((await pullOnce(taPhin, first.cursor)).scope).toBeNull();

    // A language removed: the unit's row comes again, with the languages its devices keep slots in.
    const current = (await store.unitAuthoring.get(taPhin))!;
    const edited = await store.unitAuthoring.update(
      taPhin,
      editOf(current, { languages: ['vie', 'hmn'] }),
      new Date().toISOString(),
    );
    expect(edited.ok).toBe(true);
    expect((await pullOnce(taPhin, first.cursor)).scope?.languages).toEqual(['vie', 'hmn']);
    expect((await pullOnce(vinhHai)).scope?.units.sort()).toEqual([province, district, vinhHai].sort());
  });

  it('tells both sides of a move what they no longer see, through their own rows and scopes', async () => {
    const otherDistrict = makeUnit({ parentId: province, level: 'district', name: 'Huyện Bắc Sơn' });
    const below = makeUnit({ parentId: taPhin, level: 'team', name: 'Tổ loa bản Sà Phìn A' });
    await store.upsertUnits([otherDistrict, below]);
    const before = {
      district: (await pullOnce(district)).cursor,
      taPhin: (await pullOnce(taPhin)).cursor,
      below: (await pullOnce(below.id)).cursor,
      vinhHai: (await pullOnce(vinhHai)).cursor,
      province: (await pullOnce(province)).cursor,
    };

    const current = (await store.unitAuthoring.get(taPhin))!;
    const moved = await store.unitAuthoring.update(
      taPhin,
      editOf(current, { parentId: otherDistrict.id }),
      new Date().toISOString(),
    );
    expect(moved.ok).toBe(true);

    // The old district lost the commune and the team below it.
    const districtNext = await pullOnce(district, before.district);
    expect(districtNext.scope?.units).not.toContain(taPhin);
    expect(districtNext.scope?.units).not.toContain(below.id);
    expect(districtNext.scope?.units).toContain(vinhHai);
    // The commune and its team lost the old district, and see the new one.
    for (const [unitId, cursor] of [
      [taPhin, before.taPhin],
      [below.id, before.below],
    ] as const) {
      const next = await pullOnce(unitId, cursor);
      expect(next.scope?.units.sort()).toEqual([province, otherDistrict.id, taPhin, below.id].sort());
      expect(next.units.map((u) => u.id)).toContain(otherDistrict.id);
    }
    // Units that lost nothing get at most a changed row, never a scope.
    expect((await pullOnce(vinhHai, before.vinhHai)).scope).toBeNull();
    expect((await pullOnce(province, before.province)).scope).toBeNull();
  });

  it('withdraws a slot no longer approved from the units that see it in its language, by key', async () => {
    const bulletin = makeBulletin({ targetUnitIds: [district] });
    const elsewhere = makeBulletin({ targetUnitIds: [vinhHai] });
    await store.upsertBulletins([bulletin, elsewhere]);
    await store.upsertSlots([
      makeSlot(bulletin.id, { lang: 'hmn' }),
      makeSlot(elsewhere.id, { lang: 'hmn' }),
    ]);
    const before = { taPhin: await pullOnce(taPhin), vinhHai: await pullOnce(vinhHai) };
    expect(before.taPhin.slots.map((s) => s.bulletinId)).toEqual([bulletin.id]);

    await store.upsertSlots([
      makeSlot(bulletin.id, { lang: 'hmn', status: 'rejected' }),
      makeSlot(elsewhere.id, { lang: 'hmn', status: 'rejected' }),
    ]);
    const next = await pullOnce(taPhin, before.taPhin.cursor);
    expect(next.slots).toEqual([]);
    expect(next.slotWithdrawals).toEqual([{ bulletinId: bulletin.id, lang: 'hmn' }]);
    // Vĩnh Hải speaks no H'Mông: nothing to tell it.
    expect(changes([await pullOnce(vinhHai, before.vinhHai.cursor)])).toEqual([]);

    await store.upsertSlots([makeSlot(bulletin.id, { lang: 'hmn' })]);
    const again = await pullOnce(taPhin, next.cursor);
    expect(again.slots.map((s) => `${s.bulletinId}/${s.status}`)).toEqual([`${bulletin.id}/approved`]);
    expect(again.slotWithdrawals).toEqual([]);
  });

  it('sends nothing to a unit that does not exist', async () => {
    await store.upsertBulletins([makeBulletin({ targetUnitIds: [taPhin] })]);
    expect(changes([await pullOnce(crypto.randomUUID())])).toEqual([]);
  });
});
