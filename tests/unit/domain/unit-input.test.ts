import { describe, expect, it } from 'vitest';
import {
  UnitInputSchema,
  UnitUpdateSchema,
  placementProblem,
  unitLanguages,
  usualChildLevel,
  type Placement,
} from '../../../src/domain/unit-input.ts';
import { UNIT_LEVELS } from '../../../src/domain/schemas/unit.ts';
import { validate } from '../../../src/domain/validation.ts';

const PARENT = '0195f3a4-7c1e-7a10-8b2c-3d4e5f607100';
const UNIT = '0195f3a4-7c1e-7a10-8b2c-3d4e5f607101';
const input = {
  name: '  Xã Nậm Cang ',
  code: '15907',
  level: 'commune',
  parentId: PARENT,
  languages: ['vie', 'hmn', 'blt'],
} as const;

function fieldsOf(result: ReturnType<typeof validate>): string[] {
  return result.ok ? [] : result.issues.map((issue) => issue.field);
}

describe('UnitInputSchema', () => {
  it('accepts a unit under a parent and trims its name', () => {
    expect(validate(UnitInputSchema, input)).toEqual({
      ok: true,
      value: { ...input, name: 'Xã Nậm Cang', languages: ['vie', 'hmn', 'blt'] },
    });
    expect(validate(UnitInputSchema, { ...input, code: null }).ok).toBe(true);
  });

  it('refuses the fields the server owns and unknown ones', () => {
    for (const extra of ['id', 'updatedAt', 'rev', 'devices']) {
      expect(fieldsOf(validate(UnitInputSchema, { ...input, [extra]: 1 }))).toEqual([extra]);
    }
  });

  it('names the field of each problem', () => {
    expect(fieldsOf(validate(UnitInputSchema, { ...input, name: '  ' }))).toEqual(['name']);
    expect(fieldsOf(validate(UnitInputSchema, { ...input, code: 'xã 1' }))).toEqual(['code']);
    expect(fieldsOf(validate(UnitInputSchema, { ...input, level: 'village' }))).toEqual(['level']);
    expect(fieldsOf(validate(UnitInputSchema, { ...input, parentId: null }))).toEqual(['parentId']);
    expect(fieldsOf(validate(UnitInputSchema, { ...input, parentId: 'xa' }))).toEqual(['parentId']);
  });

  it('wants known languages, Vietnamese first, each once', () => {
    for (const languages of [[], ['hmn', 'vie'], ['vie', 'hmn', 'hmn'], ['vie', 'klingon'], ['vi']]) {
      const fields = fieldsOf(validate(UnitInputSchema, { ...input, languages }));
      expect(new Set(fields.map((field) => field.split('.')[0])), String(languages)).toEqual(
        new Set(['languages']),
      );
    }
  });
});

describe('UnitUpdateSchema', () => {
  const update = { ...input, updatedAt: '2026-11-20T01:00:00.000Z' };

  it('takes the updatedAt the edit was made from, and a null parent (kept by roots only)', () => {
    expect(validate(UnitUpdateSchema, update).ok).toBe(true);
    expect(validate(UnitUpdateSchema, { ...update, parentId: null }).ok).toBe(true);
    const { updatedAt: _, ...withoutStamp } = update;
    expect(fieldsOf(validate(UnitUpdateSchema, withoutStamp))).toEqual(['updatedAt']);
    expect(fieldsOf(validate(UnitUpdateSchema, { ...update, rev: 3 }))).toEqual(['rev']);
  });
});

describe('unitLanguages', () => {
  it('keeps Vietnamese first, always, and the rest once each in registry order', () => {
    expect(unitLanguages([])).toEqual(['vie']);
    expect(unitLanguages(['blt', 'hmn', 'hmn'])).toEqual(['vie', 'hmn', 'blt']);
    expect(unitLanguages(['khm', 'vie', 'unknown'])).toEqual(['vie', 'khm']);
  });
});

describe('usualChildLevel', () => {
  it('goes one level down, teams under communes and teams', () => {
    expect(UNIT_LEVELS.map(usualChildLevel)).toEqual(['district', 'commune', 'team', 'team']);
  });
});

describe('placementProblem', () => {
  const placement = (overrides: Partial<Placement>): Placement => ({
    unitId: UNIT,
    level: 'commune',
    currentParentId: PARENT,
    parent: { id: PARENT, level: 'district', ancestorIds: ['province'] },
    childLevels: [],
    ...overrides,
  });

  it('lets a unit hang under a unit of its level or a higher one, at any depth', () => {
    expect(placementProblem(placement({}))).toBeNull();
    expect(placementProblem(placement({ unitId: null, currentParentId: undefined }))).toBeNull();
    const deep = { id: PARENT, level: 'commune' as const, ancestorIds: ['c1', 'c2', 'district', 'province'] };
    expect(placementProblem(placement({ parent: deep }))).toBeNull();
    expect(placementProblem(placement({ level: 'team', parent: deep }))).toBeNull();
  });

  it('keeps a root a root, and never makes a new one', () => {
    expect(
      placementProblem(placement({ currentParentId: null, parent: null, level: 'province' })),
    ).toBeNull();
    expect(placementProblem(placement({ parent: null }))).toBe('parent_required');
    expect(placementProblem(placement({ unitId: null, currentParentId: undefined, parent: null }))).toBe(
      'parent_required',
    );
  });

  it('refuses a move under the unit itself or its own subtree', () => {
    expect(placementProblem(placement({ parent: { id: UNIT, level: 'district', ancestorIds: [] } }))).toBe(
      'cycle',
    );
    const below = { id: 'team', level: 'commune' as const, ancestorIds: [UNIT, PARENT, 'province'] };
    expect(placementProblem(placement({ parent: below }))).toBe('cycle');
  });

  it('hangs nothing under a team', () => {
    const team = { id: 'team', level: 'team' as const, ancestorIds: [PARENT] };
    expect(placementProblem(placement({ parent: team }))).toBe('team_parent');
    expect(placementProblem(placement({ level: 'team', parent: team }))).toBe('team_parent');
  });

  it('keeps levels in order above and below the unit', () => {
    expect(placementProblem(placement({ level: 'province' }))).toBe('level_above_parent');
    expect(placementProblem(placement({ level: 'team', childLevels: ['team'] }))).toBe(
      'level_below_children',
    );
    expect(placementProblem(placement({ level: 'commune', childLevels: ['district'] }))).toBe(
      'level_below_children',
    );
    expect(placementProblem(placement({ level: 'district', childLevels: ['commune', 'team'] }))).toBeNull();
  });
});
