/**
 * Broadcast logs signed as a device writes them (domain hashLog and signHash), for tests of verification on
 * the device and on the server.
 */
import { GENESIS_HASH, hashLog, type UnsignedLog } from '../../src/domain/evidence/canonical.ts';
import { signHash, type WebCryptoKey } from '../../src/domain/evidence/signature.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';

/** Where a chain starts: seq 1 after GENESIS_HASH unless it continues a chain. */
export interface ChainStart {
  startSeq?: number;
  prevHash?: string;
}

/**
 * Where chains begin: the hour a month before the test runs, so their logs are in the past and within what a
 * server accepts before a device's enrolment (verify-log.ts) on any day the suite runs.
 */
const CHAINS_BEGIN = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 30 * 86_400_000;

/**
 * The content of the log at `seq`: every field set, an hour apart from seq to seq; the log at seq 3 corrects
 * the chain's first log.
 */
function content(
  seq: number,
  ids: readonly string[],
  deviceId: string,
  unitId: string,
): Omit<UnsignedLog, 'seq' | 'prevHash'> {
  const start = CHAINS_BEGIN + seq * 3_600_000;
  return {
    id: ids[seq - 1]!,
    deviceId,
    unitId,
    operator: 'Giàng A Páo',
    bulletinId: '2e3f4051-6b7c-4d8e-9fa0-b1c2d3e4f506',
    bulletinVersion: 1,
    lang: 'hmn',
    source: 'tts',
    channel: 'mobile_vehicle',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 300_000).toISOString(),
    repeats: 1,
    completion: { passes: 1, measured: true },
    location: { lat: 22.3364, lng: 103.8438, accuracyM: 12 },
    placeName: 'Bản Sà Phìn A',
    photoIds: ['cd'.repeat(32)],
    notes: `Lần ${seq}`,
    correctsLogId: seq === 3 ? ids[0]! : null,
    createdAt: new Date(start + 310_000).toISOString(),
  };
}

/** Hashes and signs a log at its place in a chain (prevHash is the log's own). */
export async function signLog(privateKey: WebCryptoKey, unsigned: UnsignedLog): Promise<BroadcastLog> {
  const hash = await hashLog(unsigned.prevHash, unsigned);
  return { ...unsigned, hash, signature: await signHash(privateKey, hash) };
}

/** A signed chain of `count` logs of the device in the unit, seq startSeq… (1 by default), linked from prevHash. */
export async function signedChain(
  privateKey: WebCryptoKey,
  deviceId: string,
  unitId: string,
  count: number,
  { startSeq = 1, prevHash = GENESIS_HASH }: ChainStart = {},
): Promise<BroadcastLog[]> {
  const ids = Array.from({ length: startSeq - 1 + count }, () => crypto.randomUUID());
  const logs: BroadcastLog[] = [];
  let previous = prevHash;
  for (let seq = startSeq; seq < startSeq + count; seq += 1) {
    const log = await signLog(privateKey, {
      ...content(seq, ids, deviceId, unitId),
      seq,
      prevHash: previous,
    });
    logs.push(log);
    previous = log.hash;
  }
  return logs;
}
