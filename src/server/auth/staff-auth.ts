/**
 * Staff authentication and authorisation. A session is a random token in the `loaxa_session` cookie
 * (HttpOnly, SameSite=Strict) whose SHA-256 is a staff_sessions row. Unsafe requests riding on that cookie must
 * also prove they come from the app (CSRF): header `X-LoaXa-CSRF: 1`, which a cross-site form cannot set, and
 * an Origin, when sent, naming this server's host.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { mayAct } from '../../domain/authz.ts';
import type { StaffAction } from '../../domain/authz.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiProblem } from '../http/problem.ts';
import type { Store } from '../store/store.ts';
import { hashSecret } from './tokens.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'loaxa_session';

/** How long a session lasts from sign-in. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Header every unsafe staff request carries, and its value. */
export const CSRF_HEADER = 'X-LoaXa-CSRF';

/** last_used_at is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const notSignedIn = (): ApiProblem =>
  new ApiProblem(401, { error: 'not_signed_in', message: 'Sign in as staff first' });

/** Whether an unsafe request shows it was sent by the app itself rather than by another site. */
function passesCsrf(c: Context<AppEnv>): boolean {
  if (c.req.header(CSRF_HEADER) !== '1') return false;
  const origin = c.req.header('Origin');
  if (origin === undefined) return true;
  // Compared by host, not scheme: behind a TLS-terminating proxy the server sees http while the browser says
  // https. An unparseable Origin ("null" from a sandboxed frame) fails.
  try {
    return new URL(origin).host === new URL(c.req.url).host;
  } catch {
    return false;
  }
}

/** The session token hash from the cookie, if there is one. */
export function sessionTokenHash(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  return token === undefined || token === '' ? undefined : hashSecret(token);
}

/**
 * Middleware: 401 not_signed_in without a live session (a disabled account has none), 403 csrf_failed on an
 * unsafe request that fails CSRF, and 403 password_change_required while the account signed in with a temporary
 * password, unless `passwordChange` says the route is one it needs then (its own session and password).
 */
export function requireStaff(
  store: Store,
  { passwordChange = false }: { passwordChange?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tokenHash = sessionTokenHash(c);
    if (tokenHash === undefined) throw notSignedIn();
    const now = new Date();
    const session = await store.accounts.findSession(tokenHash, now.toISOString());
    if (session === undefined) throw notSignedIn();
    if (!SAFE_METHODS.has(c.req.method) && !passesCsrf(c)) {
      throw new ApiProblem(403, {
        error: 'csrf_failed',
        message: 'The request did not come from the LoaXa app',
      });
    }
    if (session.user.mustChangePassword && !passwordChange) {
      throw new ApiProblem(403, {
        error: 'password_change_required',
        message: 'Choose your own password first (POST /api/auth/password)',
      });
    }
    if (now.getTime() - Date.parse(session.lastUsedAt) >= TOUCH_INTERVAL_MS) {
      await store.accounts.touchSession(tokenHash, now.toISOString());
    }
    c.set('staff', session.user);
    c.set('staffStore', store);
    await next();
  };
}

/**
 * Checks that the signed-in staff member may do `action` on every unit in `unitIds` (by role and by where
 * each unit sits relative to their own); throws 403 forbidden otherwise. Use after requireStaff.
 */
export async function authorize(
  c: Context<AppEnv>,
  action: StaffAction,
  unitIds: string | readonly string[],
): Promise<void> {
  const staff = c.get('staff');
  const targets = typeof unitIds === 'string' ? [unitIds] : unitIds;
  const relations = await c.get('staffStore').accounts.unitRelations(staff.unitId, targets);
  if (targets.length === 0 || !relations.every((relation) => mayAct(staff.role, action, relation))) {
    throw new ApiProblem(403, { error: 'forbidden', message: `Not allowed: ${action}` });
  }
}
