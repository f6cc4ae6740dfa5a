import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getAttachmentBlob } from '../../../src/client/db/attachment-repository.ts';
import { applyPullPage, getBulletinDetail } from '../../../src/client/db/bulletin-repository.ts';
import type { LoaxaDb } from '../../../src/client/db/database.ts';
import { getMeta } from '../../../src/client/db/meta-repository.ts';
import {
  discardLocalSlot,
  getSlotState,
  getTranslatorName,
  readBulletinSlots,
  saveLocalSlot,
  SlotEditError,
  type SlotSave,
} from '../../../src/client/db/slot-repository.ts';
import { isQuotaError } from '../../../src/client/db/storage.ts';
import type { LanguageSlot } from '../../../src/domain/schemas/language-slot.ts';
import { isLocalSlot } from '../../../src/domain/slot-edit.ts';
import { freshDb } from '../../helpers/db.ts';
import { fillDisk } from '../../helpers/full-disk.ts';
import { makeBulletin, makePage, makeSlot } from '../../helpers/factories.ts';

const NOW = new Date('2026-11-25T03:00:00.000Z');

function audio(bytes: number[]): { blob: Blob; mime: string } {
  return { blob: new Blob([new Uint8Array(bytes)], { type: 'audio/webm;codecs=opus' }), mime: 'audio/webm' };
}

function sha256(bytes: number[]): string {
  return createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');
}

function edit(bulletinId: string, overrides: Partial<SlotSave> = {}): SlotSave {
  return {
    bulletinId,
    bulletinVersion: 1,
    lang: 'khm',
    text: 'សេចក្តីជូនដំណឹង',
    translator: 'Thạch Sóc',
    status: 'draft',
    audio: null,
    ...overrides,
  };
}

/** Stores pulled slots the way a pull does, one page after the stored cursor. */
async function pull(db: LoaxaDb, slots: LanguageSlot[], fromCursor: number): Promise<void> {
  await applyPullPage(db, makePage({ slots }), fromCursor);
}

describe('saveLocalSlot', () => {
  it('keeps a draft on the device, marked local, based on no server slot', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();

    const saved = await saveLocalSlot(db, edit(bulletinId, { text: '  ស្វាគមន៍  ' }), NOW);

    expect(saved).toMatchObject({
      bulletinId,
      lang: 'khm',
      text: 'ស្វាគមន៍',
      status: 'draft',
      audioId: null,
      translator: 'Thạch Sóc',
      baseRev: 0,
      updatedAt: NOW.toISOString(),
    });
    expect(await db.localSlots.get([bulletinId, 'khm'])).toEqual(saved);
    expect(await db.slots.count()).toBe(0);
    const state = await getSlotState(db, bulletinId, 'khm');
    expect(state.resolution).toEqual({ slot: saved, source: 'local', serverNewer: false });
    expect(isLocalSlot(state.resolution.slot)).toBe(true);
    expect(await getTranslatorName(db)).toBe('Thạch Sóc');
  });

  it('stores the recording as an attachment named by the SHA-256 of its bytes', async () => {
    const db = freshDb();
    const bytes = [26, 69, 223, 163, 1, 2, 3, 4];

    const saved = await saveLocalSlot(db, edit(crypto.randomUUID(), { audio: audio(bytes) }));

    expect(saved.audioId).toBe(sha256(bytes));
    const row = await db.attachments.get(sha256(bytes));
    expect(row).toMatchObject({ id: sha256(bytes), mime: 'audio/webm', size: bytes.length });
    const blob = await getAttachmentBlob(db, sha256(bytes));
    expect(blob?.type).toBe('audio/webm');
    expect([...new Uint8Array(await blob!.arrayBuffer())]).toEqual(bytes);
  });

  it('marks an edit submitted for review, still local and unsent', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    await saveLocalSlot(db, edit(bulletinId));

    const submitted = await saveLocalSlot(db, edit(bulletinId, { status: 'submitted' }));

    expect(submitted.status).toBe('submitted');
    expect(await db.localSlots.count()).toBe(1);
    expect(await db.slots.count()).toBe(0);
  });

  it('refuses an edit with neither text nor recording, or a submission without translator, writing nothing', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();

    await expect(saveLocalSlot(db, edit(bulletinId, { text: '   ' }))).rejects.toThrow(SlotEditError);
    const refused = await saveLocalSlot(
      db,
      edit(bulletinId, { text: '', translator: ' ', status: 'submitted' }),
    ).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(SlotEditError);
    expect((refused as SlotEditError).problems).toEqual(['empty', 'translatorMissing']);
    expect(await db.localSlots.count()).toBe(0);
    expect(await getMeta(db, 'translatorName')).toBeUndefined();
  });

  it('accepts a recording without text as a submission', async () => {
    const db = freshDb();
    const saved = await saveLocalSlot(
      db,
      edit(crypto.randomUUID(), { text: '', status: 'submitted', audio: audio([1, 2, 3]) }),
    );
    expect(saved).toMatchObject({ text: '', status: 'submitted', audioId: sha256([1, 2, 3]) });
  });

  it('starts an edit from the pulled slot rev and keeps that base while editing on', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    await pull(db, [makeSlot(bulletinId, { lang: 'khm', rev: 4, status: 'approved' })], 0);

    const first = await saveLocalSlot(db, edit(bulletinId, { text: 'កែ ១' }));
    await pull(db, [makeSlot(bulletinId, { lang: 'hmn', rev: 9 })], 4);
    const second = await saveLocalSlot(db, edit(bulletinId, { text: 'កែ ២' }));

    expect(first.baseRev).toBe(4);
    expect(second.baseRev).toBe(4);
  });
});

describe('pulls and local edits', () => {
  it('never lets a pull overwrite an unsent edit; a newer, different server slot only flags it', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    await pull(db, [makeSlot(bulletinId, { lang: 'khm', rev: 3, text: 'ចាស់', status: 'approved' })], 0);
    const local = await saveLocalSlot(db, edit(bulletinId, { text: 'ថ្មី' }));

    await pull(db, [makeSlot(bulletinId, { lang: 'khm', rev: 3, text: 'ចាស់', status: 'approved' })], 3);
    expect((await getSlotState(db, bulletinId, 'khm')).resolution).toEqual({
      slot: local,
      source: 'local',
      serverNewer: false,
    });

    const other = makeSlot(bulletinId, { lang: 'khm', rev: 7, text: 'អ្នកផ្សេង', status: 'approved' });
    await pull(db, [other], 3);
    const state = await getSlotState(db, bulletinId, 'khm');

    expect(state.server).toEqual(other);
    expect(state.local).toEqual(local);
    expect(state.resolution).toEqual({ slot: local, source: 'local', serverNewer: true });
  });

  it('shows the server slot once it is the approved or rejected review of the very edit', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    const local = await saveLocalSlot(
      db,
      edit(bulletinId, { text: 'បកប្រែ', status: 'submitted', audio: audio([9, 9, 9]) }),
    );
    const review = { text: local.text, audioId: local.audioId, translator: local.translator };

    // The server holding the same text, still awaiting review, does not replace the local row.
    await pull(db, [makeSlot(bulletinId, { lang: 'khm', rev: 5, status: 'submitted', ...review })], 0);
    expect((await getSlotState(db, bulletinId, 'khm')).resolution.source).toBe('local');

    const approved = makeSlot(bulletinId, { lang: 'khm', rev: 6, status: 'approved', ...review });
    await pull(db, [approved], 5);
    expect((await getSlotState(db, bulletinId, 'khm')).resolution).toEqual({
      slot: approved,
      source: 'server',
      serverNewer: false,
    });

    const rejected = makeSlot(bulletinId, {
      lang: 'khm',
      rev: 8,
      status: 'rejected',
      reviewComment: 'Sai tên xã',
      ...review,
    });
    await pull(db, [rejected], 6);
    expect((await getSlotState(db, bulletinId, 'khm')).resolution.slot).toEqual(rejected);

    // A new edit after the review starts from the server's rev.
    const again = await saveLocalSlot(
      db,
      edit(bulletinId, { text: 'បកប្រែ ថ្មី', audio: { id: local.audioId! } }),
    );
    expect(again.baseRev).toBe(8);
  });

  it('lists, per language, the slot shown: local edits, pulled slots and languages only edited here', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ rev: 1 });
    await applyPullPage(db, makePage({ bulletins: [bulletin] }), 0);
    const hmong = makeSlot(bulletin.id, { lang: 'hmn', rev: 2 });
    const khmerPulled = makeSlot(bulletin.id, { lang: 'khm', rev: 3, status: 'rejected' });
    await pull(db, [hmong, khmerPulled], 1);
    const khmerLocal = await saveLocalSlot(db, edit(bulletin.id, { lang: 'khm' }));
    const thai = await saveLocalSlot(db, edit(bulletin.id, { lang: 'blt', text: 'Tai Dam' }));

    const shown = await db.transaction('r', [db.slots, db.localSlots], () =>
      readBulletinSlots(db, bulletin.id),
    );
    const byLang = Object.fromEntries(shown.map((s) => [s.lang, s]));

    expect(shown).toHaveLength(3);
    expect(byLang).toEqual({ hmn: hmong, khm: khmerLocal, blt: thai });
    const detail = await getBulletinDetail(db, bulletin.id);
    expect(detail?.slots.khm).toEqual(khmerLocal);
    expect(detail?.languages).toEqual(expect.arrayContaining(['vie', 'khm', 'blt', 'hmn']));
  });
});

describe('recordings replaced or removed', () => {
  it('deletes the replaced recording when nothing else names it', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    const first = await saveLocalSlot(db, edit(bulletinId, { audio: audio([1, 1, 1]) }));

    const second = await saveLocalSlot(db, edit(bulletinId, { audio: audio([2, 2, 2]) }));

    expect(second.audioId).toBe(sha256([2, 2, 2]));
    expect(await db.attachments.get(first.audioId!)).toBeUndefined();
    expect(await db.attachments.count()).toBe(1);
  });

  it('keeps a replaced recording that a pulled slot or another edit still names', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    const shared = sha256([5, 5, 5]);
    const mine = await saveLocalSlot(db, edit(bulletinId, { audio: audio([5, 5, 5]) }));
    await saveLocalSlot(db, edit(bulletinId, { lang: 'hmn', audio: { id: shared } }));
    await pull(db, [makeSlot(crypto.randomUUID(), { lang: 'khm', rev: 1, audioId: shared })], 0);

    await saveLocalSlot(db, edit(bulletinId, { audio: audio([6, 6, 6]) }));
    await saveLocalSlot(db, edit(bulletinId, { lang: 'hmn', audio: null }));

    expect(mine.audioId).toBe(shared);
    expect(await db.attachments.get(shared)).toBeDefined();
  });

  it('stores the same bytes once, and keeps the recording when an edit keeps it by id', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    const first = await saveLocalSlot(db, edit(bulletinId, { audio: audio([7, 7]) }));
    await saveLocalSlot(db, edit(crypto.randomUUID(), { audio: audio([7, 7]) }));
    await saveLocalSlot(db, edit(bulletinId, { text: 'ថ្មី', audio: { id: first.audioId! } }));

    expect(await db.attachments.count()).toBe(1);
    expect((await db.localSlots.get([bulletinId, 'khm']))?.audioId).toBe(first.audioId);
  });

  it('removes the recording from the slot and the device when the edit drops it', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    const first = await saveLocalSlot(db, edit(bulletinId, { audio: audio([3, 3]) }));

    const saved = await saveLocalSlot(db, edit(bulletinId, { audio: null }));

    expect(saved.audioId).toBeNull();
    expect(await db.attachments.get(first.audioId!)).toBeUndefined();
  });

  it('discarding an edit shows the pulled slot again and frees its recording', async () => {
    const db = freshDb();
    const bulletinId = crypto.randomUUID();
    const server = makeSlot(bulletinId, { lang: 'khm', rev: 2 });
    await pull(db, [server], 0);
    const local = await saveLocalSlot(db, edit(bulletinId, { audio: audio([4, 4]) }));

    await discardLocalSlot(db, bulletinId, 'khm');

    expect((await getSlotState(db, bulletinId, 'khm')).resolution).toEqual({
      slot: server,
      source: 'server',
      serverNewer: false,
    });
    expect(await db.attachments.get(local.audioId!)).toBeUndefined();
  });
});

describe('a full disk', () => {
  it.each(['request', 'commit'] as const)(
    'fails the save with a quota error (%s) and leaves what was stored before intact',
    async (at) => {
      const db = freshDb();
      const disk = fillDisk(db, 'localSlots', at);
      const bulletinId = crypto.randomUUID();
      const before = await saveLocalSlot(db, edit(bulletinId, { text: 'មុន', audio: audio([1, 2, 3]) }));
      const other = await saveLocalSlot(db, edit(bulletinId, { lang: 'hmn', text: 'Ua ntej' }));
      disk.on();

      const error = await saveLocalSlot(
        db,
        edit(bulletinId, { text: 'ក្រោយ', translator: 'Người khác', audio: audio([8, 8, 8, 8]) }),
      ).catch((e: unknown) => e);

      expect(isQuotaError(error)).toBe(true);
      expect((error as Error).name).toBe(at === 'request' ? 'QuotaExceededError' : 'AbortError');
      expect(await db.localSlots.get([bulletinId, 'khm'])).toEqual(before);
      expect(await db.localSlots.get([bulletinId, 'hmn'])).toEqual(other);
      expect(await db.attachments.get(sha256([8, 8, 8, 8]))).toBeUndefined();
      expect(await db.attachments.get(sha256([1, 2, 3]))).toBeDefined();
      expect(await getTranslatorName(db)).toBe('Thạch Sóc');
    },
  );
});
