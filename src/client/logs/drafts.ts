/**
 * From a played bulletin to a broadcast log: the player's measured playback becomes a pending draft at once
 * (stored by draft-repository.ts, so it outlives the screen), the operator edits it if needed, and confirming
 * writes the signed log through the log writer before the draft goes.
 */
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import type { LanguageCode } from '../../domain/languages.ts';
import {
  draftOfPlayback,
  type BroadcastFields,
  type LogDraft,
  type MeasuredPlayback,
  type VoiceKind,
} from '../../domain/log-draft.ts';
import type { LogFormValues } from '../../domain/log-form.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LoaxaDb } from '../db/database.ts';
import {
  addPendingDraft,
  getPendingDraft,
  readPendingDrafts,
  removePendingDraft,
  updatePendingDraft,
} from '../db/draft-repository.ts';
import { getDeviceSettings } from '../db/settings-repository.ts';
import { recordBroadcast } from '../evidence/log-writer.ts';

/** Raised by confirmDraft when the draft was confirmed or discarded meanwhile (in another tab). */
export class DraftGoneError extends Error {
  /** Builds the error for one draft. */
  constructor(readonly draftId: string) {
    super(`draft ${draftId} is no longer pending`);
    this.name = 'DraftGoneError';
  }
}

/** What the player reports when a playback of a bulletin ends. */
export interface PlayedBulletin {
  playback: MeasuredPlayback;
  voice: VoiceKind;
  bulletin: Pick<Bulletin, 'id' | 'version' | 'title'>;
  lang: LanguageCode;
}

/**
 * Stores the draft of a playback with the device's unit, operator and default channel; null (nothing stored)
 * when the playback made no sound.
 */
export async function draftPlayback(db: LoaxaDb, played: PlayedBulletin): Promise<LogDraft | null> {
  const settings = await getDeviceSettings(db);
  const draft = draftOfPlayback(
    played.playback,
    {
      bulletin: played.bulletin,
      lang: played.lang,
      voice: played.voice,
      unitId: settings.unit?.id ?? '',
      operator: settings.operatorName,
      channel: settings.defaultChannel,
    },
    crypto.randomUUID(),
    new Date(),
  );
  if (draft) await addPendingDraft(db, draft);
  return draft;
}

/** The drafts waiting for confirmation, oldest first. */
export function listPendingDrafts(db: LoaxaDb): Promise<LogDraft[]> {
  return readPendingDrafts(db);
}

/**
 * Keeps what the operator typed in a draft's form; `fields`, when the form reads as a valid log, become what
 * confirming writes. Returns false when the draft is no longer pending.
 */
export function saveDraftEdits(
  db: LoaxaDb,
  id: string,
  form: LogFormValues,
  fields: BroadcastFields | null,
): Promise<boolean> {
  return updatePendingDraft(db, id, (draft) => ({ ...draft, form, log: fields ?? draft.log }));
}

/**
 * Writes the draft's log (signed, chained and queued for sync, in one transaction) and then drops the draft.
 * A unit or operator still missing from the draft is taken from the device's settings as they are now.
 * Throws the log writer's LogWriteError (invalid, quota, failed) with the draft kept, or DraftGoneError.
 */
export async function confirmDraft(db: LoaxaDb, id: string): Promise<BroadcastLog> {
  const draft = await getPendingDraft(db, id);
  if (!draft) throw new DraftGoneError(id);
  const settings = await getDeviceSettings(db);
  const log = await recordBroadcast(db, {
    ...draft.log,
    unitId: draft.log.unitId || (settings.unit?.id ?? ''),
    operator: draft.log.operator || settings.operatorName,
  });
  await removePendingDraft(db, id);
  return log;
}

/** Drops a draft without logging it (the operator said the broadcast did not happen as played). */
export function discardDraft(db: LoaxaDb, id: string): Promise<void> {
  return removePendingDraft(db, id);
}
