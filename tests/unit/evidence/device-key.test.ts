import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/client/db/database.ts';
import { getDeviceIdentity } from '../../../src/client/evidence/device-key.ts';
import { importPublicKey, verifyHashSignature } from '../../../src/domain/evidence/signature.ts';
import { PublicKeyJwkSchema } from '../../../src/domain/schemas/device.ts';
import { freshDb } from '../../helpers/db.ts';

const HASH = 'ab'.repeat(32);

describe('getDeviceIdentity', () => {
  it('creates a device id and a P-256 key on first use and stores them', async () => {
    const db = freshDb();
    expect(await db.deviceKeys.count()).toBe(0);

    const identity = await getDeviceIdentity(db);

    expect(identity.deviceId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(v.is(PublicKeyJwkSchema, identity.publicKeyJwk)).toBe(true);
    expect(Object.keys(identity.publicKeyJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const rows = await db.deviceKeys.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deviceId: identity.deviceId, publicKeyJwk: identity.publicKeyJwk });
  });

  it('keeps the private key non-extractable, usable only to sign', async () => {
    const db = freshDb();
    await getDeviceIdentity(db);
    const { privateKey } = (await db.deviceKeys.toArray())[0]!;

    expect(privateKey.extractable).toBe(false);
    expect(privateKey.usages).toEqual(['sign']);
    expect(privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    await expect(crypto.subtle.exportKey('jwk', privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow();
  });

  it('signs hashes the public key verifies', async () => {
    const identity = await getDeviceIdentity(freshDb());
    const publicKey = await importPublicKey(identity.publicKeyJwk);

    const signature = await identity.sign(HASH);

    expect(await verifyHashSignature(publicKey, HASH, signature)).toBe(true);
    expect(await verifyHashSignature(publicKey, 'cd'.repeat(32), signature)).toBe(false);
  });

  it('gives the same identity on later calls and after the database is opened again (a reload)', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const first = await getDeviceIdentity(openDb({ name }));
    const again = await getDeviceIdentity(openDb({ name }));

    expect(again.deviceId).toBe(first.deviceId);
    expect(again.publicKeyJwk).toEqual(first.publicKeyJwk);
    const signature = await again.sign(HASH);
    expect(await verifyHashSignature(await importPublicKey(first.publicKeyJwk), HASH, signature)).toBe(true);
  });

  it('ends with one identity when several tabs create it at the same moment', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const tabs = Array.from({ length: 4 }, () => openDb({ name }));

    const identities = await Promise.all(tabs.map((db) => getDeviceIdentity(db)));

    expect(new Set(identities.map((i) => i.deviceId)).size).toBe(1);
    expect(new Set(identities.map((i) => i.publicKeyJwk.x)).size).toBe(1);
    expect(await tabs[0]!.deviceKeys.count()).toBe(1);
    const publicKey = await importPublicKey(identities[0]!.publicKeyJwk);
    for (const identity of identities) {
      expect(await verifyHashSignature(publicKey, HASH, await identity.sign(HASH))).toBe(true);
    }
  });
});
