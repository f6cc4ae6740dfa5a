/**
 * Records a change in the audit trail (store/audit-store.ts) from the route that made it, once it has
 * committed: the staff member signed in, or the device whose token sent it, is the actor.
 */
import type { Context } from 'hono';
import type { AuditAction } from '../../../domain/audit.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv, AuthDevice } from '../app-env.ts';

/** What a route changed; before and after are canonical JSON (auditValues, auditChange). */
export interface AuditedChange {
  action: AuditAction;
  unitIds: readonly string[];
  targetId: string | null;
  before?: string | null;
  after?: string | null;
}

function recordOf(change: AuditedChange) {
  return {
    at: new Date().toISOString(),
    action: change.action,
    unitIds: [...new Set(change.unitIds)],
    targetId: change.targetId,
    before: change.before ?? null,
    after: change.after ?? null,
  };
}

/** Whether the change left every value as it was (auditChange found no field that differs). */
const changedNothing = (change: AuditedChange): boolean => change.before === '{}' && change.after === '{}';

/**
 * Records a change made by the signed-in staff member (after requireStaff); a request that changed nothing
 * (enabling an account that was not disabled) records nothing.
 */
export async function auditStaffChange(c: Context<AppEnv>, change: AuditedChange): Promise<void> {
  if (changedNothing(change)) return;
  const staff = c.get('staff');
  await c
    .get('staffStore')
    .audit.append({ ...recordOf(change), actorKind: 'staff', actorId: staff.id, actorName: staff.login });
}

/** Records a change made by `device` (after requireDevice, or at its enrolment). */
export async function auditDeviceChange(
  store: Store,
  device: Pick<AuthDevice, 'id' | 'label'>,
  change: AuditedChange,
): Promise<void> {
  await store.audit.append({
    ...recordOf(change),
    actorKind: 'device',
    actorId: device.id,
    actorName: device.label,
  });
}
