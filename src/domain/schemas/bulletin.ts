import * as v from 'valibot';
import {
  DateSchema,
  IdSchema,
  PositiveIntegerSchema,
  RevSchema,
  TextSchema,
  TimestampSchema,
  labelSchema,
} from './common.ts';

export const BULLETIN_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Themes of policy communication named by the provincial plans under Directive 07/CT-TTg. */
export const TOPICS = [
  'access_to_information',
  'digital_transformation',
  'health_insurance',
  'social_insurance',
  'fake_news',
  'disaster_preparedness',
  'land',
  'agriculture',
  'ethnic_policy',
  'security_order',
  'education',
  'environment',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

/** "Air it `times` times every `perDays` days until `untilDate`", e.g. 3 times a week for 2 weeks. */
export const AiringRequirementSchema = v.strictObject({
  times: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
  perDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366)),
  untilDate: v.nullable(DateSchema),
});
export type AiringRequirement = v.InferOutput<typeof AiringRequirementSchema>;

const BulletinFieldsSchema = v.strictObject({
  id: IdSchema,
  version: PositiveIntegerSchema,
  status: v.picklist(BULLETIN_STATUSES),
  title: labelSchema(200),
  summary: v.pipe(TextSchema, v.trim(), v.maxLength(600)),
  /** Plain-text paragraphs separated by blank lines; never HTML. */
  body: v.pipe(TextSchema, v.trim(), v.nonEmpty(), v.maxLength(30000)),
  topic: v.picklist(TOPICS),
  /** The policy the bulletin communicates, e.g. "Quyết định 407/QĐ-TTg". */
  policyRef: v.pipe(TextSchema, v.trim(), v.maxLength(200)),
  issuer: labelSchema(200),
  urgency: v.picklist(URGENCIES),
  validFrom: DateSchema,
  validUntil: v.nullable(DateSchema),
  targetUnitIds: v.pipe(v.array(IdSchema), v.minLength(1), v.maxLength(500)),
  airing: v.nullable(AiringRequirementSchema),
  updatedAt: TimestampSchema,
  rev: RevSchema,
});

/** The rule of a validity period, for the stored bulletin and for what staff type: no end before the start. */
export function hasValidPeriod(period: { validFrom: string; validUntil: string | null }): boolean {
  return period.validUntil === null || period.validUntil >= period.validFrom;
}
export const VALID_PERIOD_MESSAGE = 'validUntil must not be before validFrom';

/** A policy bulletin, written in Vietnamese; translations live in language slots. */
export const BulletinSchema = v.pipe(
  BulletinFieldsSchema,
  v.forward(
    v.check((b) => hasValidPeriod(b), VALID_PERIOD_MESSAGE),
    ['validUntil'],
  ),
);
export type Bulletin = v.InferOutput<typeof BulletinSchema>;
