import { compareVietnamese } from './fold.ts';
import type { Bulletin } from './schemas/bulletin.ts';

/** Where a bulletin stands on a given day relative to its validity window. */
export type Validity = 'upcoming' | 'current' | 'expired';

/** The orders a bulletin list can be shown in; urgent bulletins come first in both. */
export type BulletinOrder = 'title' | 'newest';

/** What a bulletin list shows and sorts by, without the text. */
export type BulletinListItem = Pick<
  Bulletin,
  'id' | 'title' | 'topic' | 'urgency' | 'validFrom' | 'validUntil' | 'updatedAt'
>;

/** Whether the bulletin is in force on `day` (yyyy-mm-dd); ISO dates compare correctly as strings. */
export function validityOn(bulletin: Pick<Bulletin, 'validFrom' | 'validUntil'>, day: string): Validity {
  if (day < bulletin.validFrom) return 'upcoming';
  if (bulletin.validUntil !== null && day > bulletin.validUntil) return 'expired';
  return 'current';
}

/** Whether a bulletin is pinned to the top of lists: urgent and not yet expired on `today`. */
export function isPinned(bulletin: BulletinListItem, today: string): boolean {
  return bulletin.urgency === 'urgent' && validityOn(bulletin, today) !== 'expired';
}

/**
 * Comparator for bulletin lists: pinned (urgent, unexpired on `today`) first and expired last, each group in
 * Vietnamese dictionary order of titles or newest first.
 */
export function compareBulletins(
  order: BulletinOrder,
  today: string,
): (a: BulletinListItem, b: BulletinListItem) => number {
  const rank = (b: BulletinListItem) => (isPinned(b, today) ? 0 : validityOn(b, today) === 'expired' ? 2 : 1);
  return (a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    if (order === 'newest') {
      // validFrom is when the bulletin takes effect for listeners, the nearest thing to a publication date.
      const byDate = b.validFrom.localeCompare(a.validFrom) || b.updatedAt.localeCompare(a.updatedAt);
      if (byDate !== 0) return byDate;
    }
    return compareVietnamese(a.title, b.title) || a.id.localeCompare(b.id);
  };
}
