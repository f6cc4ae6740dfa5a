import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AttachmentError,
  attachmentUsage,
  deleteAttachmentIfUnreferenced,
  getAttachmentBlob,
  putAttachment,
} from '../../../src/client/db/attachment-repository.ts';
import { saveLocalSlot } from '../../../src/client/db/slot-repository.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../src/domain/schemas/attachment.ts';
import type { BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeSlot } from '../../helpers/factories.ts';

function bytesOf(...values: number[]): Blob {
  return new Blob([new Uint8Array(values)]);
}

function sha256(...values: number[]): string {
  return createHash('sha256').update(Uint8Array.from(values)).digest('hex');
}

describe('putAttachment', () => {
  it('names the bytes by their SHA-256 and stores them with mime and size', async () => {
    const db = freshDb();

    const attachment = await putAttachment(db, bytesOf(1, 2, 3, 4, 5), 'audio/ogg');

    expect(attachment).toEqual({ id: sha256(1, 2, 3, 4, 5), mime: 'audio/ogg', size: 5 });
    expect(await db.attachments.get(attachment.id)).toMatchObject(attachment);
  });

  it('stores the same bytes once, whatever the calls', async () => {
    const db = freshDb();

    const first = await putAttachment(db, bytesOf(7, 7, 7), 'audio/webm');
    const again = await putAttachment(db, bytesOf(7, 7, 7), 'audio/webm');

    expect(again).toEqual(first);
    expect(await db.attachments.count()).toBe(1);
  });

  it('refuses empty, oversized and unsupported bytes before writing anything', async () => {
    const db = freshDb();
    const tooLarge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)]);

    const problems = await Promise.all([
      putAttachment(db, new Blob([]), 'audio/webm').catch((e: unknown) => e),
      putAttachment(db, tooLarge, 'audio/webm').catch((e: unknown) => e),
      putAttachment(db, bytesOf(1), 'audio/webm;codecs=opus').catch((e: unknown) => e),
      putAttachment(db, bytesOf(1), 'application/pdf').catch((e: unknown) => e),
    ]);

    expect(problems.map((e) => (e instanceof AttachmentError ? e.problem : e))).toEqual([
      'empty',
      'tooLarge',
      'unsupportedType',
      'unsupportedType',
    ]);
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('getAttachmentBlob', () => {
  it('returns the stored bytes typed with the stored mime', async () => {
    const db = freshDb();
    const recorded = new Blob([new Uint8Array([26, 69, 223, 163])], { type: 'audio/webm;codecs=opus' });
    const { id } = await putAttachment(db, recorded, 'audio/webm');

    const blob = await getAttachmentBlob(db, id);

    expect(blob?.type).toBe('audio/webm');
    expect([...new Uint8Array(await blob!.arrayBuffer())]).toEqual([26, 69, 223, 163]);
  });

  it('returns undefined for bytes the device does not hold', async () => {
    expect(await getAttachmentBlob(freshDb(), sha256(0))).toBeUndefined();
  });
});

describe('attachmentUsage', () => {
  it('counts and sums recordings and photos apart', async () => {
    const db = freshDb();
    await putAttachment(db, bytesOf(1, 2, 3), 'audio/webm');
    await putAttachment(db, bytesOf(4, 5), 'audio/mp4');
    await putAttachment(db, bytesOf(6, 7, 8, 9), 'image/jpeg');

    expect(await attachmentUsage(db)).toEqual({
      recordings: { count: 2, bytes: 5 },
      photos: { count: 1, bytes: 4 },
    });
  });

  it('is zero on an empty device', async () => {
    expect(await attachmentUsage(freshDb())).toEqual({
      recordings: { count: 0, bytes: 0 },
      photos: { count: 0, bytes: 0 },
    });
  });
});

describe('deleteAttachmentIfUnreferenced', () => {
  async function deleting(db: ReturnType<typeof freshDb>, id: string): Promise<boolean> {
    return db.transaction('rw', [db.slots, db.localSlots, db.logs, db.attachments], () =>
      deleteAttachmentIfUnreferenced(db, id),
    );
  }

  it('keeps bytes a pulled slot, a local edit or a log names, and deletes them once nobody does', async () => {
    const db = freshDb();
    const { id } = await putAttachment(db, bytesOf(3, 1, 4), 'audio/webm');
    const bulletinId = crypto.randomUUID();
    await db.slots.put(makeSlot(bulletinId, { audioId: id }));
    await saveLocalSlot(db, {
      bulletinId,
      bulletinVersion: 1,
      lang: 'khm',
      text: '',
      translator: '',
      status: 'draft',
      audio: { id },
    });
    await db.logs.put({ id: crypto.randomUUID(), photoIds: [id] } as unknown as BroadcastLog);

    expect(await deleting(db, id)).toBe(false);
    await db.slots.clear();
    expect(await deleting(db, id)).toBe(false);
    await db.localSlots.clear();
    expect(await deleting(db, id)).toBe(false);
    await db.logs.clear();
    expect(await deleting(db, id)).toBe(true);
    expect(await db.attachments.count()).toBe(0);
  });
});
