import { Hono } from 'hono';
import type { Store, StoreKind } from '../../store/store.ts';
import { ApiProblem } from '../problem.ts';

/** Body of GET /api/health. */
export interface HealthResponse {
  status: 'ok';
  version: string;
  storage: StoreKind;
  migration: number;
}

/** GET /api/health: the server and its database answer; which version and migration level run. */
export function healthRoutes(store: Store, version: string): Hono {
  return new Hono().get('/', async (c) => {
    const health = await store.health().catch((error: unknown) => {
      console.error('Health check: storage does not answer:', error);
      throw new ApiProblem(503, { error: 'storage_unavailable', message: 'The database does not answer' });
    });
    const body: HealthResponse = { status: 'ok', version, storage: health.kind, migration: health.migration };
    return c.json(body);
  });
}
