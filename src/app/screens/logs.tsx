import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';

/** Broadcast logs: nothing records them yet, so the screen explains what will appear here instead of faking it. */
export function LogsScreen() {
  const t = useT('logs');
  useTitle(t('title'));
  return (
    <>
      <h1>{t('title')}</h1>
      <div class="empty-state">
        <h2>{t('emptyTitle')}</h2>
        <p>{t('emptyText')}</p>
        <p class="hint">{t('comingSoon')}</p>
      </div>
    </>
  );
}
