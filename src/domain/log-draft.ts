/**
 * A broadcast log before the operator confirms it. The player drafts one from a measured playback; the
 * operator confirms it with one tap or edits it first. The measured playback stays beside the fields the log
 * will carry, so the sheet can still say how the playback ended after the fields were edited.
 */
import type { LogFormValues } from './log-form.ts';
import type { LanguageCode } from './languages.ts';
import type { BroadcastLog, BroadcastSource, Channel } from './schemas/broadcast-log.ts';
import type { Bulletin } from './schemas/bulletin.ts';

/** What a log says about a broadcast: every field but those the log writer assigns (id, chain, signature, time). */
export type BroadcastFields = Omit<
  BroadcastLog,
  'id' | 'deviceId' | 'seq' | 'prevHash' | 'hash' | 'signature' | 'createdAt'
>;

/** Which kind of voice made the sound: a recorded reading, or a speech engine (Web Speech or offline). */
export type VoiceKind = 'recording' | 'web-speech' | 'offline';

/** A playback as the player measured it (the shape of the speech engines' PlaybackResult). */
export interface MeasuredPlayback {
  /** ISO timestamps of the first sound and of the end; equal when no sound was made. */
  startedAt: string;
  endedAt: string;
  /** Repeats played to the end. */
  repeatsCompleted: number;
  outcome: 'completed' | 'stopped' | 'failed';
}

/** A log waiting for the operator's confirmation. */
export interface LogDraft {
  /** Random UUID of the draft; the log gets its own id when it is written. */
  id: string;
  /** When the draft was made (ISO timestamp). */
  createdAt: string;
  /** The bulletin's title when it was played, shown on the sheet even if the bulletin later leaves the device. */
  bulletinTitle: string;
  playback: MeasuredPlayback;
  /** What confirming writes: the measured fields, or the operator's last valid edit of them. */
  log: BroadcastFields;
  /** What the operator typed in the draft's form, kept so an unfinished edit survives a reload. */
  form: LogFormValues | null;
}

/** What the device knows when a playback ends. */
export interface DraftContext {
  bulletin: Pick<Bulletin, 'id' | 'version' | 'title'>;
  lang: LanguageCode;
  voice: VoiceKind;
  /** The device's unit; '' while none is chosen (confirming then needs one). */
  unitId: string;
  /** The operator name set on the device; '' while none is set. */
  operator: string;
  channel: Channel;
}

/** The log source of a voice: a recorded reading is "recording", any speech engine "tts". */
export function sourceOfVoice(voice: VoiceKind): BroadcastSource {
  return voice === 'recording' ? 'recording' : 'tts';
}

/** Whether a playback made any sound: a stop or a failure before the first sound leaves nothing to log. */
export function madeSound(playback: MeasuredPlayback): boolean {
  return Date.parse(playback.endedAt) > Date.parse(playback.startedAt);
}

/**
 * The draft of a playback, or null when it made no sound. The log states the passes the player measured to the
 * end as its completion: a playback stopped inside its first repeat was on air (one repeat, its minutes) but
 * completed no pass, so it is a partial airing (completion.ts).
 */
export function draftOfPlayback(
  playback: MeasuredPlayback,
  context: DraftContext,
  id: string,
  now: Date,
): LogDraft | null {
  if (!madeSound(playback)) return null;
  const { bulletin } = context;
  return {
    id,
    createdAt: now.toISOString(),
    bulletinTitle: bulletin.title,
    playback: {
      startedAt: playback.startedAt,
      endedAt: playback.endedAt,
      repeatsCompleted: playback.repeatsCompleted,
      outcome: playback.outcome,
    },
    log: {
      unitId: context.unitId,
      operator: context.operator,
      bulletinId: bulletin.id,
      bulletinVersion: bulletin.version,
      lang: context.lang,
      source: sourceOfVoice(context.voice),
      channel: context.channel,
      startedAt: playback.startedAt,
      endedAt: playback.endedAt,
      repeats: Math.max(1, playback.repeatsCompleted),
      completion: { passes: playback.repeatsCompleted, measured: true },
      location: null,
      placeName: null,
      photoIds: [],
      notes: '',
      correctsLogId: null,
    },
    form: null,
  };
}
