import { Hono } from 'hono';
import { auditChange, auditValues } from '../../../domain/audit.ts';
import { auditDeviceChange, auditStaffChange } from '../audit/record.ts';
import { ReviewRequestSchema, SubmitSlotRequestSchema } from '../../../domain/slot-submission.ts';
import { SubmissionListQuerySchema } from '../../../domain/staff-api.ts';
import type { SubmissionList, SubmissionWritten } from '../../../domain/staff-api.ts';
import { requireDevice } from '../../auth/device-auth.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { idParam, notFoundProblem } from '../id-param.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

function otherDevice(): ApiProblem {
  return new ApiProblem(403, { error: 'forbidden', message: 'This submission id belongs to another device' });
}

/**
 * Shared translations under /api/slots: devices submit translations of bulletins they receive; staff with
 * slots.review over the submitting unit list and review them (see slot-submissions.ts for what approval does).
 */
export function slotRoutes(store: Store): Hono<AppEnv> {
  const submissions = store.slotSubmissions;
  return new Hono<AppEnv>()
    .post('/submissions', requireDevice(store), async (c) => {
      const request = await validJson(c, SubmitSlotRequestSchema);
      const device = c.get('device');
      // A resend after a lost answer gets the stored submission, whatever changed since.
      const stored = await submissions.get(request.id);
      if (stored !== undefined) {
        if (stored.deviceId !== device.id) throw otherDevice();
        return c.json({ submission: stored } satisfies SubmissionWritten, 200);
      }
      // Only a published bulletin the device receives (targeted at its unit or an ancestor) can be translated;
      // any other is answered as unknown, so a device learns nothing about bulletins it does not receive.
      const bulletin = await store.bulletinAuthoring.get(request.bulletinId);
      const lineage = new Set([device.unitId, ...(await store.accounts.ancestorIds(device.unitId))]);
      if (
        bulletin === undefined ||
        bulletin.status !== 'published' ||
        !bulletin.targetUnitIds.some((unitId) => lineage.has(unitId))
      ) {
        throw notFoundProblem('bulletin');
      }
      if (request.bulletinVersion > bulletin.version) {
        throw new ApiProblem(400, {
          error: 'invalid_request',
          message: 'Invalid bulletinVersion',
          issues: [{ field: 'bulletinVersion', message: `The bulletin is at version ${bulletin.version}` }],
        });
      }
      const result = await submissions.submit(
        request,
        { deviceId: device.id, unitId: device.unitId },
        new Date().toISOString(),
      );
      if (!result.ok) {
        throw new ApiProblem(409, {
          error: 'audio_missing',
          message: 'Upload the recording (PUT /api/attachments/:sha256) before submitting',
        });
      }
      if (result.submission.deviceId !== device.id) throw otherDevice();
      if (result.created) {
        await auditDeviceChange(store, device, {
          action: 'slot.submit',
          unitIds: [device.unitId],
          targetId: result.submission.id,
          after: auditValues(result.submission),
        });
      }
      return c.json(
        { submission: result.submission } satisfies SubmissionWritten,
        result.created ? 201 : 200,
      );
    })
    .get('/submissions', requireStaff(store), async (c) => {
      const { status } = validQuery(c, SubmissionListQuerySchema);
      const { unitId } = c.get('staff');
      await authorize(c, 'slots.review', unitId);
      const unitIds = await store.accounts.subtreeIds([unitId]);
      const body: SubmissionList = { submissions: await submissions.listForReview(unitIds, status) };
      return c.json(body);
    })
    .post('/submissions/:id/review', requireStaff(store), async (c) => {
      const review = await validJson(c, ReviewRequestSchema);
      const submission = await submissions.get(idParam(c, 'submission'));
      if (submission === undefined) throw notFoundProblem('submission');
      await authorize(c, 'slots.review', submission.unitId);
      const result = await submissions.review(
        submission.id,
        review,
        c.get('staff').displayName,
        new Date().toISOString(),
      );
      if (!result.ok) {
        throw result.reason === 'not_found'
          ? notFoundProblem('submission')
          : new ApiProblem(409, {
              error: 'version_conflict',
              message: `The submission was already ${result.current.status}`,
            });
      }
      await auditStaffChange(c, {
        action: 'slot.review',
        unitIds: [submission.unitId],
        targetId: submission.id,
        ...auditChange(submission, result.submission),
      });
      return c.json({ submission: result.submission } satisfies SubmissionWritten);
    });
}
