/**
 * The coverage dashboard's API (GET /api/coverage): the query the server validates and the answer the staff
 * workspace shows, shared by both sides.
 */
import * as v from 'valibot';
import type { Coverage } from './coverage.ts';
import { periodRule } from './period-schema.ts';
import type { Channel } from './schemas/broadcast-log.ts';
import { DateSchema, IdSchema } from './schemas/common.ts';
import type { LogProblem } from './evidence/verify-log.ts';
import type { PushRejection, ReceivedLog } from './sync.ts';

/** Devices silent for more than this many days are listed unless the query says otherwise. */
export const SILENT_DAYS_DEFAULT = 7;
export const SILENT_DAYS_MAX = 365;

/** At most this many vehicle stops (the most recent) are sent for the map; `total` counts them all. */
export const VEHICLE_STOPS_MAX = 2000;

/** At most this many logs with broken verification are listed (the most recent); `count` counts them all. */
export const BROKEN_LOGS_LISTED = 20;

/**
 * GET /api/coverage?unitId=&from=&to=&silentDays=: the subtree of `unitId` (the staff member's unit when
 * absent) over the Vietnam calendar days `from` … `to`, both included, at most MAX_PERIOD_DAYS.
 */
const CoverageQueryEntries = v.strictObject({
  unitId: v.optional(IdSchema),
  from: DateSchema,
  to: DateSchema,
  silentDays: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'Expected a whole number of days'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(SILENT_DAYS_MAX),
    ),
    String(SILENT_DAYS_DEFAULT),
  ),
});
export const CoverageQuerySchema = v.pipe(
  CoverageQueryEntries,
  ...periodRule<v.InferOutput<typeof CoverageQueryEntries>>(),
);
export type CoverageQuery = v.InferOutput<typeof CoverageQuerySchema>;

/** A broadcast recorded with a GPS fix: a point on the dashboard's offline map. */
export interface VehicleStop {
  logId: string;
  unitId: string;
  channel: Channel;
  lat: number;
  lng: number;
  startedAt: string;
  placeName: string | null;
}

/** The box around every stop of the period, for scaling the offline SVG map. */
export interface MapBounds {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** A device of the subtree, not revoked, that has not reached the server for more than `silentDays`. */
export interface SilentDevice {
  deviceId: string;
  unitId: string;
  label: string;
  /** Its last request to the server; null when it never made one after enrolling. */
  lastSeenAt: string | null;
  /** Start of the last broadcast it logged (the head of its chain); null when none reached the server. */
  lastLogAt: string | null;
}

/** A log a device's push was refused (docs/api.md, push): what staff see of it. */
export interface RefusedLogSummary {
  /** The log's id as sent. */
  logId: string;
  deviceId: string;
  /** The device's label, as enrolled. */
  deviceLabel: string;
  /** The device's unit when the push arrived. */
  unitId: string;
  receivedAt: string;
  /** The seq the log claimed, when it was a number the store holds. */
  seq: number | null;
  reason: PushRejection;
  /** For not_signed: what gave it away (hash, malformed or signature). */
  problem: LogProblem | null;
}

/** Answer of GET /api/coverage. */
export interface CoverageReport {
  coverage: Coverage;
  /**
   * Counted broadcasts of the period with a position (a corrected log is left out), most recent first, at
   * most VEHICLE_STOPS_MAX; `total` counts them all.
   */
  vehicleStops: { total: number; stops: VehicleStop[] };
  /** Devices silent for more than the query's silentDays, longest silent first. */
  silentDevices: SilentDevice[];
  /** Devices of the subtree not revoked: none means no phone was paired yet, which is not "all in touch". */
  enrolledDevices: number;
  /** Logs of the period the server could not verify (unverified or broken chain), the latest first. */
  brokenLogs: { count: number; latest: ReceivedLog[] };
  /**
   * Logs pushes brought in the period (by arrival) that the server refused, the latest first (at most
   * BROKEN_LOGS_LISTED); `notSigned` counts those the device's key did not sign: forgery attempts.
   */
  refusedLogs: { count: number; notSigned: number; latest: RefusedLogSummary[] };
  /** Box around every stop of the period; null when none has a position. */
  bounds: MapBounds | null;
}
