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
