/**
 * The server's persistence interface: what the features need from the database now, nothing more.
 * One SQL implementation (sql-store.ts) serves both engines; open-store.ts picks PGlite or PostgreSQL.
 */
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { PullPage } from '../../domain/sync.ts';
import type { AccountStore } from './account-store.ts';
import type { AttachmentStore } from './attachment-store.ts';
import type { AttemptStore } from './attempt-store.ts';
import type { AuditStore } from './audit-store.ts';
import type { CoverageStore } from './coverage-store.ts';
import type { LogStore } from './log-store.ts';
import type { ReportLogStore } from './report-logs.ts';
import type { BulletinAuthoring } from './bulletin-authoring.ts';
import type { SlotSubmissions } from './slot-submissions.ts';
import type { UnitAuthoring } from './unit-authoring.ts';
import type { StoreKind } from './sql.ts';
import type { StaffQueries } from './staff-queries.ts';

export type { StoreKind } from './sql.ts';

/** What the health endpoint reports about storage. */
export interface StoreHealth {
  kind: StoreKind;
  /** The level the database is at. */
  migration: number;
  /** The level this server's migrations reach; the database serves it only at that level. */
  latest: number;
}

/** Which changes a pull asks for, and for which unit (the pulling device's). */
export interface PullRequest {
  cursor: number;
  limit: number;
  unitId: string;
}

/**
 * Units, bulletins and language slots as the sync protocol sees them. Upserts take domain objects, ignore
 * their `rev`, and give every row whose content changed the next value of one global change sequence;
 * a row written again unchanged keeps its rev. Keys must be unique within one call.
 */
export interface Store {
  readonly kind: StoreKind;
  /** Staff accounts, sessions, pairing codes, devices and the unit tree. */
  readonly accounts: AccountStore;
  /** Broadcast logs pushed by devices, with what verification found. */
  readonly logs: LogStore;
  /** Attempts that may fail (sign-ins, enrolments), counted for the rate limits of every server process. */
  readonly attempts: AttemptStore;
  /** The audit trail: every staff write, enrolment and push, hash-chained. */
  readonly audit: AuditStore;
  /** Which content-addressed attachments the server holds. */
  readonly attachments: AttachmentStore;
  /** Staff writing bulletins: drafts, new versions, publishing, withdrawing. */
  readonly bulletinAuthoring: BulletinAuthoring;
  /** Staff creating, editing and moving units. */
  readonly unitAuthoring: UnitAuthoring;
  /** Translations submitted by devices and their review by staff. */
  readonly slotSubmissions: SlotSubmissions;
  /** Staff reads of units and received logs. */
  readonly staffQueries: StaffQueries;
  /** Coverage of a subtree over a period: airing facts, stops, silent devices, broken logs. */
  readonly coverage: CoverageStore;
  /** The evidence rows of reports: a period's logs with unit names and bulletin titles, streamed. */
  readonly reportLogs: ReportLogStore;
  /** Applies pending schema migrations; returns the migration level now reached. */
  migrate(): Promise<number>;
  /** Asks the database for its migration level, which also proves it answers. */
  health(): Promise<StoreHealth>;
  /** How many units exist; zero means a fresh database. */
  countUnits(): Promise<number>;
  /** Inserts or updates units by id; returns how many rows changed. */
  upsertUnits(units: readonly Unit[]): Promise<number>;
  /** Inserts or updates bulletins by id; returns how many rows changed. */
  upsertBulletins(bulletins: readonly Bulletin[]): Promise<number>;
  /** Inserts or updates language slots by bulletin and language; returns how many rows changed. */
  upsertSlots(slots: readonly LanguageSlot[]): Promise<number>;
  /**
   * Changes after `cursor` in rev order, at most `limit`, that `unitId` may see (PullPageSchema says what):
   * never drafts, never another unit's reviews.
   */
  pullChanges(request: PullRequest): Promise<PullPage>;
  close(): Promise<void>;
}
