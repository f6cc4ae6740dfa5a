/**
 * Bulletins, their language slots and units as pulled from the server. Policy: a pull page and the cursor that
 * follows it are written in one transaction, so the cursor never runs ahead of what is stored; a withdrawn
 * bulletin is kept but marked (its status) and leaves the list table (bulletinSearch), so lists and search skip
 * it. A bulletin the unit may no longer see (the page's withdrawals) is treated the same; an id the device never
 * held is ignored. Units and slots the unit may no longer see (outside the page's scope, the page's slot
 * withdrawals) are deleted. The page's reviews of this unit's translations join the same transaction
 * (slot-repository.ts), and so does the start of a re-sync after the server's database changed, which also puts
 * the log chain back in the outbox (resync-repository.ts).
 * Lists read only the list table, folded when stored, and keep it in memory per database until the pull cursor
 * moves or a re-sync changes state (in this tab or another), so typing a search over 5,000 bulletins reads
 * nothing from disk.
 */
import {
  compareBulletins,
  validityOn,
  type BulletinOrder,
  type Validity,
} from '../../domain/bulletin-listing.ts';
import { LANGUAGE_CODES, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import type { Bulletin, Topic } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import { parseQuery, searchRanked } from '../../domain/search.ts';
import { resolveSlot } from '../../domain/slot-edit.ts';
import type { PullPage } from '../../domain/sync.ts';
import { searchEntryOf, type LoaxaDb, type SearchEntry } from './database.ts';
import { getPullCursor, setMeta } from './meta-repository.ts';
import {
  finishPull,
  isSameDatabase,
  noteReceived,
  readResync,
  type Unreceived,
} from './resync-repository.ts';
import { readDeviceSettings } from './settings-repository.ts';
import { applySlotReviews, markSubmissionsUnsent, readBulletinSlots } from './slot-repository.ts';

/** What one committed pull page changed on the device. */
export interface AppliedPage {
  units: number;
  bulletins: number;
  slots: number;
  withdrawn: number;
  /** Local slot edits a review changed (rejected back to draft, or approved). */
  reviews: number;
  /** Units and slots deleted because the unit may no longer see them. */
  dropped: number;
}

/** Which bulletins a list keeps by validity on the list's day; `all` keeps every one. */
export type ValidityFilter = Validity | 'all';

/**
 * Keeps bulletins by their slot in one language: `has` those with an approved slot or an edit made on this
 * device (draft or submitted), `!has` the rest, which still need translating.
 */
export interface LanguageFilter {
  lang: LanguageCode;
  has: boolean;
}

/** Filters and order of a bulletin list. */
export interface ListOptions {
  /** The device's date (yyyy-mm-dd): it decides validity, and urgent bulletins expired by then are not pinned. */
  today: string;
  /** Free text, matched and ranked by src/domain/search.ts; ties keep the list order. */
  query?: string;
  /** Topic names as the list shows them, by code: a query matching one finds that topic's bulletins. */
  topicNames?: Readonly<Record<string, string>>;
  order?: BulletinOrder;
  /** `all` when absent. */
  validity?: ValidityFilter;
  topic?: Topic | null;
  language?: LanguageFilter | null;
}

/** A bulletin with what the reader shows beside it. */
export interface BulletinDetail {
  bulletin: Bulletin;
  /**
   * The reader's language tabs, in registry order: Vietnamese, the languages of this device's unit (of the
   * bulletin's target units while no unit is chosen), the languages added on this device, and any language
   * with a slot.
   */
  languages: LanguageCode[];
  /** The slot shown per language: a local edit or the pulled slot (see slot-repository.ts). */
  slots: Partial<Record<LanguageCode, LanguageSlot>>;
}

interface ListSnapshot {
  /** The pull cursor and re-sync state the entries were read at: the list table changes only with them. */
  version: string;
  entries: SearchEntry[];
  /** Entries sorted per `order|today`, computed on first use: a 5,000-row Vietnamese collation is not free. */
  sorted: Map<string, SearchEntry[]>;
}

const snapshots = new WeakMap<LoaxaDb, Promise<ListSnapshot>>();

/** Sort orders kept per snapshot: the two orders for today and yesterday, as a list left open over midnight. */
const SORTED_KEPT = 4;

/**
 * What the list table was last written at. The cursor alone is not enough: the page that completes a re-sync may
 * not move it, yet drops bulletins.
 */
async function listVersion(db: LoaxaDb): Promise<string> {
  return JSON.stringify([await getPullCursor(db), (await readResync(db)) ?? null]);
}

async function readSnapshot(db: LoaxaDb): Promise<ListSnapshot> {
  return db.transaction('r', [db.bulletinSearch, db.meta], async () => ({
    version: await listVersion(db),
    entries: await db.bulletinSearch.toArray(),
    sorted: new Map(),
  }));
}

async function listSnapshot(db: LoaxaDb): Promise<ListSnapshot> {
  const version = await listVersion(db);
  const cached = snapshots.get(db);
  if (cached) {
    const snapshot = await cached.catch(() => null);
    if (snapshot && snapshot.version === version) return snapshot;
  }
  const loading = readSnapshot(db);
  snapshots.set(db, loading);
  return loading;
}

function sortedEntries(snapshot: ListSnapshot, order: BulletinOrder, today: string): SearchEntry[] {
  const key = `${order}|${today}`;
  let sorted = snapshot.sorted.get(key);
  if (!sorted) {
    if (snapshot.sorted.size >= SORTED_KEPT) snapshot.sorted.clear();
    sorted = [...snapshot.entries].sort(compareBulletins(order, today));
    snapshot.sorted.set(key, sorted);
  }
  return sorted;
}

/** Ids of the bulletins whose shown slot in `lang` is approved or an edit made on this device. */
async function bulletinsWithLanguage(db: LoaxaDb, lang: LanguageCode): Promise<Set<string>> {
  return db.transaction('r', [db.slots, db.localSlots], async () => {
    const [pulled, local] = await Promise.all([
      db.slots.where('lang').equals(lang).toArray(),
      // localSlots has no lang index: it holds only this device's unsent edits, a handful of rows.
      db.localSlots.filter((slot) => slot.lang === lang).toArray(),
    ]);
    const localById = new Map(local.map((slot) => [slot.bulletinId, slot]));
    const ids = new Set(localById.keys());
    for (const server of pulled) {
      const shown = resolveSlot(server, localById.get(server.bulletinId));
      if (shown.source === 'local' || shown.slot?.status === 'approved') ids.add(server.bulletinId);
      else ids.delete(server.bulletinId);
    }
    return ids;
  });
}

/** Marks the held bulletins among `ids` withdrawn and takes them off the lists; returns how many it held. */
async function hideBulletins(db: LoaxaDb, ids: string[]): Promise<number> {
  const held = (await db.bulletins.bulkGet(ids)).flatMap((b) => (b ? [b] : []));
  await db.bulletins.bulkPut(held.map((b) => ({ ...b, status: 'withdrawn' as const })));
  await db.bulletinSearch.bulkDelete(held.map((b) => b.id));
  return held.length;
}

/**
 * Deletes the units and slots the unit may no longer see: outside `scope`, withdrawn by the page, or not
 * received by a re-sync that just completed. Returns how many it held.
 */
async function dropUnseen(
  db: LoaxaDb,
  page: PullPage,
  scope: PullPage['scope'],
  unreceived: Unreceived | null,
): Promise<number> {
  const units = new Set(unreceived?.units);
  let slots = 0;
  if (scope) {
    const seen = new Set(scope.units);
    for (const id of await db.units.toCollection().primaryKeys()) if (!seen.has(id)) units.add(id);
    slots += await db.slots.where('lang').noneOf(scope.languages).delete();
  }
  const keys = [
    ...page.slotWithdrawals.map(({ bulletinId, lang }): [string, string] => [bulletinId, lang]),
    ...(unreceived?.slots ?? []),
  ];
  const held = new Map<string, [string, string]>();
  for (const slot of await db.slots.bulkGet(keys)) {
    if (slot) held.set(`${slot.bulletinId}:${slot.lang}`, [slot.bulletinId, slot.lang]);
  }
  await db.slots.bulkDelete([...held.values()]);
  await db.units.bulkDelete([...units]);
  return units.size + slots + held.size;
}

/**
 * The tables one pull page's transaction writes: the synced content, the cursor, and what a re-sync puts back to
 * be sent again (logs, outbox, uploads).
 */
export function pullPageTables(db: LoaxaDb) {
  return [
    db.units,
    db.bulletins,
    db.bulletinSearch,
    db.slots,
    db.localSlots,
    db.meta,
    db.resyncReceived,
    db.logs,
    db.outbox,
    db.uploads,
  ];
}

/**
 * Stores one pull page and advances the cursor to `page.cursor`, all in one transaction. Returns null and
 * writes nothing when the stored cursor is no longer `fromCursor` (another tab committed pages meanwhile), so
 * an older page can never overwrite newer rows; also null when the page comes from another database than the
 * cursor counts in, which restarts the pull from 0 as a re-sync (resync-repository.ts).
 */
export async function applyPullPage(
  db: LoaxaDb,
  page: PullPage,
  fromCursor: number,
  now: Date = new Date(),
): Promise<AppliedPage | null> {
  return db.transaction('rw', pullPageTables(db), async () => {
    if ((await getPullCursor(db)) !== fromCursor) return null;
    if (!(await isSameDatabase(db, page.database, now))) return null;
    const published = page.bulletins.filter((b) => b.status === 'published');
    const unpublished = page.bulletins.filter((b) => b.status !== 'published');
    await db.units.bulkPut(page.units);
    await db.bulletins.bulkPut(page.bulletins);
    await db.bulletinSearch.bulkPut(published.map(searchEntryOf));
    await db.bulletinSearch.bulkDelete(unpublished.map((b) => b.id));
    await db.slots.bulkPut(page.slots);
    const reviews = await applySlotReviews(db, page.reviews);
    // A re-sync applies no scope until its end, which drops everything a scope would (resync-repository.ts).
    const scope = (await noteReceived(db, page)) ? null : page.scope;
    const unreceived = page.more ? null : await finishPull(db, now);
    const hidden = await hideBulletins(db, [...page.withdrawals, ...(unreceived?.bulletins ?? [])]);
    const dropped = await dropUnseen(db, page, scope, unreceived);
    if (unreceived) await markSubmissionsUnsent(db, unreceived.submissions);
    await setMeta(db, 'pullCursor', page.cursor);
    return {
      units: page.units.length,
      bulletins: published.length,
      slots: page.slots.length,
      withdrawn: unpublished.length + hidden,
      reviews,
      dropped,
    };
  });
}

/**
 * Published bulletins matching the options, as list entries with their folded search fields (so a list can say
 * why each matched): urgent first, then in the requested order (title by default); with a query, by search rank
 * first (src/domain/search.ts).
 */
export async function listBulletins(db: LoaxaDb, options: ListOptions): Promise<SearchEntry[]> {
  const { today, validity = 'all', topic, language } = options;
  const snapshot = await listSnapshot(db);
  let rows = sortedEntries(snapshot, options.order ?? 'title', today);
  if (validity !== 'all') rows = rows.filter((entry) => validityOn(entry, today) === validity);
  if (topic) rows = rows.filter((entry) => entry.topic === topic);
  if (language) {
    const ids = await bulletinsWithLanguage(db, language.lang);
    rows = rows.filter((entry) => ids.has(entry.id) === language.has);
  }
  return searchRanked(rows, (entry) => entry.search, parseQuery(options.query ?? '', options.topicNames));
}

/** One bulletin by id, withdrawn ones included (their status says so). */
export async function getBulletin(db: LoaxaDb, id: string): Promise<Bulletin | undefined> {
  return db.bulletins.get(id);
}

/** A bulletin with its slots and the languages its reader offers; undefined when it is not on the device. */
export async function getBulletinDetail(db: LoaxaDb, id: string): Promise<BulletinDetail | undefined> {
  const tables = [db.bulletins, db.slots, db.localSlots, db.units, db.meta];
  return db.transaction('r', tables, async () => {
    const bulletin = await getBulletin(db, id);
    if (!bulletin) return undefined;
    const [slotRows, settings] = await Promise.all([readBulletinSlots(db, id), readDeviceSettings(db)]);
    const unitLanguages = settings.unit
      ? settings.unit.languages
      : (await db.units.bulkGet(bulletin.targetUnitIds)).flatMap((unit) => unit?.languages ?? []);
    const wanted = new Set<LanguageCode>([
      VIETNAMESE,
      ...unitLanguages,
      ...settings.addedLanguages,
      ...slotRows.map((slot) => slot.lang),
    ]);
    const slots: Partial<Record<LanguageCode, LanguageSlot>> = {};
    for (const slot of slotRows) slots[slot.lang] = slot;
    return { bulletin, languages: LANGUAGE_CODES.filter((code) => wanted.has(code)), slots };
  });
}
