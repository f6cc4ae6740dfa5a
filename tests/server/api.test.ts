import { gunzipSync } from 'node:zlib';
import * as v from 'valibot';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../src/domain/sync.ts';
import { PULL_PAGE_DEFAULT, PullPageSchema } from '../../src/domain/sync.ts';
import { createApp } from '../../src/server/app.ts';
import { latestMigration } from '../../src/server/store/migrate.ts';
import type { HealthResponse } from '../../src/server/http/health/routes.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { deviceHeaders, enrolTestDevice, seedAccounts } from '../helpers/auth.ts';
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
      expect(body).toEqual({ status: 'ok', version: VERSION, storage: kind, migration: latestMigration() });
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

  describe('GET /api/ready', () => {
    it('answers 200 when the database is at the migration level this server needs', async () => {
      const response = await app.request('/api/ready');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', migration: latestMigration() });
    });

    it('answers 503 while the database is behind this server, or does not answer', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const latest = latestMigration();
      await db.sql.query('DELETE FROM schema_migrations WHERE level = $1', [latest]);
      const behind = await expectApiError(await app.request('/api/ready'), 503, 'not_ready');
      expect(behind.message).toBe(`The database is at migration ${latest - 1}; this server needs ${latest}`);
      const broken = createApp({
        store: { ...db.store, health: () => Promise.reject(new Error('connection refused')) },
        version: VERSION,
      });
      await expectApiError(await broken.request('/api/ready'), 503, 'storage_unavailable');
    });
  });

  describe('GET /api/sync/pull', () => {
    /** The bearer token of a device enrolled to Xã Tả Phìn (province → district → commune). */
    let token: string;
    const pull = (
      query: string,
      target: Pick<typeof app, 'request'> = app,
      headers: Record<string, string> = {},
    ) => target.request(`/api/sync/pull?${query}`, { headers: { ...deviceHeaders(token), ...headers } });

    beforeEach(async () => {
      await seedAccounts(db.store);
      ({ token } = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin));
    });

    it('returns a page the domain schema accepts, with the default limit', async () => {
      const bulletin = makeBulletin({ targetUnitIds: [DEMO_UNIT_IDS.taPhin] });
      await db.store.upsertBulletins([
        bulletin,
        makeBulletin({ status: 'draft', targetUnitIds: [DEMO_UNIT_IDS.taPhin] }),
      ]);
      await db.store.upsertSlots([makeSlot(bulletin.id)]);

      const response = await pull('cursor=0');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = v.parse(PullPageSchema, await response.json());
      // The commune, the district and the province; the district's other communes and its team are not sent.
      expect(page.units.map((u) => u.id).sort()).toEqual(
        [DEMO_UNIT_IDS.province, DEMO_UNIT_IDS.district, DEMO_UNIT_IDS.taPhin].sort(),
      );
      expect([page.bulletins.length, page.slots.length, page.more]).toEqual([1, 1, false]);
      expect(page.bulletins[0]?.id).toBe(bulletin.id);
    });

    it('pages with cursor and limit', async () => {
      await db.store.upsertUnits(
        Array.from({ length: 5 }, () => makeUnit({ parentId: DEMO_UNIT_IDS.taPhin, level: 'team' })),
      );
      const first = v.parse(PullPageSchema, await (await pull('cursor=0&limit=2')).json());
      expect([first.units.length, first.more]).toEqual([2, true]);
      const rest = v.parse(
        PullPageSchema,
        await (await pull(`cursor=${first.cursor}&limit=${PULL_PAGE_DEFAULT}`)).json(),
      );
      expect([rest.units.length, rest.more]).toEqual([6, false]);
      expect(new Set([...first.units, ...rest.units].map((u) => u.id)).size).toBe(8);
    });

    it('answers 401 without a device token', async () => {
      await expectApiError(await app.request('/api/sync/pull?cursor=0'), 401, 'device_unauthorized');
    });

    it('sends the page gzip-compressed when the client accepts it', async () => {
      await db.store.upsertBulletins(
        Array.from({ length: 20 }, () => makeBulletin({ targetUnitIds: [DEMO_UNIT_IDS.taPhin] })),
      );
      const response = await pull('cursor=0', app, { 'Accept-Encoding': 'gzip' });
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
      const body = await expectApiError(await pull(query), 400, 'invalid_request');
      expect(body.issues?.map((issue) => issue.field)).toEqual([field]);
      expect(body.message).toContain(field);
    });

    it('answers 500 without details when the store fails unexpectedly', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const broken = createApp({
        store: { ...db.store, pullChanges: () => Promise.reject(new Error('secret detail at /srv/db')) },
        version: VERSION,
      });
      const response = await pull('cursor=0', broken);
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
