import * as v from 'valibot';
import { BulletinSchema } from './schemas/bulletin.ts';
import { LanguageSlotSchema } from './schemas/language-slot.ts';
import { UnitSchema } from './schemas/unit.ts';
import { VERIFICATIONS, type BroadcastLog } from './schemas/broadcast-log.ts';
import { IdSchema, LanguageCodeSchema, RevSchema } from './schemas/common.ts';
import { SlotReviewSchema } from './slot-submission.ts';
import { LOG_PROBLEMS } from './evidence/verify-log.ts';

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

/** A language slot named by its key: one language of one bulletin. */
export const SlotKeySchema = v.strictObject({ bulletinId: IdSchema, lang: LanguageCodeSchema });
export type SlotKey = v.InferOutput<typeof SlotKeySchema>;

/**
 * One page of changes the device's unit may see, ordered by rev across kinds. `cursor` is the rev of the last
 * change in the page (or the request's cursor when empty); `more` says another page is waiting.
 * - database: the identity of the server's database. Revs count within one database: a device that meets
 *   another identity (the server was restored from a backup or replaced) starts again from cursor 0;
 * - units: the device's unit, its ancestors and the units below it;
 * - bulletins: published or withdrawn bulletins targeted at the unit or an ancestor;
 * - slots: approved slots, in the unit's languages, of those bulletins;
 * - reviews: the review state of translations this unit submitted;
 * - withdrawals: ids of bulletins changed in this page that the unit may no longer see (retargeted away);
 *   a device drops them like withdrawn ones, and ignores ids it never had;
 * - slotWithdrawals: keys of slots changed in this page that are no longer approved, in the unit's languages,
 *   of bulletins it sees; a device drops them, and ignores keys it never had;
 * - scope: when the page sends the device's own unit (whose row the server sends again whenever what the unit
 *   sees may have shrunk), every unit the device may see now and the languages whose slots it gets; the
 *   device drops every other unit and every slot in another language. Null otherwise.
 * A page field this app does not know is ignored, not refused: a phone whose app is a version behind the server
 * keeps syncing (and is offered the update) instead of stopping at "the server's data is damaged".
 */
export const PullPageSchema = v.object({
  database: IdSchema,
  units: v.array(UnitSchema),
  bulletins: v.array(BulletinSchema),
  slots: v.array(LanguageSlotSchema),
  reviews: v.array(SlotReviewSchema),
  withdrawals: v.array(IdSchema),
  slotWithdrawals: v.array(SlotKeySchema),
  scope: v.nullable(v.strictObject({ units: v.array(IdSchema), languages: v.array(LanguageCodeSchema) })),
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

/** Most logs in one push: fewer round trips on 2G; a batch of ordinary logs (~800 B of JSON each) is ~400 KB. */
export const PUSH_BATCH_MAX = 500;

/** Largest request body the API reads, as sent (gzip or not) and once decompressed. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_INFLATED_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Most JSON bytes (before gzip) a device puts in one push: half of MAX_BODY_BYTES, so both limits hold with room
 * even for text gzip cannot shrink; a batch of long logs (up to ~15 KB each) holds fewer than PUSH_BATCH_MAX.
 */
export const PUSH_BATCH_MAX_BYTES = MAX_BODY_BYTES / 2;

/**
 * POST /api/sync/push: logs of the calling device, in seq order. Only each log's id is checked here: the server
 * checks every log against BroadcastLogSchema on its own and refuses one that fails as `invalid`, so a single
 * log an older or newer app wrote differently does not hold back the rest of the device's evidence.
 */
export const PushRequestSchema = v.strictObject({
  logs: v.pipe(v.array(v.looseObject({ id: IdSchema })), v.minLength(1), v.maxLength(PUSH_BATCH_MAX)),
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

/**
 * Why the server refused to store a log; the device keeps it and shows the reason. The server keeps every
 * refused log apart from the device's chain, for staff to see (refused_logs).
 */
export const PUSH_REJECTIONS = [
  /** The log does not pass this server's log schema: written by an older or newer app, or damaged. */
  'invalid',
  /**
   * The log's fields do not give its hash, or the device's key did not sign it: it was not written by this
   * device (a forgery sent with its token, or damaged on the way), and never takes the place of one that was.
   */
  'not_signed',
  /** The log names another device than the one whose token sent it. */
  'wrong_device',
  /** The log's unit is not the device's unit or a unit below it. */
  'unit_not_allowed',
  /** Another log already holds this device's seq: the chain forked. */
  'seq_conflict',
  /** A different log with this id is already stored. */
  'id_conflict',
] as const;
export type PushRejection = (typeof PUSH_REJECTIONS)[number];

/**
 * The server's answer for one log. `accepted`: stored now, with its verification; `duplicate`: the same log was
 * stored before (a resent batch), with its verification; `rejected`: not stored, with the reason. A log stored
 * but not verified comes with the problem found (verify-log.ts), e.g. `clock_ahead` for a phone whose clock is
 * wrong, so the device can say what to do.
 */
export const PushResultSchema = v.variant('status', [
  v.strictObject({
    id: IdSchema,
    status: v.literal('accepted'),
    verification: v.picklist(VERIFICATIONS),
    problem: v.optional(v.picklist(LOG_PROBLEMS)),
  }),
  v.strictObject({
    id: IdSchema,
    status: v.literal('duplicate'),
    verification: v.picklist(VERIFICATIONS),
    problem: v.optional(v.picklist(LOG_PROBLEMS)),
  }),
  v.strictObject({ id: IdSchema, status: v.literal('rejected'), reason: v.picklist(PUSH_REJECTIONS) }),
]);
export type PushResult = v.InferOutput<typeof PushResultSchema>;

/** The answer of a push: one result per log sent, in the same order. */
export const PushResponseSchema = v.strictObject({ results: v.array(PushResultSchema) });
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;

/** A log as the server holds it: what the device signed, when it arrived, and what verification found. */
export type ReceivedLog = BroadcastLog & {
  receivedAt: string;
  verification: (typeof VERIFICATIONS)[number];
};
