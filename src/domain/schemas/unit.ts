import * as v from 'valibot';
import { IdSchema, LanguageCodeSchema, RevSchema, TimestampSchema, labelSchema } from './common.ts';

/** Levels of the administrative tree; any depth is allowed, teams hang under any unit. */
export const UNIT_LEVELS = ['province', 'district', 'commune', 'team'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** A unit of the grassroots information system: province, district, commune station or vehicle team. */
export const UnitSchema = v.strictObject({
  id: IdSchema,
  parentId: v.nullable(IdSchema),
  level: v.picklist(UNIT_LEVELS),
  name: labelSchema(200),
  /** Official administrative code (mã đơn vị hành chính), when it has one. */
  code: v.nullable(v.pipe(v.string(), v.regex(/^[0-9A-Z-]{1,20}$/))),
  /** Languages spoken in the unit's area; Vietnamese always first. */
  languages: v.pipe(v.array(LanguageCodeSchema), v.minLength(1), v.maxLength(20)),
  updatedAt: TimestampSchema,
  rev: RevSchema,
});
export type Unit = v.InferOutput<typeof UnitSchema>;
