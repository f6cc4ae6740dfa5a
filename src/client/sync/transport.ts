/**
 * How the sync reaches the server. Policy: every failure becomes a SyncError value, never a throw, so each phase
 * can stop cleanly and report; the connection dropping (or a request outliving its timeout) is `network`, a
 * refused bearer token is `revoked` or an `http` error with the server's code, and an answer that is not what
 * the protocol says is `invalid`. Large JSON bodies go gzip-compressed where the browser has CompressionStream
 * (every 2G byte counts); the server accepts both.
 */
import type { ApiError } from '../../domain/sync.ts';

/** Where requests go: the server's origin ('' for the page's own) and the fetch to send them with. */
export interface Transport {
  baseUrl: string;
  /** Tests pass the Hono app's `app.request`, so the real server answers without a port. */
  fetch: (url: string, init: RequestInit) => Response | Promise<Response>;
}

/** Why a sync step failed; the app words each kind (and http codes) in plain Vietnamese. */
export type SyncError =
  | { kind: 'network' }
  | { kind: 'http'; status: number; code?: string }
  | { kind: 'not_enrolled' }
  | { kind: 'revoked' }
  | { kind: 'invalid'; detail: string }
  | { kind: 'storage'; detail: string };

/** A request's outcome: the (2xx, or an expected status) response, or why there is none. */
export type Answer = { ok: true; response: Response } | { ok: false; error: SyncError };

/** One request as the sync phases describe it. */
export interface SyncRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  path: string;
  token?: string | undefined;
  /** A JSON body; gzip-compressed when `gzip` is set and it is large enough to gain from it. */
  json?: unknown;
  gzip?: boolean;
  /** A JSON body encoded beforehand by encodeJson (prepared while another request was on its way). */
  encoded?: EncodedJson;
  /** Raw bytes (an attachment), sent with its own Content-Type. */
  blob?: Blob;
  timeoutMs: number;
  /** Statuses the caller handles itself besides 2xx (HEAD's 404, say). */
  expect?: readonly number[];
}

/** The page's own server, through the browser's fetch. */
export function defaultTransport(): Transport {
  return { baseUrl: '', fetch: (url, init) => fetch(url, init) };
}

/** A transport that remembers how far the device's clock was from the server's at the last answer. */
export interface ClockWatchingTransport extends Transport {
  /** Device time minus server time (ms) at the last answer carrying a Date header; null before one. */
  clockSkewMs: () => number | null;
}

/**
 * Wraps a transport to read each answer's Date header (whole seconds, so the skew is known to a second or two
 * plus the time on the way): the device's clock dates every log, and a wrong one makes logs the server will not
 * verify (docs/api.md, times against the server's clock).
 */
export function watchingClock(transport: Transport, now: () => number = Date.now): ClockWatchingTransport {
  let skew: number | null = null;
  return {
    baseUrl: transport.baseUrl,
    fetch: async (url, init) => {
      const response = await transport.fetch(url, init);
      const date = Date.parse(response.headers.get('Date') ?? '');
      if (Number.isFinite(date)) skew = now() - date;
      return response;
    },
    clockSkewMs: () => skew,
  };
}

/** Below this a gzip header and trailer cost more than they save. */
const GZIP_MIN_BYTES = 1024;

async function gzip(text: string): Promise<ArrayBuffer | null> {
  if (typeof CompressionStream !== 'function') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** A JSON request body ready to send, with the headers that describe it. */
export interface EncodedJson {
  body: BodyInit;
  headers: Readonly<Record<string, string>>;
}

/** Encodes a JSON body's text, gzip-compressed when `gzipped` is set and it is large enough to gain from it. */
export async function encodeJson(text: string, gzipped: boolean): Promise<EncodedJson> {
  const compressed = gzipped && text.length >= GZIP_MIN_BYTES ? await gzip(text) : null;
  if (!compressed) return { body: text, headers: { 'content-type': 'application/json' } };
  return {
    body: compressed,
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  };
}

async function bodyOf(request: SyncRequest): Promise<{ body?: BodyInit; headers: Record<string, string> }> {
  if (request.blob) return { body: request.blob, headers: { 'content-type': request.blob.type } };
  const encoded =
    request.encoded ??
    (request.json === undefined
      ? undefined
      : await encodeJson(JSON.stringify(request.json), request.gzip === true));
  return encoded === undefined ? { headers: {} } : { body: encoded.body, headers: { ...encoded.headers } };
}

/** Reads an error answer's code; absent when the body is not the API's error shape. */
async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as Partial<ApiError> | null;
    return typeof body?.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/** Maps a refused answer to a SyncError: a revoked token is its own kind, so the app can ask for re-enrolment. */
export async function errorOf(response: Response): Promise<SyncError> {
  const code = await errorCode(response);
  if (response.status === 401 && code === 'device_revoked') return { kind: 'revoked' };
  return code === undefined
    ? { kind: 'http', status: response.status }
    : { kind: 'http', status: response.status, code };
}

/** Sends one request; never throws. */
export async function send(transport: Transport, request: SyncRequest): Promise<Answer> {
  const { body, headers } = await bodyOf(request);
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  headers.accept = 'application/json';
  // AbortSignal.timeout is missing before Chrome 103; there the browser's own network timeout applies.
  const signal =
    typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(request.timeoutMs) : undefined;
  let response: Response;
  try {
    response = await transport.fetch(`${transport.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body,
      cache: 'no-store',
      signal,
    });
  } catch {
    return { ok: false, error: { kind: 'network' } };
  }
  if (response.ok || request.expect?.includes(response.status)) return { ok: true, response };
  return { ok: false, error: await errorOf(response) };
}

/** Reads a JSON answer; a body that is not JSON is `invalid`, one cut off mid-way is `network`. */
export async function readJson(
  response: Response,
): Promise<{ ok: true; body: unknown } | { ok: false; error: SyncError }> {
  try {
    return { ok: true, body: await response.json() };
  } catch (e) {
    return {
      ok: false,
      error: e instanceof SyntaxError ? { kind: 'invalid', detail: 'not JSON' } : { kind: 'network' },
    };
  }
}
