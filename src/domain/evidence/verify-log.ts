/**
 * Verification of single logs as a server receives them: in batches, in any order, a predecessor perhaps
 * still on its way. verifyChain (verify-chain.ts) answers a whole chain's first problem; a push needs an answer
 * per log, from the log's own checks (hash, signature, log-rules) and its link to the predecessor when known.
 *
 * The answer is the domain's Verification plus the problem behind it:
 * - broken_chain: the fields no longer give the hash ('hash'), cannot be hashed ('malformed'), or prevHash is
 *   not the predecessor's hash ('link');
 * - unverified: the signature is not the device's ('signature'), the log breaks log-rules.ts ('rules'), or the
 *   predecessor has not arrived ('predecessor_missing', the one problem a later arrival can clear);
 * - verified: none of these.
 */
import type { BroadcastLog, Verification } from '../schemas/broadcast-log.ts';
import { GENESIS_HASH, canonicalLogJson } from './canonical.ts';
import { prepareUnsignedLog } from './log-rules.ts';
import type { WebCryptoKey } from './signature.ts';
import { recomputeLog } from './verify-chain.ts';

/** Why a log is not verified, most serious first. */
export const LOG_PROBLEMS = [
  'hash',
  'malformed',
  'link',
  'signature',
  'rules',
  'predecessor_missing',
] as const;
export type LogProblem = (typeof LOG_PROBLEMS)[number];

/** What can be checked of a log without its predecessor. */
export interface LogSelfCheck {
  hash: 'ok' | 'hash' | 'malformed';
  signed: boolean;
  /** log-rules.ts accepts the log, and it is stored exactly as prepareUnsignedLog would store it. */
  rulesHold: boolean;
}

/** Whether prevHash links to the predecessor: 'unknown' while the predecessor (seq - 1) has not arrived. */
export type LinkState = 'holds' | 'broken' | 'unknown';

/** A log's verification and, unless verified, its most serious problem. */
export type LogVerification = {
  verification: Verification;
  problem: LogProblem | null;
};

/** Checks a log on its own with the device's public key (imported once by the caller, not per log). */
export async function checkLogSelf(log: BroadcastLog, key: WebCryptoKey): Promise<LogSelfCheck> {
  const { hash, signed, canonical } = await recomputeLog(log, key);
  const prepared = prepareUnsignedLog(log);
  return {
    hash: hash === undefined ? 'malformed' : hash === log.hash ? 'ok' : 'hash',
    signed,
    // A log without a canonical form (hash undefined) has no stored form to compare either.
    rulesHold: hash !== undefined && prepared.ok && canonicalLogJson(prepared.value) === canonical,
  };
}

/** The link of a log to the hash of its predecessor (undefined: not arrived); seq 1 links to GENESIS_HASH. */
export function linkState(log: Pick<BroadcastLog, 'seq' | 'prevHash'>, predecessorHash?: string): LinkState {
  const expected = log.seq === 1 ? GENESIS_HASH : predecessorHash;
  if (expected === undefined) return 'unknown';
  return log.prevHash === expected ? 'holds' : 'broken';
}

/** The verification of a log from its own checks and its link (see the header for the order). */
export function logVerification(self: LogSelfCheck, link: LinkState): LogVerification {
  const problem: LogProblem | null =
    self.hash !== 'ok'
      ? self.hash
      : link === 'broken'
        ? 'link'
        : !self.signed
          ? 'signature'
          : !self.rulesHold
            ? 'rules'
            : link === 'unknown'
              ? 'predecessor_missing'
              : null;
  if (problem === null) return { verification: 'verified', problem };
  return {
    verification:
      problem === 'hash' || problem === 'malformed' || problem === 'link' ? 'broken_chain' : 'unverified',
    problem,
  };
}
