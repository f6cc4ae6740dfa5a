/**
 * Photos of vehicle stops, made small on the device before they are stored: scaled to PHOTO_MAX_SIDE and
 * re-encoded as JPEG, stepping the quality down until the photo fits PHOTO_TARGET_BYTES. Re-encoding also drops
 * the camera's EXIF block (phone model, the photo's own GPS tag); the orientation it recorded is applied to the
 * pixels first, so the photo stays upright. Stored as content-addressed attachments (attachment-repository.ts).
 */
import type { Attachment } from '../../domain/schemas/attachment.ts';
import { fitWithin, PHOTO_MAX_SIDE, PHOTO_QUALITIES, PHOTO_TARGET_BYTES } from '../../domain/photo-size.ts';
import { putAttachment } from '../db/attachment-repository.ts';
import type { LoaxaDb } from '../db/database.ts';

/** Why a photo could not be made small: the file is not an image the browser can read, or encoding failed. */
export type PhotoProblem = 'unreadable' | 'encodeFailed';

/** Raised before anything is stored when a photo cannot be read or re-encoded. */
export class PhotoError extends Error {
  /** Builds the error for one problem. */
  constructor(readonly problem: PhotoProblem) {
    super(`photo rejected: ${problem}`);
    this.name = 'PhotoError';
  }
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas: Canvas, quality: number): Promise<Blob | null> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/** The photo scaled and re-encoded as a JPEG of at most PHOTO_MAX_SIDE pixels a side, EXIF removed. */
export async function resizePhoto(file: Blob, maxSide: number = PHOTO_MAX_SIDE): Promise<Blob> {
  let decoded: ImageBitmap;
  try {
    decoded = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('unreadable');
  }
  const size = fitWithin(decoded.width, decoded.height, maxSide);
  let scaled: ImageBitmap;
  try {
    // The browser's own resampling ('high') avoids the jagged edges of one big drawImage step down.
    scaled = await createImageBitmap(decoded, {
      resizeWidth: size.width,
      resizeHeight: size.height,
      resizeQuality: 'high',
    });
  } finally {
    decoded.close();
  }
  const canvas = canvasOf(size.width, size.height);
  const context = canvas.getContext('2d') as
    CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) {
    scaled.close();
    throw new PhotoError('encodeFailed');
  }
  context.drawImage(scaled, 0, 0);
  scaled.close();
  let photo: Blob | null = null;
  for (const quality of PHOTO_QUALITIES) {
    photo = await encode(canvas, quality);
    if (!photo || photo.size <= PHOTO_TARGET_BYTES) break;
  }
  if (!photo || photo.size === 0) throw new PhotoError('encodeFailed');
  return photo;
}

/** Makes a camera photo small and stores it; its id (SHA-256) is what a log's photoIds name. */
export async function storePhoto(db: LoaxaDb, file: Blob): Promise<Attachment> {
  return putAttachment(db, await resizePhoto(file), 'image/jpeg');
}
