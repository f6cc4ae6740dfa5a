/**
 * What crosses the wire for staff sign-in and device enrolment (docs/api.md): request bodies are strict
 * valibot schemas the server validates with; answers are types both sides share.
 */
import * as v from 'valibot';
import { IdSchema, TextSchema, labelSchema } from './schemas/common.ts';
import { PublicKeyJwkSchema } from './schemas/device.ts';
import type { Unit } from './schemas/unit.ts';
import type { Role } from './schemas/user.ts';

/** POST /api/auth/login. The password is checked against its scrypt hash, never stored or logged. */
export const LoginRequestSchema = v.strictObject({
  login: v.pipe(TextSchema, v.trim(), v.toLowerCase(), v.nonEmpty(), v.maxLength(64)),
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
});
export type LoginRequest = v.InferOutput<typeof LoginRequestSchema>;

/** A signed-in staff account as the API shows it: never its password hash. */
export interface StaffUser {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string;
  /** Signed in with a temporary password: the account must choose its own before anything else. */
  mustChangePassword: boolean;
}

/** GET /api/auth/me and the answer of a successful login: the account and its unit. */
export interface SessionInfo {
  user: StaffUser;
  unit: Unit;
}

/**
 * GET /api/auth/session: who is signed in, if anyone, and whether the server waits for its first administrator
 * (no account exists yet: the first-run screen). Answered 200 either way: being signed out is a state the staff
 * app starts in, not an error.
 */
export interface SessionState {
  session: SessionInfo | null;
  setupNeeded: boolean;
}

/** Letters of a pairing code: Crockford base32, no I, L, O or U, so it survives being read out on the phone. */
export const PAIRING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in a pairing code (40 bits); shown as two groups of four, e.g. "K7QF-9M2X". */
export const PAIRING_CODE_LENGTH = 8;

/** How long a pairing code can be used, once. */
export const PAIRING_CODE_TTL_HOURS = 24;

/**
 * A typed pairing code in its stored form: upper case, spaces and dashes dropped, and the letters people
 * confuse read as the digits they look like (O→0, I and L→1). Undefined when it cannot be a code.
 */
export function normalizePairingCode(input: string): string | undefined {
  const code = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replaceAll('O', '0')
    .replace(/[IL]/g, '1');
  if (code.length !== PAIRING_CODE_LENGTH) return undefined;
  return [...code].every((c) => PAIRING_ALPHABET.includes(c)) ? code : undefined;
}

/** A code as people read it: "K7QF-9M2X". */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** POST /api/pairing-codes: a code for a device of this unit. */
export const PairingCodeRequestSchema = v.strictObject({ unitId: IdSchema });

/** The answer: the code in clear, shown once to the staff member (the server keeps only its hash). */
export interface PairingCodeIssued {
  code: string;
  unitId: string;
  expiresAt: string;
  /** Path of the app's enrolment screen with the code filled in; the staff screen shows it as a QR code. */
  enrolPath: string;
}

/** POST /api/devices/enrol: the device's own id and public key (it signs logs before it is enrolled). */
export const EnrolRequestSchema = v.strictObject({
  code: v.pipe(
    v.string(),
    v.maxLength(40),
    v.check((code) => normalizePairingCode(code) !== undefined, 'not a pairing code'),
    v.transform((code) => normalizePairingCode(code) ?? code),
  ),
  label: labelSchema(120),
  deviceId: IdSchema,
  publicKey: v.strictObject(PublicKeyJwkSchema.entries),
});
export type EnrolRequest = v.InferOutput<typeof EnrolRequestSchema>;

/** The answer of a successful enrolment: the bearer token is shown this once; the server keeps its hash. */
export interface EnrolResult {
  deviceId: string;
  token: string;
  unit: Unit;
}

/** A device as staff see it. */
export interface DeviceSummary {
  id: string;
  unitId: string;
  label: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** GET /api/device: the enrolled device's own record, so it can show its unit and notice a revocation. */
export interface DeviceSelf {
  device: DeviceSummary;
  unit: Unit;
}
