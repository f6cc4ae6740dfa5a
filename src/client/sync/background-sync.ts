/**
 * Background Sync: asks the browser to wake the service worker with BACKGROUND_SYNC_TAG once the network is
 * back, even after the app was closed; the service worker then runs the same sync (src/sw/sw.ts). Only
 * Chromium has it; elsewhere the app's own triggers (start, online event, button, retry timer) remain.
 */

/** The tag the page registers and the service worker answers. */
export const BACKGROUND_SYNC_TAG = 'loaxa-sync';

/** The part of a registration Background Sync adds; absent from the DOM typings, as from most browsers. */
interface SyncCapable {
  sync?: { register: (tag: string) => Promise<void> };
}

/** Registers the background sync tag where the browser can; resolves whether it was registered. */
export async function requestBackgroundSync(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
  try {
    // getRegistration, not `ready`: `ready` never settles while no service worker is installed (dev, tests).
    const registration = (await navigator.serviceWorker.getRegistration()) as
      (ServiceWorkerRegistration & SyncCapable) | undefined;
    if (!registration?.sync) return false;
    await registration.sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    // Refused (the permission is off, or the page is not controlled yet): the app's own triggers remain.
    return false;
  }
}
