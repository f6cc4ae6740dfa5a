/**
 * When to retry a failed sync: exponential backoff with full jitter. The ceiling doubles from 30 s with each
 * failure in a row, up to an hour, and the delay is drawn uniformly below it, so a commune's devices that lost
 * the network together do not all come back at the same second.
 */

/** Ceiling of the first retry. */
export const RETRY_BASE_MS = 30_000;

/** Highest ceiling: a device offline for days still tries at least hourly. */
export const RETRY_MAX_MS = 60 * 60_000;

/**
 * The delay before retry number `attempt` (0 after the first failure): uniform in [0, min(1 h, 30 s × 2^attempt)),
 * with `random` returning values in [0, 1) like Math.random.
 */
export function retryDelayMs(attempt: number, random: () => number): number {
  const exponent = Math.min(
    Math.max(0, Math.floor(attempt)),
    Math.ceil(Math.log2(RETRY_MAX_MS / RETRY_BASE_MS)),
  );
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** exponent);
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
