/**
 * One whole sync, as the app's triggers and the service worker's Background Sync run it. Policy:
 *
 * - Order: attachments (photos of waiting logs, recordings of waiting submissions) → logs → translations →
 *   pull (then the recordings of pulled slots). Attachments go first because the server checks that a
 *   submission's recording exists, and so that a log never arrives long before its photos.
 * - Work left waiting after the pull is sent once more before the recordings are fetched: a pull that meets a
 *   restored or replaced server database puts the whole log chain back in the outbox and forgets which
 *   attachments the server holds (resync-repository.ts), and its end marks unsent the submissions the server lost,
 *   so one run leaves that server with every log, photo and translation again. Logs recorded during the run go
 *   with them.
 * - The first phase that fails stops the run: what earlier phases committed stays committed, and the next run
 *   picks up where this one stopped (every phase is idempotent on the server).
 * - One sync at a time per device: the Web Lock SYNC_LOCK is held for the whole run where the browser has Web
 *   Locks, so a tab and the service worker never send the same batch at once; a second caller waits its turn
 *   and then finds little left to do.
 * - A device that is not enrolled, or whose revocation was already seen, does not touch the network. A
 *   revocation seen now is recorded (enrolment-repository.ts). The time of the last run without an error is kept
 *   in meta (lastSyncAt), for "last successful sync".
 */
import type { LoaxaDb } from '../db/database.ts';
import { markEnrolmentRevoked, readDeviceToken, readEnrolment } from '../db/enrolment-repository.ts';
import { getMeta, setMeta } from '../db/meta-repository.ts';
import { countPendingLogs } from '../db/outbox-repository.ts';
import { countPendingSubmissions } from '../db/slot-repository.ts';
import { downloadRecordings, uploadAttachments } from './attachments.ts';
import { pullAll, type PullCounts } from './pull.ts';
import { pushLogs } from './push.ts';
import { submitSlots } from './submissions.ts';
import { defaultTransport, watchingClock, type SyncError, type Transport } from './transport.ts';

/** Name of the Web Lock a sync holds. */
export const SYNC_LOCK = 'loaxa-sync';

/** The phases of a sync, in the order they run. */
export type SyncPhase = 'attachments' | 'logs' | 'translations' | 'pull';

/**
 * Where a running sync is. `total` is 0 while unknown: the pull does not know how many pages are waiting, so it
 * reports pages done with total 0, then the recordings it fetches with their total.
 */
export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
}

/** How to reach the server (the page's own by default) and whom to tell about progress. */
export interface SyncOptions {
  transport?: Transport;
  onProgress?: (progress: SyncProgress) => void;
}

/** What one sync did, phase by phase, and why it stopped (null when it finished). */
export interface SyncReport {
  attachments: { uploaded: number; skipped: number };
  logs: { accepted: number; duplicate: number; rejected: number };
  translations: { submitted: number; refused: number };
  pull: PullCounts & { recordings: number };
  /** Device time minus server time at the last answer (ms), null when no answer said the server's time. */
  clockSkewMs: number | null;
  /** Whether anything the screens show changed: pulled data, acknowledged or refused logs, sent translations. */
  changed: boolean;
  error: SyncError | null;
  finishedAt: string;
}

function emptyReport(): SyncReport {
  return {
    attachments: { uploaded: 0, skipped: 0 },
    logs: { accepted: 0, duplicate: 0, rejected: 0 },
    translations: { submitted: 0, refused: 0 },
    pull: {
      pages: 0,
      units: 0,
      bulletins: 0,
      slots: 0,
      withdrawn: 0,
      reviews: 0,
      dropped: 0,
      recordings: 0,
    },
    clockSkewMs: null,
    changed: false,
    error: null,
    finishedAt: '',
  };
}

/** Reports a phase's items done out of its total. */
type Reporter = (phase: SyncPhase) => (done: number, total: number) => void;

/**
 * Runs the sending phases (attachments, logs, translations) in order until one fails; adds what they did to
 * `report` and returns the error, if any.
 */
async function sendWaiting(
  db: LoaxaDb,
  transport: Transport,
  token: string,
  report: SyncReport,
  reporter: Reporter,
): Promise<SyncError | null> {
  const { attachments, logs, translations } = report;
  const uploads = await uploadAttachments(db, transport, token, reporter('attachments'));
  attachments.uploaded += uploads.uploaded;
  attachments.skipped += uploads.skipped;
  if (uploads.error) return uploads.error;

  const pushed = await pushLogs(db, transport, token, reporter('logs'));
  logs.accepted += pushed.accepted;
  logs.duplicate += pushed.duplicate;
  logs.rejected += pushed.rejected;
  if (pushed.error) return pushed.error;

  const submitted = await submitSlots(db, transport, token, reporter('translations'));
  translations.submitted += submitted.submitted;
  translations.refused += submitted.refused;
  return submitted.error;
}

/** Runs the phases in order until one fails; fills `report` as it goes and returns the error, if any. */
async function runPhases(
  db: LoaxaDb,
  transport: Transport,
  report: SyncReport,
  progress: (progress: SyncProgress) => void,
): Promise<SyncError | null> {
  const [token, enrolment] = await Promise.all([readDeviceToken(db), readEnrolment(db)]);
  if (token === undefined || enrolment === undefined) return { kind: 'not_enrolled' };
  if (enrolment.revokedAt !== null) return { kind: 'revoked' };
  const reporter: Reporter = (phase) => (done, total) => progress({ phase, done, total });

  const sendError = await sendWaiting(db, transport, token, report, reporter);
  if (sendError) return sendError;

  const pulled = await pullAll(db, transport, token, (pages) =>
    progress({ phase: 'pull', done: pages, total: 0 }),
  );
  report.pull = { ...pulled.counts, recordings: 0 };
  if (pulled.error) return pulled.error;
  if ((await countPendingLogs(db)) + (await countPendingSubmissions(db)) > 0) {
    const resendError = await sendWaiting(db, transport, token, report, reporter);
    if (resendError) return resendError;
  }
  const pages = pulled.counts.pages;
  const downloads = await downloadRecordings(db, transport, token, (done, total) =>
    progress({ phase: 'pull', done: pages + done, total: pages + total }),
  );
  report.pull.recordings = downloads.downloaded;
  return downloads.error;
}

async function locked<T>(work: () => Promise<T>): Promise<T> {
  // Absent in older browsers and in Node, which the DOM typings do not admit.
  const locks = typeof navigator === 'undefined' ? undefined : (navigator.locks as LockManager | undefined);
  return locks ? await locks.request(SYNC_LOCK, work) : work();
}

/** Runs one whole sync (see the module comment); never throws. */
export async function runSync(db: LoaxaDb, options: SyncOptions = {}): Promise<SyncReport> {
  const transport = watchingClock(options.transport ?? defaultTransport());
  const progress = options.onProgress ?? (() => undefined);
  const report = emptyReport();
  return locked(async () => {
    try {
      report.error = await runPhases(db, transport, report, progress);
      const now = new Date();
      if (report.error === null) await setMeta(db, 'lastSyncAt', now.toISOString());
      if (report.error?.kind === 'revoked') await markEnrolmentRevoked(db, now);
    } catch (e) {
      report.error = { kind: 'storage', detail: e instanceof Error ? e.message : String(e) };
    }
    const { logs, translations, pull } = report;
    report.changed =
      logs.accepted + logs.duplicate + logs.rejected + translations.submitted + translations.refused > 0 ||
      pull.units +
        pull.bulletins +
        pull.slots +
        pull.withdrawn +
        pull.reviews +
        pull.dropped +
        pull.recordings >
        0;
    report.clockSkewMs = transport.clockSkewMs();
    report.finishedAt = new Date().toISOString();
    return report;
  });
}

/** When a sync last finished without an error; undefined before the first. */
export async function lastSyncAt(db: LoaxaDb): Promise<string | undefined> {
  return getMeta(db, 'lastSyncAt');
}
