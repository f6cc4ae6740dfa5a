/**
 * What staff send to write a bulletin (docs/api.md, staff bulletins): the bulletin's content fields with the
 * checks of BulletinSchema. The server owns id, status, version, updatedAt and rev; an edit names the version
 * it was made from, so two staff editing at once cannot overwrite each other unknowingly.
 */
import * as v from 'valibot';
import { BulletinSchema, VALID_PERIOD_MESSAGE, hasValidPeriod } from './schemas/bulletin.ts';

const fields = BulletinSchema.entries;

/** The content fields, each with its BulletinSchema checks. */
const CONTENT_ENTRIES = {
  title: fields.title,
  summary: fields.summary,
  body: fields.body,
  topic: fields.topic,
  policyRef: fields.policyRef,
  issuer: fields.issuer,
  urgency: fields.urgency,
  validFrom: fields.validFrom,
  validUntil: fields.validUntil,
  targetUnitIds: fields.targetUnitIds,
  airing: fields.airing,
};

/** POST /api/bulletins: a new bulletin, stored as a draft at version 1. */
export const BulletinInputSchema = v.pipe(
  v.strictObject(CONTENT_ENTRIES),
  v.forward(
    v.check((b) => hasValidPeriod(b), VALID_PERIOD_MESSAGE),
    ['validUntil'],
  ),
);
export type BulletinInput = v.InferOutput<typeof BulletinInputSchema>;

/** PUT /api/bulletins/:id: the whole content again plus the version it edits; it becomes version + 1. */
export const BulletinUpdateSchema = v.pipe(
  v.strictObject({ ...CONTENT_ENTRIES, version: fields.version }),
  v.forward(
    v.check((b) => hasValidPeriod(b), VALID_PERIOD_MESSAGE),
    ['validUntil'],
  ),
);
export type BulletinUpdate = v.InferOutput<typeof BulletinUpdateSchema>;
