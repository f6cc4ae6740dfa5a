/**
 * Staff accounts administered in the workspace (GET/POST /api/accounts…, docs/api.md): who may manage which
 * account, and what crosses the wire. An account with `users.manage` on a unit (authz.ts) manages the accounts of
 * that unit and the units below it, with a role no higher than its own: a district officer creates commune
 * operators and other district officers, never a province officer or an administrator. Nobody disables their own
 * account or changes their own role or unit, so a workspace never locks out the one who uses it.
 */
import * as v from 'valibot';
import type { StaffUser } from './accounts.ts';
import { IdSchema, labelSchema } from './schemas/common.ts';
import { ROLES, UserSchema, type Role } from './schemas/user.ts';

/** How far a role reaches: a role may be given only by a role that reaches as far. */
const ROLE_RANK: Record<Role, number> = { operator: 0, team: 0, district: 1, province: 2, admin: 3 };

/** Whether an account with role `actor` may give (or manage an account holding) role `role`. */
export function mayGrantRole(actor: Role, role: Role): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[actor];
}

/** The roles an account with role `actor` may give, in the order of ROLES. */
export function grantableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => mayGrantRole(actor, role));
}

/** A staff account as its administrators see it. */
export interface AccountSummary extends StaffUser {
  /** When it was disabled; null while it may sign in. */
  disabledAt: string | null;
  lastSignInAt: string | null;
}

const accountFields = {
  unitId: IdSchema,
  role: v.picklist(ROLES),
  displayName: labelSchema(120),
};

/** POST /api/accounts: the new account; the server answers with a temporary password, shown once. */
export const AccountCreateSchema = v.strictObject({ ...accountFields, login: UserSchema.entries.login });
export type AccountCreate = v.InferOutput<typeof AccountCreateSchema>;

/** PUT /api/accounts/:id: the account's unit, role and name (the login never changes). */
export const AccountUpdateSchema = v.strictObject(accountFields);
export type AccountUpdate = v.InferOutput<typeof AccountUpdateSchema>;

/** GET /api/accounts?unitId=: the caller's unit when absent. */
export const AccountListQuerySchema = v.strictObject({ unitId: v.optional(IdSchema) });

/** POST /api/auth/password: the signed-in account's own password. */
export const PasswordChangeSchema = v.strictObject({
  currentPassword: v.pipe(v.string(), v.nonEmpty(), v.maxLength(1000)),
  newPassword: v.pipe(v.string(), v.maxLength(1000)),
});

/** The answer of creating an account or resetting its password: the temporary password, shown this once. */
export interface TemporaryPasswordIssued {
  account: AccountSummary;
  temporaryPassword: string;
}

/**
 * POST /api/setup: the top unit and the first administrator, with the one-time setup code the server printed
 * at its start (and keeps in DATA_DIR/setup-code).
 */
export interface SetupRequest {
  setupCode: string;
  unitName: string;
  level: 'province' | 'district';
  login: string;
  displayName: string;
  password: string;
}
