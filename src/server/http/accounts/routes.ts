import type { Context } from 'hono';
import { Hono } from 'hono';
import { v7 as uuidV7 } from 'uuid';
import * as v from 'valibot';
import {
  AccountCreateSchema,
  AccountListQuerySchema,
  AccountUpdateSchema,
  mayGrantRole,
  type AccountSummary,
  type TemporaryPasswordIssued,
} from '../../../domain/account-admin.ts';
import { auditChange, auditValues, type AuditAction } from '../../../domain/audit.ts';
import { IdSchema } from '../../../domain/schemas/common.ts';
import type { Role } from '../../../domain/schemas/user.ts';
import { hashPassword } from '../../auth/password.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import { newTemporaryPassword } from '../../auth/tokens.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { auditStaffChange } from '../audit/record.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

const notFound = (): ApiProblem => new ApiProblem(404, { error: 'not_found', message: 'No such account' });

/**
 * 403 unless the signed-in account may manage an account of `role` in `unitId`: users.manage on the unit and a role
 * no higher than its own (account-admin.ts).
 */
async function authorizeAccount(c: Context<AppEnv>, unitId: string, role: Role): Promise<void> {
  await authorize(c, 'users.manage', unitId);
  if (!mayGrantRole(c.get('staff').role, role)) {
    throw new ApiProblem(403, { error: 'forbidden', message: 'Not allowed: a role above your own' });
  }
}

/** The account of the `:id` parameter, once the caller may manage it. */
async function managedAccount(c: Context<AppEnv>, store: Store): Promise<AccountSummary> {
  const id = c.req.param('id');
  const account = v.is(IdSchema, id) ? await store.accounts.findAccount(id) : undefined;
  if (account === undefined) throw notFound();
  await authorizeAccount(c, account.unitId, account.role);
  return account;
}

/** 409 own_account: nobody disables their own account or changes their own role or unit. */
function refuseOwn(c: Context<AppEnv>, account: AccountSummary, what: string): void {
  if (account.id === c.get('staff').id) {
    throw new ApiProblem(409, { error: 'own_account', message: `You cannot ${what} your own account` });
  }
}

/** A new temporary password and its hash, the only form stored. */
async function temporaryPassword(): Promise<{ temporaryPassword: string; passwordHash: string }> {
  const temporary = newTemporaryPassword();
  return { temporaryPassword: temporary, passwordHash: await hashPassword(temporary) };
}

/** Records a change to `before`, now `after`, made by the signed-in account. */
function auditAccountChange(
  c: Context<AppEnv>,
  action: AuditAction,
  before: AccountSummary,
  after: AccountSummary,
): Promise<void> {
  return auditStaffChange(c, {
    action,
    unitIds: [before.unitId, after.unitId],
    targetId: before.id,
    ...auditChange(before, after),
  });
}

/**
 * Staff account administration under /api/accounts (docs/api.md): list the accounts of a subtree, create one
 * (answered with a temporary password, shown once), change its unit, role and name, disable and enable it, reset
 * its password. Disabling and resetting end the account's sessions at once.
 */
export function accountRoutes(store: Store): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireStaff(store))
    .get('/', async (c) => {
      const unitId = validQuery(c, AccountListQuerySchema).unitId ?? c.get('staff').unitId;
      await authorize(c, 'users.manage', unitId);
      const accounts = await store.accounts.listAccounts(await store.accounts.subtreeIds([unitId]));
      return c.json({ accounts });
    })
    .post('/', async (c) => {
      const request = await validJson(c, AccountCreateSchema);
      await authorizeAccount(c, request.unitId, request.role);
      const { temporaryPassword: issuedPassword, passwordHash } = await temporaryPassword();
      const id = uuidV7();
      const created = await store.accounts.createAccount({ id, ...request, passwordHash });
      if (!created) {
        throw new ApiProblem(409, { error: 'login_taken', message: `The login ${request.login} is taken` });
      }
      const account = await store.accounts.findAccount(id);
      if (account === undefined) throw new Error(`Account ${id} vanished after its creation`);
      await auditStaffChange(c, {
        action: 'account.create',
        unitIds: [account.unitId],
        targetId: account.id,
        after: auditValues(account),
      });
      const issued: TemporaryPasswordIssued = { account, temporaryPassword: issuedPassword };
      return c.json(issued, 201);
    })
    .put('/:id', async (c) => {
      const account = await managedAccount(c, store);
      const update = await validJson(c, AccountUpdateSchema);
      if (update.unitId !== account.unitId || update.role !== account.role)
        refuseOwn(c, account, 'move or re-role');
      await authorizeAccount(c, update.unitId, update.role);
      const updated = await store.accounts.updateAccount(account.id, update);
      if (updated === undefined) throw notFound();
      await auditAccountChange(c, 'account.update', account, updated);
      return c.json({ account: updated });
    })
    .post('/:id/disable', async (c) => {
      const account = await managedAccount(c, store);
      refuseOwn(c, account, 'disable');
      const disabled = await store.accounts.setAccountDisabled(account.id, new Date().toISOString());
      if (disabled === undefined) throw notFound();
      await auditAccountChange(c, 'account.disable', account, disabled);
      return c.json({ account: disabled });
    })
    .post('/:id/enable', async (c) => {
      const account = await managedAccount(c, store);
      const enabled = await store.accounts.setAccountDisabled(account.id, null);
      if (enabled === undefined) throw notFound();
      await auditAccountChange(c, 'account.enable', account, enabled);
      return c.json({ account: enabled });
    })
    .post('/:id/reset-password', async (c) => {
      const account = await managedAccount(c, store);
      refuseOwn(c, account, 'reset the password of');
      const { temporaryPassword: issuedPassword, passwordHash } = await temporaryPassword();
      await store.accounts.setPassword(account.id, passwordHash, true);
      const reset = { ...account, mustChangePassword: true };
      // The password itself is never recorded: only that a temporary one replaced it and must be changed.
      await auditStaffChange(c, {
        action: 'account.reset_password',
        unitIds: [account.unitId],
        targetId: account.id,
        ...auditChange(
          { mustChangePassword: account.mustChangePassword, password: 'previous' },
          { mustChangePassword: true, password: 'temporary' },
        ),
      });
      const issued: TemporaryPasswordIssued = { account: reset, temporaryPassword: issuedPassword };
      return c.json(issued);
    });
}
