/**
 * A counting reverse proxy for the sync benchmark: one origin on 127.0.0.1 serves the benchmark page's files and
 * forwards path prefixes to the servers under test, so the page reaches both servers same-origin (no CORS
 * preflights for either side) and every byte each side puts on the wire is counted in one place, as sent:
 * request bodies as the browser sent them (gzip for LoaXa), headers, and answers as the servers sent them.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

/** Traffic through one route since the last reset. */
export interface WireCount {
  requests: number;
  /** Request bodies, as sent. */
  requestBodyBytes: number;
  /** Request lines and headers. */
  requestHeaderBytes: number;
  /** Status lines, headers and bodies of the answers, as sent. */
  responseBytes: number;
}

/** A path prefix forwarded to `target`; with `strip`, the prefix is removed from the forwarded path. */
export interface WireRoute {
  prefix: string;
  target: string;
  strip: boolean;
}

/** A running proxy. */
export interface WireProxy {
  baseUrl: string;
  /** The traffic of the route with this prefix. */
  count: (prefix: string) => WireCount;
  /** Zeroes every count. */
  reset: () => void;
  close: () => Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

const emptyCount = (): WireCount => ({
  requests: 0,
  requestBodyBytes: 0,
  requestHeaderBytes: 0,
  responseBytes: 0,
});

/** Bytes of a request or status line plus the raw header lines, as HTTP/1.1 writes them. */
function headerBytes(firstLine: string, rawHeaders: readonly string[]): number {
  let bytes = Buffer.byteLength(firstLine) + 2 + 2;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    bytes += Buffer.byteLength(rawHeaders[i]!) + 2 + Buffer.byteLength(rawHeaders[i + 1]!) + 2;
  }
  return bytes;
}

async function serveFile(staticDir: string, path: string, res: ServerResponse): Promise<void> {
  const file = join(staticDir, normalize(path === '/' ? '/index.html' : path));
  try {
    if (!file.startsWith(staticDir) || !(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** Starts the proxy on a free port of 127.0.0.1. */
export async function startWireProxy(staticDir: string, routes: readonly WireRoute[]): Promise<WireProxy> {
  const counts = new Map(routes.map((route) => [route.prefix, emptyCount()]));
  // Kept-alive upstream connections, as a browser keeps its own: neither side pays a handshake per request.
  const agent = new Agent({ keepAlive: true });

  const forward = (route: WireRoute, req: IncomingMessage, res: ServerResponse): void => {
    const count = counts.get(route.prefix)!;
    const url = req.url ?? '/';
    count.requests += 1;
    count.requestHeaderBytes += headerBytes(`${req.method} ${url} HTTP/1.1`, req.rawHeaders);
    const target = new URL(route.target);
    const upstream = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: route.strip ? url.slice(route.prefix.length) || '/' : url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        count.responseBytes += headerBytes(
          `HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`,
          answer.rawHeaders,
        );
        answer.on('data', (chunk: Buffer) => {
          count.responseBytes += chunk.length;
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.on('data', (chunk: Buffer) => {
      count.requestBodyBytes += chunk.length;
    });
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (route) forward(route, req, res);
    else void serveFile(staticDir, path, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    count: (prefix) => ({ ...(counts.get(prefix) ?? emptyCount()) }),
    reset: () => {
      for (const prefix of counts.keys()) counts.set(prefix, emptyCount());
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
