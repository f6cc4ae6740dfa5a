import { beforeAll, describe, expect, it } from 'vitest';
import { KEY_ALGORITHM, verifyHashSignature } from '../../../src/domain/evidence/signature.ts';
import { verifyChain } from '../../../src/domain/evidence/verify-chain.ts';
import type { BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import type { PublicKeyJwk } from '../../../src/domain/schemas/device.ts';
import { signedChain as signedChainOf } from '../../helpers/signed-logs.ts';

interface TestKey {
  privateKey: CryptoKey;
  jwk: PublicKeyJwk;
}

async function makeKey(): Promise<TestKey> {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, jwk: { kty, crv, x, y } as PublicKeyJwk };
}

const DEVICE = '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5';
const UNIT = '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5';

/** A signed chain of `count` logs of DEVICE, seq 1…count. */
function signedChain(key: TestKey, count: number): Promise<BroadcastLog[]> {
  return signedChainOf(key.privateKey, DEVICE, UNIT, count);
}

/** A different value for each field of a log: the record over every key makes a new field a type error here. */
const CHANGES: { [K in keyof Required<BroadcastLog>]: (value: BroadcastLog[K]) => BroadcastLog[K] } = {
  id: () => crypto.randomUUID(),
  deviceId: () => crypto.randomUUID(),
  seq: (seq) => seq + 10,
  prevHash: () => 'ee'.repeat(32),
  hash: () => 'ee'.repeat(32),
  signature: (signature) => (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1),
  unitId: () => crypto.randomUUID(),
  operator: (operator) => `${operator}.`,
  bulletinId: () => null,
  bulletinVersion: (version) => (version ?? 0) + 1,
  lang: () => 'vie',
  source: () => 'recording',
  channel: () => 'wired_loudspeaker',
  startedAt: (at) => new Date(Date.parse(at) - 1).toISOString(),
  endedAt: (at) => new Date(Date.parse(at) + 1).toISOString(),
  repeats: (repeats) => repeats + 1,
  completion: (completion) => ({ passes: completion?.passes === 0 ? 1 : 0, measured: true }),
  location: (location) => ({ ...location!, accuracyM: location!.accuracyM + 0.5 }),
  placeName: () => null,
  photoIds: (ids) => [...ids, 'ab'.repeat(32)],
  notes: (notes) => `${notes} `,
  correctsLogId: (id) => (id === null ? crypto.randomUUID() : null),
  createdAt: (at) => new Date(Date.parse(at) + 1000).toISOString(),
};

/** What a change of the field at seq 2 of 3 is reported as. */
function expectedFinding(field: keyof BroadcastLog, changed: BroadcastLog) {
  switch (field) {
    case 'seq':
      return { status: 'broken', atSeq: 2, reason: 'missing' };
    case 'deviceId':
      return { status: 'broken', atSeq: 2, reason: 'device' };
    case 'prevHash':
      return { status: 'broken', atSeq: 2, reason: 'link' };
    case 'signature':
      return { status: 'signature_invalid', logId: changed.id, atSeq: 2 };
    default:
      return { status: 'broken', atSeq: 2, reason: 'hash' };
  }
}

function change<K extends keyof BroadcastLog>(log: BroadcastLog, field: K): BroadcastLog {
  return { ...log, [field]: CHANGES[field](log[field]) };
}

let key: TestKey;
let chain: BroadcastLog[];

beforeAll(async () => {
  key = await makeKey();
  chain = await signedChain(key, 5);
});

describe('verifyChain', () => {
  it('verifies an intact chain, whatever the order of the input', async () => {
    const expected = { status: 'verified', count: 5, head: { seq: 5, hash: chain[4]!.hash } };
    expect(await verifyChain(chain, key.jwk)).toEqual(expected);
    expect(await verifyChain([...chain].reverse(), key.jwk)).toEqual(expected);
    expect(await verifyChain([chain[2]!, chain[0]!, chain[4]!, chain[1]!, chain[3]!], key.jwk)).toEqual(
      expected,
    );
  });

  it('verifies an empty chain as a chain of no logs', async () => {
    expect(await verifyChain([], key.jwk)).toEqual({ status: 'verified', count: 0, head: null });
  });

  it('verifies a chain holding a correction: a correction is an ordinary link', async () => {
    expect(chain[2]!.correctsLogId).toBe(chain[0]!.id);
    expect((await verifyChain(chain, key.jwk)).status).toBe('verified');
  });

  it.each(Object.keys(CHANGES) as (keyof BroadcastLog)[])(
    'detects a change of %s in any log',
    async (field) => {
      const three = chain.slice(0, 3);
      const changed = change(three[1]!, field);
      expect(await verifyChain([three[0]!, changed, three[2]!], key.jwk)).toEqual(
        expectedFinding(field, changed),
      );
      // The first and the last log are covered too, not only the middle one.
      for (const at of [0, 2]) {
        const logs = three.map((log, i) => (i === at ? change(log, field) : log));
        expect((await verifyChain(logs, key.jwk)).status).not.toBe('verified');
      }
    },
  );

  it('detects a change of text to another Unicode normal form that looks the same', async () => {
    const nfd = { ...chain[1]!, operator: chain[1]!.operator.normalize('NFD') };
    expect(nfd.operator).not.toBe(chain[1]!.operator);
    expect(await verifyChain([chain[0]!, nfd, chain[2]!], key.jwk)).toEqual({
      status: 'broken',
      atSeq: 2,
      reason: 'hash',
    });
  });

  it('detects reordered logs: seqs swapped between two logs break the links', async () => {
    const swapped = [chain[0]!, { ...chain[1]!, seq: 3 }, { ...chain[2]!, seq: 2 }, chain[3]!];
    expect(await verifyChain(swapped, key.jwk)).toEqual({ status: 'broken', atSeq: 2, reason: 'link' });
  });

  it('detects a deleted log as missing, and a log cut out with the next re-numbered as a broken link', async () => {
    const deleted = [chain[0]!, chain[2]!, chain[3]!];
    expect(await verifyChain(deleted, key.jwk)).toEqual({ status: 'broken', atSeq: 2, reason: 'missing' });
    const renumbered = [chain[0]!, { ...chain[2]!, seq: 2 }];
    expect(await verifyChain(renumbered, key.jwk)).toEqual({ status: 'broken', atSeq: 2, reason: 'link' });
    const firstGone = chain.slice(1);
    expect(await verifyChain(firstGone, key.jwk)).toEqual({ status: 'broken', atSeq: 1, reason: 'missing' });
  });

  it('detects two logs with one seq (a fork or a copy)', async () => {
    const other = (await signedChain(key, 2))[1]!;
    const forked = [...chain.slice(0, 3), { ...other, prevHash: chain[0]!.hash }];
    expect(await verifyChain(forked, key.jwk)).toEqual({ status: 'broken', atSeq: 2, reason: 'duplicate' });
    expect(await verifyChain([...chain, chain[3]!], key.jwk)).toEqual({
      status: 'broken',
      atSeq: 4,
      reason: 'duplicate',
    });
  });

  it("detects a log of another device's chain", async () => {
    const foreign = { ...chain[1]!, deviceId: crypto.randomUUID() };
    expect(await verifyChain([chain[0]!, foreign], key.jwk, { deviceId: DEVICE })).toEqual({
      status: 'broken',
      atSeq: 2,
      reason: 'device',
    });
    expect(await verifyChain(chain, key.jwk, { deviceId: crypto.randomUUID() })).toEqual({
      status: 'broken',
      atSeq: 1,
      reason: 'device',
    });
  });

  it('fails every signature checked with a foreign key', async () => {
    const foreign = await makeKey();
    expect(await verifyChain(chain, foreign.jwk)).toEqual({
      status: 'signature_invalid',
      logId: chain[0]!.id,
      atSeq: 1,
    });
  });

  it('fails a signature of another log, even by the right key', async () => {
    const borrowed = { ...chain[1]!, signature: chain[0]!.signature };
    expect(await verifyChain([chain[0]!, borrowed], key.jwk)).toEqual({
      status: 'signature_invalid',
      logId: borrowed.id,
      atSeq: 2,
    });
  });

  it('continues a chain from a verified head, as the server verifies pushed batches', async () => {
    const after = { seq: 2, hash: chain[1]!.hash };
    expect(await verifyChain(chain.slice(2), key.jwk, { after })).toEqual({
      status: 'verified',
      count: 3,
      head: { seq: 5, hash: chain[4]!.hash },
    });
    expect(await verifyChain(chain.slice(3), key.jwk, { after })).toEqual({
      status: 'broken',
      atSeq: 3,
      reason: 'missing',
    });
    expect(await verifyChain(chain.slice(1), key.jwk, { after })).toEqual({
      status: 'broken',
      atSeq: 2,
      reason: 'duplicate',
    });
    const wrongHead = { seq: 2, hash: chain[0]!.hash };
    expect(await verifyChain(chain.slice(2), key.jwk, { after: wrongHead })).toEqual({
      status: 'broken',
      atSeq: 3,
      reason: 'link',
    });
  });

  it('reports a log that cannot be hashed, or whose seq is not a whole number, as malformed', async () => {
    const nan = { ...chain[1]!, location: { lat: Number.NaN, lng: 0, accuracyM: 1 } };
    expect(await verifyChain([chain[0]!, nan], key.jwk)).toEqual({
      status: 'broken',
      atSeq: 2,
      reason: 'malformed',
    });
    expect(await verifyChain([chain[0]!, { ...chain[1]!, seq: 1.5 }], key.jwk)).toEqual({
      status: 'broken',
      atSeq: 2,
      reason: 'malformed',
    });
  });

  it('reports progress over a long chain, batch by batch, up to the whole chain', async () => {
    const long = await signedChain(key, 300);
    const progress: [number, number][] = [];
    const result = await verifyChain(long, key.jwk, {
      onProgress: (checked, total) => progress.push([checked, total]),
    });
    expect(result).toMatchObject({ status: 'verified', count: 300 });
    expect(progress).toEqual([
      [256, 300],
      [300, 300],
    ]);
  });

  it('throws when the public key is not a P-256 key', async () => {
    const bad = { ...key.jwk, x: 'A'.repeat(43) };
    await expect(verifyChain(chain, bad)).rejects.toThrow();
  });
});

describe('signatures', () => {
  it('are 64-byte IEEE P1363 signatures of the raw hash bytes, in unpadded base64url', async () => {
    const signature = chain[0]!.signature;
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const publicKey = await crypto.subtle.importKey('jwk', key.jwk, KEY_ALGORITHM, false, ['verify']);
    const raw = Buffer.from(signature, 'base64url');
    const hashBytes = Buffer.from(chain[0]!.hash, 'hex');
    expect(raw.length).toBe(64);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, raw, hashBytes)).toBe(
      true,
    );
    // Not the hex text: a verifier hashing the 64 ASCII characters would fail.
    const hexText = new TextEncoder().encode(chain[0]!.hash);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, raw, hexText)).toBe(
      false,
    );
  });

  it('refuse malformed signatures instead of throwing', async () => {
    const publicKey = await crypto.subtle.importKey('jwk', key.jwk, KEY_ALGORITHM, false, ['verify']);
    const hash = chain[0]!.hash;
    const good = chain[0]!.signature;
    // The last character carries 2 bits and 4 zero bits; setting one of those gives the same bytes, non-canonically.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const nonCanonical = good.slice(0, 85) + alphabet[alphabet.indexOf(good.at(-1)!) ^ 1]!;
    for (const bad of ['', 'not base64!', good.slice(0, 85), `${good}A`, nonCanonical, `${good}==`]) {
      expect(await verifyHashSignature(publicKey, hash, bad)).toBe(false);
    }
    expect(await verifyHashSignature(publicKey, 'zz', good)).toBe(false);
    expect(await verifyHashSignature(publicKey, hash, good)).toBe(true);
  });
});
