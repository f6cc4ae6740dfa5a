/**
 * Sending translations for review. Policy: each submitted edit goes up with the submission id stored on it before
 * the first send (slot-repository.ts), so a send whose answer was lost is stored once. The server's refusal of
 * one submission (its bulletin no longer visible, a bad edit) is recorded on it and the others go on; a missing
 * recording (the server lost it, or never got it) makes the device forget it was uploaded, so the next sync
 * uploads it first. Reviews come back with pulls (applySlotReviews).
 */
import type { SubmitSlotRequest } from '../../domain/slot-submission.ts';
import { forgetUpload } from '../db/attachment-repository.ts';
import type { LoaxaDb } from '../db/database.ts';
import {
  listPendingSubmissions,
  markSubmissionRefused,
  markSubmissionSent,
  type PendingSubmission,
} from '../db/slot-repository.ts';
import type { CountProgress } from './attachments.ts';
import { send, type SyncError, type Transport } from './transport.ts';

export { countPendingSubmissions } from '../db/slot-repository.ts';

const SUBMIT_TIMEOUT_MS = 60_000;

/** Statuses that refuse this one submission for good; anything else stops the run and is retried later. */
const REFUSALS = new Set([400, 403, 404, 409, 413, 415]);

/** What a submission run did, and why it stopped early (null when it did not). */
export interface SubmitCounts {
  submitted: number;
  refused: number;
  error: SyncError | null;
}

function requestOf(slot: PendingSubmission): SubmitSlotRequest {
  return {
    id: slot.submissionId,
    bulletinId: slot.bulletinId,
    lang: slot.lang,
    bulletinVersion: slot.bulletinVersion,
    text: slot.text,
    audioId: slot.audioId,
    translator: slot.translator ?? '',
  };
}

/** Sends every submitted edit the server does not have yet. */
export async function submitSlots(
  db: LoaxaDb,
  transport: Transport,
  token: string,
  onProgress: CountProgress = () => undefined,
): Promise<SubmitCounts> {
  const counts: SubmitCounts = { submitted: 0, refused: 0, error: null };
  const pending = await listPendingSubmissions(db);
  onProgress(0, pending.length);
  for (const [i, slot] of pending.entries()) {
    const answer = await send(transport, {
      method: 'POST',
      path: '/api/slots/submissions',
      token,
      json: requestOf(slot),
      timeoutMs: SUBMIT_TIMEOUT_MS,
    });
    if (answer.ok) {
      await markSubmissionSent(db, slot);
      counts.submitted += 1;
    } else if (
      answer.error.kind === 'http' &&
      answer.error.code === 'audio_missing' &&
      slot.audioId !== null
    ) {
      await forgetUpload(db, slot.audioId);
      return { ...counts, error: answer.error };
    } else if (answer.error.kind === 'http' && REFUSALS.has(answer.error.status)) {
      await markSubmissionRefused(db, slot, answer.error.code ?? String(answer.error.status));
      counts.refused += 1;
    } else {
      return { ...counts, error: answer.error };
    }
    onProgress(i + 1, pending.length);
  }
  return counts;
}
