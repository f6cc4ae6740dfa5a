import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackProgress, SpeakRequest } from '../../../src/client/speech/engine.ts';
import { createRecordingEngine } from '../../../src/client/speech/recording-engine.ts';
import { findLanguage, type Language } from '../../../src/domain/languages.ts';
import { fakeAudioEnvironment } from '../../helpers/fake-audio-element.ts';

function language(code: string): Language {
  const found = findLanguage(code);
  if (!found) throw new Error(`no language ${code}`);
  return found;
}

const T0 = Date.parse('2026-11-25T17:00:00.000Z');
const RECORDING = new Blob([new Uint8Array(2048)], { type: 'audio/webm' });

function setup(durationMs = 10_000) {
  const audio = fakeAudioEnvironment(durationMs);
  const engine = createRecordingEngine(RECORDING, audio.env);
  const progress: PlaybackProgress[] = [];
  const start = (overrides: Partial<SpeakRequest> = {}) =>
    engine.speak(
      {
        text: 'ignored',
        language: language('hmn'),
        rate: 1,
        volume: 0.8,
        repeats: 1,
        pauseBetweenMs: 0,
        ...overrides,
      },
      (p) => progress.push(p),
    );
  return { ...audio, engine, progress, start };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('recording engine', () => {
  it('can speak any language when a recording exists, and none without', async () => {
    const { env } = fakeAudioEnvironment(1000);
    await expect(createRecordingEngine(RECORDING, env).canSpeak(language('hmn'))).resolves.toBe(true);
    await expect(createRecordingEngine(null, env).canSpeak(language('hmn'))).resolves.toBe(false);
    await expect(createRecordingEngine(new Blob([]), env).canSpeak(language('vie'))).resolves.toBe(false);
  });

  it('plays the recording once, measures it and revokes the object URL', async () => {
    const { start, elements, created, revoked, progress } = setup();
    const playback = start();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(result).toEqual({
      engine: 'recording',
      startedAt: new Date(T0 + 5).toISOString(),
      endedAt: new Date(T0 + 5 + 10_000).toISOString(),
      repeatsCompleted: 1,
      outcome: 'completed',
    });
    expect(elements[0]?.volume).toBe(0.8);
    expect(created).toEqual(['blob:loaxa/1']);
    expect(revoked).toEqual(['blob:loaxa/1']);
    expect(elements[0]?.src).toBe('');
    expect(progress.map((p) => p.state)).toEqual(['preparing', 'playing', 'ended']);
    expect(progress.every((p) => p.sentence === null)).toBe(true);
  });

  it('repeats from the beginning with a silence between', async () => {
    const { start, elements, progress } = setup(4000);
    const playback = start({ repeats: 3, pauseBetweenMs: 1500 });
    await vi.advanceTimersByTimeAsync(5 + 4000);
    expect(progress[progress.length - 1]).toEqual({
      repeat: 1,
      sentence: null,
      state: 'pausedBetweenRepeats',
    });
    await vi.advanceTimersByTimeAsync(1499);
    expect(elements[0]?.playing).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + 5);
    expect(elements[0]?.playing).toBe(true);
    expect(progress[progress.length - 1]).toEqual({ repeat: 2, sentence: null, state: 'playing' });
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(result).toMatchObject({ outcome: 'completed', repeatsCompleted: 3 });
    expect(Date.parse(result.endedAt) - T0).toBe(3 * (5 + 4000) + 2 * 1500);
  });

  it('pauses and resumes where it was', async () => {
    const { start, elements } = setup(10_000);
    const playback = start();
    await vi.advanceTimersByTimeAsync(5 + 3000);
    playback.pause();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(elements[0]?.currentTime).toBe(3);
    playback.resume();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(result.outcome).toBe('completed');
    expect(Date.parse(result.endedAt) - T0).toBe(5 + 3000 + 60_000 + 5 + 7000);
  });

  it('is not failed by a pause before playback began (play() rejected with AbortError)', async () => {
    const { start } = setup(2000);
    const playback = start();
    await vi.advanceTimersByTimeAsync(0);
    playback.pause();
    await vi.advanceTimersByTimeAsync(1000);
    playback.resume();
    await vi.runAllTimersAsync();
    expect(await playback.done).toMatchObject({ outcome: 'completed', repeatsCompleted: 1 });
  });

  it('stops mid-way in the second repeat and counts one repeat', async () => {
    const { start, elements, revoked } = setup(4000);
    const playback = start({ repeats: 3, pauseBetweenMs: 1000 });
    await vi.advanceTimersByTimeAsync(5 + 4000 + 1000 + 5 + 2000);
    playback.stop();
    const result = await playback.done;
    expect(result).toMatchObject({ outcome: 'stopped', repeatsCompleted: 1 });
    expect(Date.parse(result.endedAt) - T0).toBe(5 + 4000 + 1000 + 5 + 2000);
    expect(elements[0]?.playing).toBe(false);
    expect(revoked).toHaveLength(1);
  });

  it('fails when the browser refuses to play or cannot decode the recording', async () => {
    const refused = setup();
    const playback = refused.start();
    const element = refused.elements[0];
    if (element) element.rejectNextPlay = 'NotAllowedError';
    await vi.runAllTimersAsync();
    expect(await playback.done).toMatchObject({ outcome: 'failed', error: 'not-allowed' });
    expect(refused.revoked).toHaveLength(1);

    const broken = setup();
    const second = broken.start();
    await vi.advanceTimersByTimeAsync(100);
    broken.elements[0]?.fail(3);
    expect(await second.done).toMatchObject({ outcome: 'failed', error: 'media-decode' });
  });

  it('fails without playing when there is no recording', async () => {
    const { env, elements } = fakeAudioEnvironment(1000);
    const playback = createRecordingEngine(null, env).speak(
      { text: '', language: language('vie'), rate: 1, volume: 1, repeats: 1, pauseBetweenMs: 0 },
      () => undefined,
    );
    expect(await playback.done).toMatchObject({
      outcome: 'failed',
      error: 'no-recording',
      repeatsCompleted: 0,
    });
    expect(elements[0]?.calls).not.toContain('play');
  });
});
