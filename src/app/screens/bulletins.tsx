import { signal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { listBulletins } from '../../client/db/bulletin-repository.ts';
import { deviceLanguages, getDeviceSettings } from '../../client/db/settings-repository.ts';
import { isoDateOf } from '../../domain/dates.ts';
import { TOPICS } from '../../domain/schemas/bulletin.ts';
import { parseQuery } from '../../domain/search.ts';
import {
  activeFilterCount,
  BulletinFilters,
  NO_FILTERS,
  type LibraryFilters,
} from '../components/bulletin-filters.tsx';
import { BulletinList } from '../components/bulletin-list.tsx';
import { EnrolPrompt } from '../components/enrol-prompt.tsx';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

// Kept outside the component so the search, the filters and the place in the list survive opening a bulletin
// and coming back.
const query = signal('');
const filters = signal<LibraryFilters>(NO_FILTERS);
const filtersOpen = signal(false);
let scrollToRestore: number | null = null;

/** Waits until typing pauses, so a slow phone does not rank every bulletin on each keystroke. */
const SEARCH_DELAY_MS = 150;

/** User Timing name of one list read (filters and search), for DevTools and scripts/bench/library.ts. */
const LIST_MEASURE = 'loaxa:bulletin-list';

/** Every published bulletin, urgent first, with filters and diacritic-insensitive ranked search. */
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
  const f = filters.value;
  const settings = useLoad(() => getDeviceSettings(db), [version]);
  const language = uiLanguage.value;
  const list = useLoad(async () => {
    // Topics are found by the names the rows show, in the interface language.
    const topicNames = Object.fromEntries(TOPICS.map((topic) => [topic, t(`topics.${topic}`)]));
    const start = performance.now();
    const rows = await listBulletins(db, { today, query: settled, topicNames, ...f });
    performance.measure(LIST_MEASURE, { start, detail: { query: settled, count: rows.length } });
    // The rows mark the query they were found with, not one typed since.
    const query = settled.trim() === '' ? null : parseQuery(settled, topicNames);
    return { rows, query };
  }, [today, settled, f, version, language]);
  useTitle(t('title'));

  // Back from the reader: return to the row the user left, once the list has its full height again.
  const restored = useRef(false);
  useLayoutEffect(() => {
    if (!list.done || restored.current) return;
    restored.current = true;
    if (scrollToRestore !== null) window.scrollTo(0, scrollToRestore);
    scrollToRestore = null;
  }, [list.done]);

  const bulletins = list.data?.rows ?? [];
  const searching = settled.trim() !== '';
  const filtered = activeFilterCount(f) > 0;
  return (
    <>
      <h1>{t('title')}</h1>
      <EnrolPrompt />
      <div class="field">
        <label for="bulletin-search">{t('search.label')}</label>
        <input
          id="bulletin-search"
          data-testid="bulletin-search"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby="bulletin-search-hint"
          aria-controls="bulletin-results"
          value={query.value}
          onInput={(e) => (query.value = e.currentTarget.value)}
        />
        <p id="bulletin-search-hint" class="hint">
          {t('search.hint')}
        </p>
      </div>
      <BulletinFilters
        filters={filters}
        open={filtersOpen}
        deviceLanguages={settings.data ? deviceLanguages(settings.data) : []}
      />
      {list.failed && <p class="alert">{tc('readError')}</p>}
      {!list.done ? (
        <p>{tc('loading')}</p>
      ) : (
        <div
          id="bulletin-results"
          onClickCapture={(e) => {
            if (e.target instanceof Element && e.target.closest('a')) scrollToRestore = window.scrollY;
          }}
        >
          <p class="count" data-testid="bulletin-count" data-count={bulletins.length} aria-live="polite">
            {bulletins.length === 0
              ? searching
                ? t('noMatch', { query: settled.trim() })
                : filtered
                  ? t('noMatchFilters')
                  : t('empty')
              : filtered
                ? t('countFiltered', { count: bulletins.length })
                : t('count', { count: bulletins.length })}
          </p>
          <BulletinList bulletins={bulletins} today={today} query={list.data?.query ?? null} />
        </div>
      )}
    </>
  );
}
