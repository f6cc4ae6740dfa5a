/**
 * Which engine reads a language slot, in the order of DESIGN §5: a recorded human voice, then a Web Speech
 * voice of the device, then the offline eSpeak-NG engine, else nothing, with the reason the player shows.
 * The offline engine's module is imported only when a slot gets this far, so it stays out of the entry chunk;
 * the reader warms it (warmOfflineEngine) only once it has chosen it, never at app start.
 */
import type { Language } from '../../domain/languages.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { SpeechEngine } from './engine.ts';
import { offlineVoicesFor } from './offline/voice-files.ts';
import { browserAudio, createRecordingEngine } from './recording-engine.ts';
import { browserWebSpeech, createWebSpeechEngine } from './web-speech-engine.ts';

/** The chosen engine and why; `kind: null` means nothing on this device can read the slot. */
export type EngineChoice =
  | { kind: 'recording'; reason: 'approved-recording' | 'own-recording' }
  | { kind: 'web-speech'; reason: 'device-voice' }
  | { kind: 'offline'; reason: 'offline-voice' }
  | { kind: null; reason: 'no-voice' | 'no-text' };

/** What this device has for one slot. */
export interface EngineAvailability {
  /** The slot's recording is stored on the device. */
  recording: boolean;
  /** There is text to read aloud. */
  text: boolean;
  /** A Web Speech voice matches the language. */
  webSpeech: boolean;
  /** The offline engine speaks the language and its voice is stored. */
  offline: boolean;
}

/**
 * Whether the slot's recording may go on air: an approved one, or the user's own draft or submitted one (a
 * slot in those states is always this device's edit, see slot-repository.ts). A rejected recording may not.
 */
export function usableRecording(
  slot: LanguageSlot | undefined,
): 'approved-recording' | 'own-recording' | null {
  if (!slot || slot.audioId === null) return null;
  if (slot.status === 'approved') return 'approved-recording';
  if (slot.status === 'draft' || slot.status === 'submitted') return 'own-recording';
  return null;
}

/** Picks the engine for a slot from what is available, in the fixed order above. */
export function chooseEngine(slot: LanguageSlot | undefined, available: EngineAvailability): EngineChoice {
  const recording = usableRecording(slot);
  if (recording && available.recording) return { kind: 'recording', reason: recording };
  if (!available.text) return { kind: null, reason: 'no-text' };
  if (available.webSpeech) return { kind: 'web-speech', reason: 'device-voice' };
  if (available.offline) return { kind: 'offline', reason: 'offline-voice' };
  return { kind: null, reason: 'no-voice' };
}

/**
 * Whether to offer storing the offline voice where nothing can read a slot: the device has no voice for the
 * language, and this build's offline voice speaks it (it is then not stored, or it would have been chosen).
 */
export function offersOfflineVoice(choice: EngineChoice, language: Pick<Language, 'code'>): boolean {
  return choice.reason === 'no-voice' && offlineVoicesFor(language).length > 0;
}

/** Where the engines come from; tests pass fakes. */
export interface EngineSources {
  recording: (blob: Blob) => SpeechEngine;
  webSpeech: () => SpeechEngine | null;
  offline: () => Promise<SpeechEngine | null>;
}

let pageWebSpeech: SpeechEngine | null | undefined;

const loadOfflineModule = () => import('./offline/offline-engine.ts');

/** The page's own engines; the offline one is loaded on first use. */
export const browserEngineSources: EngineSources = {
  recording: (blob) => createRecordingEngine(blob, browserAudio()),
  webSpeech: () => {
    if (pageWebSpeech === undefined) {
      const env = browserWebSpeech();
      pageWebSpeech = env ? createWebSpeechEngine(env) : null;
    }
    return pageWebSpeech;
  },
  offline: async () => {
    try {
      return (await loadOfflineModule()).createOfflineEngine();
    } catch {
      // The chunk could not be fetched (offline before the app was fully cached): no offline engine then.
      return null;
    }
  },
};

/** The engine for a slot, and whether the offline engine could also render it (for the WAV export). */
export interface ResolvedEngine {
  choice: EngineChoice;
  engine: SpeechEngine | null;
  offlineAvailable: boolean;
}

async function usable(engine: SpeechEngine | null, language: Language): Promise<SpeechEngine | null> {
  if (!engine) return null;
  try {
    return (await engine.canSpeak(language)) ? engine : null;
  } catch {
    return null;
  }
}

/** Finds out what this device has for the slot and picks its engine. */
export async function resolveEngine(
  input: { slot: LanguageSlot | undefined; language: Language; text: string; audio: Blob | null },
  sources: EngineSources = browserEngineSources,
): Promise<ResolvedEngine> {
  const recording = input.audio !== null && input.audio.size > 0 ? sources.recording(input.audio) : null;
  const text = input.text.trim() !== '';
  const [webSpeech, offline] = text
    ? await Promise.all([
        usable(sources.webSpeech(), input.language),
        sources.offline().then((engine) => usable(engine, input.language)),
      ])
    : [null, null];
  const choice = chooseEngine(input.slot, {
    recording: recording !== null,
    text,
    webSpeech: webSpeech !== null,
    offline: offline !== null,
  });
  const engines = { recording, 'web-speech': webSpeech, offline } as const;
  return {
    choice,
    engine: choice.kind === null ? null : engines[choice.kind],
    offlineAvailable: offline !== null,
  };
}

/** Whether this device has no voice for `language` that the stored offline voice would give it (see above). */
export async function missesOfflineVoice(
  language: Language,
  sources: EngineSources = browserEngineSources,
): Promise<boolean> {
  // Any text will do: the question is whether some engine could read the language at all.
  const { choice } = await resolveEngine(
    { slot: undefined, language, text: language.endonym, audio: null },
    sources,
  );
  return offersOfflineVoice(choice, language);
}

/** How long the page may stay busy before the warm-up runs anyway. */
const WARM_UP_TIMEOUT_MS = 2_000;

/**
 * Warms the offline engine for a text the reader will read with it: once the page is idle (the reader's
 * first paint and input come first), the worker loads and compiles eSpeak-NG and renders the text, so Phát
 * sounds at once instead of after seconds. The work runs in the worker, off the main thread. Returns a cancel
 * for the scheduled start; a rendering already running finishes, for Phát to reuse.
 */
export function warmOfflineEngine(text: string, language: Language, rate: number): () => void {
  const warm = () => {
    void loadOfflineModule().then(
      (offline) => offline.prerenderOffline(text, language, rate),
      // The chunk could not be fetched: Phát reports the failure, if it comes to that.
      () => undefined,
    );
  };
  // Safari has no requestIdleCallback.
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(warm, { timeout: WARM_UP_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(warm, WARM_UP_TIMEOUT_MS);
  return () => clearTimeout(timer);
}

/** Releases what warmOfflineEngine prepared, once the reader that asked for it closes. */
export function coolOfflineEngine(): void {
  void loadOfflineModule().then(
    (offline) => offline.forgetOfflineRendering(),
    () => undefined,
  );
}
