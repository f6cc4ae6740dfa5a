import { Hono } from 'hono';
import type { Store, StoreHealth, StoreKind } from '../../store/store.ts';
import { ApiProblem } from '../problem.ts';

/** Body of GET /api/health. */
export interface HealthResponse {
  status: 'ok';
  version: string;
  storage: StoreKind;
  migration: number;
}

/** Body of GET /api/ready when the server can serve. */
export interface ReadyResponse {
  status: 'ready';
  migration: number;
}

/** The store's health, or 503 storage_unavailable when the database does not answer. */
function healthOf(store: Store, check: string): Promise<StoreHealth> {
  return store.health().catch((error: unknown) => {
    console.error(`${check}: storage does not answer:`, error);
    throw new ApiProblem(503, { error: 'storage_unavailable', message: 'The database does not answer' });
  });
}

/** GET /api/health: the server and its database answer; which version and migration level run. */
export function healthRoutes(store: Store, version: string): Hono {
  return new Hono().get('/', async (c) => {
    const health = await healthOf(store, 'Health check');
    const body: HealthResponse = { status: 'ok', version, storage: health.kind, migration: health.migration };
    return c.json(body);
  });
}

/**
 * GET /api/ready, for a load balancer or an orchestrator: 200 only when the database answers and is at the
 * migration level this server needs, 503 otherwise (another instance still migrating, or an older server).
 */
export function readyRoutes(store: Store): Hono {
  return new Hono().get('/', async (c) => {
    const health = await healthOf(store, 'Readiness check');
    if (health.migration !== health.latest) {
      throw new ApiProblem(503, {
        error: 'not_ready',
        message: `The database is at migration ${health.migration}; this server needs ${health.latest}`,
      });
    }
    const body: ReadyResponse = { status: 'ready', migration: health.migration };
    return c.json(body);
  });
}
