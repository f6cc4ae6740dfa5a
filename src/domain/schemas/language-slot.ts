import * as v from 'valibot';
import {
  IdSchema,
  LanguageCodeSchema,
  PositiveIntegerSchema,
  RevSchema,
  Sha256Schema,
  TextSchema,
  TimestampSchema,
} from './common.ts';

export const SLOT_STATUSES = ['missing', 'draft', 'submitted', 'approved', 'rejected'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/** A bulletin in one language: its translated text and, where someone recorded it, a human reading. */
export const LanguageSlotSchema = v.strictObject({
  bulletinId: IdSchema,
  lang: LanguageCodeSchema,
  /** The bulletin version this text translates; a newer bulletin version makes the slot stale. */
  bulletinVersion: PositiveIntegerSchema,
  text: v.pipe(TextSchema, v.maxLength(30000)),
  /** Attachment id (SHA-256) of the recorded reading. */
  audioId: v.nullable(Sha256Schema),
  status: v.picklist(SLOT_STATUSES),
  translator: v.nullable(v.pipe(TextSchema, v.trim(), v.maxLength(200))),
  reviewer: v.nullable(v.pipe(TextSchema, v.trim(), v.maxLength(200))),
  reviewComment: v.nullable(v.pipe(TextSchema, v.maxLength(2000))),
  updatedAt: TimestampSchema,
  rev: RevSchema,
});
export type LanguageSlot = v.InferOutput<typeof LanguageSlotSchema>;
