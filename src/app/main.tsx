import { render } from 'preact';
import { App } from './app.tsx';
import { initI18n } from './i18n/i18n.ts';
import { startRouter } from './router.ts';
import { applyUpdate, offlineReady, watchInstallOffer, watchNetwork } from './shell-state.ts';
import './styles.css';

/**
 * Runs `work` once the first screen is up and the main thread is idle: the sync, the reminders and the
 * service worker's registration would otherwise compete with the screen the operator opened the app for (on a
 * cheap phone that is seconds). The timeout bounds the wait on a page that never goes idle.
 */
function whenIdle(work: () => void): void {
  const schedule = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 3_000 });
    else setTimeout(work, 500);
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
}

// The shell renders first; the database, sync and service-worker code arrive as separate chunks.
const syncState = () => import('./sync-state.ts');

const i18nReady = initI18n();
startRouter();
watchNetwork(() => void syncState().then((m) => m.syncNow()));
watchInstallOffer();

const root = document.getElementById('app');
// Vietnamese is ready at once; a phone set to English waits for its strings' chunk rather than flash Vietnamese.
if (root) void i18nReady.then(() => render(<App />, root));
// What the first screen says depends on the enrolment (the prompt to pair, or the unit's bulletins): read now,
// not when the page goes idle.
void syncState().then((m) => m.watchSyncInfo());

whenIdle(() => {
  void syncState().then((m) => m.startSync());
  // Reminders before broadcast times run in any screen while the app is open (see src/app/reminders.ts).
  void import('./reminders.ts').then((m) => m.startAppReminders());
  void import('../client/pwa/register.ts').then(({ registerServiceWorker, requestPersistentStorage }) => {
    void requestPersistentStorage();
    if (import.meta.env.PROD) {
      registerServiceWorker({
        onUpdateReady: (apply) => (applyUpdate.value = apply),
        onOfflineReady: () => (offlineReady.value = true),
      });
    }
  });
});
