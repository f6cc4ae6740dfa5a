import { listBulletins } from '../../client/db/bulletin-repository.ts';
import { formatDate, isoDateOf } from '../../domain/dates.ts';
import { BulletinList } from '../components/bulletin-list.tsx';
import { db } from '../db.ts';
import { useT } from '../i18n/i18n.ts';
import { dataVersion, sync } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

/**
 * What is in force today: urgent bulletins pinned above the rest. It does not yet say which bulletins are due
 * for airing under their requirements; the headings promise only what the list shows.
 */
export function TodayScreen() {
  const t = useT('today');
  const tc = useT('common');
  const today = isoDateOf(new Date());
  const version = dataVersion.value;
  const list = useLoad(() => listBulletins(db, { today, validity: 'current' }), [today, version]);
  useTitle(t('title'));

  const bulletins = list.data ?? [];
  const urgent = bulletins.filter((b) => b.urgency === 'urgent').length;
  return (
    <>
      <h1>{t('title')}</h1>
      <p class="lead">{t('date', { date: formatDate(today) })}</p>
      {list.failed && <p class="alert">{tc('readError')}</p>}
      {!list.done ? (
        <p>{tc('loading')}</p>
      ) : (
        <>
          <div class="tiles">
            <p class={urgent > 0 ? 'tile tile-urgent' : 'tile'}>
              <strong>{urgent}</strong> {t('urgent')}
            </p>
            <p class="tile">
              <strong>{bulletins.length}</strong> {t('current')}
            </p>
          </div>
          {bulletins.length > 0 ? (
            <BulletinList bulletins={bulletins} today={today} />
          ) : sync.lastPullAt.value === undefined && sync.cursor.value === 0 ? (
            <p class="empty">
              {t('neverSynced')} <a href="/sync">{t('goSync')}</a>
            </p>
          ) : (
            <p class="empty">{t('empty')}</p>
          )}
        </>
      )}
    </>
  );
}
