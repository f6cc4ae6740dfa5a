/**
 * Service worker: precaches the app shell (HTML, JS, CSS, icons, manifest, both UI languages' strings)
 * so the app starts with no network. Bulletins and logs are not cached here: they live in IndexedDB.
 * /api is never cached, so the server's answers are never replayed stale. Background Sync: when the page asked
 * for it (src/client/sync/background-sync.ts) and the network is back, the worker runs the app's own sync on the
 * app's database, holding the same Web Lock as a tab, so the two never sync at once.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { APP_DB_NAME, openDb } from '../client/db/database.ts';
import { BACKGROUND_SYNC_TAG } from '../client/sync/background-sync.ts';
import { runSync } from '../client/sync/run-sync.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every in-app path (/bulletins/…, /logs) opens the cached shell; the app routes on the client.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

/** The Background Sync event; not in TypeScript's WebWorker typings, as it is Chromium's only. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// A failure the network may fix rejects, so the browser schedules another attempt (Chromium retries a few
// times, with its own backoff); a device that must be enrolled again has nothing to retry.
self.addEventListener('sync', (event: Event) => {
  const { tag } = event as SyncEvent;
  if (tag !== BACKGROUND_SYNC_TAG) return;
  (event as SyncEvent).waitUntil(
    (async () => {
      const db = openDb({ name: APP_DB_NAME });
      try {
        const { error } = await runSync(db);
        if (error?.kind === 'network' || (error?.kind === 'http' && error.status >= 500)) {
          throw new Error(`background sync failed: ${error.kind}`);
        }
      } finally {
        db.close();
      }
    })(),
  );
});

// A waiting version takes over only when the user taps "update" in the app.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// A reminder before a broadcast time brings the app forward; an open window is only focused, never reloaded,
// so a broadcast playing in it goes on.
self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows[0];
      if (open) await open.focus();
      else await self.clients.openWindow('/');
    })(),
  );
});
