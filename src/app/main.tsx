import { render } from 'preact';
import { App } from './app.tsx';
import { initI18n } from './i18n/i18n.ts';
import { startRouter } from './router.ts';
import { applyUpdate, offlineReady, watchInstallOffer, watchNetwork } from './shell-state.ts';
import './styles.css';

// The shell renders first; the database, sync and service-worker code arrive as separate chunks.
const syncState = import('./sync-state.ts');

initI18n();
startRouter();
watchNetwork(() => void syncState.then((m) => m.syncNow()));
watchInstallOffer();

const root = document.getElementById('app');
if (root) render(<App />, root);

void syncState.then((m) => m.startSync());
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
