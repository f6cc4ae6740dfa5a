/**
 * Which engine reads a language slot, in the order of DESIGN §5: a recorded human voice, then a Web Speech
 * voice of the device, then the offline eSpeak-NG engine, else nothing, with the reason the player shows.
 * The offline engine's module is imported only when a slot gets this far, so it stays out of the entry chunk.
 */
import type { Language } from '../../domain/languages.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import type { SpeechEngine } from './engine.ts';
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

/** Where the engines come from; tests pass fakes. */
export interface EngineSources {
  recording: (blob: Blob) => SpeechEngine;
  webSpeech: () => SpeechEngine | null;
  offline: () => Promise<SpeechEngine | null>;
}

let pageWebSpeech: SpeechEngine | null | undefined;

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
      return (await import('./offline/offline-engine.ts')).createOfflineEngine();
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
