import './staff-i18n.ts';
import './staff.css';
import { useEffect, useRef } from 'preact/hooks';
import { online } from '../shell-state.ts';
import { useT } from '../i18n/i18n.ts';
import { AccountsScreen } from './accounts.tsx';
import { AuditScreen } from './audit.tsx';
import { BulletinEditScreen, BulletinFormScreen } from './bulletin-form.tsx';
import { BulletinsScreen } from './bulletins.tsx';
import { DashboardScreen } from './dashboard.tsx';
import { DevicesScreen } from './devices.tsx';
import { StaffHome } from './home.tsx';
import { LoginForm } from './login.tsx';
import { LogDetailScreen } from './log-detail.tsx';
import { LogsScreen } from './logs.tsx';
import { PasswordForm } from './password.tsx';
import { ReportScreen } from './report.tsx';
import { ReviewScreen } from './review.tsx';
import { SECTIONS } from './sections.ts';
import { flash, loadSession, mayDo, session, sessionError, setupNeeded } from './session.ts';
import { SetupForm } from './setup.tsx';
import { useErrorText } from './staff-i18n.ts';
import { UnitsScreen } from './units.tsx';

function Section({ path }: { path: string }) {
  const t = useT('staff');
  const section = SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
  if (!section) {
    if (path === '/staff') return <StaffHome />;
    if (path === '/staff/password') return <PasswordForm forced={false} />;
    return <p class="alert">{t('notFound')}</p>;
  }
  if (!mayDo(section.action))
    return (
      <p class="alert" data-testid="staff-forbidden">
        {t('forbidden')}
      </p>
    );
  switch (section.key) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'logs': {
      const logId = /^\/staff\/logs\/([^/]+)$/.exec(path)?.[1];
      return logId ? <LogDetailScreen key={logId} id={logId} /> : <LogsScreen />;
    }
    case 'review':
      return <ReviewScreen />;
    case 'bulletins': {
      const editing = /^\/staff\/bulletins\/([^/]+)\/edit$/.exec(path)?.[1];
      if (editing) return <BulletinEditScreen key={editing} id={editing} />;
      return path === '/staff/bulletins/new' ? <BulletinFormScreen /> : <BulletinsScreen />;
    }
    case 'report':
      return <ReportScreen />;
    case 'units':
      return <UnitsScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'audit':
      return <AuditScreen />;
  }
}

function StaffNav({ path }: { path: string }) {
  const t = useT('staff');
  const list = useRef<HTMLUListElement>(null);
  // On a phone the row scrolls sideways: centre the current section in it (scrollIntoView could move the page).
  useEffect(() => {
    const row = list.current;
    const current = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (row && current) row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }, [path]);
  return (
    <nav class="staff-nav" aria-label={t('nav.label')}>
      <ul ref={list}>
        {SECTIONS.filter((s) => mayDo(s.action)).map((s) => (
          <li key={s.key}>
            <a
              href={s.path}
              data-testid={`staff-nav-${s.key}`}
              aria-current={path === s.path || path.startsWith(`${s.path}/`) ? 'page' : undefined}
            >
              {t(`nav.${s.key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The staff workspace: its own bar and navigation around the section of `path`. Staff data lives on the server
 * only, so the workspace says plainly when the device is offline instead of showing stale figures.
 */
export function StaffApp({ path }: { path: string }) {
  const t = useT('staff');
  const errorText = useErrorText();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  const info = session.value;
  const isOnline = online.value;
  useEffect(() => {
    if (session.value === undefined || sessionError.value) void loadSession();
  }, [isOnline]);
  useEffect(() => {
    if (path !== firstPath.current) main.current?.focus();
    if (flash.value && flash.value.path !== path) flash.value = null;
  }, [path]);
  const note = flash.value?.path === path ? flash.value.text : null;
  return (
    <div class="staff">
      <header class="topbar staff-bar">
        <a class="brand" href="/staff">
          {t('brand')}
        </a>
        <p class="net" role="status" data-testid="net-status" data-online={String(isOnline)}>
          <span class={isOnline ? 'dot dot-on' : 'dot dot-off'} aria-hidden="true" />
          {isOnline ? t('online') : t('offlineShort')}
        </p>
      </header>
      {info && !info.user.mustChangePassword && <StaffNav path={path} />}
      <main id="main" ref={main} tabIndex={-1} class="staff-main">
        {!isOnline && (
          <p class="alert alert-strong" data-testid="staff-offline">
            {t('offline')}
          </p>
        )}
        {note && (
          <p class="staff-flash" role="status" data-testid="staff-flash">
            {note}
          </p>
        )}
        {info === undefined && !sessionError.value && <p>{t('checking')}</p>}
        {info === undefined && sessionError.value !== null && (
          <p class="alert">
            {errorText(sessionError.value)}{' '}
            <button type="button" class="btn" onClick={() => void loadSession()}>
              {t('retry')}
            </button>
          </p>
        )}
        {info === null && (setupNeeded.value ? <SetupForm /> : <LoginForm />)}
        {info && (info.user.mustChangePassword ? <PasswordForm forced /> : <Section path={path} />)}
        <p class="staff-exit">
          {info && !info.user.mustChangePassword && (
            <>
              <a href="/staff/password" data-testid="staff-password-link">
                {t('password.link')}
              </a>
              {' · '}
            </>
          )}
          <a href="/more">{t('backToApp')}</a>
        </p>
      </main>
    </div>
  );
}
