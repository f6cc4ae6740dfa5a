/**
 * The pull as the screens see it. A pull runs at most once at a time, whoever asks (start-up, the online
 * event, the button); screens re-read their lists when `dataVersion` moves.
 */
import { signal } from '@preact/signals';
import { getMeta, getPullCursor } from '../client/db/meta-repository.ts';
import { pullAll, type PullResult } from '../client/sync/pull.ts';
import { db } from './db.ts';

/** Bumped whenever a pull stored something, so screens reload their lists. */
export const dataVersion = signal(0);

/** The pull in progress, the last outcome, and what is stored on the device about it. */
export const sync = {
  running: signal(false),
  last: signal<PullResult | null>(null),
  lastPullAt: signal<string | undefined>(undefined),
  cursor: signal(0),
};

async function loadSyncInfo(): Promise<void> {
  sync.cursor.value = await getPullCursor(db);
  sync.lastPullAt.value = await getMeta(db, 'lastPullAt');
}

let inFlight: Promise<void> | null = null;

/** Pulls from the server unless a pull is already running, in which case it waits for that one. */
export function syncNow(): Promise<void> {
  inFlight ??= (async () => {
    sync.running.value = true;
    try {
      const result = await pullAll(db);
      sync.last.value = result;
      if (result.counts.pages > 0) dataVersion.value += 1;
      await loadSyncInfo();
    } finally {
      sync.running.value = false;
      inFlight = null;
    }
  })();
  return inFlight;
}

/** Shows what the device holds, then pulls if the browser thinks it is online (the online event retries). */
export async function startSync(): Promise<void> {
  await loadSyncInfo();
  if (navigator.onLine) await syncNow();
}
