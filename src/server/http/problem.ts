import type { ApiError } from '../../domain/sync.ts';

/** An error the API answers with its own status and ApiError body rather than a 500. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 503,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}
