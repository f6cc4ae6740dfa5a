import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpeechEngine } from '../../../src/client/speech/engine.ts';
import type { OfflineVoiceBuild } from '../../../src/client/speech/offline/voice-files.ts';
import {
  chooseEngine,
  missesOfflineVoice,
  resolveEngine,
  usableRecording,
  type EngineAvailability,
  type EngineChoice,
  type EngineSources,
} from '../../../src/client/speech/select-engine.ts';
import { createWebSpeechEngine } from '../../../src/client/speech/web-speech-engine.ts';
import { findLanguage, type Language } from '../../../src/domain/languages.ts';
import type { LanguageSlot, SlotStatus } from '../../../src/domain/schemas/language-slot.ts';
import { makeSlot } from '../../helpers/factories.ts';
import {
  FakeSpeechSynthesis,
  FakeSpeechSynthesisUtterance,
  fakeVoice,
} from '../../helpers/fake-speech-synthesis.ts';

const AUDIO_ID = 'a'.repeat(64);
const BULLETIN_ID = '37797c80-386e-4a2b-bb96-7ce4b71dfcc4';

function language(code: string): Language {
  const found = findLanguage(code);
  if (!found) throw new Error(`no language ${code}`);
  return found;
}

function slot(status: SlotStatus, withAudio = true): LanguageSlot {
  return makeSlot(BULLETIN_ID, { status, audioId: withAudio ? AUDIO_ID : null });
}

const ALL: EngineAvailability = { recording: true, text: true, webSpeech: true, offline: true };
const NONE: EngineAvailability = { recording: false, text: false, webSpeech: false, offline: false };

describe('usableRecording', () => {
  it.each<[string, LanguageSlot | undefined, ReturnType<typeof usableRecording>]>([
    ['no slot', undefined, null],
    ['approved with audio', slot('approved'), 'approved-recording'],
    ['own draft with audio', slot('draft'), 'own-recording'],
    ['own submitted with audio', slot('submitted'), 'own-recording'],
    ['rejected with audio', slot('rejected'), null],
    ['missing with audio', slot('missing'), null],
    ['approved without audio', slot('approved', false), null],
    ['draft without audio', slot('draft', false), null],
  ])('%s', (_name, input, expected) => {
    expect(usableRecording(input)).toBe(expected);
  });
});

describe('chooseEngine: recorded voice → device voice → offline voice → none', () => {
  it.each<[string, LanguageSlot | undefined, EngineAvailability, EngineChoice]>([
    [
      'approved recording beats every voice',
      slot('approved'),
      ALL,
      { kind: 'recording', reason: 'approved-recording' },
    ],
    [
      'own draft recording beats every voice',
      slot('draft'),
      ALL,
      { kind: 'recording', reason: 'own-recording' },
    ],
    [
      'submitted recording is still the user’s own',
      slot('submitted'),
      ALL,
      { kind: 'recording', reason: 'own-recording' },
    ],
    [
      'a recording needs no text',
      slot('approved'),
      { ...NONE, recording: true },
      { kind: 'recording', reason: 'approved-recording' },
    ],
    [
      'rejected recording falls through to the device voice',
      slot('rejected'),
      ALL,
      { kind: 'web-speech', reason: 'device-voice' },
    ],
    [
      'recording named but not stored here',
      slot('approved'),
      { ...ALL, recording: false },
      { kind: 'web-speech', reason: 'device-voice' },
    ],
    [
      'a blob without a usable slot is ignored',
      slot('approved', false),
      ALL,
      { kind: 'web-speech', reason: 'device-voice' },
    ],
    [
      'no slot (Vietnamese original): device voice',
      undefined,
      ALL,
      { kind: 'web-speech', reason: 'device-voice' },
    ],
    [
      'device voice beats offline',
      undefined,
      { ...NONE, text: true, webSpeech: true, offline: true },
      { kind: 'web-speech', reason: 'device-voice' },
    ],
    [
      'offline when the device has no voice',
      undefined,
      { ...NONE, text: true, offline: true },
      { kind: 'offline', reason: 'offline-voice' },
    ],
    [
      'offline for a rejected recording',
      slot('rejected'),
      { ...ALL, webSpeech: false },
      { kind: 'offline', reason: 'offline-voice' },
    ],
    ['no voice at all', slot('approved', false), { ...NONE, text: true }, { kind: null, reason: 'no-voice' }],
    [
      'no voice for a draft without audio',
      slot('draft', false),
      { ...NONE, text: true },
      { kind: null, reason: 'no-voice' },
    ],
    [
      'no text and no recording',
      slot('missing', false),
      { ...ALL, recording: false, text: false },
      { kind: null, reason: 'no-text' },
    ],
    ['no text: voices do not help', undefined, { ...ALL, text: false }, { kind: null, reason: 'no-text' }],
  ])('%s', (_name, input, available, expected) => {
    expect(chooseEngine(input, available)).toEqual(expected);
  });

  it('never picks an engine that is not available, over every combination', () => {
    const slots = [
      undefined,
      ...(['missing', 'draft', 'submitted', 'approved', 'rejected'] as const).flatMap((s) => [
        slot(s),
        slot(s, false),
      ]),
    ];
    for (const input of slots) {
      for (let bits = 0; bits < 16; bits++) {
        const available = {
          recording: (bits & 1) !== 0,
          text: (bits & 2) !== 0,
          webSpeech: (bits & 4) !== 0,
          offline: (bits & 8) !== 0,
        };
        const choice = chooseEngine(input, available);
        if (choice.kind === 'recording') expect(available.recording && usableRecording(input)).toBeTruthy();
        if (choice.kind === 'web-speech') expect(available.text && available.webSpeech).toBe(true);
        if (choice.kind === 'offline')
          expect(available.text && available.offline && !available.webSpeech).toBe(true);
        if (choice.kind === null) {
          expect(available.recording && usableRecording(input)).toBeFalsy();
          expect(available.text && (available.webSpeech || available.offline)).toBe(false);
        }
      }
    }
  });
});

function fakeEngine(
  kind: SpeechEngine['kind'],
  speaks: (l: Language) => boolean | Promise<boolean>,
): SpeechEngine {
  return {
    kind,
    canSpeak: async (l) => speaks(l),
    speak: () => {
      throw new Error('not played in these tests');
    },
  };
}

describe('resolveEngine', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function sources(overrides: Partial<EngineSources> = {}) {
    const calls: string[] = [];
    const synth = new FakeSpeechSynthesis();
    synth.loadVoices([fakeVoice('en-US', 'English'), fakeVoice('vi-VN', 'Tiếng Việt')], 10);
    const webSpeech = createWebSpeechEngine({
      synthesis: synth,
      createUtterance: (text) => new FakeSpeechSynthesisUtterance(text),
      voicesTimeoutMs: 300,
    });
    const all: EngineSources = {
      recording: () => fakeEngine('recording', () => true),
      webSpeech: () => {
        calls.push('webSpeech');
        return webSpeech;
      },
      offline: async () => {
        calls.push('offline');
        return fakeEngine('offline', (l) => l.code === 'vie');
      },
      ...overrides,
    };
    return { all, calls };
  }

  async function resolve(input: Parameters<typeof resolveEngine>[0], from: EngineSources) {
    const pending = resolveEngine(input, from);
    await vi.runAllTimersAsync();
    return pending;
  }

  const BLOB = new Blob([new Uint8Array(100)], { type: 'audio/webm' });

  it('reads Vietnamese with the device’s vi-VN voice, and knows the offline engine could export it', async () => {
    const { all } = sources();
    const resolved = await resolve(
      { slot: undefined, language: language('vie'), text: 'Thông báo.', audio: null },
      all,
    );
    expect(resolved.choice).toEqual({ kind: 'web-speech', reason: 'device-voice' });
    expect(resolved.engine?.kind).toBe('web-speech');
    expect(resolved.offlineAvailable).toBe(true);
  });

  it('has no voice for H’Mông text on a device with Vietnamese and English voices', async () => {
    const { all } = sources();
    const resolved = await resolve(
      { slot: slot('approved', false), language: language('hmn'), text: 'Nyob zoo.', audio: null },
      all,
    );
    expect(resolved).toEqual({
      choice: { kind: null, reason: 'no-voice' },
      engine: null,
      offlineAvailable: false,
    });
  });

  it('plays an approved H’Mông recording', async () => {
    const { all } = sources();
    const resolved = await resolve(
      { slot: slot('approved'), language: language('hmn'), text: 'Nyob zoo.', audio: BLOB },
      all,
    );
    expect(resolved.choice).toEqual({ kind: 'recording', reason: 'approved-recording' });
    expect(resolved.engine?.kind).toBe('recording');
  });

  it('ignores an empty blob and a rejected recording', async () => {
    const { all } = sources();
    const empty = await resolve(
      { slot: slot('approved'), language: language('vie'), text: 'Câu.', audio: new Blob([]) },
      all,
    );
    expect(empty.choice.kind).toBe('web-speech');
    const rejected = await resolve(
      { slot: slot('rejected'), language: language('hmn'), text: 'Câu.', audio: BLOB },
      all,
    );
    expect(rejected.choice).toEqual({ kind: null, reason: 'no-voice' });
  });

  it('falls back to the offline engine on a browser without speechSynthesis', async () => {
    const { all } = sources({ webSpeech: () => null });
    const resolved = await resolve(
      { slot: undefined, language: language('vie'), text: 'Câu.', audio: null },
      all,
    );
    expect(resolved.choice).toEqual({ kind: 'offline', reason: 'offline-voice' });
    expect(resolved.engine?.kind).toBe('offline');
  });

  it('treats an engine whose check fails, or an offline module that did not load, as unavailable', async () => {
    const { all } = sources({
      webSpeech: () => fakeEngine('web-speech', () => Promise.reject(new Error('broken'))),
      offline: async () => null,
    });
    const resolved = await resolve(
      { slot: undefined, language: language('vie'), text: 'Câu.', audio: null },
      all,
    );
    expect(resolved.choice).toEqual({ kind: null, reason: 'no-voice' });
  });

  it('does not look for voices when there is no text', async () => {
    const { all, calls } = sources();
    const resolved = await resolve(
      { slot: undefined, language: language('hmn'), text: '  \n', audio: null },
      all,
    );
    expect(resolved.choice).toEqual({ kind: null, reason: 'no-text' });
    expect(calls).toEqual([]);
  });

  describe('missesOfflineVoice: when the reader and the enrolment screen offer the offline voice', () => {
    const BUILD: OfflineVoiceBuild = {
      engine: { path: 'assets/offline-voice/espeak-ng-engine-aaaaaaaaaa.bin', bytes: 240_000 },
      data: { path: 'assets/offline-voice/espeak-ng-data-bbbbbbbbbb.bin', bytes: 360_000 },
      voices: { vie: ['vi'] },
    };
    const notStored = async () => fakeEngine('offline', () => false);

    beforeEach(() => {
      vi.stubGlobal('__LOAXA_OFFLINE_VOICE__', BUILD);
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    async function misses(code: string, from: EngineSources): Promise<boolean> {
      const pending = missesOfflineVoice(language(code), from);
      await vi.runAllTimersAsync();
      return pending;
    }

    it('offers it on a phone with no Vietnamese voice and none stored', async () => {
      expect(await misses('vie', sources({ webSpeech: () => null, offline: notStored }).all)).toBe(true);
    });

    it('does not when the phone has a Vietnamese voice, or the offline voice is stored', async () => {
      expect(await misses('vie', sources({ offline: notStored }).all)).toBe(false);
      expect(await misses('vie', sources({ webSpeech: () => null }).all)).toBe(false);
    });

    it('does not for a language the offline voice cannot speak', async () => {
      expect(await misses('hmn', sources({ webSpeech: () => null, offline: notStored }).all)).toBe(false);
    });
  });
});
