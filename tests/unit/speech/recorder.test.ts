import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  levelOf,
  RecorderError,
  recordingMime,
  startRecording,
} from '../../../src/client/speech/recorder.ts';

function sine(amplitude: number, length = 2048): Float32Array {
  return Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48000));
}

describe('recordingMime', () => {
  it('stores what MediaRecorder reports under the container name the attachment schema knows', () => {
    expect(recordingMime('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(recordingMime('audio/ogg; codecs=opus')).toBe('audio/ogg');
    expect(recordingMime('audio/mp4;codecs=mp4a.40.2')).toBe('audio/mp4');
    expect(recordingMime('video/webm;codecs=opus')).toBe('audio/webm');
  });

  it('refuses what cannot be stored', () => {
    expect(recordingMime('')).toBeNull();
    expect(recordingMime('audio/x-matroska')).toBeNull();
  });
});

describe('levelOf', () => {
  it('is 0 for silence and an empty block', () => {
    expect(levelOf(new Float32Array(2048))).toBe(0);
    expect(levelOf(new Float32Array(0))).toBe(0);
  });

  it('maps RMS in dBFS from -60 … 0 onto 0 … 1', () => {
    // A full-scale sine has an RMS of 1/√2, -3 dBFS.
    expect(levelOf(sine(1))).toBeCloseTo(1 - 3.01 / 60, 2);
    // -30 dBFS, about the loudness of Chromium's fake microphone beep (0.03 RMS): half the meter.
    expect(levelOf(sine(10 ** (-30 / 20) * Math.SQRT2))).toBeCloseTo(0.5, 2);
    expect(levelOf(sine(0.0001))).toBe(0);
    expect(levelOf(Float32Array.from({ length: 64 }, () => 1))).toBe(1);
  });
});

/** A microphone track: `unplug` ends it as the browser does when the device goes away. */
class FakeTrack extends EventTarget {
  readonly kind = 'audio';
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
  unplug(): void {
    this.dispatchEvent(new Event('ended'));
  }
}

class FakeStream {
  readonly track = new FakeTrack();
  getTracks(): FakeTrack[] {
    return [this.track];
  }
  getAudioTracks(): FakeTrack[] {
    return [this.track];
  }
}

/** MediaRecorder's events in the browser's order: start; on stop, the last dataavailable, then stop. */
class FakeMediaRecorder extends EventTarget {
  static isTypeSupported = (type: string) => type.startsWith('audio/ogg');
  state: 'inactive' | 'recording' = 'inactive';
  readonly mimeType: string;
  constructor(_stream: FakeStream, options: { mimeType?: string }) {
    super();
    this.mimeType = options.mimeType ?? '';
  }
  start(): void {
    this.state = 'recording';
    setTimeout(() => this.dispatchEvent(new Event('start')));
  }
  stop(): void {
    this.state = 'inactive';
    setTimeout(() => {
      const data = Object.assign(new Event('dataavailable'), { data: new Blob([new Uint8Array(640)]) });
      this.dispatchEvent(data);
      this.dispatchEvent(new Event('stop'));
    });
  }
}

/** An analyser hearing a steady tone at 0.1 RMS (-20 dBFS). */
class FakeAudioContext {
  closed = false;
  createMediaStreamSource() {
    return { connect: () => undefined, disconnect: () => undefined };
  }
  createAnalyser() {
    return { fftSize: 2048, getFloatTimeDomainData: (samples: Float32Array) => samples.fill(0.1) };
  }
  resume(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function microphone(getUserMedia: () => Promise<FakeStream>): void {
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
  vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
  vi.stubGlobal('AudioContext', FakeAudioContext);
}

describe('startRecording', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reports level and elapsed time, and stops by itself at the length limit', async () => {
    const stream = new FakeStream();
    microphone(() => Promise.resolve(stream));
    const levels: number[] = [];
    const elapsed: number[] = [];

    const recording = await startRecording(
      { onLevel: (l) => levels.push(l), onElapsed: (ms) => elapsed.push(ms) },
      350,
    );
    const result = await recording.result;

    expect(result).toMatchObject({ mime: 'audio/ogg', endedBy: 'limit' });
    expect(result?.blob.size).toBe(640);
    expect(result?.durationMs).toBeGreaterThanOrEqual(300);
    expect(result?.durationMs).toBeLessThan(600);
    expect(levels.length).toBeGreaterThan(1);
    expect(levels.every((l) => Math.abs(l - 2 / 3) < 0.01)).toBe(true);
    expect(Math.max(...elapsed)).toBeLessThanOrEqual(350);
    expect(stream.track.stopped).toBe(true);
  });

  it('ends with what was recorded when the user stops or the microphone goes away', async () => {
    const stream = new FakeStream();
    microphone(() => Promise.resolve(stream));
    const events = { onLevel: () => undefined, onElapsed: () => undefined };

    const stopped = await startRecording(events);
    stopped.stop();
    expect((await stopped.result)?.endedBy).toBe('user');

    const unplugged = await startRecording(events);
    stream.track.unplug();
    expect((await unplugged.result)?.endedBy).toBe('device');

    const cancelled = await startRecording(events);
    cancelled.cancel();
    expect(await cancelled.result).toBeNull();
  });

  it('names why the microphone could not be opened', async () => {
    const failures = [];
    for (const name of ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'TypeError']) {
      microphone(() => Promise.reject(new DOMException('no', name)));
      failures.push(
        await startRecording({ onLevel: () => undefined, onElapsed: () => undefined }).catch((e) => e),
      );
    }
    vi.stubGlobal('navigator', {});
    failures.push(
      await startRecording({ onLevel: () => undefined, onElapsed: () => undefined }).catch((e) => e),
    );

    expect(failures.map((e) => (e instanceof RecorderError ? e.failure : e))).toEqual([
      'denied',
      'noMicrophone',
      'busy',
      'failed',
      'unsupported',
    ]);
  });
});
