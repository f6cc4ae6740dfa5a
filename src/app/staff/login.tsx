import { useState } from 'preact/hooks';
import { signIn } from '../../client/staff/staff-api.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { FormSubmit } from './form-submit.tsx';
import { adoptSession } from './session.ts';
import { useAction } from './use-action.ts';

/** Sign-in with login and password; errors (wrong password, too many attempts, offline) said in words. */
export function LoginForm() {
  const t = useT('staff');
  useTitle(t('login.title'));
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (login.trim() === '' || password === '') {
      setError(t('login.missing'));
      return;
    }
    if (!(await run(async () => adoptSession(await signIn(login, password))))) setPassword('');
  };
  return (
    <form class="staff-login" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('login.title')}</h1>
      <p class="lead">{t('login.lead')}</p>
      <TextField
        id="staff-login"
        label={t('login.login')}
        data-testid="staff-login"
        autoComplete="username"
        autoCapitalize="none"
        spellcheck={false}
        value={login}
        onValue={setLogin}
      />
      <TextField
        id="staff-password"
        label={t('login.password')}
        data-testid="staff-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
      />
      <FormSubmit
        error={error}
        errorTestId="staff-login-error"
        busy={busy}
        label={t('login.submit')}
        busyLabel={t('login.busy')}
        testId="staff-submit"
      />
    </form>
  );
}
