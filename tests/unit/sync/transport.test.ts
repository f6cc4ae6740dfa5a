import { describe, expect, it } from 'vitest';
import { send, watchingClock } from '../../../src/client/sync/transport.ts';
import { SERVER_CLOCK_TOLERANCE_MS, clockSkewOf } from '../../../src/domain/evidence/verify-log.ts';
import { fakeTransport } from '../../helpers/fake-transport.ts';

async function inflate(request: Request): Promise<string> {
  const stream = request.body?.pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

describe('send', () => {
  it('gzips a large JSON body, says so, and sends the bearer token', async () => {
    const transport = fakeTransport({ 'POST /api/sync/push': () => Response.json({ ok: true }) });
    const json = { logs: Array.from({ length: 50 }, (_, i) => ({ notes: `Phát lần ${i} tại bản Sà Phìn` })) };

    const answer = await send(transport, {
      method: 'POST',
      path: '/api/sync/push',
      token: 'secret',
      json,
      gzip: true,
      timeoutMs: 1_000,
    });

    expect(answer.ok).toBe(true);
    const [request] = transport.requests;
    expect(request?.headers.get('content-encoding')).toBe('gzip');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.headers.get('authorization')).toBe('Bearer secret');
    const sent = request ? await inflate(request) : '';
    expect(JSON.parse(sent)).toEqual(json);
  });

  it('sends a small body as it is: gzip would only add bytes', async () => {
    const transport = fakeTransport({ 'POST /api/x': () => Response.json({}) });

    await send(transport, { method: 'POST', path: '/api/x', json: { a: 1 }, gzip: true, timeoutMs: 1_000 });

    const [request] = transport.requests;
    expect(request?.headers.get('content-encoding')).toBeNull();
    expect(await request?.text()).toBe('{"a":1}');
  });

  it('maps a dropped connection, a revoked token and other refusals to sync errors', async () => {
    const transport = fakeTransport({
      'GET /api/drop': () => {
        throw new TypeError('Failed to fetch');
      },
      'GET /api/revoked': () => Response.json({ error: 'device_revoked', message: '' }, { status: 401 }),
      'GET /api/unknown': () => Response.json({ error: 'device_unauthorized', message: '' }, { status: 401 }),
      'GET /api/html': () => new Response('<html>proxy</html>', { status: 502 }),
    });
    const get = (path: string) => send(transport, { method: 'GET', path, timeoutMs: 1_000 });

    expect(await get('/api/drop')).toEqual({ ok: false, error: { kind: 'network' } });
    expect(await get('/api/revoked')).toEqual({ ok: false, error: { kind: 'revoked' } });
    expect(await get('/api/unknown')).toEqual({
      ok: false,
      error: { kind: 'http', status: 401, code: 'device_unauthorized' },
    });
    expect(await get('/api/html')).toEqual({ ok: false, error: { kind: 'http', status: 502 } });
  });

  it('passes statuses the caller expects through as answers', async () => {
    const transport = fakeTransport({ 'HEAD /api/attachments/x': () => new Response(null, { status: 404 }) });

    const answer = await send(transport, {
      method: 'HEAD',
      path: '/api/attachments/x',
      timeoutMs: 1_000,
      expect: [404],
    });

    expect(answer.ok && answer.response.status).toBe(404);
  });

  it('gives up on a request that outlives its timeout', async () => {
    const transport = fakeTransport({
      'GET /api/slow': (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
    });

    expect(await send(transport, { method: 'GET', path: '/api/slow', timeoutMs: 20 })).toEqual({
      ok: false,
      error: { kind: 'network' },
    });
  });
});

describe('watchingClock', () => {
  const answeringAt = (date: string | null) =>
    fakeTransport({
      'GET /api/sync/pull': () => Response.json({}, { headers: date === null ? {} : { Date: date } }),
    });

  it('knows how far the device clock is from the server’s Date header, after an answer', async () => {
    const server = 'Mon, 07 Dec 2026 02:30:00 GMT';
    const watched = watchingClock(answeringAt(server), () => Date.parse(server) + 3 * 3_600_000);
    expect(watched.clockSkewMs()).toBeNull();
    await watched.fetch(`${watched.baseUrl}/api/sync/pull`, { method: 'GET' });
    expect(watched.clockSkewMs()).toBe(3 * 3_600_000);
    expect(clockSkewOf(watched.clockSkewMs()!)).toBe('ahead');
  });

  it('knows nothing from an answer without a Date header', async () => {
    const watched = watchingClock(answeringAt(null));
    await watched.fetch(`${watched.baseUrl}/api/sync/pull`, { method: 'GET' });
    expect(watched.clockSkewMs()).toBeNull();
  });
});

describe('clockSkewOf', () => {
  it('says ahead or behind beyond the server’s tolerance only', () => {
    expect(clockSkewOf(0)).toBeNull();
    expect(clockSkewOf(SERVER_CLOCK_TOLERANCE_MS)).toBeNull();
    expect(clockSkewOf(-SERVER_CLOCK_TOLERANCE_MS)).toBeNull();
    expect(clockSkewOf(SERVER_CLOCK_TOLERANCE_MS + 1)).toBe('ahead');
    expect(clockSkewOf(-SERVER_CLOCK_TOLERANCE_MS - 1)).toBe('behind');
  });
});
