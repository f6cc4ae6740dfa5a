import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDate, formatTime, isoDateOf } from '../../domain/dates.ts';
import { online } from '../shell-state.ts';
import { Icon } from './icons.tsx';
import { useT } from '../i18n/i18n.ts';
import { syncStatus } from '../sync-status.ts';

/** A sync time short enough for the top bar: the time today, the day and month before. */
function shortTime(at: string): string {
  const day = isoDateOf(new Date(at), VIETNAM_TIME_ZONE);
  return day === isoDateOf(new Date(), VIETNAM_TIME_ZONE)
    ? formatTime(at, VIETNAM_TIME_ZONE)
    : formatDate(day).slice(0, 5);
}

/** The sync half of the chip: what is waiting, or why nothing moves, and when the last sync finished. */
function SyncLine() {
  const t = useT('sync');
  const enrolment = syncStatus.enrolment.value;
  if (enrolment === 'none') return <>{t('chip.notEnrolled')}</>;
  if (enrolment === 'revoked') return <>{t('chip.revoked')}</>;
  if (syncStatus.running.value) return <>{t('chip.syncing')}</>;
  const pending = syncStatus.pending.value;
  const last = syncStatus.lastSuccessAt.value;
  return (
    <>
      {pending > 0 ? t('chip.pending', { count: pending }) : t('chip.allSent')}
      {' · '}
      {last ? (
        <>
          <Icon name="sync" />
          <span class="visually-hidden">{t('chip.lastLabel')} </span>
          {shortTime(last)}
        </>
      ) : (
        t('chip.never')
      )}
    </>
  );
}

/**
 * App name and a status chip, always visible: the connection (spelled out beside a dot, so colour is never
 * the only signal), what is waiting to be sent and the last sync. Tapping it opens the sync screen.
 */
export function TopBar() {
  const t = useT('common');
  const isOnline = online.value;
  const enrolment = syncStatus.enrolment.value;
  return (
    <header class="topbar">
      <a class="brand" href="/">
        {t('appName')}
      </a>
      <a
        class={enrolment === 'revoked' ? 'sync-chip sync-chip-alert' : 'sync-chip'}
        href="/sync"
        data-testid="sync-chip"
        data-pending={syncStatus.pending.value}
        data-enrolment={enrolment}
      >
        <span class="net" role="status" data-testid="net-status" data-online={String(isOnline)}>
          <span class={isOnline ? 'dot dot-on' : 'dot dot-off'} aria-hidden="true" />
          {isOnline ? t('net.online') : t('net.offline')}
        </span>
        {enrolment !== 'unknown' && (
          <span class="chip-sync" data-testid="chip-sync">
            <SyncLine />
          </span>
        )}
      </a>
    </header>
  );
}
