import type { ApiError } from '../../domain/sync.ts';

/** The statuses the API answers with on purpose; anything else is a 500. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

/** An error the API answers with its own status and ApiError body rather than a 500. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: ProblemStatus,
    readonly body: ApiError,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.message);
  }
}

/**
 * Throws 429 too_many_attempts with Retry-After while a rate limit holds (`wait`, in seconds, from RateLimits.begin);
 * `what` names the failures counted, e.g. "failed sign-ins".
 */
export function refuseWhileLimited(wait: number, what: string): void {
  if (wait <= 0) return;
  throw new ApiProblem(
    429,
    { error: 'too_many_attempts', message: `Too many ${what}: try again in ${wait} s` },
    { 'Retry-After': String(wait) },
  );
}
