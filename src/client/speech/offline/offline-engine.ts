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
async function renderOffline(
  text: string,
  language: Pick<Language, 'code'>,
  rate: number,
  signal?: AbortSignal,
): Promise<OfflineRendering> {
  const voice = chosenOfflineVoice(language);
  if (!voice) throw new OfflineVoiceError('no-voice', `No offline voice for "${language.code}"`);
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
