import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError } from '../../domain/sync.ts';
import { ApiProblem } from './problem.ts';

/** Answers a request no route took: 404 with an ApiError body. */
export function notFound(c: Context): Response {
  const body: ApiError = { error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` };
  return c.json(body, 404);
}

/** Answers a thrown error: known problems with their status, anything else 500 without details (logged). */
export function onError(error: Error, c: Context): Response {
  if (error instanceof ApiProblem) return c.json(error.body, error.status, { ...error.headers });
  if (error instanceof HTTPException && error.status < 500) {
    const body: ApiError = { error: 'bad_request', message: error.message || 'The request was refused' };
    return c.json(body, error.status);
  }
  console.error(`Unexpected error on ${c.req.method} ${c.req.path}:`, error);
  const body: ApiError = { error: 'internal_error', message: 'Internal server error' };
  return c.json(body, 500);
}
