/**
 * The offline engine: eSpeak-NG in a Web Worker renders the bulletin once to a WAV file, which an <audio>
 * element plays for every repeat (repeats, pauses and measured times are the shared repeat loop's). Sentence
 * progress comes from eSpeak-NG's word timings (speech-text.ts) against the element's play head. The same
 * rendering exports a slot as a WAV file.
 */
import type { Language } from '../../../domain/languages.ts';
import type { SpeechEngine } from '../engine.ts';
import {
  audioPass,
  browserAudio,
  type AudioElementLike,
  type AudioEnvironment,
} from '../recording-engine.ts';
import { runRepeatLoop, type Pass, type PassEvents } from '../repeat-loop.ts';
import { renderInWorker } from './espeak-bridge.ts';
import {
  prepareSpeechText,
  sentenceAt,
  sentenceStarts,
  wordsPerMinute,
  type SentenceStart,
} from './speech-text.ts';
import { OfflineVoiceError } from './voice-cache.ts';
import { chosenOfflineVoice } from './voice-choice.ts';
import { offlineVoicesFor } from './voice-files.ts';
import { isOfflineVoiceStored, offlineVoiceSources } from './voice-store.ts';

/** A bulletin rendered by eSpeak-NG: the WAV file and where each piece of splitSentences(text) starts in it. */
export interface OfflineRendering {
  wav: Blob;
  starts: SentenceStart[];
}

/** Renders `text` with the chosen offline voice of `language`; rejects with an OfflineVoiceError. */
async function renderFresh(
  text: string,
  voice: string,
  rate: number,
  signal: AbortSignal,
): Promise<OfflineRendering> {
  const prepared = prepareSpeechText(text);
  if (prepared.sentences.length === 0) throw new OfflineVoiceError('empty-text', 'Nothing to read');
  const audio = await renderInWorker(
    {
      text: prepared.text,
      voice,
      wordsPerMinute: wordsPerMinute(rate),
      sources: await offlineVoiceSources(),
    },
    signal,
  );
  return {
    wav: new Blob([audio.wav], { type: 'audio/wav' }),
    starts: sentenceStarts(prepared.offsets, audio.words),
  };
}

/**
 * The last rendering asked for, finished or not. Rendering a bulletin takes seconds on a cheap phone, so the
 * reader renders it ahead (prerenderOffline) and Phát or the WAV export then reuse it, also while it is still
 * being rendered. One entry only: a rendering is a few MB of WAV.
 */
let lastRendering: { key: string; rendering: Promise<OfflineRendering>; abort: AbortController } | undefined;

/** Rejects with the signal's reason once it aborts, leaving the shared rendering to finish for a later use. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Renders `text` with the chosen offline voice of `language`, reusing the last rendering of the same. */
function renderOffline(
  text: string,
  language: Pick<Language, 'code'>,
  rate: number,
  signal?: AbortSignal,
): Promise<OfflineRendering> {
  const voice = chosenOfflineVoice(language);
  if (!voice)
    return Promise.reject(new OfflineVoiceError('no-voice', `No offline voice for "${language.code}"`));
  const key = JSON.stringify([voice, wordsPerMinute(rate), text]);
  if (lastRendering?.key !== key) {
    const abort = new AbortController();
    const rendering = renderFresh(text, voice, rate, abort.signal);
    const entry = { key, rendering, abort };
    lastRendering = entry;
    // A failed rendering is not kept: the next call tries again.
    rendering.catch(() => {
      if (lastRendering === entry) lastRendering = undefined;
    });
  }
  return untilAborted(lastRendering.rendering, signal);
}

/**
 * Renders `text` ahead of Phát, so the first sentence sounds at once: the worker loads and compiles the engine
 * and renders the bulletin. Resolves when done; a failure is left for Phát to report.
 */
export async function prerenderOffline(
  text: string,
  language: Pick<Language, 'code'>,
  rate: number,
): Promise<void> {
  await renderOffline(text, language, rate).catch(() => undefined);
}

/**
 * Drops the pre-rendered bulletin once its reader closed, so its audio does not stay in memory, and stops
 * a rendering still running: the worker is then terminated rather than busy for nobody.
 */
export function forgetOfflineRendering(): void {
  lastRendering?.abort.abort();
  lastRendering = undefined;
}

/** The slot's text as a WAV file (16-bit mono PCM) for IP-speaker platforms; rejects with an OfflineVoiceError. */
export async function renderBulletinWav(
  text: string,
  language: Pick<Language, 'code'>,
  rate = 1,
  signal?: AbortSignal,
): Promise<Blob> {
  return (await renderOffline(text, language, rate, signal)).wav;
}

/** An <audio> element as the recording engine uses it, plus the time updates that drive sentence progress. */
export type TimedAudioElement = AudioElementLike & { ontimeupdate: ((event: Event) => unknown) | null };

/** What the engine is made of; unit tests replace the worker and the audio elements. */
export interface OfflineEngineDeps {
  render: typeof renderOffline;
  isStored: () => Promise<boolean>;
  audio: Omit<AudioEnvironment, 'createAudio'> & { createAudio: () => TimedAudioElement };
}

function browserDeps(): OfflineEngineDeps {
  return {
    render: renderOffline,
    isStored: isOfflineVoiceStored,
    audio: { ...browserAudio(), createAudio: () => new Audio() },
  };
}

/** One pass over the rendered WAV from its beginning, reporting the sentence under the play head. */
function wavPass(audio: TimedAudioElement, starts: readonly SentenceStart[], events: PassEvents): Pass {
  let sentence = -1;
  return audioPass(audio, events, (ms) => {
    const now = sentenceAt(starts, ms);
    if (now === sentence) return;
    sentence = now;
    events.sentence(now);
  });
}

/** The failure code the player shows for an offline-voice error (see OfflineVoiceErrorCode). */
function failureCode(error: unknown): string {
  return error instanceof OfflineVoiceError ? error.code : 'engine';
}

/** The offline eSpeak-NG engine; it speaks the languages the build has a voice for, once the voice is stored. */
export function createOfflineEngine(deps: Partial<OfflineEngineDeps> = {}): SpeechEngine {
  const all: OfflineEngineDeps = { ...browserDeps(), ...deps };
  return {
    kind: 'offline',
    async canSpeak(language) {
      return offlineVoicesFor(language).length > 0 && (await all.isStored());
    },
    speak(request, onProgress) {
      const { audio: env } = all;
      const controller = new AbortController();
      const audio = env.createAudio();
      let url: string | null = null;
      return runRepeatLoop<readonly SentenceStart[]>({
        engine: 'offline',
        repeats: request.repeats,
        pauseBetweenMs: request.pauseBetweenMs,
        onProgress,
        prepare: async () => {
          let rendering: OfflineRendering;
          try {
            rendering = await all.render(request.text, request.language, request.rate, controller.signal);
          } catch (error) {
            throw new Error(failureCode(error));
          }
          url = env.createObjectURL(rendering.wav);
          audio.src = url;
          // The rate is in the rendering; out-of-range volumes throw in the browser.
          audio.volume = Math.min(1, Math.max(0, request.volume));
          return rendering.starts;
        },
        createPass: (events, starts) => wavPass(audio, starts, events),
        cleanup: () => {
          controller.abort();
          audio.onplaying = audio.ontimeupdate = audio.onended = audio.onerror = null;
          audio.pause();
          audio.removeAttribute('src');
          audio.load();
          if (url !== null) env.revokeObjectURL(url);
        },
      });
    },
  };
}
