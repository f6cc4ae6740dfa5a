import { gunzipSync } from 'node:zlib';
import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../src/domain/sync.ts';
import { PULL_PAGE_DEFAULT, PullPageSchema } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import type { HealthResponse } from '../../src/server/http/health/routes.ts';
import { makeBulletin, makeSlot, makeUnit } from '../helpers/factories.ts';
import { ENGINES, closeTestEngines, openTestDatabase } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const VERSION = '9.8.7-test';

describe.each(ENGINES)('API on %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    app = createApp({ store: db.store, version: VERSION });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.dispose();
  });

  async function expectApiError(response: Response, status: number, error: string): Promise<ApiError> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as ApiError;
    expect(body.error).toBe(error);
    expect(typeof body.message).toBe('string');
    return body;
  }

  describe('GET /api/health', () => {
    it('reports version, storage and migration level', async () => {
      const response = await app.request('/api/health');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body: HealthResponse = await response.json();
      expect(body).toEqual({ status: 'ok', version: VERSION, storage: kind, migration: 1 });
    });

    it('answers 503 when the database does not', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const broken = createApp({
        store: { ...db.store, health: () => Promise.reject(new Error('connection refused')) },
        version: VERSION,
      });
      await expectApiError(await broken.request('/api/health'), 503, 'storage_unavailable');
    });
  });

  describe('GET /api/sync/pull', () => {
    it('returns a page the domain schema accepts, with the default limit', async () => {
      const unit = makeUnit();
      const bulletin = makeBulletin({ targetUnitIds: [unit.id] });
      await db.store.upsertUnits([unit]);
      await db.store.upsertBulletins([bulletin, makeBulletin({ status: 'draft' })]);
      await db.store.upsertSlots([makeSlot(bulletin.id)]);

      const response = await app.request('/api/sync/pull?cursor=0');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = v.parse(PullPageSchema, await response.json());
      expect([page.units.length, page.bulletins.length, page.slots.length, page.more]).toEqual([
        1,
        1,
        1,
        false,
      ]);
      expect(page.bulletins[0]?.id).toBe(bulletin.id);
    });

    it('pages with cursor and limit', async () => {
      await db.store.upsertUnits(Array.from({ length: 5 }, () => makeUnit()));
      const first = v.parse(
        PullPageSchema,
        await (await app.request('/api/sync/pull?cursor=0&limit=2')).json(),
      );
      expect([first.units.length, first.more]).toEqual([2, true]);
      const rest = v.parse(
        PullPageSchema,
        await (await app.request(`/api/sync/pull?cursor=${first.cursor}&limit=${PULL_PAGE_DEFAULT}`)).json(),
      );
      expect([rest.units.length, rest.more]).toEqual([3, false]);
      expect(new Set([...first.units, ...rest.units].map((u) => u.id)).size).toBe(5);
    });

    it('sends the page gzip-compressed when the client accepts it', async () => {
      await db.store.upsertBulletins(Array.from({ length: 20 }, () => makeBulletin()));
      const response = await app.request('/api/sync/pull?cursor=0', {
        headers: { 'Accept-Encoding': 'gzip' },
      });
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const page = v.parse(
        PullPageSchema,
        JSON.parse(gunzipSync(await response.arrayBuffer()).toString('utf8')),
      );
      expect(page.bulletins).toHaveLength(20);
    });

    it.each([
      ['cursor=abc', 'cursor'],
      ['cursor=-1', 'cursor'],
      ['cursor=0&limit=0', 'limit'],
      ['cursor=0&limit=9999', 'limit'],
      ['cursor=0&limit=ten', 'limit'],
      ['cursor=0&foo=1', 'foo'],
      ['limit=10', 'cursor'],
      ['cursor=1&cursor=2', 'cursor'],
    ])('refuses ?%s with 400 naming %s', async (query, field) => {
      const body = await expectApiError(await app.request(`/api/sync/pull?${query}`), 400, 'invalid_request');
      expect(body.issues?.map((issue) => issue.field)).toEqual([field]);
      expect(body.message).toContain(field);
    });

    it('answers 500 without details when the store fails unexpectedly', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const broken = createApp({
        store: { ...db.store, pullChanges: () => Promise.reject(new Error('secret detail at /srv/db')) },
        version: VERSION,
      });
      const response = await broken.request('/api/sync/pull?cursor=0');
      const body = await expectApiError(response, 500, 'internal_error');
      expect(JSON.stringify(body)).not.toContain('secret');
      expect(logged).toHaveBeenCalled();
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/api/nope'],
      ['GET', '/api/sync'],
      ['POST', '/api/sync/pull?cursor=0'],
      ['GET', '/api/health/extra'],
      ['GET', '/no-static-dir-configured'],
    ])('%s %s answers 404 JSON', async (method, path) => {
      await expectApiError(await app.request(path, { method }), 404, 'not_found');
    });
  });
});
