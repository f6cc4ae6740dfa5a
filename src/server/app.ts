import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { notFound, onError } from './http/errors.ts';
import { healthRoutes } from './http/health/routes.ts';
import { staticRoutes } from './http/static/routes.ts';
import { syncRoutes } from './http/sync/routes.ts';
import type { Store } from './store/store.ts';

/** What the HTTP app needs: the store, the version it reports, and the built PWA to serve if there is one. */
export interface AppOptions {
  store: Store;
  version: string;
  staticDir?: string | undefined;
}

/** Composes the API and static routes; tests call `app.request()` on it without opening a port. */
export function createApp({ store, version, staticDir }: AppOptions): Hono {
  const app = new Hono();
  // Pull pages are mostly Vietnamese text and shrink several times: it matters on 2G.
  app.use(compress());
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are live data: neither the browser HTTP cache nor a proxy may keep them.
    c.header('Cache-Control', 'no-store');
  });
  app.route('/api/health', healthRoutes(store, version));
  app.route('/api/sync', syncRoutes(store));
  app.all('/api/*', notFound);
  if (staticDir !== undefined) app.route('/', staticRoutes(staticDir));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
