/**
 * Recording a human reading of a slot: MediaRecorder for the sound, a Web Audio AnalyserNode for the live input
 * level. Chromium writes WebM without a duration in its header (the <audio> element then reports Infinity until
 * played through), so the measured duration is written into the file before it is handed over: every later
 * player, seek bar and export sees the real length.
 */
import fixWebmDuration from 'fix-webm-duration';
import type { AttachmentMime } from '../db/attachment-repository.ts';

/** Longest reading recorded in one go; the recorder stops by itself there. */
export const MAX_RECORDING_MS = 15 * 60_000;

/** Opus at 32 kbit/s keeps speech clear on a loudspeaker and a 15-minute reading near 3.6 MB for a 2G upload. */
const AUDIO_BITS_PER_SECOND = 32_000;

/** How often the level and elapsed time are reported. */
const TICK_MS = 100;

/** Chunks are collected every second, so a crash loses at most the last second of what is in memory. */
const TIMESLICE_MS = 1000;

/** The meter falls back by this factor per tick, so a short syllable stays visible. */
const LEVEL_DECAY = 0.8;

/** Quietest level the meter shows, in dBFS: quieter is drawn as silence. */
const METER_FLOOR_DB = -60;

/** Preferred containers, best first: Chromium and Firefox take Opus in WebM or Ogg, Safari only MP4. */
const PREFERRED_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];

/** Why recording could not start or go on. */
export type RecorderFailure = 'unsupported' | 'denied' | 'noMicrophone' | 'busy' | 'empty' | 'failed';

/** A recording that could not be made, with the reason the UI explains. */
export class RecorderError extends Error {
  /** Builds the error for one failure, keeping the browser's error as the cause. */
  constructor(
    readonly failure: RecorderFailure,
    options?: { cause?: unknown },
  ) {
    super(`recording failed: ${failure}`, options);
    this.name = 'RecorderError';
  }
}

/** A finished recording. */
export interface RecordedAudio {
  blob: Blob;
  /** The container as LoaXa stores it (codec parameters dropped). */
  mime: AttachmentMime;
  durationMs: number;
  /** The user pressed stop, the length limit was reached, or the microphone went away. */
  endedBy: 'user' | 'limit' | 'device';
}

/** Live feedback while recording. */
export interface RecorderEvents {
  /** Input level, 0 (silence) to 1 (full scale), on a decibel scale with a falling peak. */
  onLevel: (level: number) => void;
  onElapsed: (ms: number) => void;
}

/** A recording in progress. */
export interface ActiveRecording {
  /** Stops and finishes the file; `result` then resolves. */
  stop(): void;
  /** Stops and throws the sound away; `result` resolves to null. */
  cancel(): void;
  /** The finished recording, null when cancelled; rejects with RecorderError. */
  readonly result: Promise<RecordedAudio | null>;
}

/** The stored mime of a MediaRecorder type ("audio/webm;codecs=opus" → "audio/webm"); null when not storable. */
export function recordingMime(type: string): AttachmentMime | null {
  const base = type.split(';')[0]?.trim().toLowerCase();
  if (base === 'audio/webm' || base === 'audio/ogg' || base === 'audio/mp4') return base;
  // Some engines label an audio-only recording with the video container name.
  if (base === 'video/webm') return 'audio/webm';
  if (base === 'video/mp4') return 'audio/mp4';
  return null;
}

/** The meter level of one block of samples: RMS in dBFS mapped from METER_FLOOR_DB…0 onto 0…1. */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / -METER_FLOOR_DB));
}

function failureOf(error: unknown): RecorderFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return 'noMicrophone';
  }
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'failed';
}

async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
    throw new RecorderError('unsupported');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    throw new RecorderError(failureOf(error), { cause: error });
  }
}

function createRecorder(stream: MediaStream): MediaRecorder {
  const mimeType = PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  try {
    return new MediaRecorder(stream, { mimeType, audioBitsPerSecond: AUDIO_BITS_PER_SECOND });
  } catch (error) {
    throw new RecorderError('unsupported', { cause: error });
  }
}

/** Level metering on the microphone stream; returns the sampler and its teardown. */
function meter(stream: MediaStream): { sample: () => number; close: () => void } {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
  // A context created outside a user gesture starts suspended; recording always follows a tap.
  void context.resume();
  const samples = new Float32Array(analyser.fftSize);
  return {
    sample: () => {
      analyser.getFloatTimeDomainData(samples);
      return levelOf(samples);
    },
    close: () => {
      source.disconnect();
      void context.close();
    },
  };
}

/**
 * Asks for the microphone and starts recording; rejects with RecorderError when the microphone is refused,
 * missing or busy. Stops by itself after `maxDurationMs`.
 */
export async function startRecording(
  events: RecorderEvents,
  maxDurationMs: number = MAX_RECORDING_MS,
): Promise<ActiveRecording> {
  const stream = await openMicrophone();
  let recorder: MediaRecorder;
  let level: { sample: () => number; close: () => void };
  try {
    recorder = createRecorder(stream);
    level = meter(stream);
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    throw error instanceof RecorderError ? error : new RecorderError('failed', { cause: error });
  }
  const chunks: Blob[] = [];
  let startedAt = performance.now();
  let stoppedAt: number | null = null;
  let endedBy: RecordedAudio['endedBy'] = 'user';
  let cancelled = false;
  let shown = 0;

  const release = () => {
    clearInterval(timer);
    level.close();
    for (const track of stream.getTracks()) track.stop();
  };
  const finish = (reason: RecordedAudio['endedBy']) => {
    if (stoppedAt !== null) return;
    stoppedAt = performance.now();
    endedBy = reason;
    if (recorder.state !== 'inactive') recorder.stop();
    else release();
  };

  const result = new Promise<RecordedAudio | null>((resolve, reject) => {
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    });
    recorder.addEventListener('error', (event) => {
      release();
      reject(new RecorderError('failed', { cause: event }));
    });
    recorder.addEventListener('stop', () => {
      release();
      if (cancelled) return resolve(null);
      const durationMs = Math.max(0, (stoppedAt ?? performance.now()) - startedAt);
      const type = recorder.mimeType;
      const mime = recordingMime(type);
      if (!mime) return reject(new RecorderError('unsupported'));
      const raw = new Blob(chunks, { type });
      if (raw.size === 0) return reject(new RecorderError('empty'));
      const fixed = mime === 'audio/webm' ? fixWebmDuration(raw, durationMs, { logger: false }) : raw;
      void Promise.resolve(fixed).then((blob) => resolve({ blob, mime, durationMs, endedBy }));
    });
  });

  recorder.addEventListener('start', () => {
    startedAt = performance.now();
  });
  for (const track of stream.getAudioTracks()) {
    track.addEventListener('ended', () => finish('device'));
  }
  const timer = setInterval(() => {
    shown = Math.max(level.sample(), shown * LEVEL_DECAY);
    events.onLevel(shown);
    const elapsed = performance.now() - startedAt;
    events.onElapsed(Math.min(elapsed, maxDurationMs));
    if (elapsed >= maxDurationMs) finish('limit');
  }, TICK_MS);
  try {
    recorder.start(TIMESLICE_MS);
  } catch (error) {
    release();
    throw new RecorderError('failed', { cause: error });
  }
  return {
    stop: () => finish('user'),
    cancel: () => {
      cancelled = true;
      finish('user');
    },
    result,
  };
}
