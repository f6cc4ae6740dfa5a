import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../src/domain/evidence/canonical.ts';
import { KEY_ALGORITHM, type WebCryptoKey } from '../../../src/domain/evidence/signature.ts';
import {
  checkLogSelf,
  linkState,
  logVerification,
  type LogSelfCheck,
} from '../../../src/domain/evidence/verify-log.ts';
import type { BroadcastLog } from '../../../src/domain/schemas/broadcast-log.ts';
import { signLog, signedChain } from '../../helpers/signed-logs.ts';

const DEVICE = '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5';
const UNIT = '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5';

let privateKey: WebCryptoKey;
let publicKey: WebCryptoKey;
let chain: BroadcastLog[];

beforeAll(async () => {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  privateKey = pair.privateKey;
  publicKey = pair.publicKey;
  chain = await signedChain(privateKey, DEVICE, UNIT, 3);
});

const PASSED: LogSelfCheck = { hash: 'ok', signed: true, rulesHold: true };

describe('checkLogSelf', () => {
  it('passes a log as the device wrote it', async () => {
    expect(await checkLogSelf(chain[1]!, publicKey)).toEqual(PASSED);
  });

  it('finds a field changed after signing', async () => {
    expect(await checkLogSelf({ ...chain[1]!, notes: 'sửa sau' }, publicKey)).toEqual({
      ...PASSED,
      hash: 'hash',
    });
  });

  it('finds a log that cannot be hashed', async () => {
    expect((await checkLogSelf({ ...chain[1]!, repeats: Number.NaN }, publicKey)).hash).toBe('malformed');
  });

  it('finds a signature by another key', async () => {
    const other = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
    const [foreign] = await signedChain(other.privateKey, DEVICE, UNIT, 1);
    expect(await checkLogSelf(foreign!, publicKey)).toEqual({ ...PASSED, signed: false });
  });

  it('finds a signed log that breaks the log rules or is not stored as the rules store it', async () => {
    const { hash: _hash, signature: _signature, ...unsigned } = chain[0]!;
    const inFuture = await signLog(privateKey, {
      ...unsigned,
      endedAt: new Date(Date.parse(unsigned.createdAt) + 3_600_000).toISOString(),
    });
    expect(await checkLogSelf(inFuture, publicKey)).toEqual({ ...PASSED, rulesHold: false });
    const decomposed = await signLog(privateKey, {
      ...unsigned,
      operator: unsigned.operator.normalize('NFD'),
    });
    expect(await checkLogSelf(decomposed, publicKey)).toEqual({ ...PASSED, rulesHold: false });
  });
});

describe('linkState', () => {
  it('links seq 1 to GENESIS_HASH whatever predecessor is given', () => {
    expect(linkState(chain[0]!)).toBe('holds');
    expect(linkState({ seq: 1, prevHash: 'ab'.repeat(32) }, 'ab'.repeat(32))).toBe('broken');
  });

  it('links a later log to its predecessor hash, unknown until the predecessor is known', () => {
    expect(linkState(chain[1]!, chain[0]!.hash)).toBe('holds');
    expect(linkState(chain[1]!, GENESIS_HASH)).toBe('broken');
    expect(linkState(chain[1]!)).toBe('unknown');
  });
});

describe('logVerification', () => {
  it.each([
    [PASSED, 'holds', 'verified', null],
    [PASSED, 'unknown', 'unverified', 'predecessor_missing'],
    [PASSED, 'broken', 'broken_chain', 'link'],
    [{ ...PASSED, hash: 'hash' }, 'holds', 'broken_chain', 'hash'],
    [{ ...PASSED, hash: 'malformed' }, 'unknown', 'broken_chain', 'malformed'],
    [{ ...PASSED, signed: false }, 'holds', 'unverified', 'signature'],
    [{ ...PASSED, signed: false }, 'broken', 'broken_chain', 'link'],
    [{ ...PASSED, rulesHold: false }, 'unknown', 'unverified', 'rules'],
  ] as const)('%o with link %s is %s (%s)', (self, link, verification, problem) => {
    expect(logVerification(self, link)).toEqual({ verification, problem });
  });
});
