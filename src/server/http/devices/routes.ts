import { Hono } from 'hono';
import { auditChange, auditValues } from '../../../domain/audit.ts';
import { auditDeviceChange, auditStaffChange } from '../audit/record.ts';
import * as v from 'valibot';
import {
  EnrolRequestSchema,
  PAIRING_CODE_TTL_HOURS,
  PairingCodeRequestSchema,
} from '../../../domain/accounts.ts';
import type { DeviceSelf, DeviceSummary, EnrolResult, PairingCodeIssued } from '../../../domain/accounts.ts';
import { IdSchema } from '../../../domain/schemas/common.ts';
import { clientAddress } from '../../auth/client-address.ts';
import { requireDevice } from '../../auth/device-auth.ts';
import { ENROL_FAILURES_BY_ADDRESS, type RateLimits } from '../../auth/rate-limit.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import { hashSecret, newPairingCode, newToken } from '../../auth/tokens.ts';
import type { EnrolmentOutcome } from '../../store/account-store.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem, refuseWhileLimited } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

const DeviceListQuerySchema = v.strictObject({ unitId: v.optional(IdSchema) });

type EnrolFailure = Extract<EnrolmentOutcome, { ok: false }>['reason'];

const ENROL_FAILURES: Record<EnrolFailure, () => ApiProblem> = {
  code_unknown: () => new ApiProblem(404, { error: 'pairing_code_unknown', message: 'No such pairing code' }),
  code_expired: () =>
    new ApiProblem(410, { error: 'pairing_code_expired', message: 'The pairing code has expired' }),
  code_used: () =>
    new ApiProblem(409, { error: 'pairing_code_used', message: 'The pairing code was already used' }),
  device_exists: () =>
    new ApiProblem(409, {
      error: 'device_exists',
      message: 'A device with this id is enrolled with another key',
    }),
};

function unitMissing(unitId: string): Error {
  return new Error(`Unit ${unitId} is missing`);
}

/**
 * Device enrolment and management under /api: staff create pairing codes, list and revoke devices; a device
 * enrols with a code and reads its own record with its bearer token.
 */
export function deviceRoutes(store: Store, limits: RateLimits, trustProxy: boolean): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/pairing-codes', requireStaff(store), async (c) => {
      const { unitId } = await validJson(c, PairingCodeRequestSchema);
      await authorize(c, 'devices.manage', unitId);
      const code = newPairingCode();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_HOURS * 3600_000).toISOString();
      await store.accounts.createPairingCode({
        codeHash: hashSecret(code),
        unitId,
        createdBy: c.get('staff').id,
        createdAt: now.toISOString(),
        expiresAt,
      });
      // The code itself is a secret: the trail records only that one was made, for which unit, until when.
      await auditStaffChange(c, {
        action: 'pairing_code.create',
        unitIds: [unitId],
        targetId: null,
        after: auditValues({ unitId, expiresAt }),
      });
      const issued: PairingCodeIssued = { code, unitId, expiresAt, enrolPath: `/enrol?code=${code}` };
      return c.json(issued, 201);
    })
    .post('/devices/enrol', async (c) => {
      const request = await validJson(c, EnrolRequestSchema);
      const address = clientAddress(c, trustProxy);
      const attempt = await limits.begin([ENROL_FAILURES_BY_ADDRESS, address]);
      refuseWhileLimited(attempt.wait, 'wrong pairing codes');
      const token = newToken();
      const outcome = await store.accounts.enrol({
        codeHash: hashSecret(request.code),
        deviceId: request.deviceId,
        label: request.label,
        publicKey: request.publicKey,
        tokenHash: hashSecret(token),
        now: new Date().toISOString(),
      });
      // Only wrong codes count: they are what guessing produces.
      if (outcome.ok || outcome.reason === 'device_exists') await attempt.takeBack(ENROL_FAILURES_BY_ADDRESS);
      if (!outcome.ok) throw ENROL_FAILURES[outcome.reason]();
      await auditDeviceChange(store, outcome.device, {
        action: 'device.enrol',
        unitIds: [outcome.device.unitId],
        targetId: outcome.device.id,
        after: auditValues(outcome.device),
      });
      const unit = await store.accounts.findUnit(outcome.device.unitId);
      if (unit === undefined) throw unitMissing(outcome.device.unitId);
      const result: EnrolResult = { deviceId: outcome.device.id, token, unit };
      return c.json(result, 201);
    })
    .get('/devices', requireStaff(store), async (c) => {
      const unitId = validQuery(c, DeviceListQuerySchema).unitId ?? c.get('staff').unitId;
      await authorize(c, 'devices.manage', unitId);
      const devices: DeviceSummary[] = await store.accounts.listDevices(
        await store.accounts.subtreeIds([unitId]),
      );
      return c.json({ devices });
    })
    .post('/devices/:id/revoke', requireStaff(store), async (c) => {
      const id = c.req.param('id');
      const device = v.is(IdSchema, id) ? await store.accounts.findDevice(id) : undefined;
      if (device === undefined) throw new ApiProblem(404, { error: 'not_found', message: 'No such device' });
      await authorize(c, 'devices.manage', device.unitId);
      const revoked = await store.accounts.revokeDevice(device.id, new Date().toISOString());
      if (revoked !== undefined && device.revokedAt === null) {
        await auditStaffChange(c, {
          action: 'device.revoke',
          unitIds: [device.unitId],
          targetId: device.id,
          ...auditChange(device, revoked),
        });
      }
      return c.json({ device: revoked ?? device });
    })
    .get('/device', requireDevice(store), async (c) => {
      const { id, unitId } = c.get('device');
      const [device, unit] = await Promise.all([
        store.accounts.findDevice(id),
        store.accounts.findUnit(unitId),
      ]);
      if (device === undefined) throw new Error(`Device ${id} vanished while authenticated`);
      if (unit === undefined) throw unitMissing(unitId);
      const self: DeviceSelf = { device, unit };
      return c.json(self);
    });
}
