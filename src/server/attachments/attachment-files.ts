/**
 * Content-addressed attachment files under DATA_DIR/attachments/<sha256>. An upload streams into a temporary
 * file in the same directory while its SHA-256 and size are counted; only bytes that hash to the name asked
 * for, within MAX_ATTACHMENT_BYTES, are renamed into place (rename is atomic, so a reader never sees half a
 * file), and only then is the attachments row written. A file is never changed once in place: the same name
 * always means the same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as v from 'valibot';
import { AttachmentSchema, MAX_ATTACHMENT_BYTES, type Attachment } from '../../domain/schemas/attachment.ts';
import type { AttachmentStore } from '../store/attachment-store.ts';

/** Where the attachment files of `dataDir` are. */
export function attachmentsDir(dataDir: string): string {
  return join(dataDir, 'attachments');
}

/** The media types an attachment may have. */
export const ATTACHMENT_MIMES: readonly Attachment['mime'][] = AttachmentSchema.entries.mime.options;

/** Whether `mime` is one of ATTACHMENT_MIMES. */
export function isAttachmentMime(mime: string): mime is Attachment['mime'] {
  return v.is(AttachmentSchema.entries.mime, mime);
}

/** Why an upload was refused. */
export type UploadProblem = 'empty' | 'too_large' | 'hash_mismatch';

/** Thrown by AttachmentFiles.put; nothing was kept. */
export class UploadError extends Error {
  override readonly name = 'UploadError';

  constructor(readonly problem: UploadProblem) {
    super(`attachment upload refused: ${problem}`);
  }
}

/** Attachments on disk and in the attachments table. */
export interface AttachmentFiles {
  /** The attachment's metadata when the server holds it. */
  find(id: string): Promise<Attachment | undefined>;
  /** The attachment's bytes as a stream; call after find said it exists. */
  read(id: string): ReadableStream<Uint8Array>;
  /**
   * Stores the bytes of `body` as attachment `id` (its SHA-256 hex): 'created', or 'existing' when it was held
   * already (the body is then not read). Throws UploadError when the body is empty, too large, or hashes to
   * another id.
   */
  put(
    id: string,
    mime: Attachment['mime'],
    body: ReadableStream<Uint8Array> | null,
  ): Promise<'created' | 'existing'>;
}

/** Builds the attachment files over `dir` (created on first upload) and the attachment rows. */
export function createAttachmentFiles(dir: string, rows: AttachmentStore): AttachmentFiles {
  return {
    find: (id) => rows.find(id),

    read: (id) => Readable.toWeb(createReadStream(join(dir, id))) as ReadableStream<Uint8Array>,

    async put(id, mime, body) {
      if ((await rows.find(id)) !== undefined) return 'existing';
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.upload-${randomUUID()}`);
      const file = await open(temp, 'wx');
      try {
        const hash = createHash('sha256');
        let size = 0;
        const reader = body?.getReader();
        for (
          let chunk = await reader?.read();
          chunk !== undefined && !chunk.done;
          chunk = await reader?.read()
        ) {
          size += chunk.value.byteLength;
          if (size > MAX_ATTACHMENT_BYTES) {
            await reader?.cancel();
            throw new UploadError('too_large');
          }
          hash.update(chunk.value);
          await file.write(chunk.value);
        }
        if (size === 0) throw new UploadError('empty');
        if (hash.digest('hex') !== id) throw new UploadError('hash_mismatch');
        await file.sync();
        await file.close();
        await rename(temp, join(dir, id));
        await rows.record({ id, mime, size });
        return 'created';
      } catch (error) {
        await file.close().catch(() => undefined);
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}
