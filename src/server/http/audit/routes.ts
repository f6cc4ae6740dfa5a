/**
 * The audit trail for staff under /api/audit (docs/api.md): GET / pages through the entries touching a subtree,
 * newest first, with filters; GET /export.csv streams them all as CSV; GET /verify checks the whole chain.
 */
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import * as v from 'valibot';
import { AuditQuerySchema, type AuditPage, type AuditQuery } from '../../../domain/audit.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { AuditFilter } from '../../store/audit-store.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { validQuery } from '../validation.ts';
import { auditCsv } from './audit-csv.ts';

/** The query's filter, once the staff member may read the trail of its unit (their own when absent). */
async function readableFilter(c: Context<AppEnv>, store: Store, query: AuditQuery): Promise<AuditFilter> {
  const unitId = query.unitId ?? c.get('staff').unitId;
  await authorize(c, 'audit.read', unitId);
  const { unitId: _unit, before: _before, limit: _limit, ...filters } = query;
  return { ...filters, unitIds: await store.accounts.subtreeIds([unitId]) };
}

export function auditRoutes(store: Store): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireStaff(store))
    .get('/', async (c) => {
      const query = validQuery(c, AuditQuerySchema);
      const filter = await readableFilter(c, store, query);
      const entries = await store.audit.page(filter, query.before, query.limit + 1);
      const shown = entries.slice(0, query.limit);
      const page: AuditPage = {
        entries: shown,
        next: entries.length > query.limit ? (shown[shown.length - 1]?.seq ?? null) : null,
      };
      return c.json(page);
    })
    .get('/export.csv', async (c) => {
      const query = validQuery(c, AuditQuerySchema);
      const filter = await readableFilter(c, store, query);
      const units = new Map(
        (await store.staffQueries.visibleUnits(c.get('staff').unitId)).map((unit) => [unit.id, unit.name]),
      );
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="nhat-ky-thay-doi.csv"');
      return stream(c, async (out) => {
        for await (const chunk of auditCsv(store.audit.each(filter), (id) => units.get(id))) {
          await out.write(chunk);
        }
      });
    })
    .get('/verify', async (c) => {
      validQuery(c, v.strictObject({}));
      await authorize(c, 'audit.read', c.get('staff').unitId);
      return c.json(await store.audit.verify());
    });
}
