import { useState } from 'preact/hooks';
import { completeSetup, signIn } from '../../client/staff/staff-api.ts';
import * as v from 'valibot';
import { passwordProblem } from '../../domain/password-policy.ts';
import { UserSchema } from '../../domain/schemas/user.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { FormSubmit } from './form-submit.tsx';
import { adoptSession, setupNeeded } from './session.ts';
import { useAction } from './use-action.ts';

/**
 * The first run of a server started without demo data: while no account exists, whoever holds the setup code
 * the server printed creates the top unit (the province, or a district running LoaXa alone) and the first
 * administrator, and is signed in. The password is checked here by the server's rule before anything is sent.
 */
export function SetupForm() {
  const t = useT('staff');
  useTitle(t('setup.title'));
  const [code, setCode] = useState('');
  const [unitName, setUnitName] = useState('');
  const [level, setLevel] = useState<'province' | 'district'>('province');
  const [displayName, setDisplayName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const fields = [code, unitName, displayName, login, password, repeat];
    if (fields.some((field) => field.trim() === '')) return setError(t('setup.missing'));
    const loginValue = v.safeParse(UserSchema.entries.login, login);
    if (!loginValue.success) return setError(t('accounts.loginInvalid'));
    const typedLogin = loginValue.output;
    if (password !== repeat) return setError(t('password.mismatch'));
    const problem = passwordProblem(password, typedLogin);
    if (problem !== null) return setError(t(`password.problems.${problem}`));
    await run(async () => {
      await completeSetup({
        setupCode: code.trim(),
        unitName: unitName.trim(),
        level,
        login: typedLogin,
        displayName: displayName.trim(),
        password,
      });
      const info = await signIn(typedLogin, password);
      setupNeeded.value = false;
      await adoptSession(info);
    });
  };
  return (
    <form class="staff-login" data-testid="setup-form" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('setup.title')}</h1>
      <p class="lead">{t('setup.lead')}</p>
      <TextField
        id="setup-code"
        label={t('setup.code')}
        hint={t('setup.codeHint')}
        data-testid="setup-code"
        autoCapitalize="characters"
        autoComplete="off"
        spellcheck={false}
        value={code}
        onValue={setCode}
      />
      <TextField
        id="setup-unit"
        label={t('setup.unitName')}
        hint={t('setup.unitHint')}
        data-testid="setup-unit"
        value={unitName}
        onValue={setUnitName}
      />
      <div class="field">
        <label for="setup-level">{t('setup.level')}</label>
        <select
          id="setup-level"
          data-testid="setup-level"
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value === 'district' ? 'district' : 'province')}
        >
          <option value="province">{t('setup.levels.province')}</option>
          <option value="district">{t('setup.levels.district')}</option>
        </select>
      </div>
      <TextField
        id="setup-name"
        label={t('accounts.displayName')}
        data-testid="setup-name"
        value={displayName}
        onValue={setDisplayName}
      />
      <TextField
        id="setup-login"
        label={t('accounts.login')}
        hint={t('accounts.loginHint')}
        data-testid="setup-login"
        autoComplete="username"
        autoCapitalize="none"
        spellcheck={false}
        value={login}
        onValue={setLogin}
      />
      <TextField
        id="setup-password"
        label={t('password.new')}
        hint={t('password.hint')}
        data-testid="setup-password"
        type="password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
      />
      <TextField
        id="setup-repeat"
        label={t('password.repeat')}
        data-testid="setup-repeat"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onValue={setRepeat}
      />
      <FormSubmit
        error={error}
        errorTestId="setup-error"
        busy={busy}
        label={t('setup.submit')}
        busyLabel={t('setup.busy')}
        testId="setup-submit"
      />
    </form>
  );
}
