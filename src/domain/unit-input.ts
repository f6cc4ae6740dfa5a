/**
 * What staff send to create or edit a unit (docs/api.md, staff units), and where a unit may sit in the tree.
 * The server owns id, updatedAt and rev; an edit names the updatedAt of the unit it was made from, so two staff
 * editing at once cannot overwrite each other unknowingly. updatedAt rather than rev: a unit's rev also moves
 * when a neighbour's move re-sends it to devices, which is no reason to refuse an edit.
 *
 * The placement rules are pure so the server enforces them and the staff form offers only parents that pass.
 */
import * as v from 'valibot';
import { LANGUAGE_CODES, VIETNAMESE, type LanguageCode } from './languages.ts';
import { UNIT_LEVELS, UnitSchema, type UnitLevel } from './schemas/unit.ts';
import { IdSchema } from './schemas/common.ts';

const fields = UnitSchema.entries;

/** A unit's languages as staff send them: known codes, Vietnamese first, each once. */
const LanguagesSchema = v.pipe(
  fields.languages,
  v.check((codes) => codes[0] === VIETNAMESE, 'Vietnamese (vie) must be the first language'),
  v.check((codes) => new Set(codes).size === codes.length, 'A language is listed more than once'),
);

/** The fields every write sends whole. */
const CONTENT_ENTRIES = {
  name: fields.name,
  code: fields.code,
  level: fields.level,
  languages: LanguagesSchema,
};

/** POST /api/units: a new unit under `parentId`; staff never create a root (a new province is set up by seeding). */
export const UnitInputSchema = v.strictObject({ ...CONTENT_ENTRIES, parentId: IdSchema });
export type UnitInput = v.InferOutput<typeof UnitInputSchema>;

/**
 * PUT /api/units/:id: the whole unit again (a new parentId moves it) plus the updatedAt it was read at.
 * parentId is null only for a unit that already is a root (see placementProblem).
 */
export const UnitUpdateSchema = v.strictObject({
  ...CONTENT_ENTRIES,
  parentId: fields.parentId,
  updatedAt: fields.updatedAt,
});
export type UnitUpdate = v.InferOutput<typeof UnitUpdateSchema>;

/** `selected` as a unit's languages: Vietnamese always, first; the rest once each, in registry order. */
export function unitLanguages(selected: readonly string[]): LanguageCode[] {
  return LANGUAGE_CODES.filter((code) => code === VIETNAMESE || selected.includes(code));
}

/**
 * Rank of each level: a unit may hang under a unit of its own level or a higher one (smaller rank), so the
 * tree may be as deep as an area needs; teams hang under any unit but are leaves ('team_parent').
 */
const LEVEL_RANK: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, team: 3 };

/** The level a new unit under a `parent` unit usually has: one level down, a team under a commune or a team. */
export function usualChildLevel(parent: UnitLevel): UnitLevel {
  return UNIT_LEVELS[Math.min(LEVEL_RANK[parent] + 1, UNIT_LEVELS.length - 1)] ?? 'team';
}

/** Why a unit may not sit where a write would put it. */
export const PLACEMENT_PROBLEMS = [
  /** Only a unit that already is a root may have no parent. */
  'parent_required',
  /** The new parent is the unit itself or a unit below it. */
  'cycle',
  /** A team (vehicle or loudspeaker team) is a leaf: nothing hangs under it. */
  'team_parent',
  /** The unit's level is higher than its parent's (a district under a commune). */
  'level_above_parent',
  /** The unit's new level is lower than one of its children's, or a team's, which has children. */
  'level_below_children',
] as const;
export type PlacementProblem = (typeof PLACEMENT_PROBLEMS)[number];

/** The field of UnitInput/UnitUpdate a placement problem is about. */
export const PLACEMENT_FIELDS: Record<PlacementProblem, 'parentId' | 'level'> = {
  parent_required: 'parentId',
  cycle: 'parentId',
  team_parent: 'parentId',
  level_above_parent: 'level',
  level_below_children: 'level',
};

/** What the API says about each problem (the staff form words them in the user's language). */
export const PLACEMENT_MESSAGES: Record<PlacementProblem, string> = {
  parent_required: 'A unit needs a parent unit',
  cycle: 'A unit cannot be moved under itself or a unit below it',
  team_parent: 'A team has no units below it',
  level_above_parent: "The unit's level is higher than its parent's",
  level_below_children: "The unit's level is lower than a unit below it",
};

/** A unit being created (`unitId` null) or edited, and the parent the write would give it. */
export interface Placement {
  unitId: string | null;
  level: UnitLevel;
  /** Its parent before the write: null for a root, undefined for a new unit. */
  currentParentId: string | null | undefined;
  /** The new parent with the ids of all its ancestors, or null for no parent. */
  parent: { id: string; level: UnitLevel; ancestorIds: readonly string[] } | null;
  /** Levels of the unit's children now (none for a new unit). */
  childLevels: readonly UnitLevel[];
}

/** The first rule a placement breaks, or null when the unit may sit there. */
export function placementProblem({
  unitId,
  level,
  currentParentId,
  parent,
  childLevels,
}: Placement): PlacementProblem | null {
  if (parent === null) {
    if (unitId === null || currentParentId !== null) return 'parent_required';
  } else {
    if (parent.id === unitId || (unitId !== null && parent.ancestorIds.includes(unitId))) return 'cycle';
    if (parent.level === 'team') return 'team_parent';
    if (LEVEL_RANK[level] < LEVEL_RANK[parent.level]) return 'level_above_parent';
  }
  const tooHigh = (child: UnitLevel) => LEVEL_RANK[child] < LEVEL_RANK[level];
  if (childLevels.length > 0 && (level === 'team' || childLevels.some(tooHigh)))
    return 'level_below_children';
  return null;
}
