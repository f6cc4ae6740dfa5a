/**
 * Log signatures: ECDSA on the P-256 curve with SHA-256 (WebCrypto's `{ name: 'ECDSA', hash: 'SHA-256' }`).
 * The signed message is the 32 raw bytes the log's hex hash stands for (not the hex text), so ECDSA hashes the
 * log's hash once more, as WebCrypto always does. The signature is IEEE P1363 (r ‖ s, 64 bytes, what WebCrypto
 * produces and accepts), written as unpadded base64url (86 characters). The public key travels as a JWK.
 */
import type { PublicKeyJwk } from '../schemas/device.ts';
import { base64UrlDecode, base64UrlEncode, hexToBytes } from './encoding.ts';

/** The key pair's algorithm, for generateKey and importKey. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The signature algorithm, for sign and verify. */
export const SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A WebCrypto key, named through the API so the type holds in the browser, workers and Node alike. */
export type WebCryptoKey = Parameters<typeof crypto.subtle.sign>[1];

/** Signs a log's hash (64 hex characters) with a private key; the signature as base64url. */
export async function signHash(privateKey: WebCryptoKey, hashHex: string): Promise<string> {
  const signature = await crypto.subtle.sign(SIGNATURE_ALGORITHM, privateKey, hexToBytes(hashHex));
  return base64UrlEncode(signature);
}

/** Imports a device's public key for verification; throws when the JWK is not a P-256 public key. */
export async function importPublicKey(jwk: PublicKeyJwk): Promise<WebCryptoKey> {
  const { kty, crv, x, y } = jwk;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y }, KEY_ALGORITHM, false, ['verify']);
}

/** Whether `signature` (base64url) is the key's signature of the hash; false for any malformed signature. */
export async function verifyHashSignature(
  publicKey: WebCryptoKey,
  hashHex: string,
  signature: string,
): Promise<boolean> {
  const bytes = base64UrlDecode(signature);
  if (!bytes || bytes.length !== 64 || !/^[0-9a-f]{64}$/.test(hashHex)) return false;
  return crypto.subtle.verify(SIGNATURE_ALGORITHM, publicKey, bytes, hexToBytes(hashHex));
}
