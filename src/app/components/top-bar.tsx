import { online } from '../shell-state.ts';
import { useT } from '../i18n/i18n.ts';

/** App name and the connection state, spelled out beside a dot so colour is never the only signal. */
export function TopBar() {
  const t = useT('common');
  const isOnline = online.value;
  return (
    <header class="topbar">
      <a class="brand" href="/">
        {t('appName')}
      </a>
      <p class="net" role="status" data-testid="net-status" data-online={String(isOnline)}>
        <span class={isOnline ? 'dot dot-on' : 'dot dot-off'} aria-hidden="true" />
        {isOnline ? t('net.online') : t('net.offline')}
      </p>
    </header>
  );
}
