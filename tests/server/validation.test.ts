import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/domain/sync.ts';
import { AttachmentSchema } from '../../src/domain/schemas/attachment.ts';
import { onError } from '../../src/server/http/errors.ts';
import { validJson } from '../../src/server/http/validation.ts';

/** A route shaped like the coming write endpoints: a JSON body checked against a domain schema. */
const app = new Hono()
  .post('/echo', async (c) => c.json(await validJson(c, AttachmentSchema)))
  .onError(onError);

const post = (body: string) =>
  app.request('/echo', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

describe('validJson', () => {
  it('passes a body that fits the schema', async () => {
    const attachment = { id: 'b'.repeat(64), mime: 'image/jpeg', size: 2048 };
    const response = await post(JSON.stringify(attachment));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(attachment);
  });

  it.each(['{"id": ', '', 'not json'])('refuses the malformed body %j with 400', async (body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiError).error).toBe('malformed_json');
  });

  it('refuses a body that does not fit with 400 naming each field', async () => {
    const response = await post(JSON.stringify({ id: 'xyz', mime: 'text/html', size: 0, extra: true }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiError;
    expect(body.error).toBe('invalid_request');
    expect(body.issues?.map((issue) => issue.field).sort()).toEqual(['extra', 'id', 'mime', 'size']);
  });
});
