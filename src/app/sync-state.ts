/**
 * When the device syncs, and what the screens learn from it. Policy: a sync runs at start, on the `online`
 * event, from "Đồng bộ ngay", and after a failure on a timer (exponential backoff with jitter, reset by a
 * success); at most one runs at a time in this tab (the engine's Web Lock keeps other tabs and the service
 * worker out). When work is waiting and a sync failed or the device went offline, Background Sync is asked to
 * retry even after the app is closed. Screens re-read their lists when `dataVersion` moves.
 */
import { effect, signal } from '@preact/signals';
import { readResync } from '../client/db/resync-repository.ts';
import { getDeviceSettings } from '../client/db/settings-repository.ts';
import { requestBackgroundSync } from '../client/sync/background-sync.ts';
import { readEnrolment } from '../client/sync/enrol.ts';
import { countPendingLogs, countRejectedLogs, requeueRejectedLogs } from '../client/sync/outbox.ts';
import { lastSyncAt, runSync } from '../client/sync/run-sync.ts';
import { countPendingSubmissions } from '../client/sync/submissions.ts';
import type { SyncError } from '../client/sync/transport.ts';
import { retryDelayMs } from '../domain/backoff.ts';
import { db } from './db.ts';
import { currentPath } from './router.ts';
import { syncStatus } from './sync-status.ts';

/** Bumped whenever a sync changed what the device stores, so screens reload their lists. */
export const dataVersion = signal(0);

/** Failures a timer cannot fix: the operator has to enrol (again) first. */
function needsEnrolment(error: SyncError): boolean {
  return (
    error.kind === 'not_enrolled' ||
    error.kind === 'revoked' ||
    (error.kind === 'http' && error.code === 'device_unauthorized')
  );
}

/**
 * Re-reads the enrolment, the counts and the last success from the database. A failed read (the database
 * unavailable) leaves the last values shown; the screens report read errors themselves.
 */
async function refreshSyncInfo(): Promise<void> {
  let read;
  try {
    read = await Promise.all([
      readEnrolment(db),
      getDeviceSettings(db),
      countPendingLogs(db),
      countPendingSubmissions(db),
      countRejectedLogs(db),
      lastSyncAt(db),
      readResync(db),
    ]);
  } catch (error) {
    console.error(error);
    return;
  }
  const [enrolment, settings, pendingLogs, pendingSubmissions, rejected, lastSuccess, resync] = read;
  syncStatus.enrolment.value = !enrolment ? 'none' : enrolment.revokedAt === null ? 'enrolled' : 'revoked';
  syncStatus.device.value = enrolment
    ? {
        unitName: settings.unit?.name ?? enrolment.unitId,
        label: enrolment.label,
        deviceId: enrolment.deviceId,
      }
    : null;
  syncStatus.pendingItems.value = { logs: pendingLogs, translations: pendingSubmissions };
  syncStatus.rejected.value = rejected;
  syncStatus.lastSuccessAt.value = lastSuccess;
  syncStatus.resync.value = resync;
}

/** Re-reads the re-sync state while a pull runs, so the Sync screen says so as soon as one starts. */
async function refreshResync(): Promise<void> {
  try {
    syncStatus.resync.value = await readResync(db);
  } catch (error) {
    console.error(error);
  }
}

let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function cancelRetry(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  syncStatus.nextRetryAt.value = null;
}

function scheduleRetry(): void {
  const delay = retryDelayMs(failures, Math.random);
  failures += 1;
  syncStatus.nextRetryAt.value = new Date(Date.now() + delay).toISOString();
  retryTimer = setTimeout(() => void syncNow(), delay);
}

async function runOnce(): Promise<void> {
  cancelRetry();
  await refreshSyncInfo();
  if (syncStatus.enrolment.value === 'none') return;
  syncStatus.running.value = true;
  syncStatus.progress.value = null;
  let error: SyncError | null = null;
  try {
    const report = await runSync(db, {
      onProgress: (progress) => {
        syncStatus.progress.value = progress;
        if (progress.phase === 'pull') void refreshResync();
      },
    });
    syncStatus.lastReport.value = report;
    error = report.error;
    if (report.changed) dataVersion.value += 1;
  } finally {
    syncStatus.running.value = false;
    syncStatus.progress.value = null;
    // The engine records a revocation on the enrolment, so this also moves the state to 'revoked'.
    await refreshSyncInfo();
  }
  if (error === null) {
    failures = 0;
  } else if (!needsEnrolment(error)) {
    scheduleRetry();
    if (syncStatus.pending.value > 0) await requestBackgroundSync();
  }
}

let inFlight: Promise<void> | null = null;

/** Syncs unless a sync is already running in this tab, in which case it waits for that one. */
export function syncNow(): Promise<void> {
  inFlight ??= runOnce().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** Sends the logs the server refused again (the operator's choice, once the reason was dealt with), then syncs. */
export async function resendRejectedLogs(): Promise<void> {
  await requeueRejectedLogs(db);
  await syncNow();
}

/**
 * Shows what the device holds: its enrolment, what waits to be sent, the last sync. Counts are re-read on
 * every navigation, so a log written on one screen shows as pending on the next.
 */
export function watchSyncInfo(): void {
  window.addEventListener('offline', () => {
    if (syncStatus.pending.value > 0) void requestBackgroundSync();
  });
  effect(() => {
    // Reading the path subscribes to navigation.
    void currentPath.value;
    void refreshSyncInfo();
  });
}

/** Syncs if the browser thinks it is online (the online event retries). */
export async function startSync(): Promise<void> {
  if (navigator.onLine) await syncNow();
}
