import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import type { LoaxaDb } from '../../../src/client/db/database.ts';
import {
  countPendingSubmissions,
  getSlotState,
  saveLocalSlot,
} from '../../../src/client/db/slot-repository.ts';
import { submitSlots } from '../../../src/client/sync/submissions.ts';
import type { SlotReview, SubmitSlotRequest } from '../../../src/domain/slot-submission.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makePage, makeSlot } from '../../helpers/factories.ts';
import { fakeTransport } from '../../helpers/fake-transport.ts';

const TEXT = 'Tsis txhob qhia xov xwm cuav.';

async function submitted(db: LoaxaDb, bulletinId: string, text = TEXT) {
  return saveLocalSlot(db, {
    bulletinId,
    bulletinVersion: 1,
    lang: 'hmn',
    text,
    translator: 'Giàng A Páo',
    status: 'submitted',
    audio: null,
  });
}

/** A submissions endpoint that stores what it receives by id, as the server does. */
function submissionServer(status = 201) {
  const received: SubmitSlotRequest[] = [];
  const transport = fakeTransport({
    'POST /api/slots/submissions': async (request) => {
      const body = (await request.json()) as SubmitSlotRequest;
      received.push(body);
      return status < 300
        ? Response.json({ submission: body }, { status })
        : Response.json({ error: 'not_found', message: '' }, { status });
    },
  });
  return { transport, received };
}

function review(submissionId: string, bulletinId: string, overrides: Partial<SlotReview>): SlotReview {
  return {
    submissionId,
    bulletinId,
    lang: 'hmn',
    status: 'approved',
    reviewer: 'Phòng Văn hóa',
    reviewComment: null,
    updatedAt: '2026-11-25T02:00:00.000Z',
    rev: 20,
    ...overrides,
  };
}

describe('submitSlots', () => {
  it('sends a submitted edit once, with an id kept across a lost answer', async () => {
    const db = freshDb();
    const bulletin = makeBulletin();
    await submitted(db, bulletin.id);
    const lost = fakeTransport({
      'POST /api/slots/submissions': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await submitSlots(db, lost, 'token')).toMatchObject({ submitted: 0, error: { kind: 'network' } });
    expect(await countPendingSubmissions(db)).toBe(1);
    const server = submissionServer();

    expect(await submitSlots(db, server.transport, 'token')).toEqual({
      submitted: 1,
      refused: 0,
      error: null,
    });
    expect(await submitSlots(db, server.transport, 'token')).toEqual({
      submitted: 0,
      refused: 0,
      error: null,
    });

    const local = await db.localSlots.get([bulletin.id, 'hmn']);
    expect(server.received).toEqual([
      {
        id: local?.submissionId,
        bulletinId: bulletin.id,
        lang: 'hmn',
        bulletinVersion: 1,
        text: TEXT,
        audioId: null,
        translator: 'Giàng A Páo',
      },
    ]);
    expect(local?.submissionSentAt).toEqual(expect.any(String));
    expect(await countPendingSubmissions(db)).toBe(0);
  });

  it('records a refusal and does not send that edit again until it is saved anew', async () => {
    const db = freshDb();
    const bulletin = makeBulletin();
    await submitted(db, bulletin.id);
    const refusing = submissionServer(404);

    expect(await submitSlots(db, refusing.transport, 'token')).toEqual({
      submitted: 0,
      refused: 1,
      error: null,
    });
    expect(await submitSlots(db, refusing.transport, 'token')).toEqual({
      submitted: 0,
      refused: 0,
      error: null,
    });
    expect((await db.localSlots.get([bulletin.id, 'hmn']))?.submissionError).toBe('not_found');

    await submitted(db, bulletin.id, `${TEXT} Ua tsaug.`);
    expect(await countPendingSubmissions(db)).toBe(1);
  });
});

describe('reviews in a pull page', () => {
  async function sentSubmission(db: LoaxaDb, bulletinId: string): Promise<string> {
    await submitted(db, bulletinId);
    await submitSlots(db, submissionServer().transport, 'token');
    return (await db.localSlots.get([bulletinId, 'hmn']))?.submissionId ?? '';
  }

  it('turns a rejected submission back into a draft with the reviewer and the comment', async () => {
    const db = freshDb();
    const bulletin = makeBulletin();
    const id = await sentSubmission(db, bulletin.id);
    const page = makePage({
      reviews: [review(id, bulletin.id, { status: 'rejected', reviewComment: 'Thiếu câu cuối.' })],
    });

    expect((await applyPullPage(db, page, 0))?.reviews).toBe(1);

    const state = await getSlotState(db, bulletin.id, 'hmn');
    expect(state.resolution.source).toBe('local');
    expect(state.local).toMatchObject({
      status: 'draft',
      reviewer: 'Phòng Văn hóa',
      reviewComment: 'Thiếu câu cuối.',
    });
    expect((await db.localSlots.get([bulletin.id, 'hmn']))?.submissionId).toBeUndefined();
    expect(await countPendingSubmissions(db)).toBe(0);
  });

  it('drops an approved edit once the approved slot is on the device, in whichever order they arrive', async () => {
    const db = freshDb();
    const [first, second] = [makeBulletin(), makeBulletin()];
    const firstId = await sentSubmission(db, first.id);
    const secondId = await sentSubmission(db, second.id);
    const approvedSlot = (bulletinId: string, rev: number) =>
      makeSlot(bulletinId, { text: TEXT, status: 'approved', rev });

    await applyPullPage(db, makePage({ reviews: [review(firstId, first.id, { rev: 3 })] }), 0);
    expect(await db.localSlots.get([first.id, 'hmn'])).toMatchObject({ approvedAt: expect.any(String) });
    await applyPullPage(db, makePage({ slots: [approvedSlot(first.id, 4), approvedSlot(second.id, 5)] }), 3);
    expect(await db.localSlots.get([first.id, 'hmn'])).toBeUndefined();
    expect(await db.localSlots.get([second.id, 'hmn'])).toBeDefined();
    await applyPullPage(db, makePage({ reviews: [review(secondId, second.id, { rev: 6 })] }), 5);

    expect(await db.localSlots.count()).toBe(0);
    expect((await getSlotState(db, second.id, 'hmn')).resolution).toMatchObject({ source: 'server' });
  });

  it('leaves an edit saved after the submission alone, and ignores reviews of unknown submissions', async () => {
    const db = freshDb();
    const bulletin = makeBulletin();
    const id = await sentSubmission(db, bulletin.id);
    await saveLocalSlot(db, {
      bulletinId: bulletin.id,
      bulletinVersion: 1,
      lang: 'hmn',
      text: `${TEXT} Ua tsaug.`,
      translator: 'Giàng A Páo',
      status: 'draft',
      audio: null,
    });
    const page = makePage({
      reviews: [
        review(id, bulletin.id, { status: 'rejected', reviewComment: 'Sai.' }),
        review(crypto.randomUUID(), bulletin.id, { status: 'rejected', reviewComment: 'Sai.' }),
      ],
    });

    expect((await applyPullPage(db, page, 0))?.reviews).toBe(0);
    expect(await db.localSlots.get([bulletin.id, 'hmn'])).toMatchObject({
      status: 'draft',
      reviewComment: null,
    });
  });
});
