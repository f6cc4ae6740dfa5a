/**
 * Secrets handed out once (session cookies, device tokens, pairing codes) and the SHA-256 hashes that are
 * all the database keeps of them. A plain hash is enough: the secrets are random with ≥ 40 bits, not
 * passwords, and pairing codes also expire within a day and are rate-limited.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '../../domain/accounts.ts';

/** A new bearer secret: 256 random bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret as 64 lower-case hex characters, the form stored and looked up. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new pairing code in stored form (normalised, without the dash). */
export function newPairingCode(): string {
  return Array.from(
    { length: PAIRING_CODE_LENGTH },
    () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)],
  ).join('');
}
