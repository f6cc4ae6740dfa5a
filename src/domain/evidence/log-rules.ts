/**
 * What makes a log acceptable before it is hashed and signed: BroadcastLogSchema, and times that make sense
 * against the moment the log is written (createdAt, the device clock): a broadcast cannot start or end in the
 * future beyond a small clock skew, end before it starts, or last longer than MAX_BROADCAST_MINUTES. The rules
 * only read the log itself, so the server can apply them to a pushed log too.
 *
 * Text is stored in Unicode NFC: Vietnamese keyboards send either precomposed letters or combining marks, and
 * the hash covers the characters exactly as stored (canonical.ts), so one form is chosen before hashing.
 * Timestamps are stored as UTC with milliseconds (Date.toISOString), so the startedAt index sorts by time.
 */
import * as v from 'valibot';
import { BroadcastLogSchema, MAX_BROADCAST_MINUTES } from '../schemas/broadcast-log.ts';
import type { FieldIssue } from '../validation.ts';
import { GENESIS_HASH, type UnsignedLog } from './canonical.ts';

/** How far ahead of the device clock a start or end may be: two phones' clocks rarely differ by more. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** What is wrong with a field, for the UI to say in the user's language. */
export type LogIssueCode =
  /** Missing or empty. */
  | 'required'
  /** Not an accepted value (a wrong format, an unknown choice, out of range). */
  | 'invalid'
  /** Text longer than allowed, or (endedAt) a broadcast longer than MAX_BROADCAST_MINUTES. */
  | 'too_long'
  /** startedAt or endedAt later than now (beyond CLOCK_SKEW_MS). */
  | 'in_future'
  /** endedAt before startedAt. */
  | 'ends_before_start';

/** One problem with a log's field: its dotted path, a code for the UI and an English message for logs. */
export interface LogIssue extends FieldIssue {
  code: LogIssueCode;
}

/** A log ready to hash, or why it is not. */
export type PreparedLog = { ok: true; value: UnsignedLog } | { ok: false; issues: LogIssue[] };

const TEXT_FIELDS = ['operator', 'placeName', 'notes'] as const;
const TIME_FIELDS = ['startedAt', 'endedAt', 'createdAt'] as const;

/** Stand-ins of the right form for the two fields computed after validation, so the schema checks the rest. */
const CHAIN_PLACEHOLDERS = { hash: GENESIS_HASH, signature: 'A'.repeat(86) };

function codeOf(issue: v.BaseIssue<unknown>): LogIssueCode {
  if (issue.input === undefined || issue.type === 'non_empty') return 'required';
  return issue.type === 'max_length' ? 'too_long' : 'invalid';
}

function timeIssues(startedAt: number, endedAt: number, createdAt: number): LogIssue[] {
  const issues: LogIssue[] = [];
  const latest = createdAt + CLOCK_SKEW_MS;
  if (startedAt > latest)
    issues.push({
      field: 'startedAt',
      code: 'in_future',
      message: 'the broadcast cannot start in the future',
    });
  if (endedAt > latest)
    issues.push({ field: 'endedAt', code: 'in_future', message: 'the broadcast cannot end in the future' });
  else if (endedAt < startedAt)
    issues.push({
      field: 'endedAt',
      code: 'ends_before_start',
      message: 'endedAt must not be before startedAt',
    });
  else if (endedAt - startedAt > MAX_BROADCAST_MINUTES * 60_000)
    issues.push({
      field: 'endedAt',
      code: 'too_long',
      message: `a broadcast cannot last more than ${MAX_BROADCAST_MINUTES} minutes`,
    });
  return issues;
}

/**
 * Checks a log before hashing and returns it as it will be stored (text in NFC, trimmed where the schema
 * trims, timestamps as UTC toISOString), or every problem found, each naming its field.
 */
export function prepareUnsignedLog(candidate: UnsignedLog): PreparedLog {
  const input: Record<string, unknown> = { ...candidate, ...CHAIN_PLACEHOLDERS };
  for (const field of TEXT_FIELDS) {
    const text = input[field];
    if (typeof text === 'string') input[field] = text.normalize('NFC');
  }
  const result = v.safeParse(BroadcastLogSchema, input);
  const schemaIssues: LogIssue[] = (result.issues ?? [])
    .map((issue) => ({ field: v.getDotPath(issue) ?? '(root)', type: issue.type, issue }))
    // The schema's checks of endedAt against startedAt are the time rules below, said with a code (and,
    // were startedAt unreadable, said about the wrong field).
    .filter(({ field, type }) => !(field === 'endedAt' && type === 'check'))
    .map(({ field, issue }) => ({ field, code: codeOf(issue), message: issue.message }));
  const badFields = new Set(schemaIssues.map((issue) => issue.field));
  const times: Partial<Record<(typeof TIME_FIELDS)[number], number>> = {};
  for (const field of TIME_FIELDS) {
    if (badFields.has(field)) continue;
    const time = Date.parse(String(input[field]));
    if (Number.isFinite(time)) times[field] = time;
    else schemaIssues.push({ field, code: 'invalid', message: 'not a time this device can read' });
  }
  const { startedAt, endedAt, createdAt } = times;
  const issues = [
    ...(startedAt === undefined || endedAt === undefined || createdAt === undefined
      ? []
      : timeIssues(startedAt, endedAt, createdAt)),
    ...schemaIssues,
  ];
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  const { hash: _hash, signature: _signature, ...unsigned } = result.output;
  for (const field of TIME_FIELDS) unsigned[field] = new Date(times[field]!).toISOString();
  return { ok: true, value: unsigned };
}
