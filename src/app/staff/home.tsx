import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { SECTIONS } from './sections.ts';
import { endSession, mayDo, session } from './session.ts';
import { useAction } from './use-action.ts';

/** The signed-in account, its unit and role, the sections it may use, and signing out. */
export function StaffHome() {
  const t = useT('staff');
  useTitle(t('home.title'));
  const { error, run } = useAction();
  const info = session.value;
  if (!info) return null;
  const leave = () => run(endSession);
  return (
    <>
      <h1>{t('home.title')}</h1>
      <section class="staff-account" data-testid="staff-account">
        <p>
          <strong>{info.user.displayName}</strong> ({info.user.login})
        </p>
        <p>
          {t(`roles.${info.user.role}`)} · {info.unit.name}
        </p>
        <button type="button" class="btn" data-testid="staff-signout" onClick={() => void leave()}>
          {t('home.signOut')}
        </button>
        {error && <p class="alert">{error}</p>}
      </section>
      <ul class="staff-tiles">
        {SECTIONS.filter((s) => mayDo(s.action)).map((s) => (
          <li key={s.key}>
            <a href={s.path}>
              <strong>{t(`${s.key}.title`)}</strong>
              <span>{t(`home.about.${s.key}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
