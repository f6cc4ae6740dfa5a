import { describe, expect, it } from 'vitest';
import { STAFF_ACTIONS, mayAct, unitRelation } from '../../../src/domain/authz.ts';
import type { StaffAction, UnitRelation } from '../../../src/domain/authz.ts';
import { ROLES } from '../../../src/domain/schemas/user.ts';
import type { Role } from '../../../src/domain/schemas/user.ts';

const RELATIONS: readonly UnitRelation[] = ['same', 'below', 'above', 'unrelated'];

/** The rule written out per action and role: the relations allowed (absent role = none). */
const EXPECTED: Record<StaffAction, Partial<Record<Role, readonly UnitRelation[]>>> = {
  'units.read': Object.fromEntries(ROLES.map((role) => [role, ['same', 'below', 'above']])),
  'units.write': { province: ['same', 'below'], admin: ['same', 'below'] },
  'bulletins.read': Object.fromEntries(ROLES.map((role) => [role, ['same', 'below', 'above']])),
  'bulletins.write': { district: ['same', 'below'], province: ['same', 'below'], admin: ['same', 'below'] },
  'devices.manage': { district: ['same', 'below'], province: ['same', 'below'], admin: ['same', 'below'] },
  'logs.read': Object.fromEntries(ROLES.map((role) => [role, ['same', 'below']])),
  'slots.review': { district: ['same', 'below'], province: ['same', 'below'], admin: ['same', 'below'] },
  'reports.read': { district: ['same', 'below'], province: ['same', 'below'], admin: ['same', 'below'] },
  'users.manage': { district: ['same', 'below'], province: ['same', 'below'], admin: ['same', 'below'] },
  'audit.read': { district: ['same', 'below'], province: ['same', 'below'], admin: ['same', 'below'] },
};

describe('mayAct', () => {
  const table = STAFF_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      RELATIONS.map((relation) => {
        const allowed = EXPECTED[action][role]?.includes(relation) ?? false;
        return [action, role, relation, allowed] as const;
      }),
    ),
  );

  it.each(table)('%s by %s on a unit %s → %s', (action, role, relation, allowed) => {
    expect(mayAct(role, action, relation)).toBe(allowed);
  });

  it('never lets anyone act on another branch', () => {
    for (const action of STAFF_ACTIONS)
      for (const role of ROLES) expect(mayAct(role, action, 'unrelated')).toBe(false);
  });
});

describe('unitRelation', () => {
  // province ─┬─ district ─┬─ commune
  //           │            └─ team
  //           └─ district2 ── commune2
  const parents: Record<string, string | null> = {
    province: null,
    district: 'province',
    commune: 'district',
    team: 'district',
    district2: 'province',
    commune2: 'district2',
  };
  const parentOf = (id: string) => parents[id];

  it.each([
    ['district', 'district', 'same'],
    ['province', 'commune', 'below'],
    ['district', 'team', 'below'],
    ['commune', 'district', 'above'],
    ['commune', 'province', 'above'],
    ['commune', 'team', 'unrelated'],
    ['district', 'commune2', 'unrelated'],
    ['commune2', 'district', 'unrelated'],
  ] as const)('%s → %s is %s', (actor, target, relation) => {
    expect(unitRelation(actor, target, parentOf)).toBe(relation);
  });

  it('treats an unknown unit as unrelated, unless it is the actor’s own id', () => {
    expect(unitRelation('district', 'ghost', parentOf)).toBe('unrelated');
    expect(unitRelation('ghost', 'district', parentOf)).toBe('unrelated');
    expect(unitRelation('ghost', 'ghost', parentOf)).toBe('same');
  });

  it('ends on a cycle in the parent chain instead of looping', () => {
    const cyclic: Record<string, string> = { a: 'b', b: 'c', c: 'a', x: 'a' };
    const cyclicParent = (id: string) => cyclic[id];
    expect(unitRelation('a', 'x', cyclicParent)).toBe('below');
    expect(unitRelation('x', 'b', cyclicParent)).toBe('above');
    expect(unitRelation('x', 'outside', cyclicParent)).toBe('unrelated');
    // Inside a cycle every unit is both above and below the others; "below" is checked first.
    expect(unitRelation('a', 'b', cyclicParent)).toBe('below');
  });

  it('ends on a unit that is its own parent', () => {
    expect(unitRelation('self', 'other', (id) => (id === 'self' ? 'self' : null))).toBe('unrelated');
  });
});
