import type { Context } from 'hono';
import * as v from 'valibot';
import { IdSchema } from '../../domain/schemas/common.ts';
import { ApiProblem } from './problem.ts';

/** 404 not_found naming what is missing. */
export function notFoundProblem(what: string): ApiProblem {
  return new ApiProblem(404, { error: 'not_found', message: `No such ${what}` });
}

/**
 * The `:id` path parameter when it is a UUID; anything else cannot name a stored row, so it is answered like
 * an unknown id (404) rather than reaching the database as an invalid uuid.
 */
export function idParam(c: Context, what: string): string {
  const id = c.req.param('id');
  if (!v.is(IdSchema, id)) throw notFoundProblem(what);
  return id;
}
