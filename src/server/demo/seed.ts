import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { isoDateOf } from '../../domain/dates.ts';
import type { Store } from '../store/store.ts';
import { demoBulletins } from './demo-bulletins.ts';
import { demoUsersWithPasswords } from './demo-users.ts';
import { DEMO_UNIT_IDS, DEMO_UNITS } from './demo-units.ts';

/**
 * Inserts the demo units, bulletins and staff accounts into a database that has no units; returns whether it
 * seeded. The bulletins' dates count from `seedDay` (yyyy-mm-dd), by default today in Vietnam. Restart-safe:
 * bulletins go first and units after, so a start that dies in between leaves no units and the next one seeds
 * again (rewriting the same bulletins, dated from its own seed day); the accounts need their units and come
 * last, so a database holding the demo units but no account at all gets them on the next start.
 */
export async function seedDemoData(
  store: Store,
  seedDay = isoDateOf(new Date(), VIETNAM_TIME_ZONE),
): Promise<boolean> {
  if ((await store.countUnits()) === 0) {
    await store.upsertBulletins(demoBulletins(seedDay));
    await store.upsertUnits(DEMO_UNITS);
  } else {
    const halfSeeded =
      (await store.accounts.countUsers()) === 0 &&
      (await store.accounts.findUnit(DEMO_UNIT_IDS.province)) !== undefined;
    if (!halfSeeded) return false;
  }
  await store.accounts.insertUsers(await demoUsersWithPasswords());
  return true;
}
