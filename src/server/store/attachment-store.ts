/**
 * Metadata of content-addressed attachments (photos, recordings). The bytes live on disk (see
 * attachments/attachment-files.ts); a row is written only after its file is in place, so a row always means
 * the server holds the bytes.
 */
import type { Attachment } from '../../domain/schemas/attachment.ts';
import type { SqlEngine } from './sql.ts';

/** Attachment rows. */
export interface AttachmentStore {
  /** The attachment with this id (SHA-256 hex), or undefined. */
  find(id: string): Promise<Attachment | undefined>;
  /** Records an attachment whose file is in place; recording it again changes nothing. */
  record(attachment: Attachment): Promise<void>;
}

/** Builds the attachment store on an open engine. */
export function createAttachmentStore(engine: SqlEngine): AttachmentStore {
  return {
    async find(id) {
      const [row] = await engine.query<Attachment>('SELECT id, mime, size FROM attachments WHERE id = $1', [
        id,
      ]);
      return row;
    },
    async record({ id, mime, size }) {
      await engine.query(
        'INSERT INTO attachments (id, mime, size) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [id, mime, size],
      );
    },
  };
}
