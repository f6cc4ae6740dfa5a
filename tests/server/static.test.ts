import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { ENGINES, closeTestEngines, openTestDatabase } from '../helpers/stores.ts';
import type { TestDatabase } from '../helpers/stores.ts';

const INDEX = '<!doctype html><title>LoaXa</title>';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let staticDir: string;

beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'loaxa-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(staticDir, 'manifest.webmanifest'), '{"name":"LoaXa"}');
  writeFileSync(join(staticDir, 'assets', 'index-B4x9kQ2a.js'), 'console.log(1);');
  writeFileSync(join(staticDir, 'assets', 'index-C7d1aZ0b.css'), 'body{}');
});

afterAll(async () => {
  rmSync(staticDir, { recursive: true, force: true });
  await closeTestEngines();
});

describe.each(ENGINES)('static PWA with %s', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
    app = createApp({ store: db.store, version: '0.0.0', staticDir });
  });
  afterAll(() => db.dispose());

  it.each(['/', '/index.html'])('serves %s as HTML that is always revalidated', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it.each(['/bulletins', '/bulletins/2f8c1e0a-0000-4000-8000-000000000000', '/settings/sync'])(
    'falls back to index.html for the client route %s',
    async (path) => {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    },
  );

  it('serves the service worker as JavaScript that is always revalidated', async () => {
    const response = await app.request('/sw.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the web manifest with its content type', async () => {
    const response = await app.request('/manifest.webmanifest');
    expect(response.headers.get('content-type')).toBe('application/manifest+json');
  });

  it.each([
    ['/assets/index-B4x9kQ2a.js', /^text\/javascript/],
    ['/assets/index-C7d1aZ0b.css', /^text\/css/],
  ])('lets browsers keep the hashed asset %s', async (path, type) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await app.request('/sw.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it.each(['/assets/index-gone.js', '/missing.png', '/%2e%2e/package.json'])(
    'answers 404, not index.html, for the file %s',
    async (path) => {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('<title>');
    },
  );

  it('keeps API routes out of the fallback', async () => {
    const missing = await app.request('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    const health = await app.request('/api/health');
    expect(((await health.json()) as { storage: string }).storage).toBe(kind);
  });
});
