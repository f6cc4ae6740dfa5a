import type { PullResult } from '../../client/sync/pull.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { online } from '../shell-state.ts';
import { useT } from '../i18n/i18n.ts';
import { sync, syncNow } from '../sync-state.ts';
import { useTitle } from '../use-title.ts';

/** The last pull's outcome in plain words: what arrived, or why it stopped and what to do. */
function Outcome({ result }: { result: PullResult }) {
  const t = useT('sync');
  const { counts, error } = result;
  if (error === null) {
    const received = counts.bulletins + counts.slots + counts.units + counts.withdrawn > 0;
    return (
      <p class="result result-ok">
        {t('done')} {received ? t('received', { ...counts }) : t('nothingNew')}
      </p>
    );
  }
  return (
    <div class="result result-error">
      <p>{error.kind === 'http' ? t('error.http', { status: error.status }) : t(`error.${error.kind}`)}</p>
      {counts.pages > 0 && <p>{t('partial', { ...counts })}</p>}
    </div>
  );
}

/** Sync state and the manual "sync now" button. */
export function SyncScreen() {
  const t = useT('sync');
  useTitle(t('title'));
  const running = sync.running.value;
  const last = sync.last.value;
  const lastPullAt = sync.lastPullAt.value;
  return (
    <>
      <h1>{t('title')}</h1>
      <dl class="facts">
        <dt>{t('lastPull')}</dt>
        <dd>{lastPullAt ? formatDateTime(lastPullAt) : t('never')}</dd>
        <dt>{t('cursor')}</dt>
        <dd>{sync.cursor.value}</dd>
      </dl>
      {!online.value && <p class="alert">{t('offline')}</p>}
      <button
        type="button"
        class="btn btn-primary btn-wide"
        data-testid="sync-now"
        disabled={running}
        aria-busy={running}
        onClick={() => void syncNow()}
      >
        {running ? t('running') : t('now')}
      </button>
      <div aria-live="polite">{!running && last && <Outcome result={last} />}</div>
      <p class="hint">{t('auto')}</p>
    </>
  );
}
