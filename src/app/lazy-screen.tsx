import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n/i18n.ts';

/**
 * A screen whose code is fetched on first use (from the service worker's precache once installed), so the
 * initial bundle holds only the shell. Shows a loading line meanwhile and a reload button if the fetch fails.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const t = useT('common');
    const [Screen, setScreen] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      loading ??= load().then((c) => (loaded = c));
      loading.then(
        (c) => live && setScreen(() => c),
        () => {
          loading = null;
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [Screen]);
    if (Screen) return <Screen {...props} />;
    if (!failed) return <p>{t('loading')}</p>;
    return (
      <p class="alert">
        {t('loadError')}{' '}
        <button type="button" class="btn" onClick={() => location.reload()}>
          {t('reload')}
        </button>
      </p>
    );
  };
}
