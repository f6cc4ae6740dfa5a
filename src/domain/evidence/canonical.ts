/**
 * The canonical form and hash of a broadcast log: the exact bytes a device hashes and signs and the server
 * verifies. The device and the server both run this file, so they can never disagree on the bytes. Changing
 * anything here invalidates every log already written: the format is frozen, a change needs a new format.
 *
 * Canonical JSON (the subset of RFC 8785, JCS, that logs use):
 * - objects: keys sorted by UTF-16 code units (JavaScript's default sort), written `{"k":v,...}`;
 * - arrays in their order; no whitespace anywhere;
 * - strings as JSON.stringify writes them (ES2019 well-formed: lone surrogates escaped). Text is NOT
 *   Unicode-normalised here: the hash covers exactly the stored characters, so a change from one normal form
 *   to another is a detected change. The log writer stores text in NFC before hashing;
 * - numbers as JSON.stringify writes them (ECMAScript's shortest round-trip form; -0 is written 0); NaN and
 *   ±Infinity are refused;
 * - null kept; true/false; undefined, functions, symbols, bigints and non-plain objects are refused.
 *
 * Signed fields: every BroadcastLog field except `hash` and `signature` (SIGNED_LOG_FIELDS). Each is required
 * (a missing field is refused, not skipped), except the fields added after logs were first written
 * (marked optional below: `completion`), which are written when present and left out when absent or null.
 * A log written before such a field existed therefore keeps its bytes and its hash, and a log that has it is
 * signed with it: removing or changing it breaks the hash. Other properties of the object (a server's
 * receivedAt or verification) are not part of the form.
 *
 * hash = lower-case hex of SHA-256 over the UTF-8 bytes of `prevHash + "\n" + canonicalLogJson(log)`, where
 * prevHash is the previous log's hash in the device's chain (64 lower-case hex characters) and GENESIS_HASH
 * (64 zeros) before the first log. The log's own prevHash field is also among the signed fields.
 */
import type { BroadcastLog } from '../schemas/broadcast-log.ts';
import { bytesToHex } from './encoding.ts';

/** A log before its hash and signature are known: what the hash covers. */
export type UnsignedLog = Omit<BroadcastLog, 'hash' | 'signature'>;

/** The prevHash of the first log of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** A value that has no canonical form; the path says where in the value it was found. */
export class CanonicalFormError extends Error {
  /** Builds the error for the value at `path`. */
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`no canonical form at ${path || '(root)'}: ${problem}`);
    this.name = 'CanonicalFormError';
  }
}

/**
 * A record over every key, so adding a field to BroadcastLog without deciding here is a type error: `required`
 * for the fields of the first format, `optional` for the fields added since (see the header).
 */
const SIGNED: Record<keyof UnsignedLog, 'required' | 'optional'> = {
  id: 'required',
  deviceId: 'required',
  seq: 'required',
  prevHash: 'required',
  unitId: 'required',
  operator: 'required',
  bulletinId: 'required',
  bulletinVersion: 'required',
  lang: 'required',
  source: 'required',
  channel: 'required',
  startedAt: 'required',
  endedAt: 'required',
  repeats: 'required',
  completion: 'optional',
  location: 'required',
  placeName: 'required',
  photoIds: 'required',
  notes: 'required',
  correctsLogId: 'required',
  createdAt: 'required',
};

/** The fields of a log its hash covers, in canonical (sorted) order. */
export const SIGNED_LOG_FIELDS = (Object.keys(SIGNED) as (keyof UnsignedLog)[]).sort();

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalFormError(path, `number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => {
        const child = path ? `${path}.${key}` : key;
        return `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], child)}`;
      });
    return `{${entries.join(',')}}`;
  }
  throw new CanonicalFormError(path, value === undefined ? 'undefined' : `a ${typeof value}`);
}

/** The canonical JSON of a value (see the header for the rules); throws CanonicalFormError on what has none. */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

/**
 * The canonical JSON of a log's signed fields; other properties are ignored, a missing required one is refused,
 * a missing or null optional one left out.
 */
export function canonicalLogJson(log: UnsignedLog): string {
  const signed: Record<string, unknown> = {};
  for (const field of SIGNED_LOG_FIELDS) {
    const value = log[field];
    if (SIGNED[field] === 'optional' && (value === undefined || value === null)) continue;
    if (value === undefined) throw new CanonicalFormError(field, 'missing');
    signed[field] = value;
  }
  return canonicalJson(signed);
}

/** SHA-256 (hex) of `prevHash + "\n" + canonicalLogJson(log)` as UTF-8: the log's hash in its chain. */
export async function hashLog(prevHash: string, log: UnsignedLog): Promise<string> {
  return hashCanonicalLog(prevHash, canonicalLogJson(log));
}

/** hashLog from the log's canonical JSON already computed, for a verifier that also compares it. */
export async function hashCanonicalLog(prevHash: string, canonical: string): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(prevHash)) throw new Error('prevHash must be 64 lower-case hex characters');
  const bytes = new TextEncoder().encode(`${prevHash}\n${canonical}`);
  return bytesToHex(await crypto.subtle.digest('SHA-256', bytes));
}
