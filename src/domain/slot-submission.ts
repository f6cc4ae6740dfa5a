/**
 * Shared translations: a translator's slot goes up as a submission; district staff approve or reject it with a
 * comment. An approved submission becomes the bulletin's language slot for every unit that speaks the language;
 * the submitting unit also receives the review itself (SlotReview), so the translator sees a rejection and why.
 */
import * as v from 'valibot';
import {
  IdSchema,
  LanguageCodeSchema,
  PositiveIntegerSchema,
  RevSchema,
  Sha256Schema,
  TextSchema,
  TimestampSchema,
} from './schemas/common.ts';
import { LanguageSlotSchema } from './schemas/language-slot.ts';

export const SUBMISSION_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

const SlotContentEntries = {
  text: LanguageSlotSchema.entries.text,
  audioId: v.nullable(Sha256Schema),
  translator: v.pipe(TextSchema, v.trim(), v.nonEmpty(), v.maxLength(200)),
};

/**
 * POST /api/slots/submissions from a device. The id is made on the device (UUID v7), so resending after a
 * lost answer stores it once. A recording must be uploaded first (PUT /api/attachments/:sha256).
 */
export const SubmitSlotRequestSchema = v.pipe(
  v.strictObject({
    id: IdSchema,
    bulletinId: IdSchema,
    lang: LanguageCodeSchema,
    bulletinVersion: PositiveIntegerSchema,
    ...SlotContentEntries,
  }),
  v.check((s) => s.text.trim() !== '' || s.audioId !== null, 'a translation needs text or a recording'),
);
export type SubmitSlotRequest = v.InferOutput<typeof SubmitSlotRequestSchema>;

/** A submission as the server keeps it and staff review it. */
export interface SlotSubmission extends SubmitSlotRequest {
  unitId: string;
  deviceId: string;
  status: SubmissionStatus;
  reviewer: string | null;
  reviewComment: string | null;
  submittedAt: string;
  reviewedAt: string | null;
}

/** POST /api/slots/submissions/:id/review. A rejection must say why, so the translator can fix it. */
export const ReviewRequestSchema = v.pipe(
  v.strictObject({
    decision: v.picklist(['approve', 'reject']),
    comment: v.pipe(TextSchema, v.trim(), v.maxLength(2000)),
  }),
  v.forward(
    v.check((r) => r.decision === 'approve' || r.comment !== '', 'a rejection needs a comment'),
    ['comment'],
  ),
);
export type ReviewRequest = v.InferOutput<typeof ReviewRequestSchema>;

/** What a pull tells the submitting unit about one of its submissions. */
export const SlotReviewSchema = v.strictObject({
  submissionId: IdSchema,
  bulletinId: IdSchema,
  lang: LanguageCodeSchema,
  status: v.picklist(SUBMISSION_STATUSES),
  reviewer: v.nullable(v.pipe(TextSchema, v.maxLength(200))),
  reviewComment: v.nullable(v.pipe(TextSchema, v.maxLength(2000))),
  updatedAt: TimestampSchema,
  rev: RevSchema,
});
export type SlotReview = v.InferOutput<typeof SlotReviewSchema>;
