/**
 * Verification of one device's hash chain, on the device ("Kiểm tra tính toàn vẹn") and on the server (push).
 * The input's order does not matter: logs are taken in seq order, and the chain they must form is seq 1, 2, 3…
 * (or the seqs following a head already verified), each prevHash the previous log's hash, each hash recomputed
 * from the log (canonical.ts), each signature checked with the device's public key (signature.ts).
 */
import type { BroadcastLog } from '../schemas/broadcast-log.ts';
import type { PublicKeyJwk } from '../schemas/device.ts';
import { GENESIS_HASH, canonicalLogJson, hashCanonicalLog } from './canonical.ts';
import { importPublicKey, verifyHashSignature, type WebCryptoKey } from './signature.ts';

/** Why a chain is broken at a seq. */
export type ChainBreak =
  /** No log has this seq while later ones exist: a log was deleted (or never arrived). */
  | 'missing'
  /** Two logs have this seq: the chain forked, or a log was copied. */
  | 'duplicate'
  /** The log's prevHash is not the previous log's hash: logs were reordered, replaced or cut out. */
  | 'link'
  /** The log's fields no longer give its hash: a field was changed after writing. */
  | 'hash'
  /** The log belongs to another device's chain. */
  | 'device'
  /** A field of the log has no canonical form (or its seq is not a whole number), so it cannot be hashed. */
  | 'malformed';

/** The last log of a verified chain: where a later batch of the same chain continues. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** What verifying a chain found: the first problem in seq order, or that all is well. */
export type ChainVerification =
  | { status: 'verified'; count: number; head: ChainHead | null }
  | { status: 'broken'; atSeq: number; reason: ChainBreak }
  | { status: 'signature_invalid'; logId: string; atSeq: number };

/** Where the chain to verify starts and whose it is. */
export interface ChainOptions {
  /** The verified head the logs continue; by default they start the chain at seq 1 after GENESIS_HASH. */
  after?: ChainHead;
  /** The device whose chain this is; by default the device of the lowest-seq log. */
  deviceId?: string;
  /** Called after each batch of logs checked, for a progress bar over a long chain. */
  onProgress?: (checked: number, total: number) => void;
}

/** Hashes and signatures are checked this many logs at a time: in parallel, with bounded memory. */
const BATCH = 256;

/** A log's hash recomputed from its fields (undefined when they have no canonical form), and its signature check. */
export interface RecomputedLog {
  hash: string | undefined;
  signed: boolean;
  /** The canonical JSON the hash was computed over (undefined when there is none). */
  canonical: string | undefined;
}

async function hashOrUndefined(prevHash: string, canonical: string | undefined): Promise<string | undefined> {
  if (canonical === undefined) return undefined;
  try {
    return await hashCanonicalLog(prevHash, canonical);
  } catch {
    return undefined;
  }
}

/** Recomputes a log's hash and checks its signature with the device's key: the two checks of every log. */
export async function recomputeLog(log: BroadcastLog, key: WebCryptoKey): Promise<RecomputedLog> {
  let canonical: string | undefined;
  try {
    canonical = canonicalLogJson(log);
  } catch {
    canonical = undefined;
  }
  const [hash, signed] = await Promise.all([
    hashOrUndefined(log.prevHash, canonical),
    verifyHashSignature(key, log.hash, log.signature),
  ]);
  return { hash, signed, canonical };
}

/**
 * Verifies one device's chain with its public key: verified (with the count and head), broken at a seq (and
 * why), or a signature that is not the key's. An empty list is a verified chain of no logs. Throws only when
 * the key itself cannot be imported.
 */
export async function verifyChain(
  logs: readonly BroadcastLog[],
  publicKeyJwk: PublicKeyJwk,
  options: ChainOptions = {},
): Promise<ChainVerification> {
  const key = await importPublicKey(publicKeyJwk);
  const sorted = [...logs].sort((a, b) => a.seq - b.seq);
  const deviceId = options.deviceId ?? sorted[0]?.deviceId;
  let expectedSeq = (options.after?.seq ?? 0) + 1;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  for (let start = 0; start < sorted.length; start += BATCH) {
    const batch = sorted.slice(start, start + BATCH);
    const computed = await Promise.all(batch.map((log) => recomputeLog(log, key)));
    for (const [i, log] of batch.entries()) {
      const { hash, signed } = computed[i]!;
      if (!Number.isSafeInteger(log.seq))
        return { status: 'broken', atSeq: expectedSeq, reason: 'malformed' };
      if (log.seq < expectedSeq) return { status: 'broken', atSeq: log.seq, reason: 'duplicate' };
      if (log.seq > expectedSeq) return { status: 'broken', atSeq: expectedSeq, reason: 'missing' };
      if (log.deviceId !== deviceId) return { status: 'broken', atSeq: log.seq, reason: 'device' };
      if (log.prevHash !== prevHash) return { status: 'broken', atSeq: log.seq, reason: 'link' };
      if (hash === undefined) return { status: 'broken', atSeq: log.seq, reason: 'malformed' };
      if (hash !== log.hash) return { status: 'broken', atSeq: log.seq, reason: 'hash' };
      if (!signed) return { status: 'signature_invalid', logId: log.id, atSeq: log.seq };
      prevHash = log.hash;
      expectedSeq += 1;
    }
    options.onProgress?.(start + batch.length, sorted.length);
  }
  const last = sorted.at(-1);
  return { status: 'verified', count: sorted.length, head: last ? { seq: last.seq, hash: last.hash } : null };
}
