import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { useState } from 'preact/hooks';
import { formatDateTime, formatDuration } from '../../domain/dates.ts';
import { VERIFICATIONS, type Verification } from '../../domain/schemas/broadcast-log.ts';
import type { ReceivedLog } from '../../domain/sync.ts';
import { listBulletins, listLogs } from '../../client/staff/staff-api.ts';
import { useLanguageName } from '../components/language-name.ts';
import { CompletionBadge } from '../components/completion-badge.tsx';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { unitsById } from './session.ts';
import { UnitSelect } from './unit-select.tsx';
import { FilterSelect, PagedList } from './paged-list.tsx';
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

/**
 * A log at a glance: its verification, an airing cut short or declared rather than measured, where it was aired
 * and how many photos came with it (what a vehicle stop is checked by).
 */
export function LogBadges({ log }: { log: ReceivedLog }) {
  const t = useT('staff');
  return (
    <p>
      <VerificationBadge verification={log.verification} />{' '}
      <CompletionBadge
        log={log}
        classOf={(kind) => (kind === 'partial' ? 'staff-badge staff-badge-warn' : 'staff-badge')}
      />
      {log.placeName && (
        <span class="staff-badge staff-badge-place" data-testid="log-place">
          <span class="visually-hidden">{t('logs.place')} </span>
          {log.placeName}
        </span>
      )}
      {log.photoIds.length > 0 && (
        <span class="staff-badge" data-testid="log-photos">
          {t('logs.photos', { count: log.photoIds.length })}
        </span>
      )}
    </p>
  );
}

/** What a log aired: its bulletin's title, or that it was no bulletin or one no longer listed. */
export function LogTitle({ log, bulletinTitle }: { log: ReceivedLog; bulletinTitle: string | undefined }) {
  const t = useT('staff');
  return <>{log.bulletinId ? (bulletinTitle ?? t('logs.unknownBulletin')) : t('logs.noBulletin')}</>;
}

function LogRow({ log, bulletinTitle }: { log: ReceivedLog; bulletinTitle: string | undefined }) {
  const t = useT('staff');
  const tl = useT('logs');
  const languageName = useLanguageName();
  const duration = Date.parse(log.endedAt) - Date.parse(log.startedAt);
  return (
    <li class="staff-row" data-testid="staff-log-row" data-verification={log.verification} data-id={log.id}>
      <LogBadges log={log} />
      <p class="item-title">
        <a href={`/staff/logs/${log.id}`} data-testid="staff-log-open">
          <LogTitle log={log} bulletinTitle={bulletinTitle} />
        </a>
      </p>
      <p class="item-meta">
        {unitsById.value.get(log.unitId)?.name ?? ''} · {tl(`form.channels.${log.channel}`)} ·{' '}
        {languageName(log.lang)}
      </p>
      <p class="item-meta">
        {formatDateTime(log.startedAt, VIETNAM_TIME_ZONE)} ·{' '}
        {t('logs.duration', { duration: formatDuration(duration, uiLanguage.value) })}
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
  const pages = usePages(
    async (before: string | undefined) => {
      const page = await listLogs({ ...query, before });
      return { items: page.logs, next: page.next };
    },
    [unitId, verification],
  );
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
        <FilterSelect
          id="logs-verification"
          label={t('logs.verification')}
          value={verification}
          allLabel={t('logs.allVerifications')}
          options={VERIFICATIONS.map((value) => ({ value, label: t(`verification.${value}`) }))}
          onChange={setVerification}
        />
      </div>
      {/* Rows wait for the titles too, so a row never shows "no longer listed" for a moment. */}
      <PagedList
        pages={pages}
        ready={bulletins.done}
        empty={t('logs.none')}
        moreLabel={t('logs.more')}
        moreTestId="logs-more"
      >
        <ul class="staff-list">
          {pages.items.map((log) => (
            <LogRow key={log.id} log={log} bulletinTitle={titles.get(log.bulletinId ?? '')} />
          ))}
        </ul>
      </PagedList>
    </>
  );
}
