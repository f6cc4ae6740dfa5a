import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findLanguage, type Language } from '../../../src/domain/languages.ts';
import { splitSentences } from '../../../src/domain/sentences.ts';
import type { PlaybackProgress, SpeakRequest } from '../../../src/client/speech/engine.ts';
import { createWebSpeechEngine, findVoice } from '../../../src/client/speech/web-speech-engine.ts';
import { demoBulletins } from '../../../src/server/demo/demo-bulletins.ts';
import {
  FakeSpeechSynthesis,
  FakeSpeechSynthesisUtterance,
  fakeVoice,
  type FakeSpeechOptions,
} from '../../helpers/fake-speech-synthesis.ts';

function language(code: string): Language {
  const found = findLanguage(code);
  if (!found) throw new Error(`no language ${code}`);
  return found;
}

const VI_LOCAL = fakeVoice('vi-VN', 'Tiếng Việt (máy)');
const VI_NETWORK = fakeVoice('vi-VN', 'Google tiếng Việt', { local: false, default: true });
const EN = fakeVoice('en-US', 'English', { default: true });

const TEXT =
  'Thông báo khẩn! Bão số 14 đang đến gần. Bà con chằng chống nhà cửa; sơ tán người già. Gọi 112 khi cần.';
const SENTENCES = splitSentences(TEXT).map((s) => s.text);

function setup(options: FakeSpeechOptions & { voices?: SpeechSynthesisVoice[] } = {}) {
  const synth = new FakeSpeechSynthesis({ msPerChar: 10, latencyMs: 5, ...options });
  synth.loadVoices(options.voices ?? [EN, VI_NETWORK, VI_LOCAL], 50);
  const engine = createWebSpeechEngine({
    synthesis: synth,
    createUtterance: (text) => new FakeSpeechSynthesisUtterance(text),
    voicesTimeoutMs: 500,
  });
  const progress: PlaybackProgress[] = [];
  const start = (overrides: Partial<SpeakRequest> = {}) =>
    engine.speak(
      {
        text: TEXT,
        language: language('vie'),
        rate: 1,
        volume: 1,
        repeats: 1,
        pauseBetweenMs: 0,
        ...overrides,
      },
      (p) => progress.push(p),
    );
  return { synth, engine, progress, start };
}

/** The sentence indices reported while playing, without repeats of the same index. */
function sentencesRead(progress: PlaybackProgress[]): string[] {
  const out: string[] = [];
  for (const p of progress) {
    if (p.state !== 'playing' || p.sentence === null) continue;
    const key = `${p.repeat}:${p.sentence}`;
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-25T06:00:00.000Z') });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('findVoice', () => {
  it('prefers an exact tag, then a voice on the device, then the default voice', () => {
    const vie = language('vie');
    expect(findVoice([EN, VI_NETWORK, VI_LOCAL], vie)).toBe(VI_LOCAL);
    expect(findVoice([EN, VI_NETWORK], vie)).toBe(VI_NETWORK);
    const plainVi = fakeVoice('vi', 'Vietnamese');
    expect(findVoice([plainVi, VI_LOCAL], vie)).toBe(plainVi);
    const otherRegion = fakeVoice('vi-US', 'Vietnamese (US)');
    expect(findVoice([otherRegion, EN], vie)).toBe(otherRegion);
    expect(findVoice([otherRegion, VI_NETWORK], vie)).toBe(VI_NETWORK);
  });

  it('reads Android-style tags with an underscore and ignores case', () => {
    const android = fakeVoice('vi_VN', 'vi-vn-x-gft-local');
    expect(findVoice([EN, android], language('vie'))).toBe(android);
    const khmer = fakeVoice('KM-kh', 'Khmer');
    expect(findVoice([khmer], language('khm'))).toBe(khmer);
  });

  it('finds nothing for H’Mông on a phone with Vietnamese and English voices', () => {
    expect(findVoice([EN, VI_NETWORK, VI_LOCAL], language('hmn'))).toBeNull();
    expect(findVoice([], language('vie'))).toBeNull();
  });

  it('matches Hmong voices by their extra tags and Cantonese only by its own', () => {
    const hmongDaw = fakeVoice('mww', 'Hmong Daw');
    expect(findVoice([hmongDaw], language('hmn'))).toBe(hmongDaw);
    const cantonese = fakeVoice('zh-HK', 'Cantonese');
    const mandarin = fakeVoice('zh-CN', 'Mandarin');
    expect(findVoice([mandarin, cantonese], language('yue'))).toBe(cantonese);
    expect(findVoice([mandarin], language('yue'))).toBeNull();
  });
});

describe('WebSpeech engine: canSpeak', () => {
  it('waits for the voices to load, then answers per language', async () => {
    const { engine } = setup();
    const vie = engine.canSpeak(language('vie'));
    const hmn = engine.canSpeak(language('hmn'));
    await vi.advanceTimersByTimeAsync(50);
    await expect(vie).resolves.toBe(true);
    await expect(hmn).resolves.toBe(false);
  });

  it('answers false after the timeout when voices never load', async () => {
    const synth = new FakeSpeechSynthesis();
    const engine = createWebSpeechEngine({
      synthesis: synth,
      createUtterance: (text) => new FakeSpeechSynthesisUtterance(text),
      voicesTimeoutMs: 500,
    });
    const answer = engine.canSpeak(language('vie'));
    let settled = false;
    void answer.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBe(false);
  });
});

describe('WebSpeech engine: speaking', () => {
  it('says each sentence as its own utterance, in order, with the chosen voice, rate and volume', async () => {
    const { synth, start, progress } = setup();
    const playback = start({ rate: 1.25, volume: 0.6 });
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(synth.finishedTexts()).toEqual(SENTENCES);
    for (const utterance of synth.utterances) {
      expect(utterance.voice).toBe(VI_LOCAL);
      expect(utterance.lang).toBe('vi-VN');
      expect(utterance.rate).toBe(1.25);
      expect(utterance.volume).toBe(0.6);
    }
    expect(sentencesRead(progress)).toEqual(SENTENCES.map((_, i) => `1:${i}`));
    expect(progress[progress.length - 1]).toEqual({
      repeat: 1,
      sentence: SENTENCES.length - 1,
      state: 'ended',
    });
    expect(result).toMatchObject({ engine: 'web-speech', outcome: 'completed', repeatsCompleted: 1 });
    expect(result.error).toBeUndefined();
  });

  it('never reports progress from inside speak(), where the caller has no Playback yet', async () => {
    const { start, progress } = setup();
    start();
    expect(progress).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(progress).toEqual([{ repeat: 1, sentence: null, state: 'preparing' }]);
  });

  it('measures the start at the first start event and the end at the last end event', async () => {
    const { synth, start } = setup();
    const playback = start();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    // Voices load at 50 ms, the platform answers 5 ms later; then each sentence takes 5 ms + its duration.
    const t0 = Date.parse('2026-11-25T06:00:00.000Z');
    expect(Date.parse(result.startedAt)).toBe(t0 + 55);
    const speech = SENTENCES.reduce((sum, s) => sum + 5 + synth.durationOf(s), 0);
    expect(Date.parse(result.endedAt)).toBe(t0 + 50 + speech);
  });

  it('keeps every utterance of a long bulletin within the limit and reads all of it', async () => {
    const body = demoBulletins('2026-11-25')[0]?.body ?? '';
    const { synth, start } = setup({ msPerChar: 1 });
    const playback = start({ text: body });
    await vi.runAllTimersAsync();
    expect((await playback.done).outcome).toBe('completed');
    expect(synth.finishedTexts()).toEqual(splitSentences(body).map((s) => s.text));
    for (const utterance of synth.utterances) expect(utterance.text.length).toBeLessThanOrEqual(220);
  });

  it('repeats with a silence between, during which nothing is spoken', async () => {
    const { synth, start, progress } = setup();
    const playback = start({ repeats: 3, pauseBetweenMs: 2000 });
    const onePass = SENTENCES.reduce((sum, s) => sum + 5 + synth.durationOf(s), 0);
    await vi.advanceTimersByTimeAsync(50 + onePass);
    expect(synth.finishedTexts()).toEqual(SENTENCES);
    expect(progress[progress.length - 1]).toEqual({
      repeat: 1,
      sentence: null,
      state: 'pausedBetweenRepeats',
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(synth.speaking).toBe(false);
    expect(synth.utterances).toHaveLength(SENTENCES.length);
    await vi.advanceTimersByTimeAsync(1);
    expect(synth.speaking).toBe(true);
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(synth.finishedTexts()).toEqual([...SENTENCES, ...SENTENCES, ...SENTENCES]);
    expect(result).toMatchObject({ outcome: 'completed', repeatsCompleted: 3 });
    expect(progress.filter((p) => p.state === 'pausedBetweenRepeats').map((p) => p.repeat)).toEqual([1, 2]);
    expect(sentencesRead(progress).filter((k) => k.startsWith('3:'))).toHaveLength(SENTENCES.length);
    const t0 = Date.parse('2026-11-25T06:00:00.000Z');
    expect(Date.parse(result.endedAt) - t0).toBe(50 + 3 * onePass + 2 * 2000);
  });

  it('pauses by cancelling, never with speechSynthesis.pause(), and resumes at the sentence it stopped in', async () => {
    const { synth, start, progress } = setup();
    const playback = start();
    const upToThird = SENTENCES.slice(0, 2).reduce((sum, s) => sum + 5 + synth.durationOf(s), 0);
    await vi.advanceTimersByTimeAsync(50 + upToThird + 5 + 100);
    expect(progress[progress.length - 1]).toEqual({ repeat: 1, sentence: 2, state: 'playing' });
    playback.pause();
    expect(progress[progress.length - 1]).toEqual({ repeat: 1, sentence: 2, state: 'paused' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(synth.pauseCalls).toBe(0);
    expect(synth.speaking).toBe(false);
    expect(synth.records.filter((r) => r.type === 'error')).toEqual([
      { type: 'error', text: SENTENCES[2], error: 'interrupted' },
    ]);
    playback.resume();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(result).toMatchObject({ outcome: 'completed', repeatsCompleted: 1 });
    expect(synth.finishedTexts()).toEqual(SENTENCES);
    expect(synth.utterances.map((u) => u.text)).toEqual([...SENTENCES.slice(0, 3), ...SENTENCES.slice(2)]);
    expect(sentencesRead(progress)).toEqual(SENTENCES.map((_, i) => `1:${i}`));
  });

  it('pauses inside the silence between repeats and keeps what was left of it', async () => {
    const { synth, start, progress } = setup();
    const playback = start({ repeats: 2, pauseBetweenMs: 3000 });
    const onePass = SENTENCES.reduce((sum, s) => sum + 5 + synth.durationOf(s), 0);
    await vi.advanceTimersByTimeAsync(50 + onePass + 1000);
    playback.pause();
    expect(progress[progress.length - 1]).toEqual({ repeat: 1, sentence: null, state: 'paused' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(synth.utterances).toHaveLength(SENTENCES.length);
    playback.resume();
    expect(progress[progress.length - 1]?.state).toBe('pausedBetweenRepeats');
    await vi.advanceTimersByTimeAsync(1999);
    expect(synth.utterances).toHaveLength(SENTENCES.length);
    await vi.advanceTimersByTimeAsync(1);
    expect(synth.utterances).toHaveLength(SENTENCES.length + 1);
    await vi.runAllTimersAsync();
    expect(await playback.done).toMatchObject({ outcome: 'completed', repeatsCompleted: 2 });
  });

  it('stops in the middle of the second repeat: outcome stopped, one repeat completed, no failure', async () => {
    const { synth, start, progress } = setup();
    const playback = start({ repeats: 3, pauseBetweenMs: 1000 });
    const onePass = SENTENCES.reduce((sum, s) => sum + 5 + synth.durationOf(s), 0);
    await vi.advanceTimersByTimeAsync(50 + onePass + 1000 + 200);
    playback.stop();
    const result = await playback.done;
    expect(result).toMatchObject({ outcome: 'stopped', repeatsCompleted: 1 });
    expect(result.error).toBeUndefined();
    const t0 = Date.parse('2026-11-25T06:00:00.000Z');
    expect(Date.parse(result.endedAt) - t0).toBe(50 + onePass + 1000 + 200);
    expect(progress[progress.length - 1]?.state).toBe('stopped');
    const spokenBefore = synth.utterances.length;
    await vi.runAllTimersAsync();
    expect(synth.utterances).toHaveLength(spokenBefore);
    expect(synth.speaking).toBe(false);
    expect(synth.records.filter((r) => r.type === 'error').map((r) => r.error)).toEqual(['interrupted']);
  });

  it('stops during the silence between repeats and counts the repeats played', async () => {
    const { synth, start } = setup();
    const playback = start({ repeats: 3, pauseBetweenMs: 5000 });
    const onePass = SENTENCES.reduce((sum, s) => sum + 5 + synth.durationOf(s), 0);
    await vi.advanceTimersByTimeAsync(50 + onePass + 100);
    playback.stop();
    expect(await playback.done).toMatchObject({ outcome: 'stopped', repeatsCompleted: 1 });
    await vi.runAllTimersAsync();
    expect(synth.utterances).toHaveLength(SENTENCES.length);
  });

  it('stops while the voices are still loading without speaking at all', async () => {
    const { synth, start } = setup();
    const playback = start();
    playback.stop();
    const result = await playback.done;
    expect(result).toMatchObject({ outcome: 'stopped', repeatsCompleted: 0 });
    expect(result.startedAt).toBe(result.endedAt);
    await vi.runAllTimersAsync();
    expect(synth.utterances).toHaveLength(0);
  });

  it('starts paused when paused before the voices loaded, and plays on resume', async () => {
    const { synth, start } = setup();
    const playback = start();
    playback.pause();
    await vi.advanceTimersByTimeAsync(1000);
    expect(synth.utterances).toHaveLength(0);
    playback.resume();
    await vi.runAllTimersAsync();
    expect((await playback.done).outcome).toBe('completed');
    expect(synth.finishedTexts()).toEqual(SENTENCES);
  });

  it('cancels what another playback left queued before reading', async () => {
    const { synth, start } = setup({ queuedOnCancel: 'canceled' });
    synth.speak(new FakeSpeechSynthesisUtterance('Tin cũ còn trong hàng đợi.'));
    synth.speak(new FakeSpeechSynthesisUtterance('Tin cũ thứ hai.'));
    const playback = start();
    await vi.runAllTimersAsync();
    expect((await playback.done).outcome).toBe('completed');
    expect(synth.finishedTexts()).toEqual(SENTENCES);
    expect(synth.records.filter((r) => r.type === 'error').map((r) => r.error)).toEqual([
      'interrupted',
      'canceled',
    ]);
  });

  it('fails with the platform error when an utterance fails, and done still resolves', async () => {
    const { synth, start, progress } = setup();
    synth.failNextUtterance('audio-busy');
    const playback = start();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(result).toMatchObject({ outcome: 'failed', error: 'audio-busy', repeatsCompleted: 0 });
    expect(progress[progress.length - 1]?.state).toBe('failed');
    expect(synth.utterances).toHaveLength(1);
  });

  it('treats a cancel by someone else as a failure (interrupted)', async () => {
    const { synth, start } = setup();
    const playback = start();
    await vi.advanceTimersByTimeAsync(100);
    synth.cancel();
    await vi.runAllTimersAsync();
    expect(await playback.done).toMatchObject({ outcome: 'failed', error: 'interrupted' });
  });

  it('fails with no-voice for H’Mông and empty-text for blank text, without speaking', async () => {
    const { synth, start } = setup();
    const hmong = start({ language: language('hmn'), text: 'Nyob zoo txhua tus.' });
    await vi.runAllTimersAsync();
    expect(await hmong.done).toMatchObject({ outcome: 'failed', error: 'no-voice', repeatsCompleted: 0 });
    const blank = start({ text: ' \n\n ' });
    await vi.runAllTimersAsync();
    expect(await blank.done).toMatchObject({ outcome: 'failed', error: 'empty-text' });
    expect(synth.utterances).toHaveLength(0);
  });

  it('ignores pause, resume and stop once the playback is over', async () => {
    const { start, progress } = setup();
    const playback = start();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    const reported = progress.length;
    playback.pause();
    playback.resume();
    playback.stop();
    expect(progress).toHaveLength(reported);
    expect(await playback.done).toBe(result);
  });
});
