/**
 * Shared translations on the server: devices submit slots (stored once per id, so a resent submission is not
 * duplicated); staff list them and approve or reject them. Approval copies the translation into the bulletin's
 * language slot as 'approved', which pulls then send to every unit speaking the language; both decisions give
 * the submission a new change_rev, so the submitting unit pulls its SlotReview. All writes hold the store's
 * change lock (sql-store.ts) like every other synced write.
 */
import type { ReviewRequest, SlotSubmission, SubmitSlotRequest } from '../../domain/slot-submission.ts';
import type { SubmissionStatus } from '../../domain/slot-submission.ts';
import type { SubmissionForReview } from '../../domain/staff-api.ts';
import type { Row, SqlExecutor } from './sql.ts';
import type { SyncedWrites } from './sql-store.ts';

const SUBMISSION_COLUMNS = `slot_submissions.id, slot_submissions.bulletin_id AS "bulletinId",
  slot_submissions.lang, slot_submissions.bulletin_version AS "bulletinVersion", slot_submissions.text,
  slot_submissions.audio_id AS "audioId", slot_submissions.translator, slot_submissions.unit_id AS "unitId",
  slot_submissions.device_id AS "deviceId", slot_submissions.status, slot_submissions.reviewer,
  slot_submissions.review_comment AS "reviewComment", slot_submissions.submitted_at AS "submittedAt",
  slot_submissions.reviewed_at AS "reviewedAt"`;

const SUBMISSION_SQL = `SELECT ${SUBMISSION_COLUMNS} FROM slot_submissions WHERE id = $1`;

const INSERT_SQL = `INSERT INTO slot_submissions (id, bulletin_id, lang, bulletin_version, text, audio_id,
    translator, unit_id, device_id, status, submitted_at, rev)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10, nextval('change_rev'))`;

const AUDIO_SQL = "SELECT 1 FROM attachments WHERE id = $1 AND mime LIKE 'audio/%'";

/** Submissions of the units $1, of status $2 (any when null), in the order they wait for review. */
const LIST_SQL = `SELECT ${SUBMISSION_COLUMNS}, bulletins.title AS "bulletinTitle", units.name AS "unitName"
  FROM slot_submissions
  JOIN bulletins ON bulletins.id = slot_submissions.bulletin_id
  JOIN units ON units.id = slot_submissions.unit_id
  WHERE slot_submissions.unit_id = ANY($1::uuid[]) AND ($2::text IS NULL OR slot_submissions.status = $2)
  ORDER BY slot_submissions.submitted_at, slot_submissions.id`;

const DECIDE_SQL = `UPDATE slot_submissions
  SET status = $2, reviewer = $3, review_comment = $4, reviewed_at = $5, rev = nextval('change_rev')
  WHERE id = $1`;

/** The device a submission comes from. */
export interface Submitter {
  deviceId: string;
  unitId: string;
}

/** How a submission ended: stored now or before (`created` says which), or why not. */
export type SubmitResult =
  { ok: true; created: boolean; submission: SlotSubmission } | { ok: false; reason: 'audio_missing' };

/** What a review found: the submission now, or why it was not reviewed. */
export type ReviewResult =
  | { ok: true; submission: SlotSubmission }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'already_reviewed'; current: SlotSubmission };

/** Translation submissions and their review. */
export interface SlotSubmissions {
  /** One submission, or undefined. */
  get(id: string): Promise<SlotSubmission | undefined>;
  /**
   * Stores a submission unless its id is known (then answers the stored one). Its recording, if it names one,
   * must have been uploaded already.
   */
  submit(request: SubmitSlotRequest, submitter: Submitter, now: string): Promise<SubmitResult>;
  /** Submissions of `unitIds`, with their bulletin's title and unit's name, oldest first. */
  listForReview(unitIds: readonly string[], status?: SubmissionStatus): Promise<SubmissionForReview[]>;
  /** Approves or rejects a submission still waiting, by `reviewer` (a display name), at `now`. */
  review(id: string, review: ReviewRequest, reviewer: string, now: string): Promise<ReviewResult>;
}

async function readSubmission(tx: SqlExecutor, id: string): Promise<SlotSubmission | undefined> {
  const [submission] = await tx.query<SlotSubmission & Row>(SUBMISSION_SQL, [id]);
  return submission;
}

async function readWritten(tx: SqlExecutor, id: string): Promise<SlotSubmission> {
  const submission = await readSubmission(tx, id);
  if (submission === undefined) throw new Error(`Submission ${id} was written but cannot be read back`);
  return submission;
}

/** Submissions on the store's engine and synced writes. */
export function createSlotSubmissions(db: SqlExecutor, writes: SyncedWrites): SlotSubmissions {
  return {
    get: (id) => readSubmission(db, id),

    submit: (request, submitter, now) =>
      writes.write(async (tx): Promise<SubmitResult> => {
        // Under the change lock, so no other submission with this id can be inserted after this read.
        const stored = await readSubmission(tx, request.id);
        if (stored !== undefined) return { ok: true, created: false, submission: stored };
        if (request.audioId !== null) {
          const audio = await tx.query(AUDIO_SQL, [request.audioId]);
          if (audio.length === 0) return { ok: false, reason: 'audio_missing' };
        }
        await tx.query(INSERT_SQL, [
          request.id,
          request.bulletinId,
          request.lang,
          request.bulletinVersion,
          request.text,
          request.audioId,
          request.translator,
          submitter.unitId,
          submitter.deviceId,
          now,
        ]);
        return { ok: true, created: true, submission: await readWritten(tx, request.id) };
      }),

    listForReview: (unitIds, status) =>
      db.query<SubmissionForReview & Row>(LIST_SQL, [unitIds, status ?? null]),

    review: (id, { decision, comment }, reviewer, now) =>
      writes.write(async (tx): Promise<ReviewResult> => {
        const current = await readSubmission(tx, id);
        if (current === undefined) return { ok: false, reason: 'not_found' };
        // Two reviewers deciding at once: the first decision stands and the second is told so.
        if (current.status !== 'submitted') return { ok: false, reason: 'already_reviewed', current };
        const status = decision === 'approve' ? 'approved' : 'rejected';
        const reviewComment = comment === '' ? null : comment;
        if (status === 'approved') {
          await writes.upsertSlots(tx, [
            {
              bulletinId: current.bulletinId,
              lang: current.lang,
              bulletinVersion: current.bulletinVersion,
              text: current.text,
              audioId: current.audioId,
              status,
              translator: current.translator,
              reviewer,
              reviewComment,
              updatedAt: now,
              // Ignored by the upsert, which draws the real rev.
              rev: 0,
            },
          ]);
        }
        await tx.query(DECIDE_SQL, [id, status, reviewer, reviewComment, now]);
        return { ok: true, submission: await readWritten(tx, id) };
      }),
  };
}
