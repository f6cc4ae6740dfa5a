import { describe, expect, it } from 'vitest';
import { normalizePairingCode } from '../../src/domain/accounts.ts';
import { hashPassword, verifyPassword } from '../../src/server/auth/password.ts';
import { hashSecret, newPairingCode, newToken } from '../../src/server/auth/tokens.ts';

describe('password hashes', () => {
  it('hash as scrypt$N$r$p$salt$hash with a fresh salt, and verify only the right password', async () => {
    const [first, second] = await Promise.all([hashPassword('mật khẩu'), hashPassword('mật khẩu')]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('mật khẩu', first)).toBe(true);
    // The same text typed in decomposed Unicode (as some Android keyboards send it) still matches.
    expect(await verifyPassword('mật khẩu'.normalize('NFD'), first)).toBe(true);
    expect(await verifyPassword('mat khau', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it.each([
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['missing parts', 'scrypt$32768$8$1$c2FsdA'],
    ['an extra part', 'scrypt$16$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA$x'],
    ['a huge cost', `scrypt$${2 ** 30}$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA`],
    ['a non-numeric cost', 'scrypt$N$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA'],
    ['a short hash', 'scrypt$16$8$1$c2FsdA$aGFzaA'],
  ])('refuse (without throwing) a stored hash with %s', async (_name, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});

describe('tokens and codes', () => {
  it('makes 256-bit tokens and hashes them to 64 hex characters', () => {
    const token = newToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(hashSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(token)).toBe(hashSecret(token));
  });

  it('makes pairing codes already in normalised form', () => {
    for (let i = 0; i < 200; i++) {
      const code = newPairingCode();
      expect(normalizePairingCode(code)).toBe(code);
    }
  });
});
