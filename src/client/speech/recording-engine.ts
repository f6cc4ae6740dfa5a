/**
 * Recorded human voices: the slot's recording (or any audio blob, such as the offline engine's WAV) played
 * through an <audio> element from an object URL, which is revoked when the playback is over.
 */
import type { Language } from '../../domain/languages.ts';
import type { EngineKind, Playback, PlaybackProgress, SpeakRequest, SpeechEngine } from './engine.ts';
import { runRepeatLoop, type Pass, type PassEvents } from './repeat-loop.ts';

/** The parts of an <audio> element used here; tests pass a fake. */
export interface AudioElementLike {
  src: string;
  currentTime: number;
  volume: number;
  playbackRate: number;
  readonly error: { readonly code: number } | null;
  onplaying: ((event: Event) => unknown) | null;
  onended: ((event: Event) => unknown) | null;
  onerror: ((event: Event | string) => unknown) | null;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  removeAttribute(name: string): void;
}

/** Where audio elements and object URLs come from. */
export interface AudioEnvironment {
  createAudio: () => AudioElementLike;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
}

/** The page's own audio elements and object URLs. */
export function browserAudio(): AudioEnvironment {
  return {
    createAudio: () => new Audio(),
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
  };
}

/** A MediaError code as the failure code the player explains: only decode and format problems differ for the user. */
function mediaFailure(code: number | undefined): string {
  if (code === 3) return 'media-decode';
  if (code === 4) return 'media-unsupported';
  return 'playback-failed';
}

/**
 * One pass over the audio from its beginning. `onPlayhead`, when given, hears the play position (ms) as sound
 * starts and as it moves, so an engine can follow the sentence being heard.
 */
export function audioPass(
  audio: AudioElementLike & { ontimeupdate?: ((event: Event) => unknown) | null },
  events: PassEvents,
  onPlayhead?: (ms: number) => void,
): Pass {
  let live = true;
  let begun = false;
  const report = () => {
    if (live && onPlayhead) onPlayhead(audio.currentTime * 1000);
  };
  audio.onplaying = () => {
    if (!live) return;
    events.sounding();
    report();
  };
  if (onPlayhead) audio.ontimeupdate = report;
  audio.onended = () => {
    if (live) events.ended();
  };
  audio.onerror = () => {
    if (live) events.failed(mediaFailure(audio.error?.code));
  };
  return {
    play() {
      if (!begun) {
        audio.currentTime = 0;
        begun = true;
      }
      audio.play().catch((error: unknown) => {
        const name = error instanceof Error ? error.name : '';
        // A pause() or stop() before playback began rejects play() with AbortError: that is not a failure.
        if (!live || name === 'AbortError') return;
        events.failed(name === 'NotAllowedError' ? 'not-allowed' : 'playback-failed');
      });
    },
    pause() {
      audio.pause();
    },
    stop() {
      live = false;
      audio.pause();
    },
  };
}

/** Plays the audio `load` gives, `request.repeats` times; `text` and `language` are not used. */
export function playAudio(
  engine: EngineKind,
  load: () => Promise<Blob>,
  request: SpeakRequest,
  onProgress: (progress: PlaybackProgress) => void,
  env: AudioEnvironment,
): Playback {
  const audio = env.createAudio();
  let url: string | null = null;
  return runRepeatLoop<AudioElementLike>({
    engine,
    repeats: request.repeats,
    pauseBetweenMs: request.pauseBetweenMs,
    onProgress,
    prepare: async () => {
      const blob = await load();
      if (blob.size === 0) throw new Error('empty-recording');
      url = env.createObjectURL(blob);
      audio.src = url;
      // Out-of-range values throw in the browser.
      audio.volume = Math.min(1, Math.max(0, request.volume));
      audio.playbackRate = Math.min(2, Math.max(0.5, request.rate));
      return audio;
    },
    createPass: (events, element) => audioPass(element, events),
    cleanup: () => {
      audio.onplaying = audio.onended = audio.onerror = null;
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
      if (url !== null) env.revokeObjectURL(url);
    },
  });
}

/** The engine for one slot's recording; it can speak any language when the recording exists. */
export function createRecordingEngine(recording: Blob | null, env: AudioEnvironment): SpeechEngine {
  return {
    kind: 'recording',
    canSpeak: (_language: Language) => Promise.resolve(recording !== null && recording.size > 0),
    speak: (request, onProgress) =>
      playAudio(
        'recording',
        () => (recording ? Promise.resolve(recording) : Promise.reject(new Error('no-recording'))),
        request,
        onProgress,
        env,
      ),
  };
}
