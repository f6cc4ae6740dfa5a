/**
 * A fake <audio> element for unit tests of the audio engines (Node has no media stack). It follows the
 * HTML media element's order of events: play() returns a promise that settles on a later task, `playing`
 * fires when sound starts, `ended` when the end is reached; pause() before the play promise settles rejects
 * it with AbortError, as browsers do.
 */
import type { AudioElementLike, AudioEnvironment } from '../../src/client/speech/recording-engine.ts';

/** A fake element that plays for `durationMs` (at playbackRate 1). */
export class FakeAudioElement implements AudioElementLike {
  src = '';
  currentTime = 0;
  volume = 1;
  playbackRate = 1;
  error: { code: number } | null = null;
  onplaying: ((event: Event) => unknown) | null = null;
  onended: ((event: Event) => unknown) | null = null;
  onerror: ((event: Event | string) => unknown) | null = null;
  /** Calls of play() and pause(), in order, plus 'load'. */
  readonly calls: string[] = [];
  /** When set, the next play() rejects with a DOMException of this name. */
  rejectNextPlay: string | null = null;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private pendingPlay: { reject: (e: unknown) => void } | null = null;
  private playingSince: number | null = null;

  constructor(
    readonly durationMs: number,
    private readonly latencyMs = 5,
  ) {}

  get playing(): boolean {
    return this.playingSince !== null;
  }

  play(): Promise<void> {
    this.calls.push('play');
    if (this.rejectNextPlay) {
      const name = this.rejectNextPlay;
      this.rejectNextPlay = null;
      return Promise.reject(new DOMException('play() failed', name));
    }
    if (!this.src) return Promise.reject(new DOMException('no source', 'NotSupportedError'));
    if (this.currentTime * 1000 >= this.durationMs) this.currentTime = 0;
    return new Promise((resolve, reject) => {
      this.pendingPlay = { reject };
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.pendingPlay = null;
        resolve();
        this.playingSince = Date.now();
        this.onplaying?.(new Event('playing'));
        const leftMs = (this.durationMs - this.currentTime * 1000) / this.playbackRate;
        this.timer = setTimeout(() => {
          this.playingSince = null;
          this.currentTime = this.durationMs / 1000;
          this.onended?.(new Event('ended'));
        }, leftMs);
      }, this.latencyMs);
    });
  }

  pause(): void {
    this.calls.push('pause');
    clearTimeout(this.timer);
    if (this.pendingPlay) {
      this.pendingPlay.reject(
        new DOMException('The play() request was interrupted by a call to pause()', 'AbortError'),
      );
      this.pendingPlay = null;
    }
    if (this.playingSince !== null) {
      this.currentTime += ((Date.now() - this.playingSince) * this.playbackRate) / 1000;
      this.playingSince = null;
    }
  }

  load(): void {
    this.calls.push('load');
  }

  removeAttribute(name: string): void {
    if (name === 'src') this.src = '';
  }

  /** Test control: the media fails now with MediaError `code` (3 = decode). */
  fail(code: number): void {
    clearTimeout(this.timer);
    this.playingSince = null;
    this.error = { code };
    this.onerror?.(new Event('error'));
  }
}

/** An audio environment whose elements are fakes, recording the object URLs made and revoked. */
export function fakeAudioEnvironment(durationMs: number) {
  const elements: FakeAudioElement[] = [];
  const created: string[] = [];
  const revoked: string[] = [];
  const env: AudioEnvironment = {
    createAudio: () => {
      const element = new FakeAudioElement(durationMs);
      elements.push(element);
      return element;
    },
    createObjectURL: () => {
      const url = `blob:loaxa/${created.length + 1}`;
      created.push(url);
      return url;
    },
    revokeObjectURL: (url) => revoked.push(url),
  };
  return { env, elements, created, revoked };
}
