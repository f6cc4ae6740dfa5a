import { Hono } from 'hono';
import { PullQuerySchema } from '../../../domain/sync.ts';
import type { PullPage } from '../../../domain/sync.ts';
import type { Store } from '../../store/store.ts';
import { validQuery } from '../validation.ts';

/** GET /api/sync/pull?cursor=N&limit=M: the next page of changes after the device's cursor. */
export function syncRoutes(store: Store): Hono {
  return new Hono().get('/pull', async (c) => {
    const page: PullPage = await store.pullChanges(validQuery(c, PullQuerySchema));
    return c.json(page);
  });
}
