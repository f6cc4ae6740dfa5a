/**
 * Saving a slot as a WAV file for IP smart-speaker platforms that take audio uploads: a recording in
 * WebM/Ogg/MP4 is decoded by the browser and re-encoded as 16-bit mono PCM; a text is rendered by the offline
 * engine, whose module is loaded only when asked.
 */
import type { Language } from '../../domain/languages.ts';
import { encodeWav } from './wav.ts';

/** Decoded audio, one channel. */
export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
}

/** Turns the bytes of an audio file into samples. */
export type AudioDecoder = (bytes: ArrayBuffer) => Promise<DecodedAudio>;

/** Speech loses nothing audible at 24 kHz, and the file is half the size of one at 48 kHz. */
const EXPORT_SAMPLE_RATE = 24_000;

const WAV_TYPES = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave']);

/** Averages the channels into one. */
export function mixDown(channels: readonly Float32Array[]): Float32Array {
  const [first] = channels;
  if (!first || channels.length === 1) return first ?? new Float32Array(0);
  const mono = new Float32Array(first.length);
  for (const channel of channels) {
    for (let i = 0; i < mono.length; i++) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0) / channels.length;
  }
  return mono;
}

/** The browser's Web Audio decoder, resampling to 24 kHz. */
export async function browserDecode(bytes: ArrayBuffer): Promise<DecodedAudio> {
  const context = new OfflineAudioContext(1, 1, EXPORT_SAMPLE_RATE);
  const buffer = await context.decodeAudioData(bytes);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
  return { samples: mixDown(channels), sampleRate: buffer.sampleRate };
}

/** The recording as a WAV file: a WAV is kept as it is, anything else is decoded and re-encoded. */
export async function recordingToWav(recording: Blob, decode: AudioDecoder = browserDecode): Promise<Blob> {
  if (WAV_TYPES.has(recording.type.split(';')[0]?.trim() ?? '')) return recording;
  const decoded = await decode(await recording.arrayBuffer());
  return new Blob([encodeWav(decoded.samples, decoded.sampleRate)], { type: 'audio/wav' });
}

/** The text read by the offline engine, as a WAV file. */
export async function textToWav(text: string, language: Language, rate: number): Promise<Blob> {
  const { renderBulletinWav } = await import('./offline/offline-engine.ts');
  return renderBulletinWav(text, language, rate);
}

/** Offers `blob` as a download named `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after click() returns: revoking at once could cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
