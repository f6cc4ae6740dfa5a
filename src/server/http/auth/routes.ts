import { Hono } from 'hono';
import { auditChange } from '../../../domain/audit.ts';
import { auditStaffChange } from '../audit/record.ts';
import { deleteCookie, setCookie } from 'hono/cookie';
import { PasswordChangeSchema } from '../../../domain/account-admin.ts';
import { LoginRequestSchema } from '../../../domain/accounts.ts';
import { passwordProblem } from '../../../domain/password-policy.ts';
import type { SessionInfo, SessionState, StaffUser } from '../../../domain/accounts.ts';
import { clientAddress, reachedOverHttps } from '../../auth/client-address.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../auth/password.ts';
import {
  SIGN_IN_FAILURES_BY_ADDRESS,
  SIGN_IN_FAILURES_BY_LOGIN,
  type RateLimits,
} from '../../auth/rate-limit.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, requireStaff, sessionTokenHash } from '../../auth/staff-auth.ts';
import { hashSecret, newToken } from '../../auth/tokens.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem, refuseWhileLimited } from '../problem.ts';
import { validJson } from '../validation.ts';

async function sessionInfo(store: Store, user: StaffUser): Promise<SessionInfo> {
  const unit = await store.accounts.findUnit(user.unitId);
  if (unit === undefined) throw new Error(`Unit ${user.unitId} of user ${user.id} is missing`);
  return { user, unit };
}

/**
 * POST /login, POST /logout, GET /session, GET /me and POST /password under /api/auth: staff sessions in an HTTP-only cookie,
 * and the signed-in account's own password (changing it ends the account's other sessions).
 */
export function authRoutes(store: Store, limits: RateLimits, trustProxy: boolean): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const { login, password } = await validJson(c, LoginRequestSchema);
      const address = clientAddress(c, trustProxy);
      const attempt = await limits.begin(
        [SIGN_IN_FAILURES_BY_LOGIN, login],
        [SIGN_IN_FAILURES_BY_ADDRESS, address],
      );
      refuseWhileLimited(attempt.wait, 'failed sign-ins');
      const found = await store.accounts.findUserByLogin(login);
      // An unknown login costs a scrypt too and gets the same answer, so neither tells which logins exist.
      const matches = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
      if (found === undefined || !matches) {
        throw new ApiProblem(401, { error: 'invalid_credentials', message: 'Wrong login or password' });
      }
      await limits.forget(SIGN_IN_FAILURES_BY_LOGIN, login);
      await attempt.takeBack(SIGN_IN_FAILURES_BY_ADDRESS);
      // Said only to whoever knows the password: the account exists, but its administrators closed it.
      if (found.disabledAt !== null) {
        throw new ApiProblem(403, { error: 'account_disabled', message: 'This account is disabled' });
      }
      const { passwordHash: _hash, disabledAt: _disabled, ...user } = found;
      const token = newToken();
      const now = new Date();
      await store.accounts.recordSignIn(user.id, now.toISOString());
      const expires = new Date(now.getTime() + SESSION_TTL_MS);
      await store.accounts.createSession({
        tokenHash: hashSecret(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: expires.toISOString(),
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: reachedOverHttps(c, trustProxy),
        expires,
        maxAge: SESSION_TTL_MS / 1000,
      });
      return c.json(await sessionInfo(store, user));
    })
    .post('/logout', requireStaff(store, { passwordChange: true }), async (c) => {
      const tokenHash = sessionTokenHash(c);
      if (tokenHash !== undefined) await store.accounts.deleteSession(tokenHash);
      deleteCookie(c, SESSION_COOKIE, {
        path: '/',
        secure: reachedOverHttps(c, trustProxy),
        httpOnly: true,
        sameSite: 'Strict',
      });
      return c.body(null, 204);
    })
    .get('/session', async (c) => {
      const tokenHash = sessionTokenHash(c);
      const found =
        tokenHash === undefined
          ? undefined
          : await store.accounts.findSession(tokenHash, new Date().toISOString());
      const state: SessionState = found
        ? { session: await sessionInfo(store, found.user), setupNeeded: false }
        : { session: null, setupNeeded: (await store.accounts.countUsers()) === 0 };
      return c.json(state);
    })
    .get('/me', requireStaff(store, { passwordChange: true }), async (c) =>
      c.json(await sessionInfo(store, c.get('staff'))),
    )
    .post('/password', requireStaff(store, { passwordChange: true }), async (c) => {
      const { currentPassword, newPassword } = await validJson(c, PasswordChangeSchema);
      const staff = c.get('staff');
      const attempt = await limits.begin([SIGN_IN_FAILURES_BY_LOGIN, staff.login]);
      refuseWhileLimited(attempt.wait, 'wrong passwords');
      const found = await store.accounts.findUserByLogin(staff.login);
      if (found === undefined || !(await verifyPassword(currentPassword, found.passwordHash))) {
        throw new ApiProblem(403, { error: 'wrong_password', message: 'The current password is wrong' });
      }
      await limits.forget(SIGN_IN_FAILURES_BY_LOGIN, staff.login);
      const problem = passwordProblem(newPassword, staff.login);
      if (problem !== null || newPassword === currentPassword) {
        throw new ApiProblem(400, {
          error: 'weak_password',
          message: `The new password is refused: ${problem ?? 'the same as the current one'}`,
          issues: [{ field: 'newPassword', message: problem ?? 'unchanged' }],
        });
      }
      await store.accounts.setPassword(staff.id, await hashPassword(newPassword), false, sessionTokenHash(c));
      await auditStaffChange(c, {
        action: 'account.change_password',
        unitIds: [staff.unitId],
        targetId: staff.id,
        ...auditChange(
          { mustChangePassword: staff.mustChangePassword, otherSessions: 'open' },
          { mustChangePassword: false, otherSessions: 'ended' },
        ),
      });
      return c.body(null, 204);
    });
}
