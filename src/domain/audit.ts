/**
 * The audit trail: who changed what, when, with the values before and after. Entries are chained like a device's
 * logs: each entry's hash covers its own fields and the previous entry's hash, so editing or deleting a stored
 * entry breaks every hash after it, which verifyAuditChain finds. Shared by the server (which appends and
 * checks) and the staff screens (which show the actions and values).
 *
 * hash = lower-case hex SHA-256 over the UTF-8 bytes of `prevHash + "\n" + canonicalJson(fields)`, where fields
 * are every AuditEntry field except `hash` (canonical.ts gives the JSON), and prevHash is GENESIS_HASH before
 * the first entry. `before` and `after` are themselves canonical JSON text, so they hash as stored.
 */
import * as v from 'valibot';
import { canonicalJson, GENESIS_HASH } from './evidence/canonical.ts';
import { bytesToHex } from './evidence/encoding.ts';
import { DateSchema, IdSchema, TextSchema } from './schemas/common.ts';

/** Every change the trail records, by what it touches. */
export const AUDIT_ACTIONS = [
  'bulletin.create',
  'bulletin.update',
  'bulletin.publish',
  'bulletin.withdraw',
  'unit.create',
  'unit.update',
  'pairing_code.create',
  'device.enrol',
  'device.revoke',
  'logs.push',
  'slot.submit',
  'slot.review',
  'account.create',
  'account.update',
  'account.disable',
  'account.enable',
  'account.reset_password',
  'account.change_password',
  'report.generate',
  'database.backup',
  'database.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who made a change: a staff account, an enrolled device, or the server's own admin command. */
export const AUDIT_ACTOR_KINDS = ['staff', 'device', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** What a write records, before the trail gives it a place in the chain. */
export interface AuditRecord {
  at: string;
  actorKind: AuditActorKind;
  /** The account or device; null for the system. */
  actorId: string | null;
  /** The account's login or the device's label when it acted, kept as it was then. */
  actorName: string;
  /** The units the change concerns: staff see the entries touching their subtree. */
  unitIds: string[];
  action: AuditAction;
  /** What was changed: a bulletin, unit, account or device id; null when the change has no one target. */
  targetId: string | null;
  /** Canonical JSON of the changed values before the change; null for something new. */
  before: string | null;
  /** Canonical JSON of the changed values after it. */
  after: string | null;
}

/** A stored entry: the record, its place in the chain, and its hash. */
export interface AuditEntry extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The values of an entry as canonical JSON text; undefined properties are left out, as JSON leaves them. */
export function auditValues(value: unknown): string {
  return canonicalJson(JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * The before and after values of a change to an object: only the top-level fields that differ, so an entry
 * says what changed without repeating what did not (a bulletin's text when only its status changed).
 */
export function auditChange<T extends object>(before: T, after: T): { before: string; after: string } {
  const old = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;
  const now = JSON.parse(JSON.stringify(after)) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(
    (key) => canonicalJson(old[key] ?? null) !== canonicalJson(now[key] ?? null),
  );
  const pick = (from: Record<string, unknown>) =>
    Object.fromEntries(keys.map((key) => [key, from[key] ?? null]));
  return { before: canonicalJson(pick(old)), after: canonicalJson(pick(now)) };
}

/** The hash of an entry given its fields (all but the hash). */
export async function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const bytes = new TextEncoder().encode(`${entry.prevHash}\n${canonicalJson({ ...entry })}`);
  return bytesToHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** What checking a stretch of the chain found. */
export type AuditChainCheck =
  | { ok: true; checked: number; lastHash: string }
  | {
      ok: false;
      checked: number;
      /** The first entry that does not hold. */
      seq: number;
      /** hash: its fields do not give its hash (edited); link: it does not follow the entry before it. */
      problem: 'hash' | 'link';
    };

/**
 * Checks `entries` (in seq order) as the stretch of the chain after `prevHash` at `prevSeq` (GENESIS_HASH and 0
 * from the start): each must follow the one before without a gap and have the hash its fields give.
 */
export async function verifyAuditChain(
  entries: readonly AuditEntry[],
  prevHash: string = GENESIS_HASH,
  prevSeq = 0,
): Promise<AuditChainCheck> {
  let lastHash = prevHash;
  let lastSeq = prevSeq;
  let checked = 0;
  for (const entry of entries) {
    if (entry.seq !== lastSeq + 1 || entry.prevHash !== lastHash) {
      return { ok: false, checked, seq: entry.seq, problem: 'link' };
    }
    const { hash, ...fields } = entry;
    if ((await auditEntryHash(fields)) !== hash)
      return { ok: false, checked, seq: entry.seq, problem: 'hash' };
    lastHash = hash;
    lastSeq = entry.seq;
    checked += 1;
  }
  return { ok: true, checked, lastHash };
}

/** Most entries in one page of GET /api/audit. */
export const AUDIT_PAGE_MAX = 200;

/**
 * Query of GET /api/audit and its CSV export: the entries touching `unitId`'s subtree (the staff member's own
 * unit when absent), from and to dates (dd/mm/yyyy shown, yyyy-mm-dd sent, both days included, Vietnam time),
 * of one action or kind of actor, or by an actor whose name contains `actor`; pages run newest first, `before`
 * being the seq the previous page ended at.
 */
export const AuditQuerySchema = v.pipe(
  v.strictObject({
    unitId: v.optional(IdSchema),
    from: v.optional(DateSchema),
    to: v.optional(DateSchema),
    action: v.optional(v.picklist(AUDIT_ACTIONS)),
    actorKind: v.optional(v.picklist(AUDIT_ACTOR_KINDS)),
    actor: v.optional(v.pipe(TextSchema, v.trim(), v.maxLength(100))),
    before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
    limit: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,4}$/),
        v.transform(Number),
        v.minValue(1),
        v.maxValue(AUDIT_PAGE_MAX),
      ),
      '50',
    ),
  }),
  v.forward(
    v.check(({ from, to }) => from === undefined || to === undefined || from <= to, 'Ends before it starts'),
    ['to'],
  ),
);
export type AuditQuery = v.InferOutput<typeof AuditQuerySchema>;

/** One page of GET /api/audit: newest first; `next` is the `before` of the following page, null at the end. */
export interface AuditPage {
  entries: AuditEntry[];
  next: number | null;
}

/** GET /api/audit/verify: the whole chain checked from its first entry. */
export type AuditVerification = AuditChainCheck;
