import type { Transport } from '../../src/client/sync/transport.ts';

/** Answers one request; throwing plays a dropped connection. */
export type FakeRoute = (request: Request) => Response | Promise<Response>;

/** A transport answered by handlers keyed "METHOD /path" (no query); unknown requests get a 404 ApiError. */
export function fakeTransport(
  routes: Record<string, FakeRoute>,
): Transport & { calls: string[]; requests: Request[] } {
  const calls: string[] = [];
  const requests: Request[] = [];
  return {
    baseUrl: 'https://loaxa.test',
    calls,
    requests,
    fetch: async (url, init) => {
      const request = new Request(url, init);
      const key = `${request.method} ${new URL(request.url).pathname}`;
      calls.push(key);
      requests.push(request.clone());
      const route = routes[key];
      if (!route) return Response.json({ error: 'not_found', message: key }, { status: 404 });
      return route(request);
    },
  };
}
