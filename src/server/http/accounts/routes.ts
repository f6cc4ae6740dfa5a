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
import { IdSchema } from '../../../domain/schemas/common.ts';
import type { Role } from '../../../domain/schemas/user.ts';
import { hashPassword } from '../../auth/password.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import { newTemporaryPassword } from '../../auth/tokens.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
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

/** A temporary password for the account, stored hashed, with its sessions ended; answered once. */
async function issueTemporaryPassword(
  store: Store,
  account: AccountSummary,
): Promise<TemporaryPasswordIssued> {
  const temporaryPassword = newTemporaryPassword();
  await store.accounts.setPassword(account.id, await hashPassword(temporaryPassword), true);
  return { account: { ...account, mustChangePassword: true }, temporaryPassword };
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
      const temporaryPassword = newTemporaryPassword();
      const id = uuidV7();
      const created = await store.accounts.createAccount({
        id,
        ...request,
        passwordHash: await hashPassword(temporaryPassword),
      });
      if (!created) {
        throw new ApiProblem(409, { error: 'login_taken', message: `The login ${request.login} is taken` });
      }
      const account = await store.accounts.findAccount(id);
      if (account === undefined) throw new Error(`Account ${id} vanished after its creation`);
      const issued: TemporaryPasswordIssued = { account, temporaryPassword };
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
      return c.json({ account: updated });
    })
    .post('/:id/disable', async (c) => {
      const account = await managedAccount(c, store);
      refuseOwn(c, account, 'disable');
      const disabled = await store.accounts.setAccountDisabled(account.id, new Date().toISOString());
      if (disabled === undefined) throw notFound();
      return c.json({ account: disabled });
    })
    .post('/:id/enable', async (c) => {
      const account = await managedAccount(c, store);
      const enabled = await store.accounts.setAccountDisabled(account.id, null);
      if (enabled === undefined) throw notFound();
      return c.json({ account: enabled });
    })
    .post('/:id/reset-password', async (c) => {
      const account = await managedAccount(c, store);
      refuseOwn(c, account, 'reset the password of');
      return c.json(await issueTemporaryPassword(store, account));
    });
}
