import { describe, expect, it } from 'vitest';
import {
  applyPullPage,
  getBulletin,
  getBulletinDetail,
  listBulletins,
} from '../../../src/client/db/bulletin-repository.ts';
import { getMeta, getPullCursor } from '../../../src/client/db/meta-repository.ts';
import type { LanguageSlot } from '../../../src/domain/schemas/language-slot.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makePage, makeSlot, makeUnit } from '../../helpers/factories.ts';

/** The device's date in these tests: inside the factory bulletins' 2026 validity. */
const TODAY = '2026-06-15';

const titles = (list: { title: string }[]) => list.map((b) => b.title);

describe('applyPullPage', () => {
  it('stores units, bulletins and slots and advances the cursor', async () => {
    const db = freshDb();
    const unit = makeUnit({ rev: 3 });
    const bulletin = makeBulletin({ rev: 4, targetUnitIds: [unit.id] });
    const slot = makeSlot(bulletin.id, { rev: 5 });

    const applied = await applyPullPage(
      db,
      makePage({ units: [unit], bulletins: [bulletin], slots: [slot] }),
      0,
    );

    expect(applied).toEqual({ units: 1, bulletins: 1, slots: 1, withdrawn: 0 });
    expect(await getPullCursor(db)).toBe(5);
    expect(await getBulletin(db, bulletin.id)).toEqual(bulletin);
    expect(await db.units.get(unit.id)).toEqual(unit);
    expect(await db.slots.get([bulletin.id, 'hmn'])).toEqual(slot);
  });

  it('writes nothing, cursor included, when any row of the page fails to store', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ rev: 7 });
    // A slot without its key: IndexedDB rejects it after the unit and bulletin were already put.
    const broken = { ...makeSlot(bulletin.id), lang: undefined } as unknown as LanguageSlot;
    const page = makePage({ units: [makeUnit()], bulletins: [bulletin], slots: [broken], cursor: 9 });

    await expect(applyPullPage(db, page, 0)).rejects.toThrow();

    expect(await getPullCursor(db)).toBe(0);
    expect(await db.bulletins.count()).toBe(0);
    expect(await db.units.count()).toBe(0);
    expect(await db.bulletinSearch.count()).toBe(0);
  });

  it('refuses a page fetched from a cursor that is no longer the stored one', async () => {
    const db = freshDb();
    await applyPullPage(db, makePage({ bulletins: [makeBulletin({ rev: 10 })] }), 0);
    const stale = makeBulletin({ rev: 4 });

    expect(await applyPullPage(db, makePage({ bulletins: [stale] }), 0)).toBeNull();

    expect(await getPullCursor(db)).toBe(10);
    expect(await getBulletin(db, stale.id)).toBeUndefined();
  });

  it('keeps a withdrawn bulletin marked but drops it from lists and search', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ title: 'Bảo hiểm y tế học sinh', rev: 1 });
    await applyPullPage(db, makePage({ bulletins: [bulletin] }), 0);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'bao hiem' }))).toEqual([
      'Bảo hiểm y tế học sinh',
    ]);

    const applied = await applyPullPage(
      db,
      makePage({ bulletins: [{ ...bulletin, status: 'withdrawn', rev: 2 }] }),
      1,
    );

    expect(applied).toEqual({ units: 0, bulletins: 0, slots: 0, withdrawn: 1 });
    expect((await getBulletin(db, bulletin.id))?.status).toBe('withdrawn');
    expect(await listBulletins(db, { today: TODAY })).toEqual([]);
    expect(await listBulletins(db, { today: TODAY, query: 'bao hiem' })).toEqual([]);
    expect(await db.bulletinSearch.get(bulletin.id)).toBeUndefined();
  });
});

describe('listBulletins search', () => {
  async function seeded() {
    const db = freshDb();
    const bulletins = [
      makeBulletin({ title: 'Bảo hiểm y tế hộ gia đình', topic: 'health_insurance', rev: 1 }),
      makeBulletin({
        title: 'Thu hồi đất làm đường',
        summary: 'Quy định mới',
        body: 'Luật Đất đai 2024 có hiệu lực.\n\nNgười dân cần biết.',
        topic: 'land',
        policyRef: 'Nghị định 88/2024/NĐ-CP',
        rev: 2,
      }),
      makeBulletin({ title: 'Phòng chống bão số 3', topic: 'disaster_preparedness', rev: 3 }),
    ];
    await applyPullPage(db, makePage({ bulletins }), 0);
    return db;
  }

  it('ignores diacritics and case', async () => {
    const db = await seeded();
    expect(titles(await listBulletins(db, { today: TODAY, query: 'bao hiem y te' }))).toEqual([
      'Bảo hiểm y tế hộ gia đình',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'BAO HIEM' }))).toEqual([
      'Bảo hiểm y tế hộ gia đình',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'ĐẤT ĐAI' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
  });

  it('finds words in the body and the policy reference, in any order', async () => {
    const db = await seeded();
    expect(titles(await listBulletins(db, { today: TODAY, query: 'dat dai' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'nguoi dan luat' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, query: '88/2024/nđ-cp' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
  });

  it('ranks title matches before body matches, even above an urgent bulletin', async () => {
    const db = await seeded();
    const urgent = makeBulletin({
      title: 'Khám sức khỏe miễn phí',
      body: 'Mang theo thẻ bảo hiểm y tế.',
      urgency: 'urgent',
      rev: 4,
    });
    await applyPullPage(db, makePage({ bulletins: [urgent] }), 3);

    expect(titles(await listBulletins(db, { today: TODAY, query: 'bao hiem y te' }))).toEqual([
      'Bảo hiểm y tế hộ gia đình',
      'Khám sức khỏe miễn phí',
    ]);
  });

  it('returns nothing when a word is missing and everything for a blank query', async () => {
    const db = await seeded();
    expect(await listBulletins(db, { today: TODAY, query: 'bao hiem that nghiep' })).toEqual([]);
    expect(await listBulletins(db, { today: TODAY, query: '   ' })).toHaveLength(3);
  });
});

describe('listBulletins order and validity', () => {
  it('pins urgent bulletins first, then follows Vietnamese dictionary order', async () => {
    const db = freshDb();
    const names = ['Đông xuân', 'Dương tính', 'Ăn uống an toàn', 'Anh hùng', 'Bão lũ'];
    const bulletins = names.map((title, i) => makeBulletin({ title, rev: i + 1 }));
    bulletins.push(makeBulletin({ title: 'Vỡ đê khẩn cấp', urgency: 'urgent', rev: 9 }));
    await applyPullPage(db, makePage({ bulletins }), 0);

    expect(titles(await listBulletins(db, { today: TODAY }))).toEqual([
      'Vỡ đê khẩn cấp',
      'Anh hùng',
      'Ăn uống an toàn',
      'Bão lũ',
      'Dương tính',
      'Đông xuân',
    ]);
  });

  it('does not pin an urgent bulletin that has expired, and lists expired bulletins last', async () => {
    const db = freshDb();
    await applyPullPage(
      db,
      makePage({
        bulletins: [
          makeBulletin({ title: 'Bão đã qua', urgency: 'urgent', validUntil: '2026-06-14', rev: 1 }),
          makeBulletin({ title: 'Bão sắp tới', urgency: 'urgent', validFrom: '2026-06-20', rev: 2 }),
          makeBulletin({ title: 'An toàn giao thông', rev: 3 }),
          makeBulletin({ title: 'An ninh mùa lễ hội', validUntil: '2026-02-28', rev: 4 }),
        ],
      }),
      0,
    );

    expect(titles(await listBulletins(db, { today: TODAY }))).toEqual([
      'Bão sắp tới',
      'An toàn giao thông',
      'An ninh mùa lễ hội',
      'Bão đã qua',
    ]);
  });

  it('orders newest first by the date bulletins take effect, urgent still first', async () => {
    const db = freshDb();
    await applyPullPage(
      db,
      makePage({
        bulletins: [
          makeBulletin({ title: 'Cũ', validFrom: '2026-01-05', rev: 1 }),
          makeBulletin({ title: 'Mới', validFrom: '2026-06-01', rev: 2 }),
          makeBulletin({ title: 'Khẩn cũ', validFrom: '2025-12-01', urgency: 'urgent', rev: 3 }),
        ],
      }),
      0,
    );

    expect(titles(await listBulletins(db, { today: TODAY, order: 'newest' }))).toEqual([
      'Khẩn cũ',
      'Mới',
      'Cũ',
    ]);
  });

  it('keeps only bulletins in force on the given day', async () => {
    const db = freshDb();
    await applyPullPage(
      db,
      makePage({
        bulletins: [
          makeBulletin({ title: 'Hết hạn', validFrom: '2026-01-01', validUntil: '2026-03-01', rev: 1 }),
          makeBulletin({ title: 'Chưa tới', validFrom: '2026-12-01', validUntil: null, rev: 2 }),
          makeBulletin({ title: 'Không thời hạn', validFrom: '2026-01-01', validUntil: null, rev: 3 }),
          makeBulletin({ title: 'Hết hôm nay', validFrom: '2026-05-01', validUntil: '2026-06-15', rev: 4 }),
        ],
      }),
      0,
    );

    expect(titles(await listBulletins(db, { today: '2026-06-15', currentOnly: true }))).toEqual([
      'Hết hôm nay',
      'Không thời hạn',
    ]);
  });
});

describe('getBulletinDetail', () => {
  it("offers Vietnamese, the target units' languages and any language with a slot, in registry order", async () => {
    const db = freshDb();
    const unit = makeUnit({ languages: ['vie', 'tyz', 'hmn'], rev: 1 });
    const bulletin = makeBulletin({ targetUnitIds: [unit.id, crypto.randomUUID()], rev: 2 });
    const slot = makeSlot(bulletin.id, { lang: 'khm', status: 'draft', rev: 3 });
    await applyPullPage(db, makePage({ units: [unit], bulletins: [bulletin], slots: [slot] }), 0);

    const detail = await getBulletinDetail(db, bulletin.id);

    expect(detail?.languages).toEqual(['vie', 'khm', 'hmn', 'tyz']);
    expect(detail?.slots.khm).toEqual(slot);
    expect(detail?.slots.hmn).toBeUndefined();
  });

  it('is undefined for a bulletin not on the device', async () => {
    expect(await getBulletinDetail(freshDb(), crypto.randomUUID())).toBeUndefined();
  });
});

describe('meta', () => {
  it('starts with cursor 0 and no last pull time', async () => {
    const db = freshDb();
    expect(await getPullCursor(db)).toBe(0);
    expect(await getMeta(db, 'lastPullAt')).toBeUndefined();
  });
});
