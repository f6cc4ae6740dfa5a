import type { Signal } from '@preact/signals';
import type { LanguageFilter, ValidityFilter } from '../../client/db/bulletin-repository.ts';
import type { BulletinOrder } from '../../domain/bulletin-listing.ts';
import { compareVietnamese } from '../../domain/fold.ts';
import { LANGUAGE_CODES, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import { TOPICS, type Topic } from '../../domain/schemas/bulletin.ts';
import { useT } from '../i18n/i18n.ts';
import { useLanguageName } from './language-name.ts';

/** The library's filters and order; kept by the screen across visits to the reader. */
export interface LibraryFilters {
  topic: Topic | null;
  validity: ValidityFilter;
  language: LanguageFilter | null;
  order: BulletinOrder;
}

/** No filter on, titles A–Z: what the library shows first. */
export const NO_FILTERS: LibraryFilters = { topic: null, validity: 'all', language: null, order: 'title' };

/** How many filters narrow the list (the order is not a filter). */
export function activeFilterCount(filters: LibraryFilters): number {
  return [filters.topic !== null, filters.validity !== 'all', filters.language !== null].filter(Boolean)
    .length;
}

const VALIDITIES: readonly ValidityFilter[] = ['all', 'current', 'upcoming', 'expired'];
const ORDERS: readonly BulletinOrder[] = ['title', 'newest'];

/**
 * Topic, validity, translation state and order of the library, folded under one disclosure so the list starts
 * on the first screen of a phone. `deviceLanguages` (the unit's and the added ones) are offered first.
 */
export function BulletinFilters({
  filters,
  open,
  deviceLanguages,
}: {
  filters: Signal<LibraryFilters>;
  open: Signal<boolean>;
  deviceLanguages: readonly LanguageCode[];
}) {
  const t = useT('bulletins');
  const nameOf = useLanguageName();
  const f = filters.value;
  const set = (change: Partial<LibraryFilters>) => (filters.value = { ...filters.value, ...change });
  const active = activeFilterCount(f);
  const topics = [...TOPICS].sort((a, b) =>
    a === 'other' ? 1 : b === 'other' ? -1 : compareVietnamese(t(`topics.${a}`), t(`topics.${b}`)),
  );
  const others = LANGUAGE_CODES.filter((c) => c !== VIETNAMESE && !deviceLanguages.includes(c));
  const languageOption = (code: LanguageCode) => (
    <option key={code} value={code}>
      {nameOf(code)}
    </option>
  );
  return (
    <details class="filters" open={open.value} onToggle={(e) => (open.value = e.currentTarget.open)}>
      <summary data-testid="filters-toggle">
        {t('filters.toggle')}
        {active > 0 && <span class="filters-active">· {t('filters.activeCount', { count: active })}</span>}
      </summary>
      <div class="field">
        <label for="filter-topic">{t('filters.topic')}</label>
        <select
          id="filter-topic"
          data-testid="filter-topic"
          value={f.topic ?? ''}
          onChange={(e) => set({ topic: (e.currentTarget.value || null) as Topic | null })}
        >
          <option value="">{t('filters.allTopics')}</option>
          {topics.map((topic) => (
            <option key={topic} value={topic}>
              {t(`topics.${topic}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field">
        <legend>{t('filters.validity')}</legend>
        <div class="segmented">
          {VALIDITIES.map((v) => (
            <button
              key={v}
              type="button"
              data-testid={`filter-validity-${v}`}
              aria-pressed={f.validity === v}
              onClick={() => set({ validity: v })}
            >
              {t(`filters.validityOptions.${v}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="filter-language">{t('filters.language')}</label>
        <select
          id="filter-language"
          data-testid="filter-language"
          aria-describedby="filter-language-hint"
          value={f.language?.lang ?? ''}
          onChange={(e) => {
            const lang = e.currentTarget.value as LanguageCode | '';
            set({ language: lang === '' ? null : { lang, has: f.language?.has ?? true } });
          }}
        >
          <option value="">{t('filters.allLanguages')}</option>
          {deviceLanguages.length > 0 ? (
            <>
              <optgroup label={t('filters.deviceLanguages')}>{deviceLanguages.map(languageOption)}</optgroup>
              <optgroup label={t('filters.otherLanguages')}>{others.map(languageOption)}</optgroup>
            </>
          ) : (
            others.map(languageOption)
          )}
        </select>
        <p id="filter-language-hint" class="hint">
          {t('filters.languageHint')}
        </p>
      </div>
      {f.language && (
        <div class="segmented" role="group" aria-label={t('filters.languageMode')}>
          {([true, false] as const).map((has) => (
            <button
              key={String(has)}
              type="button"
              data-testid={has ? 'filter-language-has' : 'filter-language-missing'}
              aria-pressed={f.language?.has === has}
              onClick={() => f.language && set({ language: { lang: f.language.lang, has } })}
            >
              {has ? t('filters.languageHas') : t('filters.languageMissing')}
            </button>
          ))}
        </div>
      )}
      <fieldset class="field">
        <legend>{t('order.label')}</legend>
        <div class="segmented">
          {ORDERS.map((o) => (
            <button key={o} type="button" aria-pressed={f.order === o} onClick={() => set({ order: o })}>
              {t(`order.${o}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {active > 0 && (
        <button
          type="button"
          class="btn btn-wide"
          data-testid="filters-clear"
          onClick={() => set({ topic: null, validity: 'all', language: null })}
        >
          {t('filters.clear')}
        </button>
      )}
    </details>
  );
}
