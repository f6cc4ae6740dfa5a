/** State the shell shows before any screen or database code has loaded: connectivity and service-worker news. */
import { signal } from '@preact/signals';

/** Whether the browser believes it is online; false is reliable, true only means "maybe". */
export const online = signal(navigator.onLine);

/** Set when a new version is waiting: calling it activates the version and reloads. */
export const applyUpdate = signal<(() => void) | null>(null);

/** Set once the app shell is cached for offline use. */
export const offlineReady = signal(false);

/** Keeps `online` in step with the browser and calls `onOnline` when the connection comes back. */
export function watchNetwork(onOnline: () => void): void {
  window.addEventListener('offline', () => {
    online.value = false;
  });
  window.addEventListener('online', () => {
    online.value = true;
    onOnline();
  });
}
