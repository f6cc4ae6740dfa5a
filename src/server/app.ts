import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createRateLimits } from './auth/rate-limit.ts';
import { attachmentRoutes } from './http/attachments/routes.ts';
import { authRoutes } from './http/auth/routes.ts';
import { coverageRoutes } from './http/coverage/routes.ts';
import { deviceRoutes } from './http/devices/routes.ts';
import { bulletinRoutes } from './http/bulletins/routes.ts';
import { notFound, onError } from './http/errors.ts';
import { accountRoutes } from './http/accounts/routes.ts';
import { auditRoutes } from './http/audit/routes.ts';
import { createMetrics } from './metrics.ts';
import { healthRoutes, readyRoutes } from './http/health/routes.ts';
import { logRoutes } from './http/logs/routes.ts';
import { reportRoutes } from './http/reports/routes.ts';
import { setupRoutes } from './http/setup/routes.ts';
import { slotRoutes } from './http/slots/routes.ts';
import { staticRoutes } from './http/static/routes.ts';
import { syncRoutes } from './http/sync/routes.ts';
import { unitRoutes } from './http/units/routes.ts';
import type { Store } from './store/store.ts';

/** What the HTTP app needs: the store, the version it reports, and the built PWA to serve if there is one. */
export interface AppOptions {
  store: Store;
  version: string;
  staticDir?: string | undefined;
  /** Where attachment files live (DATA_DIR/attachments); without it the attachment routes are not served. */
  attachmentsDir?: string | undefined;
  /** The bearer token of GET /metrics; without it no metrics are kept or served. */
  metricsToken?: string | undefined;
  /** Where the first-run setup code is kept (DATA_DIR/setup-code); without it the first run is not offered. */
  setupCodeFile?: string | undefined;
  /** A reverse proxy stands in front: trust its X-Forwarded-For and X-Forwarded-Proto (client-address.ts). */
  trustProxy?: boolean;
}

/** Composes the API and static routes; tests call `app.request()` on it without opening a port. */
export function createApp({
  store,
  version,
  staticDir,
  attachmentsDir,
  metricsToken,
  trustProxy = false,
  setupCodeFile,
}: AppOptions): Hono {
  const app = new Hono();
  const metrics = metricsToken === undefined ? undefined : createMetrics(metricsToken);
  if (metrics) app.use(metrics.observe);
  // Pull pages are mostly Vietnamese text and shrink several times: it matters on 2G.
  app.use(compress());
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are live data: neither the browser HTTP cache nor a proxy may keep them.
    c.header('Cache-Control', 'no-store');
  });
  app.route('/api/health', healthRoutes(store, version));
  app.route('/api/ready', readyRoutes(store));
  // Counted in the database, so every server process shares one count (see auth/rate-limit.ts).
  const limits = createRateLimits(store.attempts);
  app.route('/api/auth', authRoutes(store, limits, trustProxy));
  app.route('/api/setup', setupRoutes(store, limits, trustProxy, setupCodeFile));
  app.route('/api', deviceRoutes(store, limits, trustProxy));
  app.route('/api/sync', syncRoutes(store, metrics?.countPush));
  if (attachmentsDir !== undefined) app.route('/api/attachments', attachmentRoutes(store, attachmentsDir));
  app.route('/api/bulletins', bulletinRoutes(store));
  app.route('/api/slots', slotRoutes(store));
  app.route('/api/logs', logRoutes(store, attachmentsDir));
  app.route('/api/units', unitRoutes(store));
  app.route('/api/accounts', accountRoutes(store));
  app.route('/api/audit', auditRoutes(store));
  app.route('/api/coverage', coverageRoutes(store));
  app.route('/api/reports', reportRoutes(store));
  app.all('/api/*', notFound);
  if (metrics) app.route('/metrics', metrics.routes);
  if (staticDir !== undefined) app.route('/', staticRoutes(staticDir));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
