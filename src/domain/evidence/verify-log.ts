/**
 * Verification of single logs as a server receives them: in batches, in any order, a predecessor perhaps
 * still on its way. verifyChain (verify-chain.ts) answers a whole chain's first problem; a push needs an answer
 * per log, from the log's own checks (hash, signature, log-rules) and its link to the predecessor when known.
 *
 * The answer is the domain's Verification plus the problem behind it:
 * - broken_chain: the fields no longer give the hash ('hash'), cannot be hashed ('malformed'), or prevHash is
 *   not the predecessor's hash ('link');
 * - unverified: the signature is not the device's ('signature'), the log breaks log-rules.ts ('rules'), its times
 *   lie ahead of the server's clock at arrival ('clock_ahead') or long before the device was enrolled
 *   ('before_enrolment'), or the predecessor has not arrived ('predecessor_missing', the one problem a later
 *   arrival can clear);
 * - verified: none of these.
 *
 * A log whose hash or signature fails (isSignedByDevice false) was not written by the device: a server keeps it
 * apart from the device's chain (log-store.ts) rather than storing it with one of these answers.
 */
import type { BroadcastLog, Verification } from '../schemas/broadcast-log.ts';
import { DAY_MS } from '../dates.ts';
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
  'clock_ahead',
  'before_enrolment',
  'predecessor_missing',
] as const;
export type LogProblem = (typeof LOG_PROBLEMS)[number];

/**
 * How far ahead of the server's clock at arrival a log's times may be: a phone on network time is seconds off,
 * one set by hand a few minutes; more than this and the times cannot be told from a wrong clock.
 */
export const SERVER_CLOCK_TOLERANCE_MS = 10 * 60_000;

/**
 * How long before its enrolment a device's logs may be dated: a phone can log offline before it is paired (the
 * key exists from the first start), but not for longer than a district takes to hand out codes.
 */
export const BEFORE_ENROLMENT_MAX_DAYS = 60;

/** What the server knew when a log arrived: its own time, and when the device was enrolled (ISO instants). */
export interface Arrival {
  receivedAt: string;
  enrolledAt: string;
}

/** How a log's times stand against the server's clock at arrival (see the tolerances above). */
export type ArrivalTiming = 'ok' | 'clock_ahead' | 'before_enrolment';

/** Checks a log's times (start, end, writing) against the arrival: none ahead of it, none long before enrolment. */
export function arrivalTiming(
  log: Pick<BroadcastLog, 'startedAt' | 'endedAt' | 'createdAt'>,
  arrival: Arrival,
): ArrivalTiming {
  const times = [log.startedAt, log.endedAt, log.createdAt].map((time) => Date.parse(time));
  const latest = Date.parse(arrival.receivedAt) + SERVER_CLOCK_TOLERANCE_MS;
  if (times.some((time) => !(time <= latest))) return 'clock_ahead';
  const earliest = Date.parse(arrival.enrolledAt) - BEFORE_ENROLMENT_MAX_DAYS * DAY_MS;
  return times.some((time) => time < earliest) ? 'before_enrolment' : 'ok';
}

/**
 * How a device's clock stands against the server's (`skewMs`: device time minus server time): 'ahead' or
 * 'behind' by more than SERVER_CLOCK_TOLERANCE_MS, when logs it writes would not be verified or would be misdated.
 */
export function clockSkewOf(skewMs: number): 'ahead' | 'behind' | null {
  if (skewMs > SERVER_CLOCK_TOLERANCE_MS) return 'ahead';
  return skewMs < -SERVER_CLOCK_TOLERANCE_MS ? 'behind' : null;
}

/** Whether the log's fields give its hash and the device's key signed it: only the device can have written it. */
export function isSignedByDevice(self: LogSelfCheck): boolean {
  return self.hash === 'ok' && self.signed;
}

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

/**
 * The verification of a log from its own checks, its link and its times against the arrival (see the header
 * for the order); a log already stored keeps the timing found when it arrived ('ok' when it had no problem).
 */
export function logVerification(
  self: LogSelfCheck,
  link: LinkState,
  timing: ArrivalTiming = 'ok',
): LogVerification {
  const problem: LogProblem | null =
    self.hash !== 'ok'
      ? self.hash
      : link === 'broken'
        ? 'link'
        : !self.signed
          ? 'signature'
          : !self.rulesHold
            ? 'rules'
            : timing !== 'ok'
              ? timing
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
