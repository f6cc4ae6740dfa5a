/**
 * Service worker: precaches the app shell (HTML, JS, CSS, icons, manifest, both locales bundled in the JS)
 * so the app starts with no network. Bulletins and logs are not cached here: they live in IndexedDB.
 * /api is never cached, so the server's answers are never replayed stale.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every in-app path (/bulletins/…, /logs) opens the cached shell; the app routes on the client.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

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
