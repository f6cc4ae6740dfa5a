import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CanonicalFormError,
  GENESIS_HASH,
  SIGNED_LOG_FIELDS,
  canonicalJson,
  canonicalLogJson,
  hashLog,
  type UnsignedLog,
} from '../../../src/domain/evidence/canonical.ts';

/** A log with every field set, so every field shows in the canonical form. */
const LOG: UnsignedLog = {
  id: '019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6071',
  deviceId: '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5',
  seq: 3,
  prevHash: 'ab'.repeat(32),
  unitId: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
  operator: 'Nguyễn Thị Hoa',
  bulletinId: '2e3f4051-6b7c-4d8e-9fa0-b1c2d3e4f506',
  bulletinVersion: 2,
  lang: 'hmn',
  source: 'recording',
  channel: 'mobile_vehicle',
  startedAt: '2026-11-25T23:00:00.000Z',
  endedAt: '2026-11-25T23:12:30.500Z',
  repeats: 2,
  location: { lat: 22.3364, lng: 103.8438, accuracyM: 12.5 },
  placeName: 'Bản Sà Phìn A',
  photoIds: ['cd'.repeat(32)],
  notes: 'Phát tại chợ "phiên"\nđông người',
  correctsLogId: '3f405162-7c8d-4e9f-a0b1-c2d3e4f50617',
  createdAt: '2026-11-25T23:13:02.117Z',
};

/** The same log written by hand in the canonical form: pins the format, which may never change. */
const LOG_JSON =
  '{"bulletinId":"2e3f4051-6b7c-4d8e-9fa0-b1c2d3e4f506","bulletinVersion":2,"channel":"mobile_vehicle",' +
  '"correctsLogId":"3f405162-7c8d-4e9f-a0b1-c2d3e4f50617","createdAt":"2026-11-25T23:13:02.117Z",' +
  '"deviceId":"6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5","endedAt":"2026-11-25T23:12:30.500Z",' +
  '"id":"019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6071","lang":"hmn",' +
  '"location":{"accuracyM":12.5,"lat":22.3364,"lng":103.8438},"notes":"Phát tại chợ \\"phiên\\"\\nđông người",' +
  '"operator":"Nguyễn Thị Hoa","photoIds":["' +
  'cd'.repeat(32) +
  '"],"placeName":"Bản Sà Phìn A","prevHash":"' +
  'ab'.repeat(32) +
  '","repeats":2,"seq":3,"source":"recording","startedAt":"2026-11-25T23:00:00.000Z",' +
  '"unitId":"1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5"}';

/** The object with its keys, and its nested objects' keys, in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe('canonicalLogJson', () => {
  it('writes the signed fields with sorted keys, no whitespace, JSON escapes and UTF-8 text as is', () => {
    expect(canonicalLogJson(LOG)).toBe(LOG_JSON);
  });

  it('is stable under key order, nested objects included', () => {
    const reordered = reversedKeys(LOG);
    expect(Object.keys(reordered)[0]).toBe('createdAt');
    expect(Object.keys(reordered.location!)).toEqual(['accuracyM', 'lng', 'lat']);
    expect(canonicalLogJson(reordered)).toBe(canonicalLogJson(LOG));
  });

  it('covers every log field except hash and signature, and ignores properties that are not log fields', () => {
    expect(SIGNED_LOG_FIELDS).toEqual([...Object.keys(LOG), 'completion'].sort());
    const withServerFields = {
      ...LOG,
      hash: 'ef'.repeat(32),
      signature: 'c2lnbmF0dXJl',
      receivedAt: '2026-11-26T01:00:00.000Z',
      verification: 'verified',
    };
    expect(canonicalLogJson(withServerFields)).toBe(LOG_JSON);
  });

  it('refuses a log with a field missing rather than hashing without it', () => {
    const { notes: _notes, ...withoutNotes } = LOG;
    expect(() => canonicalLogJson(withoutNotes as UnsignedLog)).toThrow(CanonicalFormError);
    expect(() => canonicalLogJson({ ...LOG, placeName: undefined } as unknown as UnsignedLog)).toThrow(
      /placeName: missing/,
    );
  });

  it('leaves out a completion the log does not have, so logs written before it existed keep their hash', () => {
    expect(canonicalLogJson({ ...LOG, completion: null })).toBe(LOG_JSON);
    expect(canonicalLogJson({ ...LOG, completion: undefined })).toBe(LOG_JSON);
  });

  it('signs a completion the log has, in its place among the sorted keys', () => {
    const json = canonicalLogJson({ ...LOG, completion: { passes: 0, measured: true } });
    expect(json).toContain(
      '"channel":"mobile_vehicle","completion":{"measured":true,"passes":0},"correctsLogId"',
    );
    expect(json).not.toBe(canonicalLogJson({ ...LOG, completion: { passes: 1, measured: true } }));
  });

  it('keeps null fields', () => {
    const json = canonicalLogJson({ ...LOG, location: null, bulletinId: null, bulletinVersion: null });
    expect(json).toContain('"bulletinId":null,"bulletinVersion":null,');
    expect(json).toContain('"location":null,');
  });

  it('does not normalise text: NFC and NFD spellings of a name are different logs', () => {
    const nfd = { ...LOG, operator: LOG.operator.normalize('NFD') };
    expect(nfd.operator).not.toBe(LOG.operator);
    expect(canonicalLogJson(nfd)).not.toBe(canonicalLogJson(LOG));
  });
});

describe('canonicalJson', () => {
  it('writes numbers in their shortest round-trip form', () => {
    expect(canonicalJson([1.0, 0.1, 1e21, 1e-7, -0, 123456789.125, 2 ** 53])).toBe(
      '[1,0.1,1e+21,1e-7,0,123456789.125,9007199254740992]',
    );
  });

  it('escapes control characters and lone surrogates, and leaves other characters alone', () => {
    expect(canonicalJson('a\u0000\t"\\/ ឈ 😀 \ud800')).toBe('"a\\u0000\\t\\"\\\\/ ឈ 😀 \\ud800"');
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, é: 4, '€': 5, '\ud83d\ude00': 6, '\ufb33': 7 })).toBe(
      // U+1F600 is written as the surrogates D83D DE00, so it sorts before U+FB33 (by code point it is after).
      '{"B":3,"a":2,"b":1,"é":4,"€":5,"😀":6,"\ufb33":7}',
    );
  });

  it('refuses what JSON cannot carry exactly, naming where it is', () => {
    const refused: [unknown, RegExp][] = [
      [{ a: [1, undefined] }, /at a\[1\]: undefined/],
      [{ a: { b: Number.NaN } }, /at a\.b: number NaN/],
      [Number.POSITIVE_INFINITY, /at \(root\): number Infinity/],
      [{ when: new Date(0) }, /at when: a object/],
      [{ n: 10n }, /at n: a bigint/],
      [{ f: () => 1 }, /at f: a function/],
    ];
    for (const [value, message] of refused) expect(() => canonicalJson(value)).toThrow(message);
  });
});

describe('hashLog', () => {
  it('is SHA-256 of prevHash, a newline and the canonical JSON, as UTF-8', async () => {
    const expected = createHash('sha256')
      .update(Buffer.from(`${LOG.prevHash}\n${LOG_JSON}`, 'utf8'))
      .digest('hex');
    expect(await hashLog(LOG.prevHash, LOG)).toBe(expected);
  });

  it('depends on the previous hash', async () => {
    expect(await hashLog(GENESIS_HASH, LOG)).not.toBe(await hashLog(LOG.prevHash, LOG));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('refuses a previous hash that is not 64 lower-case hex characters', async () => {
    await expect(hashLog('AB'.repeat(32), LOG)).rejects.toThrow(/prevHash/);
    await expect(hashLog('ab', LOG)).rejects.toThrow(/prevHash/);
  });
});
