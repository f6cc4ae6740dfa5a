import type { Loaded } from '../use-load.ts';
import { useT } from '../i18n/i18n.ts';

/** A staff list's read as words: the failure with a retry, "loading", or `emptyText` when it found nothing. */
export function LoadState({
  loaded,
  empty,
  emptyText,
  onRetry,
}: {
  loaded: Loaded<unknown>;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
}) {
  const t = useT('staff');
  return (
    <>
      {loaded.failed && (
        <p class="alert">
          {t('loadFailed')}{' '}
          <button type="button" class="btn" onClick={onRetry}>
            {t('retry')}
          </button>
        </p>
      )}
      {!loaded.done && <p>{t('loading')}</p>}
      {loaded.done && !loaded.failed && empty && <p class="empty">{emptyText}</p>}
    </>
  );
}
