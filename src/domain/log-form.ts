/**
 * The broadcast log form: what the operator types (strings, as inputs hold them) and how it becomes the fields
 * of a log, with one problem per field in words the form can show. Times are wall-clock times in the commune's
 * time zone. A playback's measured times are kept to the millisecond until the operator edits the time fields.
 */
import { VIETNAM_TIME_ZONE } from './airing.ts';
import { slotInstant, isSlotTime } from './broadcast-slots.ts';
import { DAY_MS, formatTime, isoDateOf } from './dates.ts';
import { completionOf } from './completion.ts';
import type { BroadcastFields } from './log-draft.ts';
import type { LanguageCode } from './languages.ts';
import {
  MAX_BROADCAST_MINUTES,
  type BroadcastSource,
  type Channel,
  type GeoPosition,
} from './schemas/broadcast-log.ts';
import type { UnitLevel } from './schemas/unit.ts';
import { CLOCK_SKEW_MS, type LogIssue } from './evidence/log-rules.ts';

/** Most photos one log carries (the log schema's limit). */
export const MAX_LOG_PHOTOS = 10;
/** Longest operator name, notes and place name (the log schema's limits). */
export const MAX_OPERATOR = 120;
export const MAX_NOTES = 2000;
export const MAX_PLACE_NAME = 200;
/** Most repeats one log records (the log schema's limit). */
export const MAX_REPEATS = 100;
/** How far back a typed start may lie: a log older than a year is a typing mistake, not a late entry. */
export const MAX_START_AGE_DAYS = 366;

/** The channel a device logs by default until the operator picks one: a vehicle team broadcasts from its vehicle. */
export function defaultChannelOf(level: UnitLevel | undefined): Channel {
  return level === 'team' ? 'mobile_vehicle' : 'wired_loudspeaker';
}

/** Whether a log records a stop of a vehicle (position, place, photos): on a vehicle, or by a team. */
export function isVehicleStop(channel: Channel, level: UnitLevel | undefined): boolean {
  return channel === 'mobile_vehicle' || level === 'team';
}

/** The bulletin a log names, as the form shows it. */
export interface FormBulletin {
  id: string;
  version: number;
  title: string;
}

/** Everything the form holds, as typed. */
export interface LogFormValues {
  bulletin: FormBulletin | null;
  lang: LanguageCode;
  source: BroadcastSource;
  channel: Channel;
  /** The playback's measured times, used as they are until the operator edits the times (then null). */
  measured: { startedAt: string; endedAt: string } | null;
  /** yyyy-mm-dd and HH:mm in the time zone. */
  startDate: string;
  startTime: string;
  /** Whether the end is given as a duration in minutes or as an end time on the start's day. */
  endMode: 'duration' | 'end';
  durationMinutes: string;
  endTime: string;
  repeats: string;
  /** Passes aired to the end (0 when cut short inside the first), as typed. */
  completedPasses: string;
  /** The passes the player measured, kept while the operator leaves them as they are; null when declared. */
  measuredPasses: number | null;
  operator: string;
  notes: string;
  placeName: string;
  location: GeoPosition | null;
  photoIds: string[];
}

/** A field of the form that a problem can be shown under; `unit` and `form` are shown above it. */
export type LogField =
  | 'bulletin'
  | 'lang'
  | 'source'
  | 'channel'
  | 'start'
  | 'duration'
  | 'end'
  | 'repeats'
  | 'passes'
  | 'operator'
  | 'notes'
  | 'placeName'
  | 'location'
  | 'photos'
  | 'unit'
  | 'form';

/** What is wrong with a field. */
export type LogProblem =
  | 'required'
  | 'invalid'
  | 'startInFuture'
  | 'startTooOld'
  | 'endInFuture'
  | 'durationZero'
  | 'durationTooLong'
  | 'endBeforeStart'
  | 'notesRequired'
  | 'tooLong'
  | 'repeatsRange'
  | 'passesRange'
  | 'tooManyPhotos'
  | 'unitMissing';

/** One problem per field, the first found. */
export type LogFormErrors = Partial<Record<LogField, LogProblem>>;

/** What the form cannot know by itself. */
export interface LogFormContext {
  /** The device's unit; null while none is chosen. */
  unitId: string | null;
  /** The log this one corrects, or null. */
  correctsLogId: string | null;
  now: Date;
  timeZone?: string;
}

/** The outcome of reading the form. */
export type ParsedLogForm = { ok: true; fields: BroadcastFields } | { ok: false; errors: LogFormErrors };

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The wall-clock time (HH:mm) of an instant in the time zone. */
function timeOf(instant: Date, timeZone: string): string {
  return formatTime(instant.toISOString(), timeZone);
}

/** The instant of a yyyy-mm-dd date and HH:mm time in the time zone; null when either is not valid. */
export function instantOf(date: string, time: string, timeZone: string = VIETNAM_TIME_ZONE): Date | null {
  if (!ISO_DATE.test(date) || !isSlotTime(time)) return null;
  // 2026-02-30 parses as 2 March: only a date that survives the round trip is a calendar date.
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return null;
  return slotInstant(date, time, timeZone);
}

/** A typed number of minutes ("15", "1,5", "1.5"); NaN when it is not one. */
export function parseMinutes(text: string): number {
  const clean = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
}

/** Minutes as the duration field shows them: whole minutes, or one decimal below a whole number. */
export function minutesText(ms: number): string {
  const minutes = Math.round(ms / 6_000) / 10;
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
}

/** The form for a new log: starting now, lasting as long as the operator says. */
export function newLogForm(defaults: {
  lang: LanguageCode;
  channel: Channel;
  operator: string;
  now: Date;
  source?: BroadcastSource;
  bulletin?: FormBulletin | null;
  timeZone?: string;
}): LogFormValues {
  const timeZone = defaults.timeZone ?? VIETNAM_TIME_ZONE;
  return {
    bulletin: defaults.bulletin ?? null,
    lang: defaults.lang,
    source: defaults.source ?? 'live',
    channel: defaults.channel,
    measured: null,
    startDate: isoDateOf(defaults.now, timeZone),
    startTime: timeOf(defaults.now, timeZone),
    endMode: 'duration',
    durationMinutes: '',
    endTime: '',
    repeats: '1',
    completedPasses: '1',
    measuredPasses: null,
    operator: defaults.operator,
    notes: '',
    placeName: '',
    location: null,
    photoIds: [],
  };
}

/** The form showing an existing log's fields, its times kept exactly as recorded. */
export function formOfLog(
  log: BroadcastFields,
  bulletinTitle: string | null,
  timeZone: string = VIETNAM_TIME_ZONE,
): LogFormValues {
  const start = new Date(log.startedAt);
  const end = new Date(log.endedAt);
  const completion = completionOf(log);
  return {
    bulletin:
      log.bulletinId !== null && log.bulletinVersion !== null
        ? { id: log.bulletinId, version: log.bulletinVersion, title: bulletinTitle ?? '' }
        : null,
    lang: log.lang,
    source: log.source,
    channel: log.channel,
    measured: { startedAt: log.startedAt, endedAt: log.endedAt },
    startDate: isoDateOf(start, timeZone),
    startTime: timeOf(start, timeZone),
    endMode: 'duration',
    durationMinutes: minutesText(end.getTime() - start.getTime()),
    endTime: timeOf(end, timeZone),
    repeats: String(log.repeats),
    completedPasses: String(completion.passes),
    measuredPasses: completion.measured ? completion.passes : null,
    operator: log.operator,
    notes: log.notes,
    placeName: log.placeName ?? '',
    location: log.location,
    photoIds: [...log.photoIds],
  };
}

interface Times {
  start: Date | null;
  end: Date | null;
}

function readTimes(values: LogFormValues, timeZone: string, errors: LogFormErrors): Times {
  if (values.measured) {
    return { start: new Date(values.measured.startedAt), end: new Date(values.measured.endedAt) };
  }
  const start = instantOf(values.startDate, values.startTime, timeZone);
  if (!start) {
    errors.start = values.startDate === '' || values.startTime === '' ? 'required' : 'invalid';
    return { start: null, end: null };
  }
  if (values.endMode === 'duration') {
    if (values.durationMinutes.trim() === '') {
      errors.duration = 'required';
      return { start, end: null };
    }
    const minutes = parseMinutes(values.durationMinutes);
    if (Number.isNaN(minutes)) {
      errors.duration = 'invalid';
      return { start, end: null };
    }
    return { start, end: new Date(start.getTime() + Math.round(minutes * 60_000)) };
  }
  if (values.endTime === '') {
    errors.end = 'required';
    return { start, end: null };
  }
  const end = instantOf(values.startDate, values.endTime, timeZone);
  if (!end) errors.end = 'invalid';
  return { start, end };
}

/** The field the form asks the end in: the duration, or the end time. */
function endField(values: LogFormValues): LogField {
  return values.measured || values.endMode === 'duration' ? 'duration' : 'end';
}

function checkTimes({ start, end }: Times, values: LogFormValues, now: Date, errors: LogFormErrors): void {
  if (start) {
    // A typed start is a whole minute: the current minute is not the future yet.
    const latest = values.measured ? now.getTime() : now.getTime() - (now.getTime() % 60_000) + 59_999;
    if (start.getTime() > latest) errors.start = 'startInFuture';
    else if (now.getTime() - start.getTime() > MAX_START_AGE_DAYS * DAY_MS) errors.start = 'startTooOld';
  }
  if (!start || !end) return;
  const field = endField(values);
  const ms = end.getTime() - start.getTime();
  if (ms < 0) errors[field] = 'endBeforeStart';
  else if (ms === 0) errors[field] = 'durationZero';
  else if (ms > MAX_BROADCAST_MINUTES * 60_000) errors[field] = 'durationTooLong';
  else if (end.getTime() > now.getTime() + CLOCK_SKEW_MS) errors[field] = 'endInFuture';
}

/** Reads the form into the fields of a log, or says what is wrong with each field. */
export function parseLogForm(values: LogFormValues, context: LogFormContext): ParsedLogForm {
  const timeZone = context.timeZone ?? VIETNAM_TIME_ZONE;
  const errors: LogFormErrors = {};
  if (context.unitId === null) errors.unit = 'unitMissing';
  const times = readTimes(values, timeZone, errors);
  checkTimes(times, values, context.now, errors);

  const repeatsText = values.repeats.trim();
  const repeats = /^\d+$/.test(repeatsText) ? Number(repeatsText) : Number.NaN;
  if (repeatsText === '') errors.repeats = 'required';
  else if (!(repeats >= 1 && repeats <= MAX_REPEATS)) errors.repeats = 'repeatsRange';

  const passesText = values.completedPasses.trim();
  const passes = /^\d+$/.test(passesText) ? Number(passesText) : Number.NaN;
  if (passesText === '') errors.passes = 'required';
  else if (!(passes >= 0 && passes <= (errors.repeats ? MAX_REPEATS : repeats)))
    errors.passes = 'passesRange';

  const operator = values.operator.trim();
  if (operator === '') errors.operator = 'required';
  else if (operator.length > MAX_OPERATOR) errors.operator = 'tooLong';

  const notes = values.notes.trim();
  if (notes.length > MAX_NOTES) errors.notes = 'tooLong';
  else if (values.bulletin === null && notes === '') errors.notes = 'notesRequired';

  const placeName = values.placeName.trim();
  if (placeName.length > MAX_PLACE_NAME) errors.placeName = 'tooLong';
  if (values.photoIds.length > MAX_LOG_PHOTOS) errors.photos = 'tooManyPhotos';

  const { start, end } = times;
  if (Object.keys(errors).length > 0 || !start || !end || context.unitId === null)
    return { ok: false, errors };
  return {
    ok: true,
    fields: {
      unitId: context.unitId,
      operator,
      bulletinId: values.bulletin?.id ?? null,
      bulletinVersion: values.bulletin?.version ?? null,
      lang: values.lang,
      source: values.source,
      channel: values.channel,
      startedAt: start.toISOString(),
      endedAt: end.toISOString(),
      repeats,
      completion: { passes, measured: passes === values.measuredPasses },
      location: values.location,
      placeName: placeName === '' ? null : placeName,
      photoIds: [...values.photoIds],
      notes,
      correctsLogId: context.correctsLogId,
    },
  };
}

const FIELD_OF_PATH: Record<string, LogField> = {
  unitId: 'unit',
  operator: 'operator',
  bulletinId: 'bulletin',
  bulletinVersion: 'bulletin',
  lang: 'lang',
  source: 'source',
  channel: 'channel',
  startedAt: 'start',
  repeats: 'repeats',
  completion: 'passes',
  location: 'location',
  placeName: 'placeName',
  photoIds: 'photos',
  notes: 'notes',
};

function problemOfIssue(issue: LogIssue, field: LogField): LogProblem {
  if (field === 'unit') return 'unitMissing';
  switch (issue.code) {
    case 'required':
      return 'required';
    case 'in_future':
      return field === 'start' ? 'startInFuture' : 'endInFuture';
    case 'ends_before_start':
      return 'endBeforeStart';
    case 'too_long':
      return field === 'duration' || field === 'end' ? 'durationTooLong' : 'tooLong';
    default:
      return 'invalid';
  }
}

/**
 * Places the problems the log writer found (dotted paths of the log's fields) under the form's fields: the
 * end goes where the form asks for it, a problem with a field the form does not show goes above the form.
 */
export function errorsOfIssues(issues: readonly LogIssue[], values: LogFormValues): LogFormErrors {
  const errors: LogFormErrors = {};
  for (const issue of issues) {
    const top = issue.field.split('.')[0] ?? '';
    const field = top === 'endedAt' ? endField(values) : (FIELD_OF_PATH[top] ?? 'form');
    errors[field] ??= problemOfIssue(issue, field);
  }
  return errors;
}
