import * as v from 'valibot';
import {
  IdSchema,
  LanguageCodeSchema,
  PositiveIntegerSchema,
  Sha256Schema,
  TextSchema,
  TimestampSchema,
} from './common.ts';

export const BROADCAST_SOURCES = ['tts', 'recording', 'live'] as const;
export type BroadcastSource = (typeof BROADCAST_SOURCES)[number];

export const CHANNELS = [
  'wired_loudspeaker',
  'wireless_loudspeaker',
  'ip_loudspeaker',
  'mobile_vehicle',
  'portable_speaker',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const VERIFICATIONS = ['verified', 'unverified', 'broken_chain'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

/** Longest single broadcast accepted: a repeated bulletin block rarely passes two hours. */
export const MAX_BROADCAST_MINUTES = 6 * 60;

export const GeoPositionSchema = v.strictObject({
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  accuracyM: v.pipe(v.number(), v.minValue(0), v.maxValue(100000)),
});
export type GeoPosition = v.InferOutput<typeof GeoPositionSchema>;

/**
 * How much of the bulletin a broadcast aired: passes played to the end (0 when it was cut short inside its
 * first pass), measured by the player or declared by the operator. Logs written before it existed carry none
 * (see completionOf in src/domain/completion.ts for how they are read).
 */
export const CompletionSchema = v.strictObject({
  passes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  measured: v.boolean(),
});
export type Completion = v.InferOutput<typeof CompletionSchema>;

const HashSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

const BroadcastLogFieldsSchema = v.strictObject({
  /** UUID v7, so ids sort by creation time. */
  id: IdSchema,
  deviceId: IdSchema,
  /** Position in the device's hash chain, from 1. */
  seq: PositiveIntegerSchema,
  prevHash: HashSchema,
  hash: HashSchema,
  /** ECDSA P-256 signature of the hash, base64url. */
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,200}$/)),
  unitId: IdSchema,
  operator: v.pipe(TextSchema, v.trim(), v.nonEmpty(), v.maxLength(120)),
  /** Null for a live or relayed broadcast not tied to a bulletin. */
  bulletinId: v.nullable(IdSchema),
  bulletinVersion: v.nullable(PositiveIntegerSchema),
  lang: LanguageCodeSchema,
  source: v.picklist(BROADCAST_SOURCES),
  channel: v.picklist(CHANNELS),
  startedAt: TimestampSchema,
  endedAt: TimestampSchema,
  /** Passes aired: those played to the end, or one when the broadcast was cut short inside its first. */
  repeats: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  /** Absent (or null) in logs written before completion was recorded. */
  completion: v.optional(v.nullable(CompletionSchema)),
  location: v.nullable(GeoPositionSchema),
  placeName: v.nullable(v.pipe(TextSchema, v.trim(), v.maxLength(200))),
  photoIds: v.pipe(v.array(Sha256Schema), v.maxLength(10)),
  notes: v.pipe(TextSchema, v.maxLength(2000)),
  /** The log this one corrects; the original stays and is marked superseded. */
  correctsLogId: v.nullable(IdSchema),
  createdAt: TimestampSchema,
});

/** One broadcast as the device recorded it: immutable, hash-chained and signed. */
export const BroadcastLogSchema = v.pipe(
  BroadcastLogFieldsSchema,
  v.forward(
    v.check(
      (log) => Date.parse(log.endedAt) >= Date.parse(log.startedAt),
      'endedAt must not be before startedAt',
    ),
    ['endedAt'],
  ),
  v.forward(
    v.check(
      (log) => Date.parse(log.endedAt) - Date.parse(log.startedAt) <= MAX_BROADCAST_MINUTES * 60_000,
      `a broadcast cannot last more than ${MAX_BROADCAST_MINUTES} minutes`,
    ),
    ['endedAt'],
  ),
  v.forward(
    v.check((log) => (log.completion?.passes ?? 0) <= log.repeats, 'completion.passes cannot exceed repeats'),
    ['completion'],
  ),
  v.forward(
    v.check(
      (log) => (log.bulletinId === null) === (log.bulletinVersion === null),
      'bulletinVersion goes with bulletinId',
    ),
    ['bulletinVersion'],
  ),
);
export type BroadcastLog = v.InferOutput<typeof BroadcastLogSchema>;
