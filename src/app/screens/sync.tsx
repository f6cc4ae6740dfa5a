import type { Resync } from '../../client/db/resync-repository.ts';
import type { SyncProgress, SyncReport } from '../../client/sync/run-sync.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDateTime, formatDuration, formatTime } from '../../domain/dates.ts';
import { clockSkewOf } from '../../domain/evidence/verify-log.ts';
import { EnrolPrompt } from '../components/enrol-prompt.tsx';
import { useSyncErrorText } from '../components/sync-error.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { online } from '../shell-state.ts';
import { resendRejectedLogs, syncNow } from '../sync-state.ts';
import { syncStatus, type PendingItems } from '../sync-status.ts';
import { useTitle } from '../use-title.ts';

/** The running sync's phase with its counts ("Đang gửi nhật ký 120/400") above a bar of the same. */
function Progress({ progress }: { progress: SyncProgress | null }) {
  const t = useT('sync');
  const known = progress !== null && progress.total > 0;
  const text =
    progress === null
      ? t('phase.start')
      : progress.phase === 'pull' && !known
        ? t('phase.pullOpen', { done: progress.done })
        : t(`phase.${progress.phase}`, { done: progress.done, total: progress.total });
  return (
    <div class="sync-progress" data-testid="sync-progress" data-phase={progress?.phase ?? 'start'}>
      <p id="sync-progress-text">{text}</p>
      {/* Without a known total the bar is indeterminate: it moves without claiming how far it got. */}
      <div
        class={known ? 'bar' : 'bar bar-open'}
        role="progressbar"
        aria-labelledby="sync-progress-text"
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? progress.total : undefined}
        aria-valuenow={known ? progress.done : undefined}
      >
        {known && <span style={{ width: `${(100 * progress.done) / progress.total}%` }} />}
      </div>
    </div>
  );
}

/** The last sync's outcome: done, or what went wrong and what to do, in plain words. */
function Outcome({ report }: { report: SyncReport }) {
  const t = useT('sync');
  const errorText = useSyncErrorText();
  if (report.error === null) {
    const { logs, translations, pull } = report;
    const sent = logs.accepted + logs.duplicate + translations.submitted;
    const received = pull.bulletins + pull.slots + pull.withdrawn;
    return (
      <div class="result result-ok" data-testid="sync-done" data-finished={report.finishedAt}>
        <p>{t('done')}</p>
        {sent > 0 && (
          <p>
            {t('sentSummary', { logs: logs.accepted + logs.duplicate, translations: translations.submitted })}
          </p>
        )}
        {received > 0 && <p>{t('receivedSummary', { ...pull })}</p>}
      </div>
    );
  }
  return (
    <p
      class="result result-error"
      data-testid="sync-error"
      data-kind={report.error.kind}
      data-finished={report.finishedAt}
    >
      {errorText(report.error)}
    </p>
  );
}

/**
 * Says so when the server was restored from a backup or replaced: the device downloads every bulletin again
 * and, once done, drops what the server no longer has; it also sends all its logs again, which the operator
 * sees as logs waiting to be sent. Shown until the sync after the one that completed it.
 */
function ResyncNotice({ resync }: { resync: Resync }) {
  const t = useT('sync');
  const running = resync.completedAt === null;
  return (
    <p class="alert" role="status" data-testid="sync-resync" data-state={running ? 'running' : 'done'}>
      {t('resync.detected', { date: formatDateTime(resync.detectedAt, VIETNAM_TIME_ZONE) })}{' '}
      {running ? t('resync.running') : t('resync.done')} {t('resync.logs')}
    </p>
  );
}

/** Says so when the phone's clock is far from the server's: the logs it writes would not count. */
function ClockWarning({ skewMs }: { skewMs: number | null }) {
  const t = useT('sync');
  const skew = skewMs === null ? null : clockSkewOf(skewMs);
  if (skewMs === null || skew === null) return null;
  // To the minute: seconds of network delay are not worth saying.
  const duration = formatDuration(Math.round(Math.abs(skewMs) / 60_000) * 60_000, uiLanguage.value);
  return (
    <p class="alert" role="alert" data-testid="sync-clock" data-skew={skew}>
      {t(`clock.${skew}`, { duration })} {t('clock.fix')}
    </p>
  );
}

/** "2 nhật ký, 1 bản dịch": what waits to be sent, by kind, naming only the kinds there are. */
function PendingText({ pending }: { pending: PendingItems }) {
  const t = useT('sync');
  const parts = [
    pending.logs > 0 && t('pendingLogs', { count: pending.logs }),
    pending.translations > 0 && t('pendingTranslations', { count: pending.translations }),
  ].filter((part): part is string => part !== false);
  return <>{parts.length > 0 ? parts.join(', ') : t('nothingPending')}</>;
}

/**
 * The one-time confirmation after pairing: the unit's bulletins are loading until a sync after the pairing
 * has finished, then they are here; a failed sync is told below with the other errors.
 */
function EnrolDone({ enrolled }: { enrolled: { unit: string; at: string } }) {
  const t = useT('sync');
  const lastSuccessAt = syncStatus.lastSuccessAt.value;
  const loaded = lastSuccessAt !== undefined && lastSuccessAt >= enrolled.at;
  const state = loaded ? 'loaded' : syncStatus.running.value ? 'loading' : 'paired';
  return (
    <p class="result result-ok" role="status" data-testid="enrol-done" data-state={state}>
      {t(`enrol.done.${state}`, { unit: enrolled.unit })}
    </p>
  );
}

/**
 * Sync state and the manual "Đồng bộ ngay" button: the progress while a sync runs, the last success, what is
 * waiting, what the server refused, and why the last attempt failed with when the next one will be.
 */
export function SyncScreen() {
  const t = useT('sync');
  useTitle(t('title'));
  const running = syncStatus.running.value;
  const report = syncStatus.lastReport.value;
  const lastSuccessAt = syncStatus.lastSuccessAt.value;
  const pending = syncStatus.pendingItems.value;
  const rejected = syncStatus.rejected.value;
  const nextRetryAt = syncStatus.nextRetryAt.value;
  const device = syncStatus.device.value;
  const enrolment = syncStatus.enrolment.value;
  const justEnrolled = syncStatus.justEnrolled.value;
  const resync = syncStatus.resync.value;
  return (
    <>
      <h1>{t('title')}</h1>
      {justEnrolled && <EnrolDone enrolled={justEnrolled} />}
      {enrolment === 'none' && <EnrolPrompt />}
      <dl class="facts sync-facts">
        {device && (
          <>
            <dt>{t('device')}</dt>
            <dd data-testid="sync-device">{t('deviceOf', { label: device.label, unit: device.unitName })}</dd>
          </>
        )}
        <dt>{t('lastSuccess')}</dt>
        <dd data-testid="sync-last" data-at={lastSuccessAt ?? ''}>
          {lastSuccessAt ? formatDateTime(lastSuccessAt, VIETNAM_TIME_ZONE) : t('never')}
        </dd>
        <dt>{t('pending')}</dt>
        <dd data-testid="sync-pending" data-count={pending.logs + pending.translations}>
          <PendingText pending={pending} />
        </dd>
      </dl>
      {rejected > 0 && (
        <div class="alert" data-testid="sync-rejected" data-count={rejected}>
          <p>
            {t('rejectedCount', { count: rejected })} <a href="/logs">{t('rejectedLink')}</a>
          </p>
          {enrolment === 'enrolled' && (
            <>
              <button
                type="button"
                class="btn"
                data-testid="sync-resend"
                disabled={running}
                aria-describedby="sync-resend-hint"
                onClick={() => void resendRejectedLogs()}
              >
                {t('resend')}
              </button>
              <p class="hint" id="sync-resend-hint">
                {t('resendHint')}
              </p>
            </>
          )}
        </div>
      )}
      {resync && <ResyncNotice resync={resync} />}
      {report && <ClockWarning skewMs={report.clockSkewMs} />}
      {!online.value && enrolment === 'enrolled' && <p class="alert">{t('offline')}</p>}
      {(enrolment === 'enrolled' || enrolment === 'unknown') && (
        <button
          type="button"
          class="btn btn-primary btn-wide"
          data-testid="sync-now"
          disabled={running || enrolment === 'unknown'}
          aria-busy={running}
          onClick={() => {
            syncStatus.justEnrolled.value = null;
            void syncNow();
          }}
        >
          {running ? t('running') : t('now')}
        </button>
      )}
      <div aria-live="polite">
        {running ? (
          <Progress progress={syncStatus.progress.value} />
        ) : enrolment === 'revoked' ? (
          <div class="result result-error" data-testid="sync-error" data-kind="revoked">
            <p>{t('error.revoked')}</p>
            <a class="btn" href="/enrol">
              {t('revokedPrompt.link')}
            </a>
          </div>
        ) : (
          report && <Outcome report={report} />
        )}
      </div>
      {!running && nextRetryAt && (
        <p class="hint" data-testid="sync-next-retry">
          {t('nextRetry', { time: formatTime(nextRetryAt, VIETNAM_TIME_ZONE) })}
        </p>
      )}
      <p class="hint">{t('auto')}</p>
    </>
  );
}
