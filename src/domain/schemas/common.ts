import * as v from 'valibot';
import { addDays } from '../dates.ts';
import { LANGUAGE_CODES } from '../languages.ts';

/** A UUID (v4 or v7) identifier. */
export const IdSchema = v.pipe(v.string(), v.uuid());

/** An instant as an ISO 8601 timestamp, e.g. 2026-11-25T06:00:00.000Z. */
export const TimestampSchema = v.pipe(v.string(), v.isoTimestamp());

/** A calendar date as yyyy-mm-dd (shown to users as dd/mm/yyyy); isoDate alone lets 2026-02-30 through. */
export const DateSchema = v.pipe(
  v.string(),
  v.isoDate(),
  v.check((date) => addDays(date, 0) === date, 'Not a day of the calendar'),
);

/** A short human-entered label: trimmed, non-empty, bounded. */
export function labelSchema(maxLength: number) {
  return v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(maxLength));
}

/** A language of the registry, by ISO 639-3 code. */
export const LanguageCodeSchema = v.picklist(LANGUAGE_CODES);

/** A SHA-256 digest as 64 lower-case hex characters: the id of an attachment. */
export const Sha256Schema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

/** A server change sequence number: the order of changes for sync. */
export const RevSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
