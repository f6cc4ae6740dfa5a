/**
 * Language slots edited on a device, against the slots pulled from the server. The rule deciding which of the two
 * a device shows lives here, pure, so the repository, the sync and the tests share one definition of it:
 *
 * - A local edit remembers `baseRev`, the rev of the server slot it started from (0 when there was none).
 * - While the server slot's rev is not newer than `baseRev`, the local edit is shown: the server has nothing the
 *   translator has not seen.
 * - When the server slot is newer, it replaces the local edit only if it is the review outcome (approved or
 *   rejected) of that very edit: same text and same recording. Nothing unsent is lost then, and the reviewer's
 *   verdict is what the translator must see.
 * - Any other newer server slot (someone else's translation, a reviewer's correction) never overwrites unsent work:
 *   the local edit is still shown, flagged `serverNewer`, and the translator decides (keep editing or discard).
 */
import type { LanguageSlot, SlotStatus } from './schemas/language-slot.ts';

/** Statuses a slot may have while it only exists on the device. */
export type LocalSlotStatus = Extract<SlotStatus, 'draft' | 'submitted'>;

/** A slot written on this device and not yet sent, with the server rev it was based on. */
export interface LocalSlot extends LanguageSlot {
  status: LocalSlotStatus;
  /** Rev of the server slot the edit started from; 0 when the server had no slot for the language. */
  baseRev: number;
}

/** Which slot the device shows for one bulletin and language, and why. */
export interface SlotResolution {
  slot: LanguageSlot | undefined;
  source: 'none' | 'server' | 'local';
  /** The server has a newer slot that differs from the local edit shown. */
  serverNewer: boolean;
}

/** Largest translation accepted, the same as the slot schema's. */
export const MAX_SLOT_TEXT = 30000;

/** Longest translator name accepted, the same as the slot schema's. */
export const MAX_TRANSLATOR = 200;

/** Tells a local edit from a pulled slot. */
export function isLocalSlot(slot: LanguageSlot | undefined): slot is LocalSlot {
  return slot !== undefined && 'baseRev' in slot;
}

function sameContent(a: LanguageSlot, b: LanguageSlot): boolean {
  return a.text.trim() === b.text.trim() && a.audioId === b.audioId;
}

/** Applies the rule in the module comment to the pulled slot and the local edit of one bulletin and language. */
export function resolveSlot(server: LanguageSlot | undefined, local: LocalSlot | undefined): SlotResolution {
  if (!local) return { slot: server, source: server ? 'server' : 'none', serverNewer: false };
  if (!server || server.rev <= local.baseRev) return { slot: local, source: 'local', serverNewer: false };
  const reviewed = server.status === 'approved' || server.status === 'rejected';
  if (reviewed && sameContent(server, local)) return { slot: server, source: 'server', serverNewer: false };
  return { slot: local, source: 'local', serverNewer: true };
}

/** What a translator is about to save. */
export interface SlotEdit {
  text: string;
  translator: string;
  hasRecording: boolean;
  status: LocalSlotStatus;
}

/** Why an edit cannot be saved; each has a message in the `slots` locale namespace. */
export type SlotEditProblem = 'empty' | 'textTooLong' | 'translatorMissing' | 'translatorTooLong';

/**
 * Checks an edit before it is stored. A draft needs something (text or a recording); a submission for review
 * also needs it and the translator's name, so the reviewer knows whom to ask.
 */
export function checkSlotEdit(edit: SlotEdit): SlotEditProblem[] {
  const problems: SlotEditProblem[] = [];
  const text = edit.text.trim();
  const translator = edit.translator.trim();
  if (text === '' && !edit.hasRecording) problems.push('empty');
  if (text.length > MAX_SLOT_TEXT) problems.push('textTooLong');
  if (edit.status === 'submitted' && translator === '') problems.push('translatorMissing');
  if (translator.length > MAX_TRANSLATOR) problems.push('translatorTooLong');
  return problems;
}
