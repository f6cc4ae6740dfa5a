/**
 * What the shell shows about sync before the database code has loaded: the top bar's status chip reads these
 * signals, and src/app/sync-state.ts (a lazy chunk, with Dexie) fills them in.
 */
import { computed, signal } from '@preact/signals';
import type { Resync } from '../client/db/resync-repository.ts';
import type { SyncProgress, SyncReport } from '../client/sync/run-sync.ts';

/** Whether this device may sync: 'unknown' until the enrolment has been read from the database. */
export type EnrolmentState = 'unknown' | 'none' | 'enrolled' | 'revoked';

/** What this device wrote that the server has not acknowledged yet, by kind. */
export interface PendingItems {
  logs: number;
  translations: number;
}

const pendingItems = signal<PendingItems>({ logs: 0, translations: 0 });

/** The device's sync as the screens see it. */
export const syncStatus = {
  enrolment: signal<EnrolmentState>('unknown'),
  /** The enrolled unit's name and the device's own label and id, for More and the sync screen. */
  device: signal<{ unitName: string; label: string; deviceId: string } | null>(null),
  running: signal(false),
  progress: signal<SyncProgress | null>(null),
  lastReport: signal<SyncReport | null>(null),
  /** ISO time of the last sync that finished without an error. */
  lastSuccessAt: signal<string | undefined>(undefined),
  /** Logs and translations written on this device that the server has not acknowledged yet. */
  pendingItems,
  /** How many of them in all, for the top bar's chip. */
  pending: computed(() => pendingItems.value.logs + pendingItems.value.translations),
  /** Logs the server refused; they stay on the device with the reason. */
  rejected: signal(0),
  /** ISO time of the next automatic attempt after a failure, or null when none is planned. */
  nextRetryAt: signal<string | null>(null),
  /** The re-sync after the server's database was restored or replaced, until the pull after it completed. */
  resync: signal<Resync | undefined>(undefined),
  /**
   * The unit's name and the time right after an enrolment on this screen, for a one-time confirmation on
   * /sync that says whether the unit's bulletins are still loading or have arrived.
   */
  justEnrolled: signal<{ unit: string; at: string } | null>(null),
};
