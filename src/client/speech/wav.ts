/**
 * WAV files (RIFF, PCM 16-bit mono, little-endian): the format IP smart-speaker platforms accept for upload
 * and every browser's <audio> plays. Pure functions, usable in the page, a worker, Node and tests.
 */

/** Size of the canonical header written by `encodeWav`: RIFF (12) + fmt chunk (24) + data chunk header (8). */
export const WAV_HEADER_BYTES = 44;

const BITS_PER_SAMPLE = 16;
const BYTES_PER_SAMPLE = BITS_PER_SAMPLE / 8;

/** What a WAV header says about its audio. */
export interface WavHeader {
  /** 1 is integer PCM. */
  format: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  /** Offset of the first sample byte in the file. */
  dataOffset: number;
  /** Bytes of sample data as the data chunk declares them. */
  dataBytes: number;
  /** Sample frames (one sample per channel). */
  frames: number;
  durationSeconds: number;
}

function ascii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

function readAscii(view: DataView, offset: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(view.getUint8(offset + i));
  return text;
}

/** Float samples in −1…1 become 16-bit integers; anything outside (or NaN) is clipped rather than wrapped. */
function toInt16(sample: number): number {
  if (!(sample > -1)) return -32768;
  if (sample >= 1) return 32767;
  return Math.round(sample < 0 ? sample * 32768 : sample * 32767);
}

/**
 * Encodes mono samples as a 16-bit PCM WAV file. Int16 samples are written as they are; float samples are
 * taken as −1…1 and clipped outside that range.
 */
export function encodeWav(samples: Int16Array | Float32Array, sampleRate: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`Bad sample rate ${sampleRate}`);
  const dataBytes = samples.length * BYTES_PER_SAMPLE;
  const bytes = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  ascii(view, 0, 'RIFF');
  view.setUint32(4, WAV_HEADER_BYTES - 8 + dataBytes, true);
  ascii(view, 8, 'WAVE');
  ascii(view, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * BYTES_PER_SAMPLE, true);
  view.setUint16(32, BYTES_PER_SAMPLE, true);
  view.setUint16(34, BITS_PER_SAMPLE, true);
  ascii(view, 36, 'data');
  view.setUint32(40, dataBytes, true);
  if (samples instanceof Int16Array) {
    for (let i = 0; i < samples.length; i++)
      view.setInt16(WAV_HEADER_BYTES + i * BYTES_PER_SAMPLE, samples[i] ?? 0, true);
  } else {
    for (let i = 0; i < samples.length; i++)
      view.setInt16(WAV_HEADER_BYTES + i * BYTES_PER_SAMPLE, toInt16(samples[i] ?? 0), true);
  }
  return bytes;
}

/**
 * Reads the header of a RIFF/WAVE file, walking its chunks (other writers put LIST or fact chunks before
 * data). Throws a RangeError naming what is wrong when the bytes are not a WAV file.
 */
export function parseWavHeader(bytes: Uint8Array): WavHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || readAscii(view, 0, 4) !== 'RIFF' || readAscii(view, 8, 4) !== 'WAVE')
    throw new RangeError('Not a RIFF/WAVE file');
  let fmt: Omit<WavHeader, 'dataOffset' | 'dataBytes' | 'frames' | 'durationSeconds'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = readAscii(view, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.byteLength) throw new RangeError('Truncated fmt chunk');
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new RangeError('data chunk before fmt chunk');
      if (fmt.blockAlign === 0 || fmt.sampleRate === 0) throw new RangeError('fmt chunk with zero sizes');
      const frames = Math.floor(size / fmt.blockAlign);
      return { ...fmt, dataOffset: body, dataBytes: size, frames, durationSeconds: frames / fmt.sampleRate };
    }
    // Chunks are padded to an even size.
    offset = body + size + (size % 2);
  }
  throw new RangeError(fmt ? 'No data chunk' : 'No fmt chunk');
}
