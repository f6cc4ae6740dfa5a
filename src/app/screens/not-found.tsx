import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';

/** An unknown in-app path, e.g. an old bookmark. */
export function NotFoundScreen() {
  const t = useT('common');
  useTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('notFound.back')}</a>
      </p>
    </>
  );
}
