/**
 * Secrets handed out once (session cookies, device tokens, pairing codes, temporary passwords) and, for the
 * first three, the SHA-256 hashes that are all the database keeps of them. A plain hash is enough: those secrets
 * are random with ≥ 40 bits, not passwords, and pairing codes also expire within a day and are rate-limited. A
 * temporary password is stored like any password (scrypt).
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

/** `length` characters of the pairing alphabet, drawn at random. */
function randomCode(length: number): string {
  return Array.from({ length }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('');
}

/** A new pairing code in stored form (normalised, without the dash). */
export function newPairingCode(): string {
  return randomCode(PAIRING_CODE_LENGTH);
}

/**
 * A temporary password handed to a staff member once (account created, password reset), e.g. "k7qf-9m2x-ab3d":
 * 60 random bits in letters nobody misreads when it is read out on the phone; it must be changed at sign-in.
 */
export function newTemporaryPassword(): string {
  const code = randomCode(12).toLowerCase();
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
