import type { Context } from 'hono';
import type * as v from 'valibot';
import { validate } from '../../domain/validation.ts';
import type { FieldIssue } from '../../domain/validation.ts';
import { ApiProblem } from './problem.ts';

function invalid(issues: FieldIssue[]): ApiProblem {
  const fields = [...new Set(issues.map((issue) => issue.field))].join(', ');
  return new ApiProblem(400, { error: 'invalid_request', message: `Invalid ${fields}`, issues });
}

/** The query string checked against a domain schema; answers 400 naming the fields when it does not fit. */
export function validQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  const query: Record<string, string> = {};
  const repeated: FieldIssue[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) repeated.push({ field: name, message: 'Given more than once' });
    query[name] = values[0] ?? '';
  }
  if (repeated.length > 0) throw invalid(repeated);
  const result = validate(schema, query);
  if (!result.ok) throw invalid(result.issues);
  return result.value;
}

/** The JSON body checked against a domain schema; answers 400 when it is not JSON or does not fit. */
export async function validJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiProblem(400, { error: 'malformed_json', message: 'The request body is not valid JSON' });
  }
  const result = validate(schema, body);
  if (!result.ok) throw invalid(result.issues);
  return result.value;
}
