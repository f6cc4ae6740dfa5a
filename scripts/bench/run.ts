/**
 * `npm run bench`: runs every benchmark and prints a Markdown table to paste into docs/benchmarks.md.
 * Needs the PostgreSQL the server tests use (LOAXA_TEST_DATABASE_URL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildPwa, ROOT } from '../../tests/helpers/app-server.ts';
import { closeTestEngines } from '../../tests/helpers/stores.ts';
import { benchBundle } from './bundle.ts';
import { benchCoverage, withCoverageBench } from './coverage.ts';
import { benchFuzz } from './fuzz.ts';
import { benchLibrary } from './library.ts';
import { benchLogWrite } from './log-write.ts';
import { benchOfflineEngine } from './offline-engine.ts';
import { benchOfflineFirstAudio } from './offline-first-audio.ts';
import { benchPush } from './push.ts';
import { benchAudit } from './audit.ts';
import { benchReport } from './report.ts';
import { benchStorePull } from './store-pull.ts';

const BULLETINS = 5000;

const rows: string[] = [];
// One production build serves every benchmark that needs the app.
const distDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-dist-'));
await buildPwa(distDir, 'error');
rows.push(...(await benchBundle(distDir)));
rows.push(...(await benchOfflineEngine(ROOT, distDir)));
rows.push(...(await benchOfflineFirstAudio(ROOT, distDir)));
for (const kind of ['pglite', 'postgres'] as const) rows.push(...(await benchStorePull(kind, BULLETINS)));
rows.push(...(await benchLibrary(distDir, BULLETINS)));
rows.push(...(await benchLogWrite(ROOT)));
rows.push(...(await benchPush(ROOT)));
rows.push(...(await benchFuzz()));
rows.push(...(await benchAudit()));
// The dashboard and the annual report read the same million logs, generated once.
rows.push(
  ...(await withCoverageBench(async (bench) => [
    ...(await benchCoverage(bench)),
    ...(await benchReport(bench)),
  ])),
);
await closeTestEngines();
await rm(distDir, { recursive: true, force: true });

console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log('');
console.log('| measure | result | target |');
console.log('| --- | --- | --- |');
for (const row of rows) console.log(row);
