/**
 * In-memory sliding-window counters for attempts that may fail (sign-in, enrolment). Per process: a restart
 * forgets them, which is acceptable for one small server; several instances would each count on their own.
 *
 * An attempt is counted when it begins, not when it has failed: a password check takes a scrypt, and attempts
 * that only recorded their failure afterwards all passed the limit together when sent at once. A successful
 * attempt then takes its count back.
 */

/** Keys kept at most; beyond that the stalest key is forgotten so a flood of addresses cannot fill memory. */
const MAX_KEYS = 50_000;

/** Counts events per key within a sliding window and tells how long a key must wait once over its limit. */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it is under the limit. */
  private retryAfterSeconds(key: string): number {
    const times = this.recent(key);
    if (times.length < this.limit) return 0;
    const oldestThatCounts = times[times.length - this.limit] ?? this.now();
    return Math.max(1, Math.ceil((oldestThatCounts + this.windowMs - this.now()) / 1000));
  }

  /**
   * Begins an attempt for `key`: counts it and answers 0, or, when `key` is already at its limit, counts
   * nothing and answers the seconds to wait.
   */
  begin(key: string): number {
    const wait = this.retryAfterSeconds(key);
    if (wait === 0) this.record(key);
    return wait;
  }

  /** Takes back the last attempt counted for `key`: it succeeded, so it is no failure. */
  takeBack(key: string): void {
    const times = this.events.get(key);
    times?.pop();
    if (times?.length === 0) this.events.delete(key);
  }

  /** Counts one event for `key`. */
  private record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    // Re-inserted so the Map's order is least recently recorded first.
    this.events.delete(key);
    this.events.set(key, times);
    if (this.events.size > MAX_KEYS) {
      const stalest = this.events.keys().next().value;
      if (stalest !== undefined) this.events.delete(stalest);
    }
  }

  /** Forgets `key`, e.g. the failures of a login after it signed in. */
  reset(key: string): void {
    this.events.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.events.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) this.events.delete(key);
    else this.events.set(key, times);
    return times;
  }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** The limiters of one app instance. */
export interface RateLimits {
  /** Failed sign-ins per login: 5 in 15 minutes. */
  loginFailuresByLogin: SlidingWindowLimiter;
  /** Failed sign-ins per client address: 20 in 15 minutes. */
  loginFailuresByIp: SlidingWindowLimiter;
  /** Failed enrolments (unknown, expired or used code) per client address: 20 in 15 minutes. */
  enrolFailuresByIp: SlidingWindowLimiter;
}

/**
 * Begins an attempt on every limiter at once (see SlidingWindowLimiter.begin): the seconds to wait when any
 * of them is at its limit, and then none of them counts it.
 */
export function beginAttempt(...counters: readonly [SlidingWindowLimiter, string][]): number {
  const waits = counters.map(([limiter, key]) => limiter.begin(key));
  const wait = Math.max(0, ...waits);
  if (wait > 0) counters.forEach(([limiter, key], i) => waits[i] === 0 && limiter.takeBack(key));
  return wait;
}

/** Fresh limiters; `now` is injectable so tests can move time. */
export function createRateLimits(now: () => number = Date.now): RateLimits {
  return {
    loginFailuresByLogin: new SlidingWindowLimiter(5, FIFTEEN_MINUTES, now),
    loginFailuresByIp: new SlidingWindowLimiter(20, FIFTEEN_MINUTES, now),
    enrolFailuresByIp: new SlidingWindowLimiter(20, FIFTEEN_MINUTES, now),
  };
}
