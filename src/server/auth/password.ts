/**
 * Staff password hashing with scrypt (node:crypto). Hashes are stored as `scrypt$N$r$p$salt$hash` (salt and
 * hash base64url, see UserSchema), so the cost can be raised later and old hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/** Cost parameters: about 50–100 ms and 32 MiB per hash on a small VPS, so guessing offline is slow. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Highest cost a stored hash may ask for: a corrupt row must not make one login take all the memory. */
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** scrypt needs 128·N·r bytes; its default ceiling (32 MiB) is exactly our cost, so it is raised. */
function withMemory(N: number, r: number, p: number): ScryptOptions {
  return { N, r, p, maxmem: 256 * N * r };
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = PARAMS;
  const hash = await derive(password, salt, HASH_BYTES, withMemory(N, r, p));
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`; false (never a throw) for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined || rest.length > 0) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  const sane = [N, R, P].every((x) => Number.isSafeInteger(x) && x >= 1) && N <= MAX_N && R <= 32 && P <= 16;
  const expected = Buffer.from(hash, 'base64url');
  if (!sane || expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, withMemory(N, R, P));
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/**
 * A valid hash of no real password, to verify against when the login is unknown: the answer then takes as
 * long as for a wrong password, so timing does not tell which logins exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('base64url'));
  return decoy;
}
