import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { SlotSubmission, SubmitSlotRequest } from '../../src/domain/slot-submission.ts';
import type { BulletinWritten, SubmissionList, SubmissionWritten } from '../../src/domain/staff-api.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { deviceHeaders, enrolTestDevice, signIn, staffFetch } from '../helpers/auth.ts';
import type { TestDevice } from '../helpers/auth.ts';
import { expectApiError, openStaffContentApp, pullAll, storeRecording } from '../helpers/staff-content.ts';
import type { OtherDistrict } from '../helpers/staff-content.ts';
import { makeBulletinInput, makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin, vinhHai } = DEMO_UNIT_IDS;
const AUDIO = 'ab'.repeat(32);

describe.each(ENGINES)('shared translations on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;
  let phong: string;
  /** Published by the province for every unit: each commune may translate it. */
  let bulletin: Bulletin;
  /** A device of Xã Tả Phìn (vie, hmn, blt), the translator. */
  let translator: TestDevice;

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
    phong = await signIn(app, 'phong.vhtt');
    const so = await signIn(app, 'so.vhtt');
    const created = await staffFetch(app, so, 'POST', '/api/bulletins', makeBulletinInput([province]));
    bulletin = ((await created.json()) as BulletinWritten).bulletin;
    await staffFetch(app, so, 'POST', `/api/bulletins/${bulletin.id}/publish`);
    translator = await enrolTestDevice(app, taPhin);
    await storeRecording(db.sql, AUDIO);
  });
  afterEach(() => db.dispose());

  function submission(overrides: Partial<SubmitSlotRequest> = {}): SubmitSlotRequest {
    return {
      id: crypto.randomUUID(),
      bulletinId: bulletin.id,
      lang: 'hmn',
      bulletinVersion: 1,
      text: 'Tsis txhob qhia xov xwm cuav.',
      audioId: AUDIO,
      translator: 'Giàng A Páo',
      ...overrides,
    };
  }

  function submit(device: TestDevice, body: unknown): Promise<Response> {
    return Promise.resolve(
      app.request('/api/slots/submissions', {
        method: 'POST',
        headers: deviceHeaders(device.token, true),
        body: JSON.stringify(body),
      }),
    );
  }

  async function submitted(body: SubmitSlotRequest): Promise<SlotSubmission> {
    const response = await submit(translator, body);
    expect(response.status).toBe(201);
    return ((await response.json()) as SubmissionWritten).submission;
  }

  function review(cookie: string, id: string, body: unknown): Promise<Response> {
    return staffFetch(app, cookie, 'POST', `/api/slots/submissions/${id}/review`, body);
  }

  async function countSubmissions(): Promise<number> {
    const [row] = await db.sql.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM slot_submissions',
    );
    return row?.count ?? 0;
  }

  it('stores a submission once, however often the device sends it', async () => {
    const body = submission();
    const first = await submitted(body);
    expect(first).toMatchObject({
      id: body.id,
      unitId: taPhin,
      deviceId: translator.deviceId,
      status: 'submitted',
      reviewer: null,
      reviewedAt: null,
    });
    const again = await submit(translator, { ...body, text: 'Lần gửi lại' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as SubmissionWritten).submission).toEqual(first);
    expect(await countSubmissions()).toBe(1);

    const otherDevice = await enrolTestDevice(app, taPhin);
    await expectApiError(await submit(otherDevice, body), 403, 'forbidden');
  });

  it('approves: the slot reaches every commune speaking the language, and the review the submitter', async () => {
    const speaker = makeUnit({ parentId: district, name: 'Xã Nậm Búng', languages: ['vie', 'hmn'] });
    await db.store.upsertUnits([speaker]);
    const speakerDevice = await enrolTestDevice(app, speaker.id);
    const nonSpeakerDevice = await enrolTestDevice(app, vinhHai);
    const otherDistrictDevice = await enrolTestDevice(app, other.communeId);
    const sent = await submitted(submission());

    const queue = await staffFetch(app, phong, 'GET', '/api/slots/submissions?status=submitted');
    const { submissions } = (await queue.json()) as SubmissionList;
    expect(submissions).toEqual([{ ...sent, bulletinTitle: bulletin.title, unitName: 'Xã Tả Phìn' }]);

    const approved = await review(phong, sent.id, { decision: 'approve', comment: '' });
    expect(approved.status).toBe(200);
    const decided = ((await approved.json()) as SubmissionWritten).submission;
    expect(decided).toMatchObject({ status: 'approved', reviewer: 'Phòng Văn hóa - Thông tin huyện' });
    expect(decided.reviewedAt).not.toBeNull();

    const slot = {
      bulletinId: bulletin.id,
      lang: 'hmn',
      bulletinVersion: 1,
      text: sent.text,
      audioId: AUDIO,
      status: 'approved',
      translator: 'Giàng A Páo',
      reviewer: 'Phòng Văn hóa - Thông tin huyện',
    };
    // Across communes and districts: the language decides, not who translated.
    expect((await pullAll(app, speakerDevice)).slots).toEqual([expect.objectContaining(slot)]);
    expect((await pullAll(app, otherDistrictDevice)).slots).toEqual([expect.objectContaining(slot)]);
    expect((await pullAll(app, nonSpeakerDevice)).slots).toEqual([]);
    const own = await pullAll(app, translator);
    expect(own.slots).toEqual([expect.objectContaining(slot)]);
    expect(own.reviews).toEqual([
      expect.objectContaining({
        submissionId: sent.id,
        status: 'approved',
        bulletinId: bulletin.id,
        lang: 'hmn',
      }),
    ]);
    expect((await pullAll(app, speakerDevice)).reviews).toEqual([]);

    await expectApiError(
      await review(phong, sent.id, { decision: 'reject', comment: 'Muộn' }),
      409,
      'version_conflict',
    );
  });

  it('rejects only with a comment, and the submitter pulls the review with it', async () => {
    const sent = await submitted(submission({ audioId: null }));
    const { cursor } = await pullAll(app, translator);
    await expectApiError(
      await review(phong, sent.id, { decision: 'reject', comment: '  ' }),
      400,
      'invalid_request',
    );
    const rejected = await review(phong, sent.id, { decision: 'reject', comment: 'Thiếu đoạn thứ hai' });
    expect(((await rejected.json()) as SubmissionWritten).submission).toMatchObject({
      status: 'rejected',
      reviewComment: 'Thiếu đoạn thứ hai',
    });
    const page = await pullAll(app, translator, cursor);
    expect(page.reviews).toEqual([
      expect.objectContaining({
        submissionId: sent.id,
        status: 'rejected',
        reviewComment: 'Thiếu đoạn thứ hai',
      }),
    ]);
    expect(page.slots).toEqual([]);
    const [slots] = await db.sql.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM language_slots',
    );
    expect(slots?.count).toBe(0);
  });

  it('refuses a recording that was not uploaded and a bulletin the device does not receive', async () => {
    await expectApiError(
      await submit(translator, submission({ audioId: 'cd'.repeat(32) })),
      409,
      'audio_missing',
    );

    const so = await signIn(app, 'so.vhtt');
    const elsewhere = (
      (await (
        await staffFetch(app, so, 'POST', '/api/bulletins', makeBulletinInput([vinhHai]))
      ).json()) as BulletinWritten
    ).bulletin;
    await staffFetch(app, so, 'POST', `/api/bulletins/${elsewhere.id}/publish`);
    await expectApiError(
      await submit(translator, submission({ bulletinId: elsewhere.id })),
      404,
      'not_found',
    );
    const draft = (
      (await (
        await staffFetch(app, so, 'POST', '/api/bulletins', makeBulletinInput([taPhin]))
      ).json()) as BulletinWritten
    ).bulletin;
    await expectApiError(await submit(translator, submission({ bulletinId: draft.id })), 404, 'not_found');
    await expectApiError(
      await submit(translator, submission({ bulletinId: crypto.randomUUID() })),
      404,
      'not_found',
    );
    await expectApiError(
      await submit(translator, submission({ bulletinVersion: 2 })),
      400,
      'invalid_request',
    );
    expect(await countSubmissions()).toBe(0);
  });

  it('answers bad submissions with 4xx and stores nothing', async () => {
    await expectApiError(
      await submit(translator, { ...submission(), status: 'approved' }),
      400,
      'invalid_request',
    );
    await expectApiError(
      await submit(translator, submission({ text: '', audioId: null })),
      400,
      'invalid_request',
    );
    const response = await app.request('/api/slots/submissions', {
      method: 'POST',
      headers: deviceHeaders(translator.token, true),
      body: '{"id":',
    });
    await expectApiError(response, 400, 'malformed_json');
    const anonymous = await app.request('/api/slots/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(submission()),
    });
    await expectApiError(anonymous, 401, 'device_unauthorized');
    // Staff cannot submit as a device, nor a device review as staff.
    await expectApiError(
      await staffFetch(app, phong, 'POST', '/api/slots/submissions', submission()),
      401,
      'device_unauthorized',
    );
    expect(await countSubmissions()).toBe(0);
  });

  it('lets only reviewers over the submitting unit list and review', async () => {
    const sent = await submitted(submission());
    const otherPhong = await signIn(app, other.login);
    const queue = await staffFetch(app, otherPhong, 'GET', '/api/slots/submissions');
    expect(((await queue.json()) as SubmissionList).submissions).toEqual([]);
    await expectApiError(
      await review(otherPhong, sent.id, { decision: 'approve', comment: '' }),
      403,
      'forbidden',
    );
    for (const login of ['xa.taphin', 'doi.xe']) {
      const cookie = await signIn(app, login);
      await expectApiError(await staffFetch(app, cookie, 'GET', '/api/slots/submissions'), 403, 'forbidden');
      await expectApiError(
        await review(cookie, sent.id, { decision: 'approve', comment: '' }),
        403,
        'forbidden',
      );
    }
    await expectApiError(
      await review(phong, crypto.randomUUID(), { decision: 'approve', comment: '' }),
      404,
      'not_found',
    );
    await expectApiError(await review(phong, 'nope', { decision: 'approve', comment: '' }), 404, 'not_found');
    await expectApiError(
      await review(phong, sent.id, { decision: 'maybe', comment: '' }),
      400,
      'invalid_request',
    );
    const [row] = await db.sql.query<{ status: string }>('SELECT status FROM slot_submissions');
    expect(row?.status).toBe('submitted');
    const [slots] = await db.sql.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM language_slots',
    );
    expect(slots?.count).toBe(0);
  });
});
