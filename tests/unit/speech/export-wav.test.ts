import { describe, expect, it } from 'vitest';
import { mixDown, recordingToWav, type AudioDecoder } from '../../../src/client/speech/export-wav.ts';
import { encodeWav, parseWavHeader } from '../../../src/client/speech/wav.ts';

describe('mixDown', () => {
  it('keeps a single channel and averages several', () => {
    const left = new Float32Array([0.5, -0.5, 1]);
    expect(mixDown([left])).toBe(left);
    expect(Array.from(mixDown([left, new Float32Array([0.5, 0.5, 0])]))).toEqual([0.5, 0, 0.5]);
    expect(mixDown([])).toHaveLength(0);
  });
});

describe('recordingToWav', () => {
  it('decodes a WebM recording and writes 16-bit mono PCM at the decoded rate', async () => {
    const seconds = 1.5;
    const samples = Float32Array.from({ length: 24_000 * seconds }, (_, i) => 0.5 * Math.sin(i / 10));
    const seen: number[] = [];
    const decode: AudioDecoder = async (bytes) => {
      seen.push(bytes.byteLength);
      return { samples, sampleRate: 24_000 };
    };
    const webm = new Blob([new Uint8Array(321)], { type: 'audio/webm;codecs=opus' });
    const wav = await recordingToWav(webm, decode);
    expect(seen).toEqual([321]);
    expect(wav.type).toBe('audio/wav');
    const header = parseWavHeader(new Uint8Array(await wav.arrayBuffer()));
    expect(header).toMatchObject({ format: 1, channels: 1, sampleRate: 24_000, bitsPerSample: 16 });
    expect(header.durationSeconds).toBeCloseTo(seconds, 5);
  });

  it('keeps a WAV recording as it is', async () => {
    const wav = new Blob([encodeWav(new Int16Array(100), 16_000)], { type: 'audio/wav' });
    const decode: AudioDecoder = () => Promise.reject(new Error('must not decode'));
    expect(await recordingToWav(wav, decode)).toBe(wav);
  });

  it('passes the decoder’s failure on', async () => {
    const decode: AudioDecoder = () =>
      Promise.reject(new DOMException('Unable to decode audio data', 'EncodingError'));
    await expect(
      recordingToWav(new Blob([new Uint8Array(3)], { type: 'audio/ogg' }), decode),
    ).rejects.toThrow('Unable to decode');
  });
});
