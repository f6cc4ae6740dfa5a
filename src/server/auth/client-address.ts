import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';

/**
 * The address rate limits count against: the TCP peer. Forwarding headers are not trusted, since any client
 * could set them; behind a reverse proxy all clients share the proxy's address and so its limits.
 */
export function clientAddress(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket.remoteAddress ?? 'unknown';
}
