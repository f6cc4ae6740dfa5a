/**
 * An administrator account created from the server's command line (`npm run admin -- create-admin`): the first
 * account of a deployment started without demo data, or one more admin later. It names the top unit of the tree:
 * an empty database gets that unit (a province, or a district running LoaXa alone); a database that has a top
 * unit must be given its name, so a typing mistake never starts a second tree.
 */
import { v7 as uuidV7 } from 'uuid';
import * as v from 'valibot';
import { auditValues } from '../../domain/audit.ts';
import { foldVietnamese } from '../../domain/fold.ts';
import { passwordProblem, type PasswordProblem } from '../../domain/password-policy.ts';
import { labelSchema } from '../../domain/schemas/common.ts';
import { UserSchema } from '../../domain/schemas/user.ts';
import { VIETNAMESE } from '../../domain/languages.ts';
import { validate } from '../../domain/validation.ts';
import { hashPassword } from '../auth/password.ts';
import type { Store } from '../store/store.ts';
import { recordSystemChange } from './system-change.ts';

/** What the command (and the first-run screen) asks for. */
export const AdminRequestSchema = v.strictObject({
  login: UserSchema.entries.login,
  /** The top unit's name, e.g. "Tỉnh Lào Cai". */
  unitName: labelSchema(200),
  /** The name shown in the staff workspace; the login when not given. */
  displayName: v.optional(labelSchema(120)),
  password: v.pipe(v.string(), v.maxLength(1000)),
  /** The level of a top unit created now. */
  level: v.optional(v.picklist(['province', 'district']), 'province'),
});

/** What the command did, or why it did nothing. */
export type AdminOutcome =
  | { ok: true; login: string; unitName: string; unitCreated: boolean }
  | { ok: false; problem: 'invalid'; field: string; message: string }
  | { ok: false; problem: PasswordProblem }
  | { ok: false; problem: 'login_taken'; login: string }
  | { ok: false; problem: 'other_top_unit'; topUnits: string[] };

/**
 * Creates the admin account (and the top unit of an empty database); see the module comment. `via` names the
 * way it was asked for in the audit trail.
 */
export async function createAdmin(
  store: Store,
  request: unknown,
  now = new Date(),
  via = 'npm run admin',
): Promise<AdminOutcome> {
  const parsed = validate(AdminRequestSchema, request);
  if (!parsed.ok) {
    const [issue] = parsed.issues;
    return { ok: false, problem: 'invalid', field: issue?.field ?? '', message: issue?.message ?? '' };
  }
  const { login, unitName, password, level } = parsed.value;
  const weak = passwordProblem(password, login);
  if (weak !== null) return { ok: false, problem: weak };
  if ((await store.accounts.findUserByLogin(login)) !== undefined) {
    return { ok: false, problem: 'login_taken', login };
  }
  const tops = await store.accounts.topUnits();
  let unit = tops.find((top) => foldVietnamese(top.name) === foldVietnamese(unitName));
  if (unit === undefined && tops.length > 0) {
    return { ok: false, problem: 'other_top_unit', topUnits: tops.map((top) => top.name) };
  }
  const unitCreated = unit === undefined;
  if (unit === undefined) {
    unit = {
      id: uuidV7(),
      parentId: null,
      level,
      name: unitName,
      code: null,
      languages: [VIETNAMESE],
      updatedAt: now.toISOString(),
      rev: 0,
    };
    await store.upsertUnits([unit]);
    await recordSystemChange(store, now, via, {
      action: 'unit.create',
      unitIds: [unit.id],
      targetId: unit.id,
      after: auditValues(unit),
    });
  }
  const account = {
    id: uuidV7(),
    unitId: unit.id,
    role: 'admin' as const,
    login,
    displayName: parsed.value.displayName ?? login,
  };
  await store.accounts.insertUsers([{ ...account, passwordHash: await hashPassword(password) }]);
  await recordSystemChange(store, now, via, {
    action: 'account.create',
    unitIds: [unit.id],
    targetId: account.id,
    after: auditValues(account),
  });
  return { ok: true, login, unitName: unit.name, unitCreated };
}
