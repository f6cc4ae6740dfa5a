/**
 * The device's signing identity: a random device id and an ECDSA P-256 key pair made on first use, kept in
 * IndexedDB (device-key-repository.ts). The private key is generated non-extractable, so no script, the app's
 * included, can read or export it: it can only sign on this device. The public key (always exportable in
 * WebCrypto) goes out as a JWK; enrolment (a later issue) registers it with the device id.
 */
import * as v from 'valibot';
import { KEY_ALGORITHM, signHash } from '../../domain/evidence/signature.ts';
import { PublicKeyJwkSchema, type PublicKeyJwk } from '../../domain/schemas/device.ts';
import type { DeviceKeyRecord, LoaxaDb } from '../db/database.ts';
import { readDeviceKey, storeFirstDeviceKey } from '../db/device-key-repository.ts';

/** Who this device is and how it signs. */
export interface DeviceIdentity {
  deviceId: string;
  publicKeyJwk: PublicKeyJwk;
  /** Signs a log's hash (64 hex characters); the signature as base64url (see signature.ts). */
  sign: (hashHex: string) => Promise<string>;
}

// One lookup per open database: every log write needs the identity, and it never changes once stored.
const identities = new WeakMap<LoaxaDb, Promise<DeviceIdentity>>();

async function createDeviceKey(db: LoaxaDb): Promise<DeviceKeyRecord> {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return storeFirstDeviceKey(db, {
    deviceId: crypto.randomUUID(),
    publicKeyJwk: v.parse(PublicKeyJwkSchema, { kty, crv, x, y }),
    privateKey: pair.privateKey,
    createdAt: new Date().toISOString(),
  });
}

async function loadIdentity(db: LoaxaDb): Promise<DeviceIdentity> {
  const { deviceId, publicKeyJwk, privateKey } = (await readDeviceKey(db)) ?? (await createDeviceKey(db));
  return { deviceId, publicKeyJwk, sign: (hashHex) => signHash(privateKey, hashHex) };
}

/** The device's identity, created (and stored) on first use; every tab and call gets the same one. */
export function getDeviceIdentity(db: LoaxaDb): Promise<DeviceIdentity> {
  let identity = identities.get(db);
  if (!identity) {
    identity = loadIdentity(db);
    identities.set(db, identity);
    // A failed lookup (a full disk, say) is not remembered: the next call tries again.
    identity.catch(() => identities.delete(db));
  }
  return identity;
}
