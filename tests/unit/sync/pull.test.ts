import { describe, expect, it } from 'vitest';
import { getBulletin, listBulletins } from '../../../src/client/db/bulletin-repository.ts';
import { getMeta, getPullCursor } from '../../../src/client/db/meta-repository.ts';
import { pullAll } from '../../../src/client/sync/pull.ts';
import type { Transport } from '../../../src/client/sync/transport.ts';
import type { PullPage } from '../../../src/domain/sync.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makePage, makeSlot, makeUnit } from '../../helpers/factories.ts';

const BASE = 'https://loaxa.test';
const TODAY = '2026-06-15';

/** A fake server answering GET /api/sync/pull from prepared pages keyed by the cursor they start after. */
function fakeServer(pages: Record<number, PullPage | Response | Error>) {
  const cursors: number[] = [];
  const tokens: (string | null)[] = [];
  const fetchImpl: Transport['fetch'] = async (input, init) => {
    const url = new URL(input);
    tokens.push(new Headers(init.headers).get('authorization'));
    expect(url.origin + url.pathname).toBe(`${BASE}/api/sync/pull`);
    const cursor = Number(url.searchParams.get('cursor'));
    cursors.push(cursor);
    const answer = pages[cursor];
    if (answer === undefined) return new Response('{"error":"not_found"}', { status: 404 });
    if (answer instanceof Error) throw answer;
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  };
  const transport: Transport = { baseUrl: BASE, fetch: fetchImpl };
  return { transport, cursors, tokens };
}

function threePages() {
  const unit = makeUnit({ rev: 1 });
  const first = makeBulletin({ title: 'Bản tin một', targetUnitIds: [unit.id], rev: 2 });
  const second = makeBulletin({ title: 'Bản tin hai', rev: 5 });
  return {
    first,
    second,
    pages: {
      0: makePage({ units: [unit], bulletins: [first], more: true }),
      2: makePage({ bulletins: [second], slots: [makeSlot(first.id, { rev: 4 })], more: true }),
      5: makePage({ bulletins: [{ ...first, status: 'withdrawn', rev: 8 }], more: false }),
    },
  };
}

describe('pullAll', () => {
  it('follows the cursor page by page and stops when the server has no more', async () => {
    const db = freshDb();
    const { pages, first, second } = threePages();
    const server = fakeServer(pages);

    const result = await pullAll(db, server.transport);

    expect(result).toEqual({
      counts: { pages: 3, units: 1, bulletins: 2, slots: 1, withdrawn: 1, reviews: 0, dropped: 0 },
      cursor: 8,
      error: null,
    });
    expect(server.cursors).toEqual([0, 2, 5]);
    expect(await getPullCursor(db)).toBe(8);
    expect(await getMeta(db, 'lastPullAt')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await getBulletin(db, first.id))?.status).toBe('withdrawn');
    expect((await listBulletins(db, { today: TODAY })).map((b) => b.id)).toEqual([second.id]);
  });

  it('ignores a page field a newer server sends that this app does not know, and keeps syncing', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ title: 'Bản tin từ máy chủ mới', rev: 3 });
    const page = { ...makePage({ bulletins: [bulletin], cursor: 3, more: false }), broadcastPlans: [] };
    const server = fakeServer({ 0: page as PullPage });

    expect((await pullAll(db, server.transport)).error).toBeNull();
    expect((await getBulletin(db, bulletin.id))?.title).toBe('Bản tin từ máy chủ mới');
  });

  it('resumes from the stored cursor on the next pull', async () => {
    const db = freshDb();
    const { pages } = threePages();
    await pullAll(db, fakeServer(pages).transport);
    const server = fakeServer({ 8: makePage({ cursor: 8 }) });

    const result = await pullAll(db, server.transport);

    expect(server.cursors).toEqual([8]);
    expect(result.error).toBeNull();
    expect(result.cursor).toBe(8);
  });

  it('keeps the pages before an invalid one and does not move past it', async () => {
    const db = freshDb();
    const { pages, second } = threePages();
    const invalid = { ...pages[2], bulletins: [{ ...second, title: '' }] };
    const server = fakeServer({ ...pages, 2: invalid });

    const result = await pullAll(db, server.transport);

    expect(result.error).toMatchObject({
      kind: 'invalid',
      detail: expect.stringContaining('bulletins.0.title'),
    });
    expect(result.counts.pages).toBe(1);
    expect(await getPullCursor(db)).toBe(2);
    expect(await getBulletin(db, second.id)).toBeUndefined();
    expect(await getMeta(db, 'lastPullAt')).toBeUndefined();
  });

  it('reports being offline without touching the cursor', async () => {
    const db = freshDb();
    const result = await pullAll(db, fakeServer({ 0: new TypeError('Failed to fetch') }).transport);

    expect(result).toEqual({
      counts: { pages: 0, units: 0, bulletins: 0, slots: 0, withdrawn: 0, reviews: 0, dropped: 0 },
      cursor: 0,
      error: { kind: 'network' },
    });
    expect(await getPullCursor(db)).toBe(0);
    expect(await db.bulletins.count()).toBe(0);
  });

  it('reports a server error with its status', async () => {
    const db = freshDb();
    const server = fakeServer({ 0: new Response('{"error":"unavailable"}', { status: 503 }) });

    expect((await pullAll(db, server.transport)).error).toEqual({
      kind: 'http',
      status: 503,
      code: 'unavailable',
    });
  });

  it('treats a body that is not JSON as invalid', async () => {
    const db = freshDb();
    const server = fakeServer({ 0: new Response('<html>captive portal</html>', { status: 200 }) });

    expect((await pullAll(db, server.transport)).error).toEqual({
      kind: 'invalid',
      detail: 'not JSON',
    });
    expect(await getPullCursor(db)).toBe(0);
  });

  it('stops instead of looping when the server promises more without moving the cursor', async () => {
    const db = freshDb();
    const server = fakeServer({ 0: makePage({ cursor: 0, more: true }) });

    const result = await pullAll(db, server.transport);

    expect(result.error).toMatchObject({ kind: 'invalid' });
    expect(server.cursors).toEqual([0]);
  });

  it('sends the bearer token when the device has one', async () => {
    const db = freshDb();
    const server = fakeServer({ 0: makePage() });

    await pullAll(db, server.transport, 'device-token');

    expect(server.tokens).toEqual(['Bearer device-token']);
  });

  it('drops bulletins the unit may no longer see and ignores withdrawals of ones it never had', async () => {
    const db = freshDb();
    const kept = makeBulletin({ title: 'Còn lại', rev: 1 });
    const retargeted = makeBulletin({ title: 'Chuyển đi', rev: 2 });
    const server = fakeServer({
      0: makePage({ bulletins: [kept, retargeted], more: true }),
      2: makePage({ withdrawals: [retargeted.id, crypto.randomUUID()], cursor: 3 }),
    });

    const result = await pullAll(db, server.transport);

    expect(result.counts.withdrawn).toBe(1);
    expect((await getBulletin(db, retargeted.id))?.status).toBe('withdrawn');
    expect(await db.bulletins.count()).toBe(2);
    expect((await listBulletins(db, { today: TODAY })).map((b) => b.id)).toEqual([kept.id]);
  });
});
