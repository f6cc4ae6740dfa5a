import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** Vite puts content-hashed files under /assets/: a name never changes content, so browsers may keep it. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, the manifest, icons) may change on deploy: always revalidate. */
const REVALIDATE = 'no-cache';

/** A path whose last segment has an extension asks for a file; a missing file is a 404, never index.html. */
function asksForFile(path: string): boolean {
  return /\.[^/]*$/.test(path);
}

/** Serves the built PWA from `root`, with index.html for client-side routes (SPA fallback). */
export function staticRoutes(root: string): Hono {
  const index = serveStatic({ root, path: 'index.html' });
  return new Hono()
    .use('*', async (c, next) => {
      await next();
      // Only files found: a 404 must stay uncached, or a browser would keep it for a year.
      if (c.res.ok) c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    })
    .use('*', serveStatic({ root }))
    .get('*', (c, next) => (asksForFile(c.req.path) ? next() : index(c, next)));
}
