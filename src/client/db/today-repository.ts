/**
 * What the Today screen and the reminders read, in one go: the device's settings, the bulletins in force today
 * for its unit, the logs their airing progress counts from, and today's logs. Read-only.
 */
import { isoDateOf, addDays, startOfDay } from '../../domain/dates.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { isForUnit, unitLineage } from '../../domain/due-bulletins.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import { listBulletins } from './bulletin-repository.ts';
import type { LoaxaDb } from './database.ts';
import { listLogsForBulletins, listLogsStartedBetween } from './log-repository.ts';
import { getDeviceSettings, type DeviceSettings } from './settings-repository.ts';

/** The inputs of Today's list and slot plan (src/domain/due-bulletins.ts). */
export interface TodayData {
  settings: DeviceSettings;
  /** Published bulletins in force today meant for the device's unit or a unit above it; all while none is chosen. */
  bulletins: Bulletin[];
  /** The logs of these bulletins and every log correcting one of them. */
  logs: BroadcastLog[];
  /** The logs started today, whichever bulletin (or none) they name, and their corrections. */
  todayLogs: BroadcastLog[];
}

/** Reads what Today shows at `now`, days counted in Vietnam time. */
export async function readToday(db: LoaxaDb, now: Date): Promise<TodayData> {
  const today = isoDateOf(now, VIETNAM_TIME_ZONE);
  const [settings, current, units] = await Promise.all([
    getDeviceSettings(db),
    // The list snapshot is cached in memory: the bulletins in force are found without reading every body.
    listBulletins(db, { today, validity: 'current' }),
    db.units.toArray(),
  ]);
  const found = await db.bulletins.bulkGet(current.map((entry) => entry.id));
  const lineage = settings.unit ? unitLineage(settings.unit.id, units) : null;
  const bulletins = found.filter(
    (b): b is Bulletin => b !== undefined && (lineage === null || isForUnit(b, lineage)),
  );
  const [logs, todayLogs] = await Promise.all([
    listLogsForBulletins(
      db,
      bulletins.map((b) => b.id),
    ),
    listLogsStartedBetween(
      db,
      startOfDay(today, VIETNAM_TIME_ZONE),
      startOfDay(addDays(today, 1), VIETNAM_TIME_ZONE),
    ),
  ]);
  return { settings, bulletins, logs, todayLogs };
}
