/**
 * Enrolling this device with a pairing code: the device sends the code, a label, and the id and public key of
 * its signing identity (src/client/evidence/device-key.ts, made on first use, so logs signed before enrolment
 * verify too), and stores the token and unit it gets back (enrolment-repository.ts).
 */
import * as v from 'valibot';
import { normalizePairingCode, type EnrolRequest } from '../../domain/accounts.ts';
import { UnitSchema, type Unit } from '../../domain/schemas/unit.ts';
import type { LoaxaDb } from '../db/database.ts';
import { storeEnrolment } from '../db/enrolment-repository.ts';
import { getDeviceIdentity } from '../evidence/device-key.ts';
import { defaultTransport, readJson, send, type SyncError, type Transport } from './transport.ts';

export { readEnrolment, type Enrolment } from '../db/enrolment-repository.ts';

/** What the operator types on the enrolment screen. */
export interface EnrolInput {
  code: string;
  label: string;
}

/** The outcome of enrolDevice: the unit the device now serves, or why it is not enrolled. */
export type EnrolOutcome = { ok: true; unit: Unit } | { ok: false; error: SyncError };

const ENROL_TIMEOUT_MS = 30_000;

const EnrolAnswerSchema = v.object({
  deviceId: v.string(),
  token: v.pipe(v.string(), v.minLength(16)),
  unit: UnitSchema,
});

/**
 * Enrols the device with a pairing code. A code that cannot be one is refused before any request
 * ({kind:'invalid', detail:'pairing_code'}); the server's refusals come back as http errors with its code
 * (pairing_code_unknown, pairing_code_expired, pairing_code_used, device_exists, too_many_attempts).
 */
export async function enrolDevice(
  db: LoaxaDb,
  input: EnrolInput,
  transport: Transport = defaultTransport(),
): Promise<EnrolOutcome> {
  const code = normalizePairingCode(input.code);
  if (code === undefined) return { ok: false, error: { kind: 'invalid', detail: 'pairing_code' } };
  const label = input.label.trim();
  try {
    const identity = await getDeviceIdentity(db);
    const request: EnrolRequest = {
      code,
      label,
      deviceId: identity.deviceId,
      publicKey: identity.publicKeyJwk,
    };
    const answer = await send(transport, {
      method: 'POST',
      path: '/api/devices/enrol',
      json: request,
      timeoutMs: ENROL_TIMEOUT_MS,
    });
    if (!answer.ok) return answer;
    const body = await readJson(answer.response);
    if (!body.ok) return body;
    const result = v.safeParse(EnrolAnswerSchema, body.body);
    if (!result.success || result.output.deviceId !== identity.deviceId) {
      return { ok: false, error: { kind: 'invalid', detail: 'enrolment answer' } };
    }
    const { token, unit } = result.output;
    await storeEnrolment(db, { deviceId: identity.deviceId, label, token, unit });
    return { ok: true, unit };
  } catch (e) {
    return { ok: false, error: { kind: 'storage', detail: e instanceof Error ? e.message : String(e) } };
  }
}
