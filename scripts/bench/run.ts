/**
 * `npm run bench`: runs every benchmark and prints a Markdown table to paste into docs/benchmarks.md.
 * Needs the PostgreSQL the server tests use (LOAXA_TEST_DATABASE_URL).
 */
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { closeTestEngines } from '../../tests/helpers/stores.ts';
import { benchBundle } from './bundle.ts';
import { benchLibrary } from './library.ts';
import { benchOfflineEngine } from './offline-engine.ts';
import { benchStorePull } from './store-pull.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BULLETINS = 5000;

const rows: string[] = [];
rows.push(...(await benchBundle(ROOT)));
rows.push(...(await benchOfflineEngine(ROOT)));
for (const kind of ['pglite', 'postgres'] as const) rows.push(...(await benchStorePull(kind, BULLETINS)));
rows.push(...(await benchLibrary(ROOT, BULLETINS)));
await closeTestEngines();

console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log('');
console.log('| measure | result | target |');
console.log('| --- | --- | --- |');
for (const row of rows) console.log(row);
