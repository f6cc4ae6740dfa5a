/**
 * Queries and answers of the staff content API (docs/api.md: staff bulletins, translations, logs, units):
 * the server validates query strings with these schemas and the staff workspace reads the answers as these types.
 */
import * as v from 'valibot';
import { PERIOD_ORDER_MESSAGE } from './coverage.ts';
import type { LogProblem } from './evidence/verify-log.ts';
import { VERIFICATIONS } from './schemas/broadcast-log.ts';
import { BULLETIN_STATUSES, type Bulletin } from './schemas/bulletin.ts';
import { DateSchema, IdSchema } from './schemas/common.ts';
import type { Unit } from './schemas/unit.ts';
import { SUBMISSION_STATUSES, type SlotSubmission } from './slot-submission.ts';
import type { ReceivedLog } from './sync.ts';

/** GET /api/bulletins?status=: every status when absent. */
export const BulletinListQuerySchema = v.strictObject({
  status: v.optional(v.picklist(BULLETIN_STATUSES)),
});

/** Answer of GET /api/bulletins, newest change first. */
export interface BulletinList {
  bulletins: Bulletin[];
}

/** Answer of the bulletin writes (create, edit, publish, withdraw) and of GET /api/bulletins/:id. */
export interface BulletinWritten {
  bulletin: Bulletin;
}

/** GET /api/slots/submissions?status=: every status when absent. */
export const SubmissionListQuerySchema = v.strictObject({
  status: v.optional(v.picklist(SUBMISSION_STATUSES)),
});

/** A submission in the review queue, with what the reviewer needs to recognise it. */
export type SubmissionForReview = SlotSubmission & { bulletinTitle: string; unitName: string };

/** Answer of GET /api/slots/submissions, oldest submission first (the order they wait in). */
export interface SubmissionList {
  submissions: SubmissionForReview[];
}

/** Answer of POST /api/slots/submissions and of a review. */
export interface SubmissionWritten {
  submission: SlotSubmission;
}

/** GET /api/units takes no parameters; an unknown one is refused like everywhere else. */
export const UnitListQuerySchema = v.strictObject({});

/** Answer of GET /api/units: the units a staff account may read, parents before children. */
export interface UnitList {
  units: Unit[];
}

/** Answer of the unit writes (create, edit, move). */
export interface UnitWritten {
  unit: Unit;
}

/** Logs per page of GET /api/logs. */
export const LOG_PAGE_DEFAULT = 100;
export const LOG_PAGE_MAX = 500;

/**
 * GET /api/logs: logs recorded for `unitId` and the units below it (the actor's unit when absent), started on
 * `from` … `to` inclusive (calendar days in Vietnam), newest first; `before` is the `next` of the previous page.
 */
export const LogQuerySchema = v.pipe(
  v.strictObject({
    unitId: v.optional(IdSchema),
    from: v.optional(DateSchema),
    to: v.optional(DateSchema),
    verification: v.optional(v.picklist(VERIFICATIONS)),
    limit: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(LOG_PAGE_MAX)),
      String(LOG_PAGE_DEFAULT),
    ),
    before: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/))),
  }),
  v.forward(
    v.check((q) => q.from === undefined || q.to === undefined || q.from <= q.to, PERIOD_ORDER_MESSAGE),
    ['to'],
  ),
);
export type LogQuery = v.InferOutput<typeof LogQuerySchema>;

/** Answer of GET /api/logs: `next` is the `before` of the following page, null on the last one. */
export interface LogPage {
  logs: ReceivedLog[];
  next: string | null;
}

/** How a log's device chain stands on the server, from its first log up to this one. */
export type LogChainStatus = {
  /** Logs of the chain up to this one (this one included) that the server holds; the log's seq when none lacks. */
  held: number;
  /** The first place in the chain, up to this log, that the server has no log for; null when none. */
  firstMissing: number | null;
  /** Logs up to this one whose hash or link to the predecessor does not check (broken_chain). */
  broken: number;
};

/** Answer of GET /api/logs/:id: the log, why it is not verified, and its device and chain. */
export interface LogDetail {
  log: ReceivedLog;
  /** Why the log is not verified (verify-log.ts); null when it is. */
  problem: LogProblem | null;
  /** The label staff gave the device at enrolment. */
  deviceLabel: string;
  chain: LogChainStatus;
}
