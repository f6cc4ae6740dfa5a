/** The staff workspace's state: the signed-in account and the units it may read, both fetched from the server. */
import { computed, signal } from '@preact/signals';
import type { SessionInfo } from '../../domain/accounts.ts';
import { mayAct, unitRelation, type StaffAction } from '../../domain/authz.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import { currentSession, listUnits, signOut } from '../../client/staff/staff-api.ts';

/** The signed-in account; undefined while the server is being asked, null when nobody is signed in. */
export const session = signal<SessionInfo | null | undefined>(undefined);

/** The account's unit, its ancestors and its subtree, as GET /api/units returns them. */
export const units = signal<readonly Unit[]>([]);

/** Whether nobody is signed in and the server waits for its first administrator (the first-run screen). */
export const setupNeeded = signal(false);

/** Set when the session could not be read (offline, server down): the screens say so instead of a login form. */
export const sessionError = signal<unknown>(null);

/** A one-line confirmation for the screen at `path` (e.g. the list after publishing a bulletin). */
export const flash = signal<{ path: string; text: string } | null>(null);

/** Units by id, for names and tree walks. */
export const unitsById = computed(() => new Map(units.value.map((u) => [u.id, u])));

/** Takes a fresh session (after sign-in or on start) and loads the units it may read. */
export async function adoptSession(info: SessionInfo | null): Promise<void> {
  // Units first: screens render as soon as the session is set and pick their default unit from the list. An
  // account still on a temporary password may only change it: it reads nothing else yet.
  units.value = info && !info.user.mustChangePassword ? await listUnits() : [];
  session.value = info;
}

/** Asks the server who is signed in. */
export async function loadSession(): Promise<void> {
  sessionError.value = null;
  try {
    const state = await currentSession();
    setupNeeded.value = state.setupNeeded;
    await adoptSession(state.session);
  } catch (error) {
    sessionError.value = error;
  }
}

/** Ends the session on the server and forgets it here. */
export async function endSession(): Promise<void> {
  await signOut();
  await adoptSession(null);
}

/** Whether the signed-in account may do `action` on `unitId`, by the rule the server enforces (authz.ts). */
export function mayOn(action: StaffAction, unitId: string): boolean {
  const info = session.value;
  if (!info) return false;
  const byId = unitsById.value;
  const relation = unitRelation(info.user.unitId, unitId, (id) => byId.get(id)?.parentId);
  return mayAct(info.user.role, action, relation);
}

/** Whether the account may do `action` at all (on its own unit, where every scope starts). */
export function mayDo(action: StaffAction): boolean {
  const info = session.value;
  return info !== null && info !== undefined && mayAct(info.user.role, action, 'same');
}
