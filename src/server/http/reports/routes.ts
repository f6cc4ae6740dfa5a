import { PassThrough, Readable } from 'node:stream';
import { auditValues } from '../../../domain/audit.ts';
import { auditStaffChange } from '../audit/record.ts';
import { Hono } from 'hono';
import * as v from 'valibot';
import { VIETNAM_TIME_ZONE } from '../../../domain/airing.ts';
import { computeCoverage, type Coverage, type ReportPeriod } from '../../../domain/coverage.ts';
import { isoDateOf } from '../../../domain/dates.ts';
import {
  draftReportRequest,
  REPORT_FORMATS,
  ReportDraftQuerySchema,
  ReportRequestSchema,
  type ReportFormat,
} from '../../../domain/report.ts';
import { authorize, requireStaff } from '../../auth/staff-auth.ts';
import { csvReport } from '../../reports/csv-report.ts';
import { docxReport } from '../../reports/docx-report.ts';
import { reportFileName, type ReportData } from '../../reports/report-tables.ts';
import { writeXlsxReport } from '../../reports/xlsx-report.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiProblem } from '../problem.ts';
import { validJson, validQuery } from '../validation.ts';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const FormatSchema = v.picklist(REPORT_FORMATS);

/** The coverage of `unitId`'s subtree over the period, with the units it was computed from. */
async function coverageOf(store: Store, unitId: string, period: ReportPeriod) {
  const input = await store.coverage.coverageInput(unitId, period);
  const unit = input.units.find((candidate) => candidate.id === unitId);
  if (!unit) throw new ApiProblem(404, { error: 'not_found', message: 'No such unit' });
  const coverage: Coverage = computeCoverage({
    rootUnitId: unitId,
    period,
    asOf: isoDateOf(new Date(), VIETNAM_TIME_ZONE),
    ...input,
  });
  const parent = input.units.find((candidate) => candidate.id === unit.parentId);
  return { coverage, unit, parent };
}

/** The file as a stream of bytes: the DOCX built whole (its appendix is capped), XLSX and CSV streamed. */
async function fileBody(
  format: ReportFormat,
  data: ReportData,
): Promise<ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>> {
  if (format === 'docx') return new Uint8Array(await docxReport(data));
  if (format === 'xlsx') {
    const output = new PassThrough();
    // A failure half-way can only cut the download short: the status has gone out with the first bytes.
    writeXlsxReport(data, output).catch((error: unknown) => output.destroy(error as Error));
    return Readable.toWeb(output) as ReadableStream<Uint8Array>;
  }
  const chunks = csvReport(data);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/**
 * /api/reports: GET /draft?unitId=&from=&to= answers the ReportRequest staff start from (figures drafted into
 * the narrative); POST /docx, /xlsx, /csv with a ReportRequest answer the file as an attachment. Both need
 * reports.read on the unit; the figures cover its subtree.
 */
export function reportRoutes(store: Store): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireStaff(store))
    .get('/draft', async (c) => {
      const query = validQuery(c, ReportDraftQuerySchema);
      const unitId = query.unitId ?? c.get('staff').unitId;
      await authorize(c, 'reports.read', unitId);
      const period = { from: query.from, to: query.to };
      const [{ coverage, unit, parent }, unitIds] = await Promise.all([
        coverageOf(store, unitId, period),
        store.accounts.subtreeIds([unitId]),
      ]);
      const stops = await store.coverage.vehicleStops(unitIds, period, 1);
      return c.json(
        draftReportRequest({
          coverage,
          unit,
          parent,
          period,
          signedOn: isoDateOf(new Date(), VIETNAM_TIME_ZONE),
          extras: { vehicleStops: stops.total },
        }),
      );
    })
    .post('/:format', async (c) => {
      const format = v.safeParse(FormatSchema, c.req.param('format'));
      if (!format.success)
        throw new ApiProblem(404, { error: 'not_found', message: 'No such report format' });
      const request = await validJson(c, ReportRequestSchema);
      await authorize(c, 'reports.read', request.unitId);
      const period = { from: request.from, to: request.to };
      const [{ coverage }, unitIds] = await Promise.all([
        coverageOf(store, request.unitId, period),
        store.accounts.subtreeIds([request.unitId]),
      ]);
      const data: ReportData = { request, coverage, logs: store.reportLogs.reportLogs(unitIds, period) };
      const body = await fileBody(format.output, data);
      await auditStaffChange(c, {
        action: 'report.generate',
        unitIds: [request.unitId],
        targetId: null,
        after: auditValues({ format: format.output, unitId: request.unitId, ...period }),
      });
      return c.body(body, 200, {
        'Content-Type': CONTENT_TYPES[format.output],
        'Content-Disposition': `attachment; filename="${reportFileName(period, format.output)}"`,
      });
    });
}
