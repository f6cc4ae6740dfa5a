import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  EnrolRequestSchema,
  LoginRequestSchema,
  PAIRING_ALPHABET,
  formatPairingCode,
  normalizePairingCode,
} from '../../../src/domain/accounts.ts';

describe('normalizePairingCode', () => {
  it.each([
    ['K7QF9M2X', 'K7QF9M2X'],
    ['k7qf-9m2x', 'K7QF9M2X'],
    ['  K7QF 9M2X ', 'K7QF9M2X'],
    ['K7QF--9M2X', 'K7QF9M2X'],
    ['O0IL-1234', '00111234'],
    ['oOiI-lL12', '00111112'],
  ])('reads %j as %s', (input, code) => {
    expect(normalizePairingCode(input)).toBe(code);
  });

  it.each([
    ['too short', 'K7QF9M2'],
    ['too long', 'K7QF9M2XA'],
    ['empty', ''],
    ['the letter U', 'UUUU-UUUU'],
    ['punctuation', 'K7QF.9M2X'],
    ['a Vietnamese letter', 'Đ7QF9M2X'],
  ])('refuses %s', (_name, input) => {
    expect(normalizePairingCode(input)).toBeUndefined();
  });

  it('keeps every letter of the alphabet and round-trips a formatted code', () => {
    expect(PAIRING_ALPHABET).toHaveLength(32);
    for (const c of PAIRING_ALPHABET) expect(normalizePairingCode(c.repeat(8))).toBe(c.repeat(8));
    expect(formatPairingCode('K7QF9M2X')).toBe('K7QF-9M2X');
    expect(normalizePairingCode(formatPairingCode('K7QF9M2X'))).toBe('K7QF9M2X');
  });
});

describe('request schemas', () => {
  const publicKey = { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) };

  it('normalises the code of an enrolment request', () => {
    const request = v.parse(EnrolRequestSchema, {
      code: 'k7qf-9m2x',
      label: '  Máy đài  ',
      deviceId: crypto.randomUUID(),
      publicKey,
    });
    expect([request.code, request.label]).toEqual(['K7QF9M2X', 'Máy đài']);
  });

  it('refuses a private key field in the JWK', () => {
    const input = {
      code: 'K7QF9M2X',
      label: 'x',
      deviceId: crypto.randomUUID(),
      publicKey: { ...publicKey, d: 'x' },
    };
    expect(v.safeParse(EnrolRequestSchema, input).success).toBe(false);
  });

  it('lower-cases and trims the login', () => {
    expect(v.parse(LoginRequestSchema, { login: ' Phong.VHTT ', password: 'p' }).login).toBe('phong.vhtt');
  });
});
