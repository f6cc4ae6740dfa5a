import { describe, expect, it } from 'vitest';
import { WAV_HEADER_BYTES, encodeWav, parseWavHeader } from '../../../src/client/speech/wav.ts';

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

describe('encodeWav', () => {
  it('writes a canonical 44-byte RIFF/WAVE header for 16-bit mono PCM, little-endian', () => {
    const bytes = encodeWav(new Int16Array([1, -2, 3]), 22_050);
    const v = view(bytes);
    expect(bytes.length).toBe(WAV_HEADER_BYTES + 6);
    expect(ascii(bytes, 0, 4)).toBe('RIFF');
    expect(v.getUint32(4, true)).toBe(bytes.length - 8);
    expect(ascii(bytes, 8, 4)).toBe('WAVE');
    expect(ascii(bytes, 12, 4)).toBe('fmt ');
    expect(v.getUint32(16, true)).toBe(16);
    expect(v.getUint16(20, true)).toBe(1);
    expect(v.getUint16(22, true)).toBe(1);
    expect(v.getUint32(24, true)).toBe(22_050);
    expect(v.getUint32(28, true)).toBe(44_100);
    expect(v.getUint16(32, true)).toBe(2);
    expect(v.getUint16(34, true)).toBe(16);
    expect(ascii(bytes, 36, 4)).toBe('data');
    expect(v.getUint32(40, true)).toBe(6);
    // Little-endian: 22 050 = 0x5622 is stored 22 56.
    expect([...bytes.subarray(24, 28)]).toEqual([0x22, 0x56, 0, 0]);
    expect([...bytes.subarray(44)]).toEqual([1, 0, 0xfe, 0xff, 3, 0]);
  });

  it('sizes odd sample counts and empty audio exactly', () => {
    for (const length of [0, 1, 7, 22_051]) {
      const bytes = encodeWav(new Int16Array(length), 16_000);
      expect(bytes.length).toBe(WAV_HEADER_BYTES + 2 * length);
      expect(view(bytes).getUint32(4, true)).toBe(36 + 2 * length);
      expect(view(bytes).getUint32(40, true)).toBe(2 * length);
      expect(parseWavHeader(bytes).frames).toBe(length);
    }
  });

  it('scales floats to 16 bits and clips anything outside −1…1 instead of wrapping', () => {
    const bytes = encodeWav(new Float32Array([0, 0.5, -0.5, 1, -1, 1.7, -3, Number.NaN]), 8_000);
    const v = view(bytes);
    const samples = Array.from({ length: 8 }, (_, i) => v.getInt16(WAV_HEADER_BYTES + 2 * i, true));
    expect(samples).toEqual([0, 16_384, -16_384, 32_767, -32_768, 32_767, -32_768, -32_768]);
  });

  it('refuses a sample rate that is not a positive integer', () => {
    expect(() => encodeWav(new Int16Array(1), 0)).toThrow(RangeError);
    expect(() => encodeWav(new Int16Array(1), 22_050.5)).toThrow(RangeError);
  });
});

describe('parseWavHeader', () => {
  it('reads back what encodeWav wrote, with the duration', () => {
    const header = parseWavHeader(encodeWav(new Int16Array(33_075), 22_050));
    expect(header).toEqual({
      format: 1,
      channels: 1,
      sampleRate: 22_050,
      byteRate: 44_100,
      blockAlign: 2,
      bitsPerSample: 16,
      dataOffset: 44,
      dataBytes: 66_150,
      frames: 33_075,
      durationSeconds: 1.5,
    });
  });

  it('skips other chunks (with their pad byte) before the data chunk', () => {
    const plain = encodeWav(new Int16Array([5, 6]), 8_000);
    const list = new Uint8Array([...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const bytes = new Uint8Array([...plain.subarray(0, 36), ...list, ...plain.subarray(36)]);
    const header = parseWavHeader(bytes);
    expect(header.dataOffset).toBe(36 + list.length + 8);
    expect(header.frames).toBe(2);
    expect(view(bytes).getInt16(header.dataOffset, true)).toBe(5);
  });

  it('works on a view into a larger buffer', () => {
    const wav = encodeWav(new Int16Array(10), 16_000);
    const padded = new Uint8Array(wav.length + 20);
    padded.set(wav, 10);
    expect(parseWavHeader(padded.subarray(10, 10 + wav.length)).frames).toBe(10);
  });

  it('names what is wrong with bytes that are not a WAV file', () => {
    expect(() => parseWavHeader(new TextEncoder().encode('ID3 not a wave file'))).toThrow('Not a RIFF/WAVE');
    const wav = encodeWav(new Int16Array(4), 8_000);
    expect(() => parseWavHeader(wav.subarray(0, 36))).toThrow('No data chunk');
    const noFmt = new Uint8Array([...wav.subarray(0, 12), ...wav.subarray(36)]);
    expect(() => parseWavHeader(noFmt)).toThrow('data chunk before fmt chunk');
  });
});
