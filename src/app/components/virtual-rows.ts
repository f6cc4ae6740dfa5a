/**
 * The arithmetic of a windowed list: which rows to render for a scroll position, given row heights that are
 * measured once rendered and estimated before. Pure, so it is tested without a browser.
 */

/** Rows [start, end) to render, and the space standing in for the rows before and after them. */
export interface RowWindow {
  start: number;
  end: number;
  /** Pixels above the first rendered row. */
  before: number;
  /** Pixels below the last rendered row. */
  after: number;
}

/** Top offset of every row and, at index `count`, the total height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 1) offsets[i + 1] = offsets[i]! + heightOf(i);
  return offsets;
}

/** The first row whose bottom edge is below `y` (count when none is). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (offsets[mid + 1]! > y) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The rows overlapping the visible band [top, bottom) (pixels from the list's top), widened by `overscan`
 * pixels each side so fast scrolling and keyboard focus find rows already there.
 */
export function rowWindow(offsets: Float64Array, top: number, bottom: number, overscan: number): RowWindow {
  const count = offsets.length - 1;
  const total = offsets[count]!;
  if (count === 0) return { start: 0, end: 0, before: 0, after: 0 };
  const start = Math.min(rowAt(offsets, Math.max(0, top - overscan)), count - 1);
  const end = Math.max(start + 1, Math.min(count, rowAt(offsets, bottom + overscan) + 1));
  return { start, end, before: offsets[start]!, after: total - offsets[end]! };
}
