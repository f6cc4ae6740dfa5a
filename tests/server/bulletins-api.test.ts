import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { BulletinList, BulletinWritten } from '../../src/domain/staff-api.ts';
import type { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { enrolTestDevice, signIn, staffFetch } from '../helpers/auth.ts';
import { makeBulletinInput } from '../helpers/factories.ts';
import { expectApiError, openStaffContentApp, pullAll } from '../helpers/staff-content.ts';
import type { OtherDistrict } from '../helpers/staff-content.ts';
import { ENGINES, closeTestEngines } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const { province, district, taPhin, vinhHai } = DEMO_UNIT_IDS;

describe.each(ENGINES)('staff bulletins API on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let other: OtherDistrict;
  let phong: string;

  beforeEach(async () => {
    ({ db, app, other } = await openStaffContentApp(kind));
    phong = await signIn(app, 'phong.vhtt');
  });
  afterEach(() => db.dispose());

  async function countBulletins(): Promise<number> {
    const [row] = await db.sql.query<{ count: number }>('SELECT count(*)::integer AS count FROM bulletins');
    return row?.count ?? 0;
  }

  async function create(cookie: string, targets: string[], title?: string): Promise<Bulletin> {
    const input = makeBulletinInput(targets, title === undefined ? {} : { title });
    const response = await staffFetch(app, cookie, 'POST', '/api/bulletins', input);
    expect(response.status).toBe(201);
    return ((await response.json()) as BulletinWritten).bulletin;
  }

  async function act(cookie: string, id: string, action: 'publish' | 'withdraw'): Promise<Response> {
    return staffFetch(app, cookie, 'POST', `/api/bulletins/${id}/${action}`);
  }

  it('creates a draft at version 1 with a rev, edits it as new versions and refuses a stale version', async () => {
    const draft = await create(phong, [taPhin]);
    expect(draft).toMatchObject({ version: 1, status: 'draft', targetUnitIds: [taPhin] });
    expect(draft.rev).toBeGreaterThan(0);

    const edit = { ...makeBulletinInput([taPhin, vinhHai], { title: 'Tin giả: bản sửa' }), version: 1 };
    const edited = await staffFetch(app, phong, 'PUT', `/api/bulletins/${draft.id}`, edit);
    expect(edited.status).toBe(200);
    const v2 = ((await edited.json()) as BulletinWritten).bulletin;
    expect(v2).toMatchObject({ id: draft.id, version: 2, status: 'draft', title: 'Tin giả: bản sửa' });
    expect(v2.targetUnitIds).toEqual([taPhin, vinhHai]);
    expect(v2.rev).toBeGreaterThan(draft.rev);

    const stale = await staffFetch(app, phong, 'PUT', `/api/bulletins/${draft.id}`, { ...edit, title: 'Cũ' });
    await expectApiError(stale, 409, 'version_conflict');
    const [row] = await db.sql.query<{ version: number; title: string }>(
      'SELECT version, title FROM bulletins WHERE id = $1',
      [draft.id],
    );
    expect(row).toEqual({ version: 2, title: 'Tin giả: bản sửa' });

    const read = await staffFetch(app, phong, 'GET', `/api/bulletins/${draft.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as BulletinWritten).bulletin).toEqual(v2);
  });

  it('lets one of two simultaneous edits of a version win, the other told to reload', async () => {
    const draft = await create(phong, [taPhin]);
    const edit = (title: string) =>
      staffFetch(app, phong, 'PUT', `/api/bulletins/${draft.id}`, {
        ...makeBulletinInput([taPhin], { title }),
        version: 1,
      });
    const responses = await Promise.all([edit('Bản A'), edit('Bản B')]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const [row] = await db.sql.query<{ version: number }>('SELECT version FROM bulletins WHERE id = $1', [
      draft.id,
    ]);
    expect(row?.version).toBe(2);
  });

  it('publishes and withdraws, each once, and lists by status', async () => {
    const draft = await create(phong, [taPhin]);
    const published = ((await (await act(phong, draft.id, 'publish')).json()) as BulletinWritten).bulletin;
    expect(published).toMatchObject({ status: 'published', version: 1 });
    expect(published.rev).toBeGreaterThan(draft.rev);
    // Publishing again changes nothing, so devices are not sent the same bulletin again.
    const again = ((await (await act(phong, draft.id, 'publish')).json()) as BulletinWritten).bulletin;
    expect(again.rev).toBe(published.rev);

    const other = await create(phong, [vinhHai], 'Bản nháp khác');
    const list = async (query: string) =>
      (
        (await (await staffFetch(app, phong, 'GET', `/api/bulletins${query}`)).json()) as BulletinList
      ).bulletins
        .map((b) => b.id)
        .sort();
    expect(await list('?status=published')).toEqual([draft.id]);
    expect(await list('?status=draft')).toEqual([other.id]);
    expect(await list('')).toEqual([draft.id, other.id].sort());

    const withdrawn = await act(phong, draft.id, 'withdraw');
    expect(((await withdrawn.json()) as BulletinWritten).bulletin.status).toBe('withdrawn');
    expect(await list('?status=withdrawn')).toEqual([draft.id]);
    // A withdrawn bulletin has left the devices: a new text must be a new bulletin, not a version of it.
    const edit = { ...makeBulletinInput([taPhin], { title: 'Sửa sau khi thu hồi' }), version: 1 };
    await expectApiError(
      await staffFetch(app, phong, 'PUT', `/api/bulletins/${draft.id}`, edit),
      409,
      'bulletin_withdrawn',
    );
    const [row] = await db.sql.query<{ version: number; title: string }>(
      'SELECT version, title FROM bulletins WHERE id = $1',
      [draft.id],
    );
    expect(row).toEqual({ version: 1, title: draft.title });
    await expectApiError(
      await staffFetch(app, phong, 'GET', '/api/bulletins?status=gone'),
      400,
      'invalid_request',
    );
  });

  it('lists bulletins of ancestors and of the subtree, not of another branch', async () => {
    const so = await signIn(app, 'so.vhtt');
    const fromProvince = await create(so, [province], 'Của tỉnh');
    const own = await create(phong, [taPhin], 'Của huyện');
    const otherBranch = await create(await signIn(app, other.login), [other.communeId], 'Huyện khác');
    const body = (await (await staffFetch(app, phong, 'GET', '/api/bulletins')).json()) as BulletinList;
    expect(body.bulletins.map((b) => b.id).sort()).toEqual([fromProvince.id, own.id].sort());
    const provinceList = (await (await staffFetch(app, so, 'GET', '/api/bulletins')).json()) as BulletinList;
    expect(provinceList.bulletins.map((b) => b.id)).toContain(otherBranch.id);
  });

  it('refuses a district targeting another district or the province, storing nothing', async () => {
    for (const targets of [[other.communeId], [province], [taPhin, other.districtId]]) {
      const response = await staffFetch(app, phong, 'POST', '/api/bulletins', makeBulletinInput(targets));
      await expectApiError(response, 403, 'forbidden');
    }
    expect(await countBulletins()).toBe(0);

    const own = await create(phong, [taPhin]);
    const widen = { ...makeBulletinInput([taPhin, other.communeId]), version: 1 };
    await expectApiError(
      await staffFetch(app, phong, 'PUT', `/api/bulletins/${own.id}`, widen),
      403,
      'forbidden',
    );
    const fromProvince = await create(await signIn(app, 'so.vhtt'), [province]);
    await expectApiError(await act(phong, fromProvince.id, 'publish'), 403, 'forbidden');
    await expectApiError(await act(phong, fromProvince.id, 'withdraw'), 403, 'forbidden');
    const narrow = { ...makeBulletinInput([district]), version: 1 };
    await expectApiError(
      await staffFetch(app, phong, 'PUT', `/api/bulletins/${fromProvince.id}`, narrow),
      403,
      'forbidden',
    );
    const rows = await db.sql.query<{ id: string; version: number; status: string }>(
      'SELECT id, version, status FROM bulletins ORDER BY id',
    );
    expect(rows.map(({ version, status }) => ({ version, status }))).toEqual([
      { version: 1, status: 'draft' },
      { version: 1, status: 'draft' },
    ]);
  });

  it('answers bad input and unknown bulletins with 4xx ApiErrors', async () => {
    const post = (body: string) =>
      app.request('/api/bulletins', {
        method: 'POST',
        headers: { Cookie: phong, 'X-LoaXa-CSRF': '1', 'Content-Type': 'application/json' },
        body,
      });
    await expectApiError(await post('{"title": '), 400, 'malformed_json');
    await expectApiError(
      await post(JSON.stringify({ ...makeBulletinInput([taPhin]), status: 'published' })),
      400,
      'invalid_request',
    );
    await expectApiError(
      await post(JSON.stringify({ ...makeBulletinInput([taPhin]), targetUnitIds: ['x'] })),
      400,
      'invalid_request',
    );
    await expectApiError(
      await post(JSON.stringify(makeBulletinInput([crypto.randomUUID()]))),
      403,
      'forbidden',
    );
    await expectApiError(await act(phong, 'not-a-uuid', 'publish'), 404, 'not_found');
    await expectApiError(await act(phong, crypto.randomUUID(), 'withdraw'), 404, 'not_found');
    for (const id of ['not-a-uuid', crypto.randomUUID()]) {
      await expectApiError(await staffFetch(app, phong, 'GET', `/api/bulletins/${id}`), 404, 'not_found');
    }
    const edit = { ...makeBulletinInput([taPhin]), version: 1 };
    await expectApiError(
      await staffFetch(app, phong, 'PUT', `/api/bulletins/${crypto.randomUUID()}`, edit),
      404,
      'not_found',
    );
    expect(await countBulletins()).toBe(0);
  });

  it('needs a session and the CSRF header', async () => {
    await expectApiError(await app.request('/api/bulletins'), 401, 'not_signed_in');
    const response = await app.request('/api/bulletins', {
      method: 'POST',
      headers: { Cookie: phong, 'Content-Type': 'application/json' },
      body: JSON.stringify(makeBulletinInput([taPhin])),
    });
    await expectApiError(response, 403, 'csrf_failed');
    expect(await countBulletins()).toBe(0);
  });

  it('sends a published bulletin to devices of targeted communes, and its withdrawal', async () => {
    const taPhinDevice = await enrolTestDevice(app, taPhin);
    const vinhHaiDevice = await enrolTestDevice(app, vinhHai);
    const bulletin = await create(phong, [taPhin]);
    expect((await pullAll(app, taPhinDevice)).bulletins).toEqual([]);

    await act(phong, bulletin.id, 'publish');
    const first = await pullAll(app, taPhinDevice);
    expect(first.bulletins.map((b) => [b.id, b.status])).toEqual([[bulletin.id, 'published']]);
    expect((await pullAll(app, vinhHaiDevice)).bulletins).toEqual([]);

    const edit = { ...makeBulletinInput([taPhin], { title: 'Bản sửa đã đăng' }), version: 1 };
    await staffFetch(app, phong, 'PUT', `/api/bulletins/${bulletin.id}`, edit);
    const second = await pullAll(app, taPhinDevice, first.cursor);
    expect(second.bulletins.map((b) => [b.version, b.status, b.title])).toEqual([
      [2, 'published', 'Bản sửa đã đăng'],
    ]);

    await act(phong, bulletin.id, 'withdraw');
    const third = await pullAll(app, taPhinDevice, second.cursor);
    expect(third.bulletins.map((b) => [b.id, b.status])).toEqual([[bulletin.id, 'withdrawn']]);
  });
});
