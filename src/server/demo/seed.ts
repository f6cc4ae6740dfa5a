import type { Store } from '../store/store.ts';
import { DEMO_BULLETINS } from './demo-bulletins.ts';
import { DEMO_UNITS } from './demo-units.ts';

/** Inserts the demo units and bulletins into a database that has no units; returns whether it did. */
export async function seedDemoData(store: Store): Promise<boolean> {
  if ((await store.countUnits()) > 0) return false;
  // Bulletins before units: if the process dies in between, the database still has no units, so the next
  // start seeds again, and rewriting the same bulletins changes nothing.
  await store.upsertBulletins(DEMO_BULLETINS);
  await store.upsertUnits(DEMO_UNITS);
  return true;
}
