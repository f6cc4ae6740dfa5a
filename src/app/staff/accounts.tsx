import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountEnabled,
  updateAccount,
} from '../../client/staff/staff-api.ts';
import {
  grantableRoles,
  type AccountSummary,
  type TemporaryPasswordIssued,
} from '../../domain/account-admin.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDateTime } from '../../domain/dates.ts';
import * as v from 'valibot';
import { ROLES, UserSchema, type Role } from '../../domain/schemas/user.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { ConfirmBox } from './confirm-box.tsx';
import { FormSubmit } from './form-submit.tsx';
import { LoadState } from './load-state.tsx';
import { mayOn, session, unitsById } from './session.ts';
import { UnitSelect } from './unit-select.tsx';
import { useAction } from './use-action.ts';

/** The roles the signed-in account may give. */
function myGrantableRoles(): Role[] {
  const role = session.value?.user.role;
  return role === undefined ? [] : grantableRoles(role);
}

/** A role picker offering only the roles the signed-in account may give. */
function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (role: Role) => void }) {
  const t = useT('staff');
  return (
    <div class="field">
      <label for={id}>{t('accounts.role')}</label>
      <select
        id={id}
        data-testid={id}
        value={value}
        onChange={(e) => {
          const chosen = ROLES.find((role) => role === e.currentTarget.value);
          if (chosen) onChange(chosen);
        }}
      >
        {myGrantableRoles().map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The temporary password of a new or reset account, shown this once, with what to do with it. */
function TemporaryPasswordCard({ issued }: { issued: TemporaryPasswordIssued }) {
  const t = useT('staff');
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => card.current?.scrollIntoView({ block: 'nearest' }), [issued]);
  return (
    <div class="pairing" data-testid="temporary-password" ref={card} role="status">
      <p class="pairing-for">{t('accounts.temporaryFor', { login: issued.account.login })}</p>
      <p class="pairing-code temporary-password" data-testid="temporary-password-value">
        {issued.temporaryPassword}
      </p>
      <p class="hint">{t('accounts.temporaryHow')}</p>
    </div>
  );
}

function CreateAccount({ onCreated }: { onCreated: (issued: TemporaryPasswordIssued) => void }) {
  const t = useT('staff');
  const [unitId, setUnitId] = useState(session.value?.user.unitId ?? '');
  const [role, setRole] = useState<Role>('operator');
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [issued, setIssued] = useState<TemporaryPasswordIssued | null>(null);
  const { busy, error, setError, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const loginValue = v.safeParse(UserSchema.entries.login, login);
    if (!loginValue.success) return setError(t('accounts.loginInvalid'));
    if (displayName.trim() === '') return setError(t('accounts.nameMissing'));
    await run(async () => {
      const created = await createAccount({ unitId, role, login: loginValue.output, displayName });
      setIssued(created);
      setLogin('');
      setDisplayName('');
      onCreated(created);
    });
  };
  return (
    <form class="panel" onSubmit={(e) => void submit(e)} noValidate data-testid="account-create">
      <h2>{t('accounts.createTitle')}</h2>
      <p class="hint">{t('accounts.createLead')}</p>
      <UnitSelect
        id="account-unit"
        label={t('accounts.unit')}
        testId="account-unit"
        action="users.manage"
        value={unitId}
        onChange={setUnitId}
      />
      <RoleSelect id="account-role" value={role} onChange={setRole} />
      <TextField
        id="account-login"
        label={t('accounts.login')}
        hint={t('accounts.loginHint')}
        data-testid="account-login"
        autoCapitalize="none"
        spellcheck={false}
        value={login}
        onValue={setLogin}
      />
      <TextField
        id="account-name"
        label={t('accounts.displayName')}
        data-testid="account-name"
        value={displayName}
        onValue={setDisplayName}
      />
      <FormSubmit
        error={error}
        errorTestId="account-create-error"
        busy={busy}
        label={t('accounts.create')}
        busyLabel={t('accounts.creating')}
        testId="account-submit"
      />
      {issued && <TemporaryPasswordCard issued={issued} />}
    </form>
  );
}

function EditAccount({
  account,
  onSaved,
  onCancel,
}: {
  account: AccountSummary;
  onSaved: (account: AccountSummary) => void;
  onCancel: () => void;
}) {
  const t = useT('staff');
  const own = account.id === session.value?.user.id;
  const [unitId, setUnitId] = useState(account.unitId);
  const [role, setRole] = useState(account.role);
  const [displayName, setDisplayName] = useState(account.displayName);
  const { busy, error, setError, run } = useAction();
  const save = async (event: Event) => {
    event.preventDefault();
    if (displayName.trim() === '') return setError(t('accounts.nameMissing'));
    await run(async () => onSaved(await updateAccount(account.id, { unitId, role, displayName })));
  };
  return (
    <form class="staff-edit" onSubmit={(e) => void save(e)} noValidate data-testid="account-edit">
      <TextField
        id={`account-name-${account.id}`}
        label={t('accounts.displayName')}
        data-testid="account-edit-name"
        value={displayName}
        onValue={setDisplayName}
      />
      {!own && (
        <>
          <UnitSelect
            id={`account-unit-${account.id}`}
            label={t('accounts.unit')}
            testId="account-edit-unit"
            action="users.manage"
            value={unitId}
            onChange={setUnitId}
          />
          <RoleSelect id={`account-role-${account.id}`} value={role} onChange={setRole} />
        </>
      )}
      {error && <p class="alert">{error}</p>}
      <button type="submit" class="btn btn-primary" data-testid="account-save" disabled={busy}>
        {busy ? t('accounts.saving') : t('accounts.save')}
      </button>{' '}
      <button type="button" class="btn" onClick={onCancel}>
        {t('accounts.cancelEdit')}
      </button>
    </form>
  );
}

function AccountRow({
  account,
  onChanged,
}: {
  account: AccountSummary;
  onChanged: (a: AccountSummary) => void;
}) {
  const t = useT('staff');
  const own = account.id === session.value?.user.id;
  const manageable = mayOn('users.manage', account.unitId) && myGrantableRoles().includes(account.role);
  const [mode, setMode] = useState<'idle' | 'edit' | 'disable' | 'reset'>('idle');
  const [issued, setIssued] = useState<TemporaryPasswordIssued | null>(null);
  const { busy, error, run } = useAction();
  const act = (work: () => Promise<AccountSummary>) =>
    run(async () => {
      onChanged(await work());
      setMode('idle');
    });
  return (
    <li
      class="staff-row"
      data-testid="account-row"
      data-login={account.login}
      data-disabled={String(account.disabledAt !== null)}
    >
      <p class="item-title">
        {account.displayName}
        {account.disabledAt && <span class="staff-badge staff-badge-bad">{t('accounts.disabledBadge')}</span>}
        {account.mustChangePassword && !account.disabledAt && (
          <span class="staff-badge staff-badge-warn">{t('accounts.mustChangeBadge')}</span>
        )}
        {own && <span class="staff-badge">{t('accounts.you')}</span>}
      </p>
      <p class="item-meta">
        {account.login} · {t(`roles.${account.role}`)} · {unitsById.value.get(account.unitId)?.name ?? ''}
      </p>
      <p class="item-meta">
        {account.lastSignInAt
          ? t('accounts.lastSignIn', { time: formatDateTime(account.lastSignInAt, VIETNAM_TIME_ZONE) })
          : t('accounts.neverSignedIn')}
      </p>
      {manageable && mode === 'idle' && (
        <p class="staff-actions">
          <button type="button" class="btn" data-testid="account-edit-open" onClick={() => setMode('edit')}>
            {t('accounts.edit')}
          </button>
          {!own && account.disabledAt === null && (
            <>
              <button type="button" class="btn" data-testid="account-reset" onClick={() => setMode('reset')}>
                {t('accounts.reset')}
              </button>
              <button
                type="button"
                class="btn"
                data-testid="account-disable"
                onClick={() => setMode('disable')}
              >
                {t('accounts.disable')}
              </button>
            </>
          )}
          {account.disabledAt !== null && (
            <button
              type="button"
              class="btn"
              data-testid="account-enable"
              disabled={busy}
              onClick={() => void act(() => setAccountEnabled(account.id, true))}
            >
              {t('accounts.enable')}
            </button>
          )}
        </p>
      )}
      {mode === 'edit' && (
        <EditAccount
          account={account}
          onSaved={(saved) => {
            onChanged(saved);
            setMode('idle');
          }}
          onCancel={() => setMode('idle')}
        />
      )}
      {mode === 'disable' && (
        <ConfirmBox
          label={t('accounts.disable')}
          question={t('accounts.disableConfirm', { login: account.login })}
          yes={t('accounts.disableYes')}
          testId="account-disable-confirm"
          busy={busy}
          onYes={() => void act(() => setAccountEnabled(account.id, false))}
          onCancel={() => setMode('idle')}
        />
      )}
      {mode === 'reset' && (
        <ConfirmBox
          label={t('accounts.reset')}
          question={t('accounts.resetConfirm', { login: account.login })}
          yes={t('accounts.resetYes')}
          testId="account-reset-confirm"
          busy={busy}
          onYes={() =>
            void act(async () => {
              const reset = await resetAccountPassword(account.id);
              setIssued(reset);
              return reset.account;
            })
          }
          onCancel={() => setMode('idle')}
        />
      )}
      {issued && <TemporaryPasswordCard issued={issued} />}
      {error && <p class="alert">{error}</p>}
    </li>
  );
}

/** The accounts of the signed-in account's subtree: create, edit, disable and enable, reset passwords. */
export function AccountsScreen() {
  const t = useT('staff');
  useTitle(t('accounts.title'));
  const [reload, setReload] = useState(0);
  const [changed, setChanged] = useState<ReadonlyMap<string, AccountSummary>>(new Map());
  const accounts = useLoad(listAccounts, [reload]);
  const list = (accounts.data ?? []).map((account) => changed.get(account.id) ?? account);
  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <div class="staff-columns">
        <CreateAccount onCreated={() => setReload((n) => n + 1)} />
        <section>
          <h2>{t('accounts.listTitle')}</h2>
          <LoadState
            loaded={accounts}
            empty={list.length === 0}
            emptyText={t('accounts.none')}
            onRetry={() => setReload((n) => n + 1)}
          />
          {list.length > 0 && (
            <ul class="staff-list">
              {list.map((account) => (
                <AccountRow
                  key={account.id}
                  account={account}
                  onChanged={(a) => setChanged((m) => new Map(m).set(a.id, a))}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
