/** Messages between the page (espeak-bridge.ts) and the eSpeak-NG worker (espeak-worker.ts). */
import type { OfflineVoiceErrorCode } from './voice-cache.ts';
import type { OfflineVoiceSources } from './voice-store.ts';

/** Text to render: already prepared for eSpeak-NG (speech-text.ts), with the voice and speed. */
export interface RenderRequest {
  text: string;
  /** eSpeak-NG voice id, e.g. "vi" or "vi-VN-x-south". */
  voice: string;
  wordsPerMinute: number;
  /** Where to load the engine from if the worker has not loaded it yet. */
  sources: OfflineVoiceSources;
}

/** Where a word starts: eSpeak-NG's 1-based code-point position in the text and the time in the audio. */
export interface WordTiming {
  position: number;
  ms: number;
}

/** The rendered text as a WAV file, with the start time of every word. */
export interface RenderedAudio {
  wav: Uint8Array<ArrayBuffer>;
  words: WordTiming[];
}

/** Page → worker. */
export interface WorkerCall {
  id: number;
  request: RenderRequest;
}

/** Worker → page. */
export type WorkerReply =
  | { id: number; ok: true; result: RenderedAudio }
  | { id: number; ok: false; code: OfflineVoiceErrorCode; message: string };
