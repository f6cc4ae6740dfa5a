/**
 * This device's enrolment with the server (meta keys enrolment and deviceToken). Policy: the token, the
 * enrolment, the enrolled unit and the device's unit (deviceUnitId) are written in one transaction, so the
 * device is never half enrolled; from then on the device serves that unit. Enrolling again (after a revocation)
 * replaces all of them. The pull starts over from the beginning unless the device was enrolled to the same unit
 * before, because what a device may see depends on its unit (and what it pulled before enrolment was not
 * chosen for it). A revocation seen in any answer is recorded (revokedAt) so the app can say so; the token is kept,
 * it is harmless once refused.
 */
import type { Unit } from '../../domain/schemas/unit.ts';
import type { LoaxaDb } from './database.ts';
import { getMeta, setMeta } from './meta-repository.ts';

/** What the device knows about its enrolment. */
export interface Enrolment {
  deviceId: string;
  unitId: string;
  /** The unit's name as the server gave it at enrolment. */
  unitName: string;
  label: string;
  enrolledAt: string;
  /** When the device first saw the server refuse its token as revoked; null while it is accepted. */
  revokedAt: string | null;
}

/** The enrolment and token to store after the server accepted a pairing code. */
export interface EnrolmentGrant {
  deviceId: string;
  label: string;
  token: string;
  unit: Unit;
}

/** The stored enrolment; undefined before the device is enrolled. */
export async function readEnrolment(db: LoaxaDb): Promise<Enrolment | undefined> {
  return getMeta(db, 'enrolment');
}

/** The bearer token, unless the device is not enrolled. */
export async function readDeviceToken(db: LoaxaDb): Promise<string | undefined> {
  return getMeta(db, 'deviceToken');
}

/** Stores a granted enrolment (see the module comment); returns it. */
export async function storeEnrolment(
  db: LoaxaDb,
  grant: EnrolmentGrant,
  now: Date = new Date(),
): Promise<Enrolment> {
  const enrolment: Enrolment = {
    deviceId: grant.deviceId,
    unitId: grant.unit.id,
    unitName: grant.unit.name,
    label: grant.label,
    enrolledAt: now.toISOString(),
    revokedAt: null,
  };
  await db.transaction('rw', [db.units, db.meta], async () => {
    const previous = await getMeta(db, 'enrolment');
    if (previous?.unitId !== grant.unit.id) await setMeta(db, 'pullCursor', 0);
    await db.units.put(grant.unit);
    await setMeta(db, 'deviceToken', grant.token);
    await setMeta(db, 'enrolment', enrolment);
    await setMeta(db, 'deviceUnitId', grant.unit.id);
  });
  return enrolment;
}

/** Records that the server refused the token as revoked (once; the first time seen is kept). */
export async function markEnrolmentRevoked(db: LoaxaDb, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const enrolment = await getMeta(db, 'enrolment');
    if (enrolment && enrolment.revokedAt === null) {
      await setMeta(db, 'enrolment', { ...enrolment, revokedAt: now.toISOString() });
    }
  });
}
