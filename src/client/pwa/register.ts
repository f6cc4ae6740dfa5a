import { Workbox } from 'workbox-window';

/** What the app is told about the service worker's life. */
export interface ServiceWorkerHandlers {
  /** A new version is installed and waiting; `apply` activates it and reloads once it controls the page. */
  onUpdateReady: (apply: () => void) => void;
  /** The app shell is cached: the app will start with the network off. */
  onOfflineReady: () => void;
}

/** Registers /sw.js; a new version waits for the user's consent, so a broadcast is never interrupted. */
export function registerServiceWorker(handlers: ServiceWorkerHandlers): void {
  if (!('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    handlers.onUpdateReady(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) handlers.onOfflineReady();
  });
  void wb.register();
}

/** Asks the browser to keep IndexedDB through storage pressure; resolves whether storage is persistent. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
