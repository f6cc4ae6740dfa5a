/**
 * The device's signing identity in IndexedDB (table deviceKeys). Policy: one row, written once, never changed,
 * exported or deleted: the id and public key are what enrolment registers and what every log names, so a second
 * identity would split the device's chain. Two tabs creating one at once both call storeFirstDeviceKey; the
 * transaction's check-then-add lets the first one win and hands it to the other.
 */
import type { DeviceKeyRecord, LoaxaDb } from './database.ts';

/** The stored identity; undefined before the first one is created. */
export async function readDeviceKey(db: LoaxaDb): Promise<DeviceKeyRecord | undefined> {
  return db.deviceKeys.toCollection().first();
}

/** Stores `candidate` unless an identity is already stored, and returns the one that is stored now. */
export async function storeFirstDeviceKey(db: LoaxaDb, candidate: DeviceKeyRecord): Promise<DeviceKeyRecord> {
  return db.transaction('rw', db.deviceKeys, async () => {
    const existing = await db.deviceKeys.toCollection().first();
    if (existing) return existing;
    await db.deviceKeys.add(candidate);
    return candidate;
  });
}
