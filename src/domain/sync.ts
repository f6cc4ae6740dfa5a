import * as v from 'valibot';
import { BulletinSchema } from './schemas/bulletin.ts';
import { LanguageSlotSchema } from './schemas/language-slot.ts';
import { UnitSchema } from './schemas/unit.ts';
import { RevSchema } from './schemas/common.ts';

/** Most changes the server sends in one pull page: small enough for a 2G round trip. */
export const PULL_PAGE_MAX = 500;
export const PULL_PAGE_DEFAULT = 200;

/** Query of GET /api/sync/pull: changes with rev greater than `cursor`, at most `limit` of them. */
export const PullQuerySchema = v.strictObject({
  cursor: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number), RevSchema),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(PULL_PAGE_MAX)),
    String(PULL_PAGE_DEFAULT),
  ),
});

/**
 * One page of changes, ordered by rev across kinds. `cursor` is the rev of the last change in the page
 * (or the request's cursor when empty); `more` says another page is waiting.
 */
export const PullPageSchema = v.strictObject({
  units: v.array(UnitSchema),
  bulletins: v.array(BulletinSchema),
  slots: v.array(LanguageSlotSchema),
  cursor: RevSchema,
  more: v.boolean(),
});
export type PullPage = v.InferOutput<typeof PullPageSchema>;

/** Body of every 4xx/5xx answer of the API. */
export interface ApiError {
  error: string;
  message: string;
  issues?: { field: string; message: string }[];
}
