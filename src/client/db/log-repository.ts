/**
 * Reading broadcast logs. Logs are immutable: a correction is a new log naming the one it corrects
 * (correctsLogId), and both stay. Writing logs (hash chain, signature, outbox) belongs to the logging code.
 */
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { LoaxaDb } from './database.ts';

/**
 * The logs naming a bulletin and every log correcting one of them, directly or through a chain of corrections,
 * whichever bulletin the correction names: what airingProgress (src/domain/airing.ts) counts from.
 */
export async function listLogsForBulletin(db: LoaxaDb, bulletinId: string): Promise<BroadcastLog[]> {
  return db.transaction('r', db.logs, async () => {
    const found = new Map<string, BroadcastLog>();
    let frontier = await db.logs.where('bulletinId').equals(bulletinId).toArray();
    while (frontier.length > 0) {
      for (const log of frontier) found.set(log.id, log);
      const corrections = await db.logs
        .where('correctsLogId')
        .anyOf(frontier.map((log) => log.id))
        .toArray();
      frontier = corrections.filter((log) => !found.has(log.id));
    }
    return [...found.values()];
  });
}
