import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/i18n.ts';
import type { Pages } from './use-pages.ts';

/** A filter of a staff list: a labelled choice of `options`, with "all" (the value '') first. */
export function FilterSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T | '';
  allLabel: string;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | '') => void;
}) {
  const { id, label, value, allLabel, options, onChange } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        data-testid={id}
        value={value}
        onChange={(e) => {
          const chosen = options.find((option) => option.value === e.currentTarget.value);
          onChange(chosen?.value ?? '');
        }}
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A list read page by page (usePages) under its filters: its failure with a way to try again, "loading" until
 * the first page and whatever else the rows need (`ready`) are there, `empty` when nothing matches, the rows
 * (`children`, shown once there are any), and the button reading the next page.
 */
export function PagedList<T>(props: {
  pages: Pages<T>;
  ready?: boolean;
  empty: string;
  moreLabel: string;
  moreTestId: string;
  children: ComponentChildren;
}) {
  const t = useT('staff');
  const { pages, ready = true, empty, moreLabel, moreTestId, children } = props;
  const shown = pages.state !== 'loading' && ready;
  return (
    <>
      {pages.error && (
        <p class="alert" role="alert">
          {pages.error}{' '}
          <button type="button" class="btn" onClick={pages.retry}>
            {t('retry')}
          </button>
        </p>
      )}
      {!shown && <p>{t('loading')}</p>}
      {shown && !pages.error && pages.items.length === 0 && <p class="empty">{empty}</p>}
      {shown && pages.items.length > 0 && children}
      {shown && pages.hasMore && (
        <button
          type="button"
          class="btn btn-wide"
          data-testid={moreTestId}
          disabled={pages.state === 'more'}
          onClick={() => void pages.more()}
        >
          {pages.state === 'more' ? t('loading') : moreLabel}
        </button>
      )}
    </>
  );
}
