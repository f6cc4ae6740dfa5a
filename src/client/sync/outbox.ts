/** What the screens read about logs and the server: what is waiting, what was refused and why, and receipts. */
export {
  countPendingLogs,
  countRejectedLogs,
  listLogReceipts,
  listRejectedLogs,
  type RejectedLog,
} from '../db/outbox-repository.ts';
export type { LogReceipt } from '../db/database.ts';
