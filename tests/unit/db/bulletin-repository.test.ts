import { describe, expect, it } from 'vitest';
import {
  applyPullPage,
  getBulletin,
  getBulletinDetail,
  listBulletins,
} from '../../../src/client/db/bulletin-repository.ts';
import { openDb } from '../../../src/client/db/database.ts';
import { getMeta, getPullCursor } from '../../../src/client/db/meta-repository.ts';
import { setAddedLanguages, setDeviceUnit } from '../../../src/client/db/settings-repository.ts';
import { saveLocalSlot } from '../../../src/client/db/slot-repository.ts';
import type { LanguageSlot } from '../../../src/domain/schemas/language-slot.ts';
import Dexie from 'dexie';
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

    expect(applied).toEqual({ units: 1, bulletins: 1, slots: 1, withdrawn: 0, reviews: 0, dropped: 0 });
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

    expect(applied).toEqual({ units: 0, bulletins: 0, slots: 0, withdrawn: 1, reviews: 0, dropped: 0 });
    expect((await getBulletin(db, bulletin.id))?.status).toBe('withdrawn');
    expect(await listBulletins(db, { today: TODAY })).toEqual([]);
    expect(await listBulletins(db, { today: TODAY, query: 'bao hiem' })).toEqual([]);
    expect(await db.bulletinSearch.get(bulletin.id)).toBeUndefined();
  });

  it("drops the units outside the page's scope and the slots in languages it leaves out", async () => {
    const db = freshDb();
    const district = makeUnit({ level: 'district', rev: 1 });
    const commune = makeUnit({ parentId: district.id, languages: ['vie', 'hmn', 'khm'], rev: 2 });
    const team = makeUnit({ parentId: commune.id, level: 'team', rev: 3 });
    const bulletin = makeBulletin({ targetUnitIds: [commune.id], rev: 4 });
    const slots = (['hmn', 'khm'] as const).map((lang, i) => makeSlot(bulletin.id, { lang, rev: 5 + i }));
    await applyPullPage(db, makePage({ units: [district, commune, team], bulletins: [bulletin], slots }), 0);
    await saveLocalSlot(db, {
      bulletinId: bulletin.id,
      bulletinVersion: 1,
      lang: 'khm',
      text: 'សេចក្តីព្រាង',
      translator: 'Thạch Sóc',
      status: 'draft',
      audio: null,
    });

    // The commune moved to another district and stopped speaking Khmer; its team moved elsewhere.
    const otherDistrict = makeUnit({ level: 'district', rev: 8 });
    const moved = makeUnit({ ...commune, parentId: otherDistrict.id, languages: ['vie', 'hmn'], rev: 9 });
    const applied = await applyPullPage(
      db,
      makePage({
        units: [otherDistrict, moved],
        scope: { units: [otherDistrict.id, commune.id], languages: moved.languages },
      }),
      6,
    );

    expect(applied?.dropped).toBe(3);
    expect((await db.units.toArray()).map((u) => u.id).sort()).toEqual([otherDistrict.id, commune.id].sort());
    expect((await db.slots.toArray()).map((s) => s.lang)).toEqual(['hmn']);
    // The translator's own Khmer draft is not the server's to take away.
    expect(await db.localSlots.get([bulletin.id, 'khm'])).toMatchObject({ status: 'draft' });
    expect((await getBulletin(db, bulletin.id))?.status).toBe('published');
  });

  it('drops the slots the page withdraws and ignores the ones it never had', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ rev: 1 });
    const slots = [
      makeSlot(bulletin.id, { lang: 'hmn', rev: 2 }),
      makeSlot(bulletin.id, { lang: 'khm', rev: 3 }),
    ];
    await applyPullPage(db, makePage({ bulletins: [bulletin], slots }), 0);

    const applied = await applyPullPage(
      db,
      makePage({
        slotWithdrawals: [
          { bulletinId: bulletin.id, lang: 'hmn' },
          { bulletinId: crypto.randomUUID(), lang: 'hmn' },
        ],
        cursor: 5,
      }),
      3,
    );

    expect(applied?.dropped).toBe(1);
    expect((await db.slots.toArray()).map((s) => s.lang)).toEqual(['khm']);
    expect(await getPullCursor(db)).toBe(5);
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

  it('finds a phrase of the body and the words of the policy reference in any order, not words spread apart', async () => {
    const db = await seeded();
    expect(titles(await listBulletins(db, { today: TODAY, query: 'dat dai' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'nguoi dan can' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
    expect(await listBulletins(db, { today: TODAY, query: 'nguoi dan luat' })).toEqual([]);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'nđ-cp 88/2024' }))).toEqual([
      'Thu hồi đất làm đường',
    ]);
  });

  it("finds the bulletins of a topic by the topic's name", async () => {
    const db = await seeded();
    const topicNames = { land: 'Đất đai', disaster_preparedness: 'Phòng chống thiên tai' };
    expect(titles(await listBulletins(db, { today: TODAY, query: 'thien tai', topicNames }))).toEqual([
      'Phòng chống bão số 3',
    ]);
    expect(await listBulletins(db, { today: TODAY, query: 'thien tai' })).toEqual([]);
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

    expect(titles(await listBulletins(db, { today: '2026-06-15', validity: 'current' }))).toEqual([
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

describe('listBulletins filters', () => {
  async function seeded() {
    const db = freshDb();
    const land = makeBulletin({ title: 'Đăng ký đất đai', topic: 'land', rev: 1 });
    const expired = makeBulletin({ title: 'Hết hạn', topic: 'land', validUntil: '2026-03-01', rev: 2 });
    const upcoming = makeBulletin({
      title: 'Sắp tới',
      topic: 'health_insurance',
      validFrom: '2026-09-01',
      rev: 3,
    });
    const open = makeBulletin({
      title: 'Không thời hạn',
      topic: 'health_insurance',
      validUntil: null,
      rev: 4,
    });
    await applyPullPage(db, makePage({ bulletins: [land, expired, upcoming, open] }), 0);
    return { db, land, expired, upcoming, open };
  }

  it('keeps bulletins by validity on the given day', async () => {
    const { db } = await seeded();
    const by = async (validity: 'all' | 'current' | 'upcoming' | 'expired') =>
      titles(await listBulletins(db, { today: TODAY, validity }));
    expect(await by('current')).toEqual(['Đăng ký đất đai', 'Không thời hạn']);
    expect(await by('upcoming')).toEqual(['Sắp tới']);
    expect(await by('expired')).toEqual(['Hết hạn']);
    expect(await by('all')).toEqual(['Đăng ký đất đai', 'Không thời hạn', 'Sắp tới', 'Hết hạn']);
  });

  it('keeps bulletins of one topic, combined with validity and search', async () => {
    const { db } = await seeded();
    expect(titles(await listBulletins(db, { today: TODAY, topic: 'land' }))).toEqual([
      'Đăng ký đất đai',
      'Hết hạn',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, topic: 'land', validity: 'current' }))).toEqual([
      'Đăng ký đất đai',
    ]);
    expect(titles(await listBulletins(db, { today: TODAY, topic: 'land', query: 'het' }))).toEqual([
      'Hết hạn',
    ]);
  });

  it('tells bulletins translated into a language (approved, or edited on this device) from those to translate', async () => {
    const { db, land, expired, upcoming, open } = await seeded();
    await applyPullPage(
      db,
      makePage({
        slots: [
          makeSlot(land.id, { lang: 'hmn', status: 'approved', rev: 5 }),
          makeSlot(expired.id, { lang: 'hmn', status: 'draft', rev: 6 }),
          makeSlot(upcoming.id, { lang: 'khm', status: 'approved', rev: 7 }),
        ],
      }),
      4,
    );
    await saveLocalSlot(db, {
      bulletinId: open.id,
      bulletinVersion: 1,
      lang: 'hmn',
      text: 'Kuv txhais',
      translator: '',
      status: 'draft',
      audio: null,
    });

    const has = titles(await listBulletins(db, { today: TODAY, language: { lang: 'hmn', has: true } }));
    const missing = titles(await listBulletins(db, { today: TODAY, language: { lang: 'hmn', has: false } }));

    expect(has).toEqual(['Đăng ký đất đai', 'Không thời hạn']);
    // Someone else's draft pulled from the server does not translate the bulletin for this device yet.
    expect(missing).toEqual(['Sắp tới', 'Hết hạn']);
  });

  it('counts a local edit the server rejected as still to translate', async () => {
    const { db, land } = await seeded();
    const local = await saveLocalSlot(db, {
      bulletinId: land.id,
      bulletinVersion: 1,
      lang: 'blt',
      text: 'Bản dịch tiếng Thái',
      translator: 'Lò Văn Minh',
      status: 'submitted',
      audio: null,
    });
    expect(titles(await listBulletins(db, { today: TODAY, language: { lang: 'blt', has: true } }))).toEqual([
      'Đăng ký đất đai',
    ]);

    const rejected = { ...local, status: 'rejected' as const, rev: 9 };
    const { baseRev: _, ...server } = rejected;
    await applyPullPage(db, makePage({ slots: [server] }), 4);

    expect(await listBulletins(db, { today: TODAY, language: { lang: 'blt', has: true } })).toEqual([]);
  });
});

describe('listBulletins search ranking and memory', () => {
  it('ranks title phrase, title words, summary or reference, body; ties keep urgent first', async () => {
    const db = freshDb();
    const bulletins = [
      makeBulletin({ title: 'Khám bệnh', body: 'Mang thẻ bảo hiểm y tế.', rev: 1 }),
      makeBulletin({ title: 'Thông báo', summary: 'Gia hạn bảo hiểm y tế.', rev: 2 }),
      makeBulletin({ title: 'Y tế và bảo hiểm', rev: 3 }),
      makeBulletin({ title: 'Bảo hiểm y tế học sinh', rev: 4 }),
      makeBulletin({ title: 'Xin ý kiến: bảo hiểm y tế', urgency: 'urgent', rev: 5 }),
    ];
    await applyPullPage(db, makePage({ bulletins }), 0);

    expect(titles(await listBulletins(db, { today: TODAY, query: 'bao hiem y t' }))).toEqual([
      'Xin ý kiến: bảo hiểm y tế',
      'Bảo hiểm y tế học sinh',
      'Y tế và bảo hiểm',
      'Thông báo',
      'Khám bệnh',
    ]);
  });

  it('finds a policy reference typed as "qd-ttg 407"', async () => {
    const db = freshDb();
    const bulletins = [
      makeBulletin({ title: 'Truyền thông chính sách', policyRef: 'Quyết định 407/QĐ-TTg', rev: 1 }),
      makeBulletin({ title: 'Khác', policyRef: 'Chỉ thị 07/CT-TTg', rev: 2 }),
    ];
    await applyPullPage(db, makePage({ bulletins }), 0);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'qd-ttg 407' }))).toEqual([
      'Truyền thông chính sách',
    ]);
  });

  it('sees bulletins another connection (another tab) stored since the last list', async () => {
    const db = freshDb();
    await applyPullPage(db, makePage({ bulletins: [makeBulletin({ title: 'Một', rev: 1 })] }), 0);
    expect(titles(await listBulletins(db, { today: TODAY }))).toEqual(['Một']);

    const otherTab = openDb({ name: db.name });
    await applyPullPage(otherTab, makePage({ bulletins: [makeBulletin({ title: 'Hai', rev: 2 })] }), 1);
    otherTab.close();

    expect(titles(await listBulletins(db, { today: TODAY }))).toEqual(['Hai', 'Một']);
  });
});

describe('schema upgrade to version 3', () => {
  it('rebuilds the list entries of bulletins stored by version 1', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const published = makeBulletin({ title: 'Bảo hiểm y tế hộ gia đình', rev: 1 });
    const withdrawn = makeBulletin({ title: 'Đã thu hồi', status: 'withdrawn', rev: 2 });
    const v1 = new Dexie(name);
    v1.version(1).stores({
      bulletins: 'id, status, urgency, topic, validFrom, validUntil, updatedAt, rev',
      bulletinSearch: 'id',
      slots: '[bulletinId+lang], lang, status, bulletinId',
      units: 'id, parentId',
      logs: 'id, [deviceId+seq], bulletinId, startedAt, unitId, channel, lang',
      outbox: 'id, seq, queuedAt',
      attachments: 'id',
      meta: 'key',
    });
    await v1.table('bulletins').bulkPut([published, withdrawn]);
    await v1.table('bulletinSearch').put({ id: published.id, text: 'bao hiem y te ho gia dinh' });
    v1.close();

    const db = openDb({ name });

    expect(await db.bulletinSearch.count()).toBe(1);
    expect(titles(await listBulletins(db, { today: TODAY, query: 'bao hiem y te' }))).toEqual([
      'Bảo hiểm y tế hộ gia đình',
    ]);
  });
});

describe('getBulletinDetail with the device settings', () => {
  async function seeded() {
    const db = freshDb();
    const commune = makeUnit({ name: 'Xã Vĩnh Hải', languages: ['vie', 'khm'], rev: 1 });
    const target = makeUnit({ name: 'Xã Tả Phìn', languages: ['vie', 'hmn', 'blt'], rev: 2 });
    const bulletin = makeBulletin({ targetUnitIds: [target.id], rev: 3 });
    const slot = makeSlot(bulletin.id, { lang: 'rad', status: 'submitted', rev: 4 });
    await applyPullPage(db, makePage({ units: [commune, target], bulletins: [bulletin], slots: [slot] }), 0);
    return { db, commune, bulletin };
  }

  it("offers the target units' languages while no unit is chosen", async () => {
    const { db, bulletin } = await seeded();
    expect((await getBulletinDetail(db, bulletin.id))?.languages).toEqual(['vie', 'hmn', 'blt', 'rad']);
  });

  it("offers the device unit's languages, the added ones and those with a slot once a unit is chosen", async () => {
    const { db, commune, bulletin } = await seeded();
    await setDeviceUnit(db, commune.id);
    await setAddedLanguages(db, ['kuf']);
    expect((await getBulletinDetail(db, bulletin.id))?.languages).toEqual(['vie', 'khm', 'rad', 'kuf']);
  });

  it('shows an edit made on this device in place of the pulled slot', async () => {
    const { db, bulletin } = await seeded();
    await saveLocalSlot(db, {
      bulletinId: bulletin.id,
      bulletinVersion: 1,
      lang: 'hmn',
      text: 'Txhais tshiab',
      translator: '',
      status: 'draft',
      audio: null,
    });
    const detail = await getBulletinDetail(db, bulletin.id);
    expect(detail?.slots.hmn).toMatchObject({ status: 'draft', text: 'Txhais tshiab' });
  });
});
