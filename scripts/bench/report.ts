/**
 * Annual report benchmark (issue 6) on PostgreSQL, on the 1,000,000 logs of the coverage benchmark (coverage.ts,
 * whose withCoverageBench seeds the database once for both): the report over 2026 as staff make it, through the
 * HTTP app, signed in as district and as province staff.
 * - Figures and DOCX, for the first district and for the province: GET /api/reports/draft (the figures drafted into
 *   the narrative: what the report form loads), then POST /api/reports/docx with that request, which computes the
 *   figures again and answers the whole document (tables by unit, channel, topic, language and month, the
 *   evidence appendix of the first DOCX_LOG_CAP logs), timed to its last byte. RUNS runs after one warm-up.
 * - Raw logs, for the district and for the province: POST /api/reports/xlsx and /csv, every log of the year,
 *   streamed and read as fast as the client can, timed to the last byte, with the process's resident set and V8
 *   heap sampled every SAMPLE_MS while the body streams (the app runs in this process: they are the server's).
 *   Asked without Accept-Encoding, so the CSV is not gzipped on the way (a browser's download would be, by the
 *   app's compress middleware).
 *
 * Run alone with `npx tsx scripts/bench/report.ts`; `npm run bench` runs it after the coverage benchmark.
 */
import { pathToFileURL } from 'node:url';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { computeCoverage } from '../../src/domain/coverage.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import type { ReportFormat, ReportRequest } from '../../src/domain/report.ts';
import { DOCX_LOG_CAP, docxReport } from '../../src/server/reports/docx-report.ts';
import { staffFetch } from '../../tests/helpers/auth.ts';
import { closeTestEngines } from '../../tests/helpers/stores.ts';
import { withCoverageBench, YEAR, type CoverageBench } from './coverage.ts';
import { median, ms, timeMs } from './stats.ts';

const RUNS = 7;
const TARGET_MS = 2_000;
const SAMPLE_MS = 50;

/** A request's answer, checked, read to its last byte; returns its size. */
async function readAll(response: Response, what: string): Promise<number> {
  if (response.status !== 200)
    throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return (await response.arrayBuffer()).byteLength;
}

/** Median and max of samples, for a results table. */
function medianMax(samples: readonly number[]): string {
  return `${ms(median(samples))} / ${ms(Math.max(...samples))}`;
}

/** The report form's draft and the DOCX for `unitId`'s subtree over the year, timed over RUNS after a warm-up. */
async function timeDocx(bench: CoverageBench, cookie: string, unitId: string) {
  const draft: number[] = [];
  const docx: number[] = [];
  let request: ReportRequest | undefined;
  let bytes = 0;
  for (let run = 0; run <= RUNS; run += 1) {
    const draftMs = await timeMs(async () => {
      const query = `unitId=${unitId}&from=${YEAR.from}&to=${YEAR.to}`;
      const response = await staffFetch(bench.app, cookie, 'GET', `/api/reports/draft?${query}`);
      if (response.status !== 200) throw new Error(`draft answered ${response.status}`);
      request = (await response.json()) as ReportRequest;
    });
    const docxMs = await timeMs(async () => {
      const response = await staffFetch(bench.app, cookie, 'POST', '/api/reports/docx', request);
      bytes = await readAll(response, 'docx');
    });
    if (run > 0) {
      draft.push(draftMs);
      docx.push(docxMs);
    }
  }
  if (request === undefined) throw new Error('no draft');
  return { draft, docx, request, bytes };
}

/**
 * The two halves of the DOCX request, by the functions the route calls: the figures (units, bulletins and airing
 * facts read, then computeCoverage), and docxReport reading the appendix's logs and building the document.
 */
async function docxHalves(bench: CoverageBench, request: ReportRequest) {
  const { store } = bench.db;
  const figures: number[] = [];
  const document: number[] = [];
  const unitIds = await store.accounts.subtreeIds([request.unitId]);
  for (let run = 0; run <= RUNS; run += 1) {
    let coverage: ReturnType<typeof computeCoverage> | undefined;
    const figuresMs = await timeMs(async () => {
      const input = await store.coverage.coverageInput(request.unitId, YEAR);
      const asOf = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
      coverage = computeCoverage({ rootUnitId: request.unitId, period: YEAR, asOf, ...input });
    });
    if (coverage === undefined) throw new Error('no coverage');
    const data = { request, coverage, logs: store.reportLogs.reportLogs(unitIds, YEAR) };
    const documentMs = await timeMs(() => docxReport(data));
    if (run > 0) {
      figures.push(figuresMs);
      document.push(documentMs);
    }
  }
  return { figures, document, units: unitIds.length };
}

interface Memory {
  rss: number;
  heapUsed: number;
}

function memoryNow(): Memory {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** An export of every log of the request's period, read to its last byte, with the memory seen meanwhile. */
async function download(bench: CoverageBench, cookie: string, format: ReportFormat, request: ReportRequest) {
  const before = memoryNow();
  const peak = { ...before };
  const sample = () => {
    const now = memoryNow();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  let bytes = 0;
  let lines = 0;
  try {
    const took = await timeMs(async () => {
      const response = await staffFetch(bench.app, cookie, 'POST', `/api/reports/${format}`, request);
      if (response.status !== 200 || !response.body) throw new Error(`${format} answered ${response.status}`);
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        bytes += chunk.value.byteLength;
        if (format !== 'csv') continue;
        for (let at = chunk.value.indexOf(10); at !== -1; at = chunk.value.indexOf(10, at + 1)) lines += 1;
      }
    });
    sample();
    return { took, bytes, lines, before, peak };
  } finally {
    clearInterval(sampler);
  }
}

const mib = (value: number) => `${(value / 2 ** 20).toFixed(0)} MiB`;

/** Returns result lines for the annual report over 1,000,000 logs on PostgreSQL. */
export async function benchReport(bench: CoverageBench): Promise<string[]> {
  const rows: string[] = [];
  const scopes = [
    { name: 'a district', cookie: bench.cookies.district, unitId: bench.districts[0]!.id },
    { name: 'the province', cookie: bench.cookies.province, unitId: bench.province.id },
  ];
  const requests: ReportRequest[] = [];
  for (const scope of scopes) {
    const timed = await timeDocx(bench, scope.cookie, scope.unitId);
    const halves = await docxHalves(bench, timed.request);
    requests.push(timed.request);
    rows.push(
      `| report: form draft (GET /api/reports/draft) for ${scope.name} over 2026 (${halves.units} units), median / max of ${RUNS} | ${medianMax(timed.draft)} | |`,
      `| report: DOCX (POST /api/reports/docx: figures and the whole document, ${DOCX_LOG_CAP.toLocaleString('en')}-log appendix, ${(timed.bytes / 1024).toFixed(0)} KiB) for ${scope.name}, median / max of ${RUNS} | ${medianMax(timed.docx)} | < ${ms(TARGET_MS)} |`,
      `| report: … of which figures (coverageInput + computeCoverage) / docxReport (appendix logs read, document built), median of ${RUNS} | ${ms(median(halves.figures))} / ${ms(median(halves.document))} | |`,
    );
  }
  // The district's tenth of the logs, then all of them: a streamed export's memory does not grow with its size.
  for (const [i, scope] of scopes.entries()) {
    for (const format of ['xlsx', 'csv'] as const) {
      const got = await download(bench, scope.cookie, format, requests[i]!);
      const count = format === 'csv' ? `, ${(got.lines - 1).toLocaleString('en')} rows` : '';
      rows.push(
        `| report: ${format.toUpperCase()} of every log of 2026 for ${scope.name} (POST /api/reports/${format}, streamed, ${mib(got.bytes)}${count}), once | ${ms(got.took)} | |`,
        `| report: … peak RSS / V8 heap used while streaming (before: ${mib(got.before.rss)} / ${mib(got.before.heapUsed)}) | ${mib(got.peak.rss)} / ${mib(got.peak.heapUsed)} | |`,
      );
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await withCoverageBench(benchReport);
  await closeTestEngines();
  console.log('| measure | result | target |');
  console.log('| --- | --- | --- |');
  for (const row of rows) console.log(row);
}
