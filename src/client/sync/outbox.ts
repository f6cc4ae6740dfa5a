/**
 * What the screens read about logs and the server (what is waiting, what was refused and why, and receipts), and
 * the operator's resend of refused logs.
 */
export {
  countPendingLogs,
  countRejectedLogs,
  listLogReceipts,
  listRejectedLogs,
  requeueRejectedLogs,
  type RejectedLog,
} from '../db/outbox-repository.ts';
export type { LogReceipt } from '../db/database.ts';
