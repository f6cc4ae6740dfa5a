import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOfflineEngine } from '../../../src/client/speech/offline/offline-engine.ts';
import { chooseOfflineVoice, chosenOfflineVoice } from '../../../src/client/speech/offline/voice-choice.ts';
import type { OfflineVoiceBuild } from '../../../src/client/speech/offline/voice-files.ts';
import { findLanguage, type Language } from '../../../src/domain/languages.ts';

const BUILD: OfflineVoiceBuild = {
  engine: { path: 'assets/offline-voice/espeak-ng-engine-aaaaaaaaaa.bin', bytes: 240_000 },
  data: { path: 'assets/offline-voice/espeak-ng-data-bbbbbbbbbb.bin', bytes: 360_000 },
  voices: { vie: ['vi', 'vi-VN-x-central', 'vi-VN-x-south'] },
};
const VIETNAMESE = findLanguage('vie') as Language;
const KHMER = findLanguage('khm') as Language;

let saved: Map<string, string>;

beforeEach(() => {
  saved = new Map();
  vi.stubGlobal('__LOAXA_OFFLINE_VOICE__', BUILD);
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => saved.get(key) ?? null,
    setItem: (key: string, value: string) => saved.set(key, value),
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('offline voice choice', () => {
  it('is the Northern voice until the operator picks another, and remembers the pick', () => {
    expect(chosenOfflineVoice(VIETNAMESE)).toBe('vi');
    chooseOfflineVoice(VIETNAMESE, 'vi-VN-x-south');
    expect(saved.get('loaxa.offlineVoice.vie')).toBe('vi-VN-x-south');
    expect(chosenOfflineVoice(VIETNAMESE)).toBe('vi-VN-x-south');
  });

  it('falls back to the default when the saved voice is no longer shipped or storage refuses', () => {
    saved.set('loaxa.offlineVoice.vie', 'vi-VN-x-old');
    expect(chosenOfflineVoice(VIETNAMESE)).toBe('vi');
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(chosenOfflineVoice(VIETNAMESE)).toBe('vi');
  });

  it('has no voice for a language the build does not ship, and refuses to pick one', () => {
    expect(chosenOfflineVoice(KHMER)).toBeUndefined();
    expect(() => chooseOfflineVoice(KHMER, 'vi')).toThrow(RangeError);
    expect(() => chooseOfflineVoice(VIETNAMESE, 'en')).toThrow(RangeError);
  });

  it('lets the engine speak the shipped languages once the voice is stored, and no other', async () => {
    let stored = false;
    const engine = createOfflineEngine({ isStored: () => Promise.resolve(stored) });
    expect(await engine.canSpeak(VIETNAMESE)).toBe(false);
    stored = true;
    expect(await engine.canSpeak(VIETNAMESE)).toBe(true);
    expect(await engine.canSpeak(KHMER)).toBe(false);
  });
});
