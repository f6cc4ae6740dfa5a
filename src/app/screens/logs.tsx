import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { LogReceipt } from '../../client/db/database.ts';
import { readHistory, readLogFacets, readLogTotals, type LogFacets } from '../../client/db/log-repository.ts';
import { listLogReceipts, listRejectedLogs } from '../../client/db/outbox-repository.ts';
import { verifyDeviceChain } from '../../client/evidence/log-writer.ts';
import { calendarSpan, VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDate, formatDuration, formatTime, isoDateOf, startOfDay } from '../../domain/dates.ts';
import type { ChainVerification } from '../../domain/evidence/verify-chain.ts';
import type { LanguageCode } from '../../domain/languages.ts';
import {
  correctionsByOriginal,
  groupByDay,
  logDurationMs,
  matchesLogFilter,
  type LogFilter,
} from '../../domain/log-history.ts';
import type { LogTotals, TotalPeriod } from '../../domain/log-totals.ts';
import type { BroadcastLog, Channel } from '../../domain/schemas/broadcast-log.ts';
import type { PushRejection } from '../../domain/sync.ts';
import { ChannelIcon } from '../components/channel-icon.tsx';
import { CompletionBadge } from '../components/completion-badge.tsx';
import { useDayName } from '../components/day-name.ts';
import { useLanguageName } from '../components/language-name.ts';
import { PendingDrafts } from '../components/log-draft.tsx';
import { PhotoThumb } from '../components/log-form.tsx';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

/** History's filters, kept while the app is open: correcting a log and coming back finds them as left. */
const filters = signal<LogFilter>({});
const filtersOpen = signal(false);
/** Start (ISO) of the oldest month shown; null while only this month is. */
const shownFrom = signal<string | null>(null);

/** The select value standing for "broadcasts of no bulletin". */
const LIVE = 'live';

const PERIODS: readonly TotalPeriod[] = ['today', 'week', 'month'];

function monthStartOf(instant: Date): Date {
  const day = isoDateOf(instant, VIETNAM_TIME_ZONE);
  return startOfDay(calendarSpan(day, 'month').first, VIETNAM_TIME_ZONE);
}

function activeFilterCount(filter: LogFilter): number {
  return [filter.bulletinId !== undefined, filter.channel !== undefined, filter.lang !== undefined].filter(
    Boolean,
  ).length;
}

function Totals({ totals, filtered }: { totals: LogTotals; filtered: boolean }) {
  const t = useT('logs');
  return (
    <section class="log-totals" data-testid="log-totals" aria-labelledby="totals-title">
      <h2 id="totals-title" class="visually-hidden">
        {t('history.totals.label')}
      </h2>
      <div class="tiles tiles-3">
        {PERIODS.map((period) => (
          <p
            key={period}
            class="tile"
            data-testid={`total-${period}`}
            data-count={totals[period].count}
            data-minutes={totals[period].minutes}
          >
            <span class="tile-label">{t(`history.totals.${period}`)}</span>
            <strong>{totals[period].count}</strong>
            <span>{t('history.totals.count', { count: totals[period].count })}</span>
            <span class="tile-minutes">{t('history.totals.minutes', { count: totals[period].minutes })}</span>
            {totals[period].partial > 0 && (
              <span class="tile-partial" data-testid={`partial-${period}`}>
                {t('history.totals.partial', { count: totals[period].partial })}
              </span>
            )}
          </p>
        ))}
      </div>
      {filtered && <p class="hint">{t('history.totals.filtered')}</p>}
    </section>
  );
}

function Filters({ facets }: { facets: LogFacets }) {
  const t = useT('logs');
  const nameOf = useLanguageName();
  const f = filters.value;
  const set = (change: LogFilter) => (filters.value = { ...filters.value, ...change });
  const active = activeFilterCount(f);
  const bulletinValue = f.bulletinId === undefined ? '' : f.bulletinId === null ? LIVE : f.bulletinId;
  return (
    <details
      class="filters"
      open={filtersOpen.value}
      onToggle={(e) => (filtersOpen.value = e.currentTarget.open)}
    >
      <summary data-testid="log-filters-toggle">
        {t('history.filters.toggle')}
        {active > 0 && (
          <span class="filters-active">· {t('history.filters.activeCount', { count: active })}</span>
        )}
      </summary>
      <div class="field">
        <label for="log-filter-bulletin">{t('history.filters.bulletin')}</label>
        <select
          id="log-filter-bulletin"
          data-testid="log-filter-bulletin"
          value={bulletinValue}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set({ bulletinId: value === '' ? undefined : value === LIVE ? null : value });
          }}
        >
          <option value="">{t('history.filters.allBulletins')}</option>
          {facets.live && <option value={LIVE}>{t('history.filters.live')}</option>}
          {facets.bulletins.map((b) => (
            <option key={b.id} value={b.id}>
              {b.title ?? t('history.unknownBulletin')}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="log-filter-channel">{t('history.filters.channel')}</label>
        <select
          id="log-filter-channel"
          data-testid="log-filter-channel"
          value={f.channel ?? ''}
          onChange={(e) => set({ channel: (e.currentTarget.value || undefined) as Channel | undefined })}
        >
          <option value="">{t('history.filters.allChannels')}</option>
          {facets.channels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`form.channels.${channel}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="log-filter-lang">{t('history.filters.language')}</label>
        <select
          id="log-filter-lang"
          data-testid="log-filter-lang"
          value={f.lang ?? ''}
          onChange={(e) => set({ lang: (e.currentTarget.value || undefined) as LanguageCode | undefined })}
        >
          <option value="">{t('history.filters.allLanguages')}</option>
          {facets.langs.map((code) => (
            <option key={code} value={code}>
              {nameOf(code)}
            </option>
          ))}
        </select>
      </div>
      {active > 0 && (
        <button
          type="button"
          class="btn btn-wide"
          data-testid="log-filters-clear"
          onClick={() => (filters.value = {})}
        >
          {t('history.filters.clear')}
        </button>
      )}
    </details>
  );
}

/** What the server made of a log: not yet sent, refused (the reason), or stored with its verification. */
type LogSync =
  | { state: 'pending' }
  | { state: 'rejected'; reason: PushRejection }
  | { state: 'sent'; receipt: LogReceipt | undefined };

function syncOf(
  id: string,
  unsent: ReadonlySet<string>,
  rejected: ReadonlyMap<string, PushRejection>,
  receipts: ReadonlyMap<string, LogReceipt>,
): LogSync {
  const reason = rejected.get(id);
  if (reason !== undefined) return { state: 'rejected', reason };
  if (unsent.has(id)) return { state: 'pending' };
  return { state: 'sent', receipt: receipts.get(id) };
}

/** What the operator can do about a log the server stored unverified, where there is something to do. */
function problemAdvice(sync: LogSync) {
  const problem = sync.state === 'sent' ? sync.receipt?.problem : undefined;
  return problem === 'clock_ahead' || problem === 'before_enrolment'
    ? { problem, key: `history.problems.${problem}` as const }
    : undefined;
}

const SENT_LABEL = {
  verified: 'history.sentVerified',
  unverified: 'history.sentUnverified',
  broken_chain: 'history.sentBroken',
} as const;

function SyncBadge({ sync }: { sync: LogSync }) {
  const t = useT('logs');
  if (sync.state === 'pending') {
    return (
      <span class="badge badge-unsent" data-testid="log-unsent">
        {t('history.unsent')}
      </span>
    );
  }
  if (sync.state === 'rejected') {
    return (
      <span class="badge badge-rejected" data-testid="log-rejected">
        {t('history.rejected')}
      </span>
    );
  }
  const verification = sync.receipt?.verification;
  return (
    <span
      class={
        verification === undefined || verification === 'verified' ? 'badge badge-sent' : 'badge badge-broken'
      }
      data-testid="log-sent"
      data-verification={verification ?? ''}
    >
      {verification === undefined ? t('history.sent') : t(SENT_LABEL[verification])}
    </span>
  );
}

function LogRow({
  log,
  title,
  sync,
  correction,
  original,
  onShow,
}: {
  log: BroadcastLog;
  title: string | undefined;
  sync: LogSync;
  /** The log correcting this one, when it was corrected. */
  correction: BroadcastLog | undefined;
  /** The log this one corrects, when it is on the page. */
  original: BroadcastLog | undefined;
  onShow: (log: BroadcastLog) => void;
}) {
  const t = useT('logs');
  const nameOf = useLanguageName();
  const time = (at: string) => formatTime(at, VIETNAM_TIME_ZONE);
  const advice = problemAdvice(sync);
  const vehicleStop = log.placeName !== null || log.photoIds.length > 0;
  const showLink = (target: BroadcastLog, label: string, testId: string) => (
    <a
      href={`/logs#log-${target.id}`}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        onShow(target);
      }}
    >
      {label}
    </a>
  );
  return (
    <li
      id={`log-${log.id}`}
      tabIndex={-1}
      class={correction ? 'log-entry log-entry-superseded' : 'log-entry'}
      data-testid="log-entry"
      data-id={log.id}
      data-bulletin-id={log.bulletinId ?? ''}
      data-superseded={correction !== undefined}
      data-sync={sync.state === 'sent' ? (sync.receipt?.verification ?? 'sent') : sync.state}
    >
      <p class="log-when">
        <strong>
          {time(log.startedAt)}–{time(log.endedAt)}
        </strong>
        <span data-testid="log-duration">
          {' · '}
          {t('history.lasted', { duration: formatDuration(logDurationMs(log), uiLanguage.value) })}
        </span>
      </p>
      <p class="log-title" lang="vi" data-testid="log-title">
        {log.bulletinId === null ? t('history.live') : (title ?? t('history.unknownBulletin'))}
      </p>
      <p class="log-facts">
        <span data-testid="log-lang">{nameOf(log.lang)}</span>
        {' · '}
        <span class="log-channel" data-testid="log-channel">
          <ChannelIcon channel={log.channel} />
          {t(`form.channels.${log.channel}`)}
        </span>
        {' · '}
        <span>{t(`form.sources.${log.source}`)}</span>
        {log.repeats > 1 && <span> · {t('history.repeats', { count: log.repeats })}</span>}
      </p>
      {vehicleStop && (
        <div class="log-stop">
          {log.photoIds[0] && <PhotoThumb id={log.photoIds[0]} label={t('history.photo')} />}
          {log.placeName && <span data-testid="log-place">{log.placeName}</span>}
        </div>
      )}
      <p class="log-badges">
        <SyncBadge sync={sync} />
        <CompletionBadge log={log} classOf={(kind) => `badge badge-${kind}`} />
        {correction && (
          <>
            <span class="badge badge-superseded" data-testid="superseded">
              {t('history.superseded')}
            </span>
            {showLink(correction, t('history.viewCorrection'), 'view-correction')}
          </>
        )}
        {log.correctsLogId !== null && (
          <>
            <span class="badge badge-correction" data-testid="correction">
              {t('history.correction')}
            </span>
            {original && showLink(original, t('history.viewOriginal'), 'view-original')}
          </>
        )}
      </p>
      {sync.state === 'rejected' && (
        <p class="log-rejected" data-testid="log-rejected-reason" data-reason={sync.reason}>
          {t('history.rejectedReason', { reason: t(`history.rejections.${sync.reason}`) })}
        </p>
      )}
      {advice && (
        <p class="log-rejected" data-testid="log-problem" data-problem={advice.problem}>
          {t(advice.key)}
        </p>
      )}
      {!correction && (
        <a
          class="btn log-correct"
          href={`/logs/new?corrects=${encodeURIComponent(log.id)}`}
          data-testid="correct-log"
        >
          {t('history.correct')}
        </a>
      )}
    </li>
  );
}

/** For broadcasts made outside the app: a live reading, a relay of the district station. */
function ManualLogLink() {
  const t = useT('logs');
  return (
    <a class="btn btn-wide" href="/logs/new" data-testid="log-manual-new">
      {t('history.manual')}
    </a>
  );
}

function Integrity() {
  const t = useT('logs');
  const [state, setState] = useState<ChainVerification | 'checking' | 'failed' | null>(null);
  const check = async () => {
    setState('checking');
    try {
      setState(await verifyDeviceChain(db));
    } catch (error) {
      console.error(error);
      setState('failed');
    }
  };
  let message: string | null = null;
  if (state === 'failed') message = t('history.integrity.failed');
  else if (state !== null && state !== 'checking') {
    if (state.status === 'verified') message = t('history.integrity.verified', { count: state.count });
    else if (state.status === 'broken')
      message = t('history.integrity.broken', {
        seq: state.atSeq,
        reason: t(`history.integrity.reasons.${state.reason}`),
      });
    else message = t('history.integrity.signature', { seq: state.atSeq });
  }
  const ok = state !== null && state !== 'checking' && state !== 'failed' && state.status === 'verified';
  return (
    <section aria-labelledby="integrity-title">
      <h2 id="integrity-title">{t('history.integrity.title')}</h2>
      <p class="hint">{t('history.integrity.text')}</p>
      <button
        type="button"
        class="btn btn-wide"
        data-testid="verify-chain"
        disabled={state === 'checking'}
        onClick={() => void check()}
      >
        {state === 'checking' ? t('history.integrity.checking') : t('history.integrity.check')}
      </button>
      <div role="status">
        {message && (
          <p
            class={ok ? 'integrity integrity-ok' : 'alert alert-strong'}
            data-testid="chain-result"
            data-status={typeof state === 'object' && state !== null ? state.status : state}
          >
            <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
            {message}
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * The broadcast logs of this device by day (Vietnam time), newest first, a month at a time, with filters by
 * bulletin, channel and language, totals for today, this week and this month, and the integrity check of the
 * signed chain. A log is never edited: "Sửa nhật ký" writes a correction, and the original stays, marked.
 */
export function LogsScreen() {
  const t = useT('logs');
  const tc = useT('common');
  const dayName = useDayName();
  useTitle(t('title'));
  const version = dataVersion.value;
  const [written, setWritten] = useState(0);
  const [focusId, setFocusId] = useState<string | null>(null);
  const from = shownFrom.value ?? monthStartOf(new Date()).toISOString();
  const filter = filters.value;
  const page = useLoad(() => readHistory(db, new Date(from)), [from, version, written]);
  const facets = useLoad(() => readLogFacets(db), [version, written]);
  const totals = useLoad(() => readLogTotals(db, new Date(), filter), [version, written, filter]);
  const logs = page.data?.logs;
  const synced = useLoad(async () => {
    const rejected = await listRejectedLogs(db);
    return {
      rejected: new Map(rejected.map((r) => [r.id, r.reason] as const)),
      receipts: await listLogReceipts(db, logs?.map((log) => log.id) ?? []),
    };
  }, [logs]);

  useEffect(() => {
    if (focusId === null) return;
    const row = document.getElementById(`log-${focusId}`);
    if (!row) return;
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
    setFocusId(null);
  });

  const show = (target: BroadcastLog) => {
    if (!matchesLogFilter(target, filters.value)) filters.value = {};
    setFocusId(target.id);
  };

  const data = page.data;
  const shown = data ? data.logs.filter((log) => matchesLogFilter(log, filter)) : [];
  const corrections = data ? correctionsByOriginal(data.logs) : new Map<string, BroadcastLog>();
  const byId = new Map(data?.logs.map((log) => [log.id, log]));
  const empty = data && facets.data && data.logs.length === 0 && data.olderStartedAt === null;
  return (
    <>
      <h1>{t('title')}</h1>
      <div id="drafts">
        <PendingDrafts onLogged={() => setWritten((n) => n + 1)} />
      </div>
      {(page.failed || facets.failed || totals.failed) && <p class="alert">{tc('readError')}</p>}
      {!data || !facets.data ? (
        !page.failed && <p>{tc('loading')}</p>
      ) : empty ? (
        <>
          <div class="empty-state">
            <h2>{t('emptyTitle')}</h2>
            <p>{t('emptyText')}</p>
          </div>
          <ManualLogLink />
        </>
      ) : (
        <>
          {totals.data && <Totals totals={totals.data} filtered={activeFilterCount(filter) > 0} />}
          <ManualLogLink />
          <Filters facets={facets.data} />
          <p class="count" data-testid="log-count" aria-live="polite">
            {shown.length > 0 ? t('history.shown', { count: shown.length }) : t('history.noMatch')}
          </p>
          {groupByDay(shown).map(({ day, logs }) => (
            <section
              key={day}
              class="log-day"
              aria-labelledby={`day-${day}`}
              data-testid="log-day"
              data-day={day}
            >
              <h2 id={`day-${day}`}>{dayName(day)}</h2>
              <ul class="log-list">
                {logs.map((log) => (
                  <LogRow
                    key={log.id}
                    log={log}
                    title={log.bulletinId === null ? undefined : data.titles.get(log.bulletinId)}
                    sync={syncOf(
                      log.id,
                      data.unsent,
                      synced.data?.rejected ?? new Map(),
                      synced.data?.receipts ?? new Map(),
                    )}
                    correction={corrections.get(log.id)}
                    original={log.correctsLogId === null ? undefined : byId.get(log.correctsLogId)}
                    onShow={show}
                  />
                ))}
              </ul>
            </section>
          ))}
          {data.olderStartedAt !== null ? (
            <button
              type="button"
              class="btn btn-wide"
              data-testid="logs-more"
              onClick={() => {
                const older = data.olderStartedAt;
                if (older) shownFrom.value = monthStartOf(new Date(older)).toISOString();
              }}
            >
              {t('history.more', {
                month: formatDate(
                  calendarSpan(isoDateOf(new Date(data.olderStartedAt), VIETNAM_TIME_ZONE), 'month').first,
                ).slice(3),
              })}
            </button>
          ) : (
            <p class="hint">{t('history.allShown')}</p>
          )}
          <Integrity />
        </>
      )}
    </>
  );
}
