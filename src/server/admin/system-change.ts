/**
 * Changes the server's own commands make (npm run admin, backup, restore, the first-run screen), recorded in the
 * audit trail with the system as the actor, named by the way the change was made.
 */
import type { AuditRecord } from '../../domain/audit.ts';
import type { Store } from '../store/store.ts';

/** Records a change made by the server's own command `via` (e.g. "npm run restore"). */
export async function recordSystemChange(
  store: Pick<Store, 'audit'>,
  now: Date,
  via: string,
  change: Pick<AuditRecord, 'action' | 'unitIds' | 'targetId' | 'after'>,
): Promise<void> {
  await store.audit.append({
    ...change,
    at: now.toISOString(),
    actorKind: 'system',
    actorId: null,
    actorName: via,
    before: null,
  });
}

/** The units at the top of the tree: a change to the whole database concerns them, so their staff see it. */
export async function topUnitIds(store: Pick<Store, 'accounts'>): Promise<string[]> {
  return (await store.accounts.topUnits()).map((unit) => unit.id);
}
