import * as v from 'valibot';
import { Sha256Schema } from './common.ts';

/** Largest attachment accepted anywhere: a 10-minute recording or a resized photo fits well inside. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Content-addressed binary: a photo of a vehicle stop or a recorded reading. */
export const AttachmentSchema = v.strictObject({
  id: Sha256Schema,
  mime: v.picklist([
    'image/jpeg',
    'image/png',
    'image/webp',
    'audio/webm',
    'audio/ogg',
    'audio/mp4',
    'audio/wav',
    'audio/mpeg',
  ]),
  size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTACHMENT_BYTES)),
});
export type Attachment = v.InferOutput<typeof AttachmentSchema>;
