/**
 * Prometheus metrics of one server process, for the monitoring a province already runs (GET /metrics, text
 * exposition format). Off unless METRICS_TOKEN is set, and then only answered to `Authorization: Bearer <token>`:
 * the figures are not public. Each instance behind a load balancer is scraped on its own, as Prometheus expects.
 * Request labels use the matched route pattern (`/api/accounts/:id`), never the raw path, so a flood of odd URLs
 * cannot grow the series without bound.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PushResult } from '../domain/sync.ts';
import { ApiProblem } from './http/problem.ts';

/** The process's metrics and how requests and pushes feed them. */
export interface Metrics {
  /** Middleware counting and timing every request by method, route pattern and status. */
  observe: MiddlewareHandler;
  /** Counts the answers of a push, per log: accepted, duplicate, or rejected with its reason. */
  countPush: (results: readonly PushResult[]) => void;
  /** GET /metrics behind the bearer token. */
  routes: Hono;
}

/** Metrics on a registry of their own (tests build several apps in one process). */
export function createMetrics(token: string): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'loaxa_' });
  const requests = new Counter({
    name: 'loaxa_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'loaxa_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (sync latency: /api/sync/pull and /api/sync/push)',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const pushLogs = new Counter({
    name: 'loaxa_push_logs_total',
    help: 'Broadcast logs answered by pushes: accepted, duplicate, or rejected with the reason',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const expected = createHash('sha256').update(`Bearer ${token}`).digest();
  // Compared as hashes in constant time, so the answer's timing tells nothing about the token.
  const authorized = (header: string | undefined): boolean =>
    header !== undefined && timingSafeEqual(createHash('sha256').update(header).digest(), expected);
  return {
    observe: async (c, next) => {
      const end = duration.startTimer();
      await next();
      // After next(), the route index is that of the handler that answered.
      const route = routePath(c);
      end({ route });
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    },
    countPush: (results) => {
      for (const result of results) {
        pushLogs.inc({ outcome: result.status === 'rejected' ? `rejected_${result.reason}` : result.status });
      }
    },
    routes: new Hono().get('/', async (c) => {
      if (!authorized(c.req.header('Authorization'))) {
        throw new ApiProblem(401, { error: 'unauthorized', message: 'The metrics need their bearer token' });
      }
      return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
    }),
  };
}
