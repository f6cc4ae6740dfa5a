import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { DashboardScreen } from './dashboard.tsx';
import { SECTIONS } from './sections.ts';
import { endSession, mayDo, session } from './session.ts';
import { useAction } from './use-action.ts';

/**
 * The signed-in account, its unit and role, and signing out; below it the sections the account may use, or,
 * for staff who report on their units, the coverage dashboard: the first thing they look at.
 */
export function StaffHome() {
  const t = useT('staff');
  const reports = mayDo('reports.read');
  // The dashboard names the tab itself; a parent's effect runs after its child's and would rename it.
  useTitle(reports ? t('dashboard.title') : t('home.title'));
  const { error, run } = useAction();
  const info = session.value;
  if (!info) return null;
  const leave = () => run(endSession);
  return (
    <>
      {reports ? <DashboardScreen /> : <h1>{t('home.title')}</h1>}
      <section
        class={reports ? 'staff-account staff-account-after' : 'staff-account'}
        data-testid="staff-account"
      >
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
      {!reports && (
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
      )}
    </>
  );
}
