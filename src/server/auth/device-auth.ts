/**
 * Device authentication: `Authorization: Bearer <token>`, the token issued at enrolment and stored only as its
 * SHA-256. A revoked device is told so (401 device_revoked) so it can show that it needs a new code.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { ApiProblem } from '../http/problem.ts';
import type { Store } from '../store/store.ts';
import { hashSecret } from './tokens.ts';

/** last_seen_at is written at most this often: a sync makes several requests within seconds. */
const SEEN_INTERVAL_MS = 60_000;

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/** Middleware: puts the device into `c.get('device')`, or throws 401 device_unauthorized / device_revoked. */
export function requireDevice(store: Store): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    const device =
      token === undefined ? undefined : await store.accounts.findDeviceByToken(hashSecret(token));
    if (device === undefined) {
      throw new ApiProblem(
        401,
        { error: 'device_unauthorized', message: 'This device is not enrolled: enter a pairing code' },
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    if (device.revokedAt !== null) {
      throw new ApiProblem(401, {
        error: 'device_revoked',
        message: 'This device was revoked: ask the district for a new pairing code',
      });
    }
    const now = new Date();
    if (device.lastSeenAt === null || now.getTime() - Date.parse(device.lastSeenAt) >= SEEN_INTERVAL_MS) {
      await store.accounts.touchDevice(device.id, now.toISOString());
    }
    c.set('device', {
      id: device.id,
      label: device.label,
      unitId: device.unitId,
      publicKey: device.publicKey,
    });
    await next();
  };
}
