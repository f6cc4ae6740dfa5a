/**
 * Whether a broadcast aired the bulletin in full, the one rule every count of airings follows (the reader,
 * Today, History, coverage, the dashboard and the reports):
 * - a log states its completed passes (passes played to the end): measured by the player, or declared by the
 *   operator for a manual or live log;
 * - a log with at least one completed pass is a complete airing and counts toward a requirement (its repeats
 *   still make one airing, see airing.ts);
 * - a log with none (a playback stopped inside its first pass) is a partial airing: evidence of time on air,
 *   counted in minutes, never in airings;
 * - a log written before completion was recorded (no `completion`) is read as declared complete: its operator
 *   confirmed it as a broadcast, and nothing in it says otherwise.
 */
import type { BroadcastLog, Completion } from './schemas/broadcast-log.ts';

/** The fields of a log its completion is read from. */
export type CompletionLog = Pick<BroadcastLog, 'repeats' | 'completion'>;

/** The completion a log states, or the one it is read as when it states none (see the module comment). */
export function completionOf(log: CompletionLog): Completion {
  return log.completion ?? { passes: log.repeats, measured: false };
}

/** Whether the log aired the bulletin at least once to the end. */
export function isCompleteAiring(log: CompletionLog): boolean {
  return completionOf(log).passes >= 1;
}
