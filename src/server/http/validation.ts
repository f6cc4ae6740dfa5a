import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Context } from 'hono';
import type * as v from 'valibot';
import { MAX_BODY_BYTES, MAX_INFLATED_BODY_BYTES } from '../../domain/sync.ts';
import { validate } from '../../domain/validation.ts';
import type { FieldIssue } from '../../domain/validation.ts';
import { ApiProblem } from './problem.ts';

const gunzipAsync = promisify(gunzip);

function invalid(issues: FieldIssue[]): ApiProblem {
  const fields = [...new Set(issues.map((issue) => issue.field))].join(', ');
  return new ApiProblem(400, { error: 'invalid_request', message: `Invalid ${fields}`, issues });
}

function tooLarge(limit: number): ApiProblem {
  return new ApiProblem(413, {
    error: 'body_too_large',
    message: `The request body is larger than ${limit} bytes`,
  });
}

function malformed(message: string): ApiProblem {
  return new ApiProblem(400, { error: 'malformed_json', message });
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

/**
 * The body bytes as sent, at most MAX_BODY_BYTES: a declared Content-Length over the limit is refused before
 * reading, and the count is kept while reading because the header may be missing (chunked) or lie.
 */
async function readLimitedBody(c: Context): Promise<Uint8Array> {
  const declared = c.req.header('Content-Length');
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw tooLarge(MAX_BODY_BYTES);
  const stream = c.req.raw.body;
  if (stream === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge(MAX_BODY_BYTES);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The body decompressed per Content-Encoding (none or gzip), at most MAX_INFLATED_BODY_BYTES. */
async function decodedBody(c: Context, sent: Uint8Array): Promise<Uint8Array> {
  const encoding = (c.req.header('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return sent;
  if (encoding !== 'gzip') {
    throw new ApiProblem(415, {
      error: 'unsupported_media_type',
      message: `Content-Encoding ${encoding} is not supported: send gzip or nothing`,
    });
  }
  try {
    return await gunzipAsync(sent, { maxOutputLength: MAX_INFLATED_BODY_BYTES });
  } catch (error) {
    // zlib refuses output past maxOutputLength with a RangeError: a gzip bomb, not a broken stream.
    if (error instanceof RangeError) throw tooLarge(MAX_INFLATED_BODY_BYTES);
    throw malformed('The request body is not valid gzip');
  }
}

/**
 * The JSON body checked against a domain schema. Refuses, always with a 4xx ApiError: another content type
 * (415), a body over the limits as sent or once gunzipped (413), bytes that are not UTF-8 JSON (400
 * malformed_json), and JSON that does not fit the schema (400 invalid_request naming the fields).
 */
export async function validJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiProblem(415, {
      error: 'unsupported_media_type',
      message: 'The request body must be sent as application/json',
    });
  }
  const bytes = await decodedBody(c, await readLimitedBody(c));
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw malformed('The request body is not valid JSON');
  }
  const result = validate(schema, body);
  if (!result.ok) throw invalid(result.issues);
  return result.value;
}
