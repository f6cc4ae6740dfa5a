/**
 * HEAD|GET|PUT /api/attachments/:sha256 for devices (bearer token) and staff (session cookie). A device asks
 * HEAD first and PUTs only what the server lacks; the body is the raw bytes with the attachment's media type.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../../domain/schemas/attachment.ts';
import { Sha256Schema } from '../../../domain/schemas/common.ts';
import { validate } from '../../../domain/validation.ts';
import {
  createAttachmentFiles,
  isAttachmentMime,
  UploadError,
  ATTACHMENT_MIMES,
} from '../../attachments/attachment-files.ts';
import { requireDevice } from '../../auth/device-auth.ts';
import { requireStaff } from '../../auth/staff-auth.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem } from '../problem.ts';

/** Middleware: a device's bearer token when the request carries an Authorization header, else a staff session. */
export function requireDeviceOrStaff(store: Store): MiddlewareHandler<AppEnv> {
  const device = requireDevice(store);
  const staff = requireStaff(store);
  return (c, next) => (c.req.header('Authorization') === undefined ? staff(c, next) : device(c, next));
}

/** The headers an attachment is served with, whichever route serves it. */
export function attachmentHeaders(attachment: Attachment): Record<string, string> {
  return { 'Content-Type': attachment.mime, 'Content-Length': String(attachment.size) };
}

const tooLarge = (): ApiProblem =>
  new ApiProblem(413, {
    error: 'body_too_large',
    message: `An attachment may have at most ${MAX_ATTACHMENT_BYTES} bytes`,
  });

const UPLOAD_PROBLEMS: Record<UploadError['problem'], () => ApiProblem> = {
  too_large: tooLarge,
  empty: () => new ApiProblem(400, { error: 'invalid_request', message: 'The attachment is empty' }),
  hash_mismatch: () =>
    new ApiProblem(400, {
      error: 'hash_mismatch',
      message: 'The bytes sent do not have the SHA-256 of the URL',
    }),
};

/** The attachment routes over `dir` (DATA_DIR/attachments), mounted at /api/attachments. */
export function attachmentRoutes(store: Store, dir: string): Hono<AppEnv> {
  const files = createAttachmentFiles(dir, store.attachments);

  /** The :sha256 of the path, checked; 400 naming it otherwise. */
  const idOf = (sha256: string): string => {
    const result = validate(Sha256Schema, sha256);
    if (result.ok) return result.value;
    throw new ApiProblem(400, {
      error: 'invalid_request',
      message: 'Invalid sha256',
      issues: [{ field: 'sha256', message: 'Must be 64 lower-case hex characters' }],
    });
  };

  const notFound = (): ApiProblem =>
    new ApiProblem(404, { error: 'not_found', message: 'The server does not hold this attachment' });

  return new Hono<AppEnv>()
    .use(requireDeviceOrStaff(store))
    .on(['GET', 'HEAD'], '/:sha256', async (c) => {
      const attachment = await files.find(idOf(c.req.param('sha256')));
      if (attachment === undefined) throw notFound();
      const headers = attachmentHeaders(attachment);
      if (c.req.method === 'HEAD') return c.body(null, 200, headers);
      return c.body(files.read(attachment.id), 200, headers);
    })
    .put('/:sha256', async (c) => {
      const id = idOf(c.req.param('sha256'));
      const mime = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!isAttachmentMime(mime)) {
        throw new ApiProblem(415, {
          error: 'unsupported_media_type',
          message: `An attachment must be one of ${ATTACHMENT_MIMES.join(', ')}`,
        });
      }
      const encoding = c.req.header('Content-Encoding')?.trim().toLowerCase();
      if (encoding !== undefined && encoding !== 'identity') {
        throw new ApiProblem(415, {
          error: 'unsupported_media_type',
          message:
            'Send attachment bytes without Content-Encoding: photos and recordings are compressed already',
        });
      }
      const declared = c.req.header('Content-Length');
      if (declared !== undefined && Number(declared) > MAX_ATTACHMENT_BYTES) throw tooLarge();
      try {
        const outcome = await files.put(id, mime, c.req.raw.body);
        const attachment = await files.find(id);
        return c.json({ attachment }, outcome === 'created' ? 201 : 200);
      } catch (error) {
        if (error instanceof UploadError) throw UPLOAD_PROBLEMS[error.problem]();
        throw error;
      }
    });
}
