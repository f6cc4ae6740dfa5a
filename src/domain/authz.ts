/**
 * Who may do what, where: the one authorisation rule of LoaXa, pure so the server enforces it and the staff
 * screens hide what would be refused. Every staff action touches a unit; the rule looks at the actor's role and
 * at where that unit sits relative to the actor's own unit in the tree (the same unit, below it, above it, or
 * in another branch). Nobody acts on another branch; only reading climbs up the tree.
 */
import type { Role } from './schemas/user.ts';

/** Where the unit an action touches sits relative to the actor's unit. */
export type UnitRelation = 'same' | 'below' | 'above' | 'unrelated';

/** Everything a staff account can ask the API for, named by what it touches. */
export const STAFF_ACTIONS = [
  /** Read units (the tree, languages) for pickers and reports. */
  'units.read',
  /** Create, edit and move units and their languages. */
  'units.write',
  /** Read bulletins in the staff workspace, drafts included. */
  'bulletins.read',
  /** Create, edit (as a new version), publish and withdraw bulletins targeted at the unit. */
  'bulletins.write',
  /** Create pairing codes, list devices, revoke a device of the unit. */
  'devices.manage',
  /** Read broadcast logs recorded for the unit, with their verification. */
  'logs.read',
  /** Approve or reject a translation submitted by the unit. */
  'slots.review',
  /** Read the coverage dashboard and generate reports for the unit. */
  'reports.read',
  /** List, create, edit, disable and reset the staff accounts of the unit (roles no higher than one's own). */
  'users.manage',
  /** Read the audit trail of changes touching the unit, and check its chain. */
  'audit.read',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const ALL: readonly Role[] = ['operator', 'team', 'district', 'province', 'admin'];
const STAFF: readonly Role[] = ['district', 'province', 'admin'];

/** Per action: which roles may do it, and on which relations. */
const RULES: Record<StaffAction, { roles: readonly Role[]; relations: readonly UnitRelation[] }> = {
  'units.read': { roles: ALL, relations: ['same', 'below', 'above'] },
  'units.write': { roles: ['province', 'admin'], relations: ['same', 'below'] },
  'bulletins.read': { roles: ALL, relations: ['same', 'below', 'above'] },
  'bulletins.write': { roles: STAFF, relations: ['same', 'below'] },
  'devices.manage': { roles: STAFF, relations: ['same', 'below'] },
  'logs.read': { roles: ALL, relations: ['same', 'below'] },
  'slots.review': { roles: STAFF, relations: ['same', 'below'] },
  'reports.read': { roles: STAFF, relations: ['same', 'below'] },
  'users.manage': { roles: STAFF, relations: ['same', 'below'] },
  'audit.read': { roles: STAFF, relations: ['same', 'below'] },
};

/** Whether a staff account with `role` may do `action` on a unit in `relation` to its own unit. */
export function mayAct(role: Role, action: StaffAction, relation: UnitRelation): boolean {
  const rule = RULES[action];
  return rule.roles.includes(role) && rule.relations.includes(relation);
}

/** The relation of `targetId` to `actorUnitId`, given each unit's parent (null at a root). */
export function unitRelation(
  actorUnitId: string,
  targetId: string,
  parentOf: (unitId: string) => string | null | undefined,
): UnitRelation {
  if (actorUnitId === targetId) return 'same';
  const ancestorsOf = (id: string): string[] => {
    const seen: string[] = [];
    for (let at = parentOf(id); at != null && !seen.includes(at); at = parentOf(at)) seen.push(at);
    return seen;
  };
  if (ancestorsOf(targetId).includes(actorUnitId)) return 'below';
  if (ancestorsOf(actorUnitId).includes(targetId)) return 'above';
  return 'unrelated';
}
