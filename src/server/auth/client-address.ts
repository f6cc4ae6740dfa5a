/**
 * What the server knows of the client behind a request: its address, which rate limits count against, and
 * whether it came over https (the session cookie is then Secure). Forwarding headers are trusted only when the
 * TRUST_PROXY setting says a reverse proxy stands in front (`trustProxy`, from createApp), since any client could
 * set them: without it the TCP peer is the address, and behind a proxy all clients would share its limits.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';

/** The client's address: the one the trusted proxy added last to X-Forwarded-For, else the TCP peer. */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  const peer = c.env?.incoming?.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
  return forwarded !== undefined && isIP(forwarded) !== 0 ? forwarded : peer;
}

/** Whether the browser reached us over https: directly, or through the trusted proxy that says so. */
export function reachedOverHttps(c: Context<AppEnv>, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('X-Forwarded-Proto') === 'https';
}
