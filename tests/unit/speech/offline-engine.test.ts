import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackProgress, SpeakRequest } from '../../../src/client/speech/engine.ts';
import {
  createOfflineEngine,
  type OfflineEngineDeps,
  type OfflineRendering,
  type TimedAudioElement,
} from '../../../src/client/speech/offline/offline-engine.ts';
import { OfflineVoiceError } from '../../../src/client/speech/offline/voice-cache.ts';
import { findLanguage, type Language } from '../../../src/domain/languages.ts';
import { FakeAudioElement } from '../../helpers/fake-audio-element.ts';

const T0 = Date.parse('2026-11-25T06:00:00.000Z');
const RENDER_MS = 300;
const DURATION_MS = 3_000;
/** What the worker would say about "Câu một. Câu hai. Câu ba.": where each sentence starts. */
const STARTS = [
  { sentence: 0, ms: 0 },
  { sentence: 1, ms: 1_000 },
  { sentence: 2, ms: 2_000 },
];

const VIETNAMESE = findLanguage('vie') as Language;

/** The fake <audio> element plus the time updates browsers fire while playing. */
class TimedFakeAudio extends FakeAudioElement implements TimedAudioElement {
  ontimeupdate: ((event: Event) => unknown) | null = null;

  /** Moves the play head, as a browser does before firing `timeupdate`. */
  tick(seconds: number): void {
    this.currentTime = seconds;
    this.ontimeupdate?.(new Event('timeupdate'));
  }
}

function setup(render?: OfflineEngineDeps['render']) {
  const elements: TimedFakeAudio[] = [];
  const created: string[] = [];
  const revoked: string[] = [];
  const renders: { text: string; rate: number; signal: AbortSignal | undefined }[] = [];
  const deps: OfflineEngineDeps = {
    isStored: () => Promise.resolve(true),
    render:
      render ??
      ((text, _language, rate, signal) => {
        renders.push({ text, rate, signal });
        return new Promise<OfflineRendering>((resolve, reject) => {
          const timer = setTimeout(
            () => resolve({ wav: new Blob([new Uint8Array(44)], { type: 'audio/wav' }), starts: STARTS }),
            RENDER_MS,
          );
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });
      }),
    audio: {
      createAudio: () => {
        const element = new TimedFakeAudio(DURATION_MS);
        elements.push(element);
        return element;
      },
      createObjectURL: () => {
        created.push(`blob:wav/${created.length + 1}`);
        return created[created.length - 1] ?? '';
      },
      revokeObjectURL: (url) => revoked.push(url),
    },
  };
  const engine = createOfflineEngine(deps);
  const progress: PlaybackProgress[] = [];
  const start = (overrides: Partial<SpeakRequest> = {}) =>
    engine.speak(
      {
        text: 'Câu một. Câu hai. Câu ba.',
        language: VIETNAMESE,
        rate: 1.2,
        volume: 1.5,
        repeats: 1,
        pauseBetweenMs: 0,
        ...overrides,
      },
      (p) => progress.push(p),
    );
  return { engine, start, elements, created, revoked, renders, progress };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('offline engine', () => {
  it('offers no language in a build without the offline voice, even with files stored', async () => {
    const { engine } = setup();
    expect(engine.kind).toBe('offline');
    await expect(engine.canSpeak(VIETNAMESE)).resolves.toBe(false);
  });

  it('renders once at the requested rate, then plays the WAV and follows the sentences', async () => {
    const { start, elements, created, revoked, renders, progress } = setup();
    const playback = start();
    await vi.advanceTimersByTimeAsync(RENDER_MS + 5);
    expect(renders).toEqual([
      { text: 'Câu một. Câu hai. Câu ba.', rate: 1.2, signal: expect.any(AbortSignal) },
    ]);
    const audio = elements[0] as TimedFakeAudio;
    expect(audio.src).toBe('blob:wav/1');
    // Volume is clamped to what an <audio> element accepts; the rate is in the rendering, not playbackRate.
    expect(audio.volume).toBe(1);
    expect(audio.playbackRate).toBe(1);
    expect(progress.at(-1)).toEqual({ repeat: 1, sentence: 0, state: 'playing' });
    await vi.advanceTimersByTimeAsync(1_200);
    audio.tick(1.2);
    expect(progress.at(-1)).toEqual({ repeat: 1, sentence: 1, state: 'playing' });
    audio.tick(1.4);
    await vi.advanceTimersByTimeAsync(1_000);
    audio.tick(2.2);
    expect(progress.at(-1)).toEqual({ repeat: 1, sentence: 2, state: 'playing' });
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(result).toEqual({
      engine: 'offline',
      startedAt: new Date(T0 + RENDER_MS + 5).toISOString(),
      endedAt: new Date(T0 + RENDER_MS + 5 + DURATION_MS).toISOString(),
      repeatsCompleted: 1,
      outcome: 'completed',
    });
    expect(progress.map((p) => p.sentence)).toEqual([null, null, 0, 1, 2, 2]);
    expect(progress.at(-1)?.state).toBe('ended');
    expect(revoked).toEqual(created);
    expect(audio.src).toBe('');
  });

  it('renders once for all repeats and starts each from the first sentence after the silence', async () => {
    const { start, elements, renders, progress } = setup();
    const playback = start({ repeats: 2, pauseBetweenMs: 2_000 });
    await vi.advanceTimersByTimeAsync(RENDER_MS + 5 + 2_500);
    (elements[0] as TimedFakeAudio).tick(2.5);
    await vi.advanceTimersByTimeAsync(500);
    expect(progress.at(-1)).toEqual({ repeat: 1, sentence: null, state: 'pausedBetweenRepeats' });
    await vi.advanceTimersByTimeAsync(2_000 + 5);
    expect(progress.at(-1)).toEqual({ repeat: 2, sentence: 0, state: 'playing' });
    await vi.runAllTimersAsync();
    expect(await playback.done).toMatchObject({ outcome: 'completed', repeatsCompleted: 2 });
    expect(renders).toHaveLength(1);
    expect(elements).toHaveLength(1);
  });

  it('pauses and resumes the audio where it was', async () => {
    const { start, elements, progress } = setup();
    const playback = start();
    await vi.advanceTimersByTimeAsync(RENDER_MS + 5 + 1_500);
    playback.pause();
    expect(progress.at(-1)?.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(elements[0]?.currentTime).toBe(1.5);
    playback.resume();
    await vi.runAllTimersAsync();
    const result = await playback.done;
    expect(Date.parse(result.endedAt) - T0).toBe(RENDER_MS + 5 + 1_500 + 30_000 + 5 + 1_500);
  });

  it('cancels the rendering when stopped before any sound, and records no repeat', async () => {
    const { start, renders, elements } = setup();
    const playback = start({ repeats: 3 });
    await vi.advanceTimersByTimeAsync(100);
    playback.stop();
    const result = await playback.done;
    expect(renders[0]?.signal?.aborted).toBe(true);
    expect(result).toMatchObject({ outcome: 'stopped', repeatsCompleted: 0 });
    expect(result.startedAt).toBe(result.endedAt);
    await vi.runAllTimersAsync();
    expect(elements[0]?.calls).not.toContain('play');
  });

  it('fails with the offline voice’s error code when rendering fails', async () => {
    const { start } = setup(() => Promise.reject(new OfflineVoiceError('network', 'offline and not stored')));
    const playback = start();
    await vi.runAllTimersAsync();
    expect(await playback.done).toMatchObject({ outcome: 'failed', error: 'network', repeatsCompleted: 0 });
  });

  it('fails when the browser cannot play the rendered WAV', async () => {
    const { start, elements } = setup();
    const playback = start();
    await vi.advanceTimersByTimeAsync(RENDER_MS + 100);
    elements[0]?.fail(3);
    expect(await playback.done).toMatchObject({ outcome: 'failed', error: 'media-decode' });
  });
});
