/**
 * The device's own text-to-speech voices through the Web Speech API (window.speechSynthesis).
 *
 * Browser behaviour this works around:
 * - Chrome stops some voices after about 15 seconds of one utterance, so the text is said one sentence per
 *   utterance (splitSentences cuts long sentences near 220 characters); the next sentence is queued from the
 *   previous one's `end` event.
 * - speechSynthesis.pause() is unreliable: on Android it ends the utterance like cancel() and resume() then
 *   does nothing (MDN browser-compat-data issue #4500), and on the desktop some voices never confirm it. A pause
 *   here therefore cancels and a resume says the current sentence again from its beginning.
 * - Voices load asynchronously: getVoices() is [] until `voiceschanged` fires, which some browsers never do,
 *   hence the timeout.
 * - cancel() fires error 'interrupted' on the utterance being spoken (and 'canceled' on queued ones in WebKit):
 *   events from utterances this engine has cancelled are ignored, so a stop or pause is never a failure.
 * - Chrome drops the events of utterances that were garbage-collected: the current one is kept referenced.
 */
import type { Language } from '../../domain/languages.ts';
import { splitSentences, type Sentence } from '../../domain/sentences.ts';
import type { Playback, PlaybackProgress, SpeakRequest, SpeechEngine } from './engine.ts';
import { runRepeatLoop, type Pass, type PassEvents } from './repeat-loop.ts';

/** The browser objects the engine drives, injected so tests can pass a fake. */
export interface WebSpeechEnvironment {
  synthesis: SpeechSynthesis;
  createUtterance: (text: string) => SpeechSynthesisUtterance;
  /** How long to wait for `voiceschanged` when no voice is listed yet. */
  voicesTimeoutMs?: number;
}

const DEFAULT_VOICES_TIMEOUT_MS = 2000;

/** The page's speechSynthesis, or null where the browser has none. */
export function browserWebSpeech(): WebSpeechEnvironment | null {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance !== 'function') return null;
  return { synthesis: speechSynthesis, createUtterance: (text) => new SpeechSynthesisUtterance(text) };
}

function normalizeTag(tag: string): string {
  // Some Android builds report "vi_VN".
  return tag.replace(/_/g, '-').toLowerCase();
}

function matchScore(voice: SpeechSynthesisVoice, language: Language): number {
  const tag = normalizeTag(voice.lang);
  const exact = [language.bcp47, ...language.voiceTags].map(normalizeTag);
  if (exact.includes(tag)) return 2;
  // Only the primary tag's language counts as a prefix: a "zh-HK" voice tag must not let zh-CN speak Cantonese.
  const primary = normalizeTag(language.bcp47).split('-')[0];
  return tag.split('-')[0] === primary ? 1 : 0;
}

/**
 * The best voice for `language`: an exact tag (the BCP-47 tag or one of its voiceTags) before the same
 * language with another region; among equals a voice on the device (it works offline) before a network
 * voice, then the platform's default voice.
 */
export function findVoice(
  voices: readonly SpeechSynthesisVoice[],
  language: Language,
): SpeechSynthesisVoice | null {
  let best: SpeechSynthesisVoice | null = null;
  let bestRank = 0;
  for (const voice of voices) {
    const score = matchScore(voice, language);
    if (score === 0) continue;
    const rank = score * 4 + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
    if (rank > bestRank) {
      best = voice;
      bestRank = rank;
    }
  }
  return best;
}

/** The voices of the device, waiting (up to `timeoutMs`) for them to load when none is listed yet. */
export function loadVoices(synthesis: SpeechSynthesis, timeoutMs: number): Promise<SpeechSynthesisVoice[]> {
  const listed = synthesis.getVoices();
  if (listed.length > 0) return Promise.resolve(listed);
  return new Promise((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      synthesis.removeEventListener('voiceschanged', settle);
      resolve(synthesis.getVoices());
    };
    const timer = setTimeout(settle, timeoutMs);
    synthesis.addEventListener('voiceschanged', settle);
  });
}

interface Prepared {
  voice: SpeechSynthesisVoice;
  sentences: Sentence[];
}

/** One pass over the sentences, one utterance at a time. */
function sentencePass(
  env: WebSpeechEnvironment,
  request: SpeakRequest,
  { voice, sentences }: Prepared,
  events: PassEvents,
): Pass {
  let index = 0;
  // Bumped whenever this pass cancels: events of older utterances are then ignored.
  let generation = 0;
  let current: SpeechSynthesisUtterance | null = null;

  const sayCurrent = () => {
    const sentence = sentences[index];
    if (!sentence) {
      events.ended();
      return;
    }
    const mine = ++generation;
    const utterance = env.createUtterance(sentence.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = request.rate;
    utterance.volume = request.volume;
    utterance.onstart = () => {
      if (mine !== generation) return;
      events.sounding();
      events.sentence(index);
    };
    utterance.onend = () => {
      if (mine !== generation) return;
      index++;
      sayCurrent();
    };
    utterance.onerror = (event) => {
      if (mine !== generation) return;
      generation++;
      events.failed(event.error);
    };
    current = utterance;
    env.synthesis.speak(current);
  };

  const silence = () => {
    generation++;
    current = null;
    env.synthesis.cancel();
  };

  return { play: sayCurrent, pause: silence, stop: silence };
}

/** The Web Speech engine over `env` (see browserWebSpeech for the page's own). */
export function createWebSpeechEngine(env: WebSpeechEnvironment): SpeechEngine {
  const timeoutMs = env.voicesTimeoutMs ?? DEFAULT_VOICES_TIMEOUT_MS;
  return {
    kind: 'web-speech',
    async canSpeak(language: Language) {
      return findVoice(await loadVoices(env.synthesis, timeoutMs), language) !== null;
    },
    speak(request: SpeakRequest, onProgress: (progress: PlaybackProgress) => void): Playback {
      return runRepeatLoop<Prepared>({
        engine: 'web-speech',
        repeats: request.repeats,
        pauseBetweenMs: request.pauseBetweenMs,
        onProgress,
        prepare: async () => {
          const sentences = splitSentences(request.text);
          if (sentences.length === 0) throw new Error('empty-text');
          const voice = findVoice(await loadVoices(env.synthesis, timeoutMs), request.language);
          if (!voice) throw new Error('no-voice');
          // Whatever an earlier page or playback left queued would otherwise be read first.
          env.synthesis.cancel();
          return { voice, sentences };
        },
        createPass: (events, prepared) => sentencePass(env, request, prepared, events),
      });
    },
  };
}
