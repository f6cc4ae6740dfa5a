/**
 * Sliding-window limits on attempts that may fail (sign-in, enrolment), counted in the database
 * (store/attempt-store.ts) so that several server processes behind a load balancer share one count.
 *
 * An attempt is counted when it begins, not when it has failed: a password check takes a scrypt, and attempts
 * that only recorded their failure afterwards all passed the limit together when sent at once. A successful
 * attempt then takes its count back.
 */
import type { AttemptStore } from '../store/attempt-store.ts';

/** A limit: at most `limit` counted attempts per key within `windowMs`. */
export interface Limiter {
  /** Stored with each attempt; keep it stable across versions. */
  name: string;
  limit: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Failed sign-ins (and wrong current passwords) per login: 5 in 15 minutes. */
export const SIGN_IN_FAILURES_BY_LOGIN: Limiter = {
  name: 'sign_in_login',
  limit: 5,
  windowMs: FIFTEEN_MINUTES,
};
/** Failed sign-ins per client address: 20 in 15 minutes. */
export const SIGN_IN_FAILURES_BY_ADDRESS: Limiter = {
  name: 'sign_in_address',
  limit: 20,
  windowMs: FIFTEEN_MINUTES,
};
/** Failed enrolments (unknown, expired or used code) per client address: 20 in 15 minutes. */
export const ENROL_FAILURES_BY_ADDRESS: Limiter = {
  name: 'enrol_address',
  limit: 20,
  windowMs: FIFTEEN_MINUTES,
};

/** Wrong first-run setup codes per client address: 10 in 15 minutes. */
export const SETUP_FAILURES_BY_ADDRESS: Limiter = {
  name: 'setup_address',
  limit: 10,
  windowMs: FIFTEEN_MINUTES,
};

/** An attempt begun on some limiters: `wait` > 0 when refused, else what it counted, to take back on success. */
export interface Attempt {
  /** Seconds to wait before trying again; 0 when the attempt may go ahead. */
  wait: number;
  /** Takes back what this attempt counted on `limiter`. */
  takeBack(limiter: Limiter): Promise<void>;
}

/** The limits of the server, on the database's attempt counters. */
export interface RateLimits {
  /** Begins an attempt on every limiter at once; when any is at its limit, none counts it. */
  begin(...counters: readonly [Limiter, string][]): Promise<Attempt>;
  /** Forgets every attempt of `key` on `limiter`, e.g. a login's failures once it signed in. */
  forget(limiter: Limiter, key: string): Promise<void>;
}

/** Limits counted in `attempts`; `now` is injectable so tests can move time. */
export function createRateLimits(attempts: AttemptStore, now: () => Date = () => new Date()): RateLimits {
  return {
    async begin(...counters) {
      const { wait, ids } = await attempts.begin(
        counters.map(([limiter, key]) => ({
          limiter: limiter.name,
          key,
          limit: limiter.limit,
          windowMs: limiter.windowMs,
        })),
        now(),
      );
      return {
        wait,
        async takeBack(limiter) {
          const index = counters.findIndex(([counted]) => counted === limiter);
          const id = ids[index];
          if (id !== undefined) await attempts.takeBack([id]);
        },
      };
    },
    forget: (limiter, key) => attempts.forget(limiter.name, key),
  };
}
