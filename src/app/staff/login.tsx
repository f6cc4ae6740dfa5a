import { useState } from 'preact/hooks';
import { signIn } from '../../client/staff/staff-api.ts';
import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { adoptSession } from './session.ts';
import { useErrorText } from './staff-i18n.ts';

/** Sign-in with login and password; errors (wrong password, too many attempts, offline) said in words. */
export function LoginForm() {
  const t = useT('staff');
  const errorText = useErrorText();
  useTitle(t('login.title'));
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (login.trim() === '' || password === '') {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await adoptSession(await signIn(login, password));
    } catch (failure) {
      setError(errorText(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="staff-login" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('login.title')}</h1>
      <p class="lead">{t('login.lead')}</p>
      <div class="field">
        <label for="staff-login">{t('login.login')}</label>
        <input
          id="staff-login"
          data-testid="staff-login"
          autoComplete="username"
          autoCapitalize="none"
          spellcheck={false}
          value={login}
          onInput={(e) => setLogin(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="staff-password">{t('login.password')}</label>
        <input
          id="staff-password"
          data-testid="staff-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </div>
      {error && (
        <p class="alert alert-strong" role="alert" data-testid="staff-login-error">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-wide" data-testid="staff-submit" disabled={busy}>
        {busy ? t('login.busy') : t('login.submit')}
      </button>
    </form>
  );
}
