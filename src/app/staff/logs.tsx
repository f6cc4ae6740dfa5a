import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { useState } from 'preact/hooks';
import { formatDateTime, formatDuration } from '../../domain/dates.ts';
import { VERIFICATIONS, type Verification } from '../../domain/schemas/broadcast-log.ts';
import type { ReceivedLog } from '../../domain/sync.ts';
import { listBulletins, listLogs } from '../../client/staff/staff-api.ts';
import { useLanguageName } from '../components/language-name.ts';
import { CompletionBadge } from '../components/completion-badge.tsx';
import { useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { unitsById } from './session.ts';
import { UnitSelect } from './unit-select.tsx';
import { usePages } from './use-pages.ts';

const PAGE = 30;

/** The verification of a received log, spelled out: colour and icon only reinforce the words. */
export function VerificationBadge({ verification }: { verification: Verification }) {
  const t = useT('staff');
  const tone = verification === 'verified' ? 'good' : verification === 'broken_chain' ? 'bad' : 'warn';
  const icon = verification === 'verified' ? '✓' : verification === 'broken_chain' ? '✕' : '?';
  return (
    <span class={`staff-badge staff-badge-${tone}`}>
      <span aria-hidden="true">{icon} </span>
      {t(`verification.${verification}`)}
    </span>
  );
}

function LogRow({ log, bulletinTitle }: { log: ReceivedLog; bulletinTitle: string | undefined }) {
  const t = useT('staff');
  const tl = useT('logs');
  const languageName = useLanguageName();
  const duration = Date.parse(log.endedAt) - Date.parse(log.startedAt);
  return (
    <li class="staff-row" data-testid="staff-log-row" data-verification={log.verification} data-id={log.id}>
      <p>
        <VerificationBadge verification={log.verification} />{' '}
        <CompletionBadge
          log={log}
          classOf={(kind) => (kind === 'partial' ? 'staff-badge staff-badge-warn' : 'staff-badge')}
        />
      </p>
      <p class="item-title">
        {log.bulletinId ? (bulletinTitle ?? t('logs.unknownBulletin')) : t('logs.noBulletin')}
      </p>
      <p class="item-meta">
        {unitsById.value.get(log.unitId)?.name ?? ''} · {tl(`form.channels.${log.channel}`)} ·{' '}
        {languageName(log.lang)}
      </p>
      <p class="item-meta">
        {formatDateTime(log.startedAt, VIETNAM_TIME_ZONE)} ·{' '}
        {t('logs.duration', { duration: formatDuration(duration) })}
        {log.repeats > 1 && ` · ${t('logs.repeats', { count: log.repeats })}`} · {log.operator}
      </p>
    </li>
  );
}

/** Logs received from the subtree, newest first, with their verification; filters by unit and verification. */
export function LogsScreen() {
  const t = useT('staff');
  useTitle(t('logs.title'));
  const [unitId, setUnitId] = useState('');
  const [verification, setVerification] = useState<Verification | ''>('');
  const bulletins = useLoad(listBulletins, []);
  const titles = new Map((bulletins.data ?? []).map((b) => [b.id, b.title]));
  const query = { unitId: unitId || undefined, verification: verification || undefined, limit: PAGE };
  const {
    items: logs,
    state,
    error,
    hasMore,
    more,
    retry,
  } = usePages(
    async (before: string | undefined) => {
      const page = await listLogs({ ...query, before });
      return { items: page.logs, next: page.next };
    },
    [unitId, verification],
  );
  // Rows wait for the titles too, so a row never shows "no longer listed" for a moment.
  const shown = state !== 'loading' && bulletins.done;
  return (
    <>
      <h1>{t('logs.title')}</h1>
      <div class="staff-filters">
        <UnitSelect
          id="logs-unit"
          label={t('logs.unit')}
          testId="logs-unit"
          action="logs.read"
          value={unitId}
          onChange={setUnitId}
          allLabel={t('logs.allUnits')}
        />
        <div class="field">
          <label for="logs-verification">{t('logs.verification')}</label>
          <select
            id="logs-verification"
            data-testid="logs-verification"
            value={verification}
            onChange={(e) => setVerification(e.currentTarget.value as Verification | '')}
          >
            <option value="">{t('logs.allVerifications')}</option>
            {VERIFICATIONS.map((v) => (
              <option key={v} value={v}>
                {t(`verification.${v}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p class="alert" role="alert">
          {error}{' '}
          <button type="button" class="btn" onClick={retry}>
            {t('retry')}
          </button>
        </p>
      )}
      {!shown && <p>{t('loading')}</p>}
      {shown && !error && logs.length === 0 && <p class="empty">{t('logs.none')}</p>}
      {shown && logs.length > 0 && (
        <ul class="staff-list">
          {logs.map((log) => (
            <LogRow key={log.id} log={log} bulletinTitle={titles.get(log.bulletinId ?? '')} />
          ))}
        </ul>
      )}
      {shown && hasMore && (
        <button
          type="button"
          class="btn btn-wide"
          data-testid="logs-more"
          disabled={state === 'more'}
          onClick={() => void more()}
        >
          {state === 'more' ? t('loading') : t('logs.more')}
        </button>
      )}
    </>
  );
}
