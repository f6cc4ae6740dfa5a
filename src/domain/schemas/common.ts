import * as v from 'valibot';
import { addDays } from '../dates.ts';
import { LANGUAGE_CODES } from '../languages.ts';

/** A UUID (v4 or v7) identifier. */
export const IdSchema = v.pipe(v.string(), v.uuid());

/** The largest value of an SQL integer column: counts and numbers the server stores must fit. */
export const SQL_INTEGER_MAX = 2_147_483_647;

/** Years the stores and the calendar code agree on (Date.UTC reads years 0–99 as 1900–1999). */
const YEAR_MIN = 1900;

/**
 * Whether a string is a day of the calendar written yyyy-mm-dd, from YEAR_MIN to 9999: isoDate alone lets
 * 2026-02-30 through, and the check runs on whatever string it is given (valibot runs every check of a pipe).
 */
export function isCalendarDate(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && Number(text.slice(0, 4)) >= YEAR_MIN && addDays(text, 0) === text
  );
}

// Each value gets one issue: a string that is not a date at all is not also told it is not a calendar day.
const FIRST_ISSUE_ONLY = { abortPipeEarly: true } as const;

/**
 * An instant as an ISO 8601 timestamp, e.g. 2026-11-25T06:00:00.000Z, on a day of the calendar and to the
 * millisecond at most: the precision JavaScript reads back, so what is stored is the instant that was sent
 * (a finer one would come back changed, and pages read by time would meet the same row twice).
 */
export const TimestampSchema = v.config(
  v.pipe(
    v.string(),
    v.isoTimestamp(),
    v.check((timestamp) => isCalendarDate(timestamp.slice(0, 10)), 'Not a day of the calendar'),
    v.check((timestamp) => !/\.\d{4}/.test(timestamp), 'Give the time to the millisecond at most'),
  ),
  FIRST_ISSUE_ONLY,
);

/** A calendar date as yyyy-mm-dd (shown to users as dd/mm/yyyy). */
export const DateSchema = v.config(
  v.pipe(v.string(), v.isoDate(), v.check(isCalendarDate, 'Not a day of the calendar')),
  FIRST_ISSUE_ONLY,
);

/** UTF-16 halves without their pair: not Unicode, so neither JSON in PostgreSQL nor a hash can take them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text as every text field takes it, whoever sends it: only characters JSON, the hash and the database all
 * hold. Each field adds its own trimming and length to this one rule.
 */
export const TextSchema = v.pipe(
  v.string(),
  // U+0000 is the one character no PostgreSQL text can hold.
  v.check(
    (text) => !text.includes('\u0000') && !LONE_SURROGATE.test(text),
    'Contains characters that are not text',
  ),
);

/** A short human-entered label: trimmed, non-empty, bounded. */
export function labelSchema(maxLength: number) {
  return v.pipe(TextSchema, v.trim(), v.nonEmpty(), v.maxLength(maxLength));
}

/** A whole number from 1 that an SQL integer column holds: a version, a seq. */
export const PositiveIntegerSchema = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1),
  v.maxValue(SQL_INTEGER_MAX),
);

/** A language of the registry, by ISO 639-3 code. */
export const LanguageCodeSchema = v.picklist(LANGUAGE_CODES);

/** A SHA-256 digest as 64 lower-case hex characters: the id of an attachment. */
export const Sha256Schema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

/** A server change sequence number: the order of changes for sync. */
export const RevSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
