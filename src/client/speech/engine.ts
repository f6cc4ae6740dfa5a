/**
 * The one interface every way of making a bulletin audible implements: a recorded human voice, a Web Speech
 * voice of the device, and the offline eSpeak-NG engine. The player picks one per language slot (see
 * select-engine.ts) and measures real start and end times for the broadcast log.
 */
import type { Language } from '../../domain/languages.ts';

/** Which engine produced the sound; `recording` maps to log source "recording", the others to "tts". */
export type EngineKind = 'recording' | 'web-speech' | 'offline';

/** What to say and how. */
export interface SpeakRequest {
  /** Plain text (paragraphs separated by blank lines); ignored by the recording engine. */
  text: string;
  language: Language;
  /** 0.5–2, 1 is normal speed. */
  rate: number;
  /** 0–1. */
  volume: number;
  /** How many times to play the whole bulletin, ≥ 1. */
  repeats: number;
  /** Silence between repeats, in milliseconds. */
  pauseBetweenMs: number;
}

/**
 * Where playback stands, for the UI. `preparing` is before the engine can make a sound (finding the voice,
 * rendering the text: seconds for the offline engine on a cheap phone); `pausedBetweenRepeats` is the planned
 * silence between two repeats; `paused` is the user's pause (also when taken during that silence).
 */
export type PlaybackState =
  'preparing' | 'playing' | 'paused' | 'pausedBetweenRepeats' | 'ended' | 'stopped' | 'failed';

/**
 * Progress events; `sentence` is the index into splitSentences(text) (src/domain/sentences.ts) of the
 * sentence being read (text engines), or null (recording, between repeats, before the first sentence).
 */
export interface PlaybackProgress {
  /** 1-based: the repeat being played. */
  repeat: number;
  sentence: number | null;
  state: PlaybackState;
}

/** How a playback ended: the measured times are what the broadcast log records. */
export interface PlaybackResult {
  engine: EngineKind;
  /** ISO timestamps measured when sound really started and stopped. */
  startedAt: string;
  endedAt: string;
  /** Repeats played to the end (a stop in the middle of a repeat does not count it). */
  repeatsCompleted: number;
  outcome: 'completed' | 'stopped' | 'failed';
  error?: string;
}

/** A running playback. */
export interface Playback {
  pause(): void;
  resume(): void;
  stop(): void;
  /** Resolves when playback ends for any reason; never rejects. */
  readonly done: Promise<PlaybackResult>;
}

/** A speech engine available on this device for some languages. */
export interface SpeechEngine {
  readonly kind: EngineKind;
  /** Whether this engine can speak `language` on this device now (voices loaded, data stored, recording present). */
  canSpeak(language: Language): Promise<boolean>;
  /** Starts playing; progress is reported through `onProgress`. */
  speak(request: SpeakRequest, onProgress: (progress: PlaybackProgress) => void): Playback;
}
