import { useState } from 'preact/hooks';
import { changePassword } from '../../client/staff/staff-api.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { navigate } from '../router.ts';
import { useTitle } from '../use-title.ts';
import { flash, loadSession, session } from './session.ts';
import { useAction } from './use-action.ts';

/**
 * The signed-in account's own password: asked for before anything else after a sign-in with a temporary password
 * (`forced`), and at /staff/password at any time. The new password is checked here by the rule the server applies
 * (password-policy.ts), so a refusal is explained before anything is sent.
 */
export function PasswordForm({ forced }: { forced: boolean }) {
  const t = useT('staff');
  useTitle(t('password.title'));
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useAction();
  const login = session.value?.user.login ?? '';
  const submit = async (event: Event) => {
    event.preventDefault();
    if (current === '' || fresh === '' || repeat === '') return setError(t('password.missing'));
    if (fresh !== repeat) return setError(t('password.mismatch'));
    const problem = fresh === current ? 'unchanged' : passwordProblem(fresh, login);
    if (problem !== null) return setError(t(`password.problems.${problem}`));
    if (await run(() => changePassword(current, fresh))) {
      await loadSession();
      flash.value = { path: '/staff', text: t('password.saved') };
      navigate('/staff');
    }
  };
  return (
    <form class="staff-login" data-testid="staff-password-form" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('password.title')}</h1>
      <p class="lead">{forced ? t('password.forcedLead') : t('password.lead')}</p>
      <TextField
        id="password-current"
        label={forced ? t('password.currentTemporary') : t('password.current')}
        data-testid="password-current"
        type="password"
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
      />
      <TextField
        id="password-new"
        label={t('password.new')}
        hint={t('password.hint')}
        data-testid="password-new"
        type="password"
        autoComplete="new-password"
        value={fresh}
        onValue={setFresh}
      />
      <TextField
        id="password-repeat"
        label={t('password.repeat')}
        data-testid="password-repeat"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onValue={setRepeat}
      />
      {error && (
        <p class="alert alert-strong" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-wide" data-testid="password-submit" disabled={busy}>
        {busy ? t('password.busy') : t('password.submit')}
      </button>
    </form>
  );
}
