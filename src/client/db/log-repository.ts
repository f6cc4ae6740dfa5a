/**
 * Reading broadcast logs. Logs are immutable: a correction is a new log naming the one it corrects
 * (correctsLogId), and both stay. Writing logs (hash chain, signature, outbox) belongs to the logging code.
 * Every read that feeds a count also returns the logs correcting the ones it found, wherever they started,
 * because a correction outside the range read still takes its original out of the count (supersede in
 * src/domain/airing.ts). Start times are stored as UTC ISO strings (Date.toISOString, see
 * src/domain/evidence/log-rules.ts), so ranges on the startedAt index compare as text.
 */
import { compareVietnamese } from '../../domain/fold.ts';
import { LANGUAGE_CODES, type LanguageCode } from '../../domain/languages.ts';
import { compareNewestFirst, type LogFilter } from '../../domain/log-history.ts';
import { logTotals, totalsStart, type LogTotals } from '../../domain/log-totals.ts';
import { CHANNELS, type BroadcastLog, type Channel } from '../../domain/schemas/broadcast-log.ts';
import type { LoaxaDb } from './database.ts';

/** A stretch of History: the logs of the period read, and what their rows show beside them. */
export interface HistoryPage {
  /** Logs started at or after the page's start, and every log correcting one of them, newest first. */
  logs: BroadcastLog[];
  /** Ids of these logs still in the outbox: the server has not acknowledged them. */
  unsent: Set<string>;
  /** Titles of the bulletins these logs name, for those on the device. */
  titles: Map<string, string>;
  /** Start of the newest log before the page's start, so "more" can skip empty months; null when none. */
  olderStartedAt: string | null;
}

/** What History can filter by: the values found in this device's logs. */
export interface LogFacets {
  /** Bulletins named by a log, by title in Vietnamese order; a bulletin no longer on the device has no title. */
  bulletins: { id: string; title: string | null }[];
  channels: Channel[];
  langs: LanguageCode[];
  /** Whether some log names no bulletin (a live reading or a relay). */
  live: boolean;
}

/** Adds every log correcting one of `logs`, directly or through a chain of corrections. Joins the transaction. */
async function withCorrections(db: LoaxaDb, logs: BroadcastLog[]): Promise<BroadcastLog[]> {
  const found = new Map<string, BroadcastLog>();
  let frontier = logs;
  while (frontier.length > 0) {
    for (const log of frontier) found.set(log.id, log);
    const corrections = await db.logs
      .where('correctsLogId')
      .anyOf(frontier.map((log) => log.id))
      .toArray();
    frontier = corrections.filter((log) => !found.has(log.id));
  }
  return [...found.values()];
}

/**
 * The logs naming any of the bulletins and every log correcting one of them, whichever bulletin the correction
 * names: what airingProgress (src/domain/airing.ts) counts from.
 */
export async function listLogsForBulletins(
  db: LoaxaDb,
  bulletinIds: readonly string[],
): Promise<BroadcastLog[]> {
  if (bulletinIds.length === 0) return [];
  return db.transaction('r', db.logs, async () =>
    withCorrections(
      db,
      await db.logs
        .where('bulletinId')
        .anyOf([...bulletinIds])
        .toArray(),
    ),
  );
}

/** The logs of one bulletin and every log correcting one of them (see listLogsForBulletins). */
export async function listLogsForBulletin(db: LoaxaDb, bulletinId: string): Promise<BroadcastLog[]> {
  return listLogsForBulletins(db, [bulletinId]);
}

/** The logs started in [from, to) (to open-ended when null) and every log correcting one of them. */
export async function listLogsStartedBetween(
  db: LoaxaDb,
  from: Date,
  to: Date | null,
): Promise<BroadcastLog[]> {
  return db.transaction('r', db.logs, async () => {
    const range =
      to === null
        ? db.logs.where('startedAt').aboveOrEqual(from.toISOString())
        : db.logs.where('startedAt').between(from.toISOString(), to.toISOString(), true, false);
    return withCorrections(db, await range.toArray());
  });
}

/** History from `from` on: the logs, which of them are unsent, their bulletins' titles, and what lies before. */
export async function readHistory(db: LoaxaDb, from: Date): Promise<HistoryPage> {
  return db.transaction('r', [db.logs, db.outbox, db.bulletins], async () => {
    const logs = (await listLogsStartedBetween(db, from, null)).sort(compareNewestFirst);
    const ids = logs.map((log) => log.id);
    const queued = await db.outbox.bulkGet(ids);
    const bulletinIds = [
      ...new Set(logs.flatMap((log) => (log.bulletinId === null ? [] : [log.bulletinId]))),
    ];
    const bulletins = await db.bulletins.bulkGet(bulletinIds);
    const older = await db.logs.where('startedAt').below(from.toISOString()).last();
    return {
      logs,
      unsent: new Set(queued.flatMap((entry) => (entry ? [entry.id] : []))),
      titles: new Map(bulletins.flatMap((b) => (b ? [[b.id, b.title] as const] : []))),
      olderStartedAt: older?.startedAt ?? null,
    };
  });
}

/** The bulletins, channels and languages this device's logs name (in registry order), from the indexes alone. */
export async function readLogFacets(db: LoaxaDb): Promise<LogFacets> {
  return db.transaction('r', [db.logs, db.bulletins], async () => {
    // A null bulletinId is not an IndexedDB key: live logs are exactly those missing from the index.
    const [bulletinIds, channels, langs, total, withBulletin] = await Promise.all([
      db.logs.orderBy('bulletinId').uniqueKeys(),
      db.logs.orderBy('channel').uniqueKeys(),
      db.logs.orderBy('lang').uniqueKeys(),
      db.logs.count(),
      db.logs.orderBy('bulletinId').count(),
    ]);
    const ids = bulletinIds.map(String);
    const bulletins = await db.bulletins.bulkGet(ids);
    return {
      bulletins: ids
        .map((id, i) => ({ id, title: bulletins[i]?.title ?? null }))
        .sort((a, b) => compareVietnamese(a.title ?? '', b.title ?? '') || a.id.localeCompare(b.id)),
      channels: CHANNELS.filter((channel) => channels.includes(channel)),
      langs: LANGUAGE_CODES.filter((code) => langs.includes(code)),
      live: total > withBulletin,
    };
  });
}

/** Broadcasts and minutes today, this week and this month (Vietnam time), corrected logs counted once. */
export async function readLogTotals(db: LoaxaDb, now: Date, filter: LogFilter = {}): Promise<LogTotals> {
  return logTotals(await listLogsStartedBetween(db, totalsStart(now), null), now, filter);
}

/** One log by id; undefined when this device does not hold it. */
export async function getLog(db: LoaxaDb, id: string): Promise<BroadcastLog | undefined> {
  return db.logs.get(id);
}
