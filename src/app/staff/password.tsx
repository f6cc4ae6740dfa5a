import { useState } from 'preact/hooks';
import { changePassword } from '../../client/staff/staff-api.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { navigate } from '../router.ts';
import { useTitle } from '../use-title.ts';
import { FormSubmit } from './form-submit.tsx';
import { flash, loadSession, session } from './session.ts';
import { useAction } from './use-action.ts';

/** A password input, its test id its id. */
function PasswordField(props: {
  id: string;
  label: string;
  hint?: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onValue: (value: string) => void;
}) {
  return <TextField {...props} type="password" data-testid={props.id} />;
}

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
      <PasswordField
        id="password-current"
        label={forced ? t('password.currentTemporary') : t('password.current')}
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
      />
      <PasswordField
        id="password-new"
        label={t('password.new')}
        hint={t('password.hint')}
        autoComplete="new-password"
        value={fresh}
        onValue={setFresh}
      />
      <PasswordField
        id="password-repeat"
        label={t('password.repeat')}
        autoComplete="new-password"
        value={repeat}
        onValue={setRepeat}
      />
      <FormSubmit
        error={error}
        errorTestId="password-error"
        busy={busy}
        label={t('password.submit')}
        busyLabel={t('password.busy')}
        testId="password-submit"
      />
    </form>
  );
}
