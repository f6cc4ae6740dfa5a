import { applyUpdate, offlineReady } from '../shell-state.ts';
import { useT } from '../i18n/i18n.ts';

/** Quiet banners from the service worker: a waiting new version (applied only on tap) and offline readiness. */
export function Notices() {
  const t = useT('common');
  const apply = applyUpdate.value;
  return (
    <div class="notices" aria-live="polite">
      {apply && (
        <div class="notice">
          <span>{t('update.ready')}</span>
          <button type="button" class="btn btn-primary" onClick={apply}>
            {t('update.apply')}
          </button>
        </div>
      )}
      {offlineReady.value && (
        <div class="notice">
          <span>{t('offlineReady.text')}</span>
          <button type="button" class="btn" onClick={() => (offlineReady.value = false)}>
            {t('offlineReady.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
