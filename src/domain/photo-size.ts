/**
 * How big a photo of a vehicle stop is kept: enough to recognise the place and the crowd, small enough that a
 * day of stops fits a cheap phone and uploads over 2G. A 12-megapixel camera photo becomes about 1280 × 960.
 */

/** Longest side of a stored photo, in pixels. */
export const PHOTO_MAX_SIDE = 1280;

/** Size a stored photo should not pass; the encoder steps its quality down until it fits. */
export const PHOTO_TARGET_BYTES = 300 * 1024;

/** JPEG qualities tried in turn: the first whose photo fits PHOTO_TARGET_BYTES is kept (the last one anyway). */
export const PHOTO_QUALITIES = [0.8, 0.7, 0.6, 0.5] as const;

/** Pixel dimensions. */
export interface Size {
  width: number;
  height: number;
}

/** The size of an image scaled to fit `maxSide` on its longer side, keeping its shape; never enlarged. */
export function fitWithin(width: number, height: number, maxSide: number = PHOTO_MAX_SIDE): Size {
  if (!(width > 0 && height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
