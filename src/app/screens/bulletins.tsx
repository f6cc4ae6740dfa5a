import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { listBulletins } from '../../client/db/bulletin-repository.ts';
import type { BulletinOrder } from '../../domain/bulletin-listing.ts';
import { isoDateOf } from '../../domain/dates.ts';
import { BulletinList } from '../components/bulletin-list.tsx';
import { db } from '../db.ts';
import { useT } from '../i18n/i18n.ts';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

// Kept outside the component so the search survives opening a bulletin and coming back.
const query = signal('');
const order = signal<BulletinOrder>('title');

/** Waits until typing pauses, so a slow phone does not scan every bulletin on each keystroke. */
const SEARCH_DELAY_MS = 150;

const ORDERS: readonly BulletinOrder[] = ['title', 'newest'];

/** Every published bulletin, urgent first, with diacritic-insensitive search. */
export function BulletinsScreen() {
  const t = useT('bulletins');
  const tc = useT('common');
  const [settled, setSettled] = useState(query.value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.value), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query.value]);
  const version = dataVersion.value;
  const today = isoDateOf(new Date());
  const list = useLoad(
    () => listBulletins(db, { today, query: settled, order: order.value }),
    [today, settled, order.value, version],
  );
  useTitle(t('title'));

  const bulletins = list.data ?? [];
  const searching = settled.trim() !== '';
  return (
    <>
      <h1>{t('title')}</h1>
      <div class="field">
        <label for="bulletin-search">{t('search.label')}</label>
        <input
          id="bulletin-search"
          data-testid="bulletin-search"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby="bulletin-search-hint"
          value={query.value}
          onInput={(e) => (query.value = e.currentTarget.value)}
        />
        <p id="bulletin-search-hint" class="hint">
          {t('search.hint')}
        </p>
      </div>
      <div class="segmented" role="group" aria-label={t('order.label')}>
        {ORDERS.map((o) => (
          <button key={o} type="button" aria-pressed={order.value === o} onClick={() => (order.value = o)}>
            {t(`order.${o}`)}
          </button>
        ))}
      </div>
      {list.failed && <p class="alert">{tc('readError')}</p>}
      {!list.done ? (
        <p>{tc('loading')}</p>
      ) : (
        <>
          <p class="count" aria-live="polite">
            {bulletins.length === 0
              ? searching
                ? t('noMatch', { query: settled.trim() })
                : t('empty')
              : t('count', { count: bulletins.length })}
          </p>
          <BulletinList bulletins={bulletins} today={today} />
        </>
      )}
    </>
  );
}
