/**
 * Bulletins, their language slots and units as pulled from the server. Policy: a pull page and the cursor that
 * follows it are written in one transaction, so the cursor never runs ahead of what is stored; a withdrawn
 * bulletin is kept but marked (its status) and leaves the search table, so lists and search skip it.
 */
import { compareBulletins, validityOn, type BulletinOrder } from '../../domain/bulletin-listing.ts';
import { foldVietnamese } from '../../domain/fold.ts';
import { LANGUAGE_CODES, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { PullPage } from '../../domain/sync.ts';
import type { LoaxaDb } from './database.ts';
import { getPullCursor, setMeta } from './meta-repository.ts';

/** What one committed pull page changed on the device. */
export interface AppliedPage {
  units: number;
  bulletins: number;
  slots: number;
  withdrawn: number;
}

/** Filters and order of a bulletin list. */
export interface ListOptions {
  /** The device's date (yyyy-mm-dd): it decides validity, and urgent bulletins expired by then are not pinned. */
  today: string;
  /**
   * Free text, matched without regard to case or diacritics; every word must occur. Bulletins whose title holds
   * every word come before the rest, each group then ordered as usual.
   */
  query?: string;
  order?: BulletinOrder;
  /** Only bulletins in force today. */
  currentOnly?: boolean;
}

/** A bulletin with what the reader shows beside it. */
export interface BulletinDetail {
  bulletin: Bulletin;
  /** Vietnamese, the languages of the bulletin's target units known here, and any language with a slot. */
  languages: LanguageCode[];
  slots: Partial<Record<LanguageCode, LanguageSlot>>;
}

// Punctuation becomes a word break so "407/QĐ-TTg" is found by "qd ttg" and a trailing comma in a query is harmless.
function foldForSearch(text: string): string {
  return foldVietnamese(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function hasWords(folded: string, words: string[]): boolean {
  return words.every((w) => folded.includes(w));
}

function searchTextOf(b: Bulletin): string {
  return foldForSearch([b.title, b.summary, b.body, b.policyRef].join(' '));
}

/**
 * Stores one pull page and advances the cursor to `page.cursor`, all in one transaction. Returns null and
 * writes nothing when the stored cursor is no longer `fromCursor` (another tab committed pages meanwhile),
 * so an older page can never overwrite newer rows.
 */
export async function applyPullPage(
  db: LoaxaDb,
  page: PullPage,
  fromCursor: number,
): Promise<AppliedPage | null> {
  return db.transaction('rw', [db.units, db.bulletins, db.bulletinSearch, db.slots, db.meta], async () => {
    if ((await getPullCursor(db)) !== fromCursor) return null;
    const published = page.bulletins.filter((b) => b.status === 'published');
    const withdrawn = page.bulletins.filter((b) => b.status !== 'published');
    await db.units.bulkPut(page.units);
    await db.bulletins.bulkPut(page.bulletins);
    await db.bulletinSearch.bulkPut(published.map((b) => ({ id: b.id, text: searchTextOf(b) })));
    await db.bulletinSearch.bulkDelete(withdrawn.map((b) => b.id));
    await db.slots.bulkPut(page.slots);
    await setMeta(db, 'pullCursor', page.cursor);
    return {
      units: page.units.length,
      bulletins: published.length,
      slots: page.slots.length,
      withdrawn: withdrawn.length,
    };
  });
}

/** Published bulletins matching the options, urgent first, then in the requested order (title by default). */
export async function listBulletins(db: LoaxaDb, options: ListOptions): Promise<Bulletin[]> {
  const words = foldForSearch(options.query ?? '')
    .split(' ')
    .filter(Boolean);
  return db.transaction('r', [db.bulletins, db.bulletinSearch], async () => {
    let rows = await db.bulletins.where('status').equals('published').toArray();
    if (words.length > 0) {
      const hits = await db.bulletinSearch.filter((e) => hasWords(e.text, words)).primaryKeys();
      const ids = new Set(hits);
      rows = rows.filter((b) => ids.has(b.id));
    }
    const { today } = options;
    if (options.currentOnly) rows = rows.filter((b) => validityOn(b, today) === 'current');
    const compare = compareBulletins(options.order ?? 'title', today);
    if (words.length === 0) return rows.sort(compare);
    const inTitle = new Set(rows.filter((b) => hasWords(foldForSearch(b.title), words)).map((b) => b.id));
    return rows.sort((a, b) => Number(inTitle.has(b.id)) - Number(inTitle.has(a.id)) || compare(a, b));
  });
}

/** One bulletin by id, withdrawn ones included (their status says so). */
export async function getBulletin(db: LoaxaDb, id: string): Promise<Bulletin | undefined> {
  return db.bulletins.get(id);
}

/** A bulletin with its slots and the languages its reader offers; undefined when it is not on the device. */
export async function getBulletinDetail(db: LoaxaDb, id: string): Promise<BulletinDetail | undefined> {
  return db.transaction('r', [db.bulletins, db.slots, db.units], async () => {
    const bulletin = await getBulletin(db, id);
    if (!bulletin) return undefined;
    const slotRows = await db.slots.where('bulletinId').equals(id).toArray();
    const units = await db.units.bulkGet(bulletin.targetUnitIds);
    const wanted = new Set<LanguageCode>([VIETNAMESE, ...slotRows.map((s) => s.lang)]);
    for (const unit of units) for (const lang of unit?.languages ?? []) wanted.add(lang);
    const slots: Partial<Record<LanguageCode, LanguageSlot>> = {};
    for (const slot of slotRows) slots[slot.lang] = slot;
    return { bulletin, languages: LANGUAGE_CODES.filter((code) => wanted.has(code)), slots };
  });
}
