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

/** Chrome's install event, not yet in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Set while the browser offers to install the app: calling it shows the browser's install dialog. */
export const installApp = signal<(() => Promise<void>) | null>(null);

/** Keeps the browser's install offer for an explicit "install" button instead of the browser's mini-bar. */
export function watchInstallOffer(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    const offer = event as BeforeInstallPromptEvent;
    installApp.value = async () => {
      await offer.prompt();
      await offer.userChoice;
      // An offer can be used once; the browser fires a new event if it offers again.
      installApp.value = null;
    };
  });
  window.addEventListener('appinstalled', () => {
    installApp.value = null;
  });
}
