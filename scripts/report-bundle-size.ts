/**
 * Prints the gzip size of the initial JS: the entry script and the chunks index.html preloads.
 * Lazy chunks (speech engine, reports, staff screens) are listed apart; the budget is for the initial load.
 * Usage: tsx scripts/report-bundle-size.ts [distDir]
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The project's budget for JS a phone must download before the first screen. */
const INITIAL_JS_BUDGET_BYTES = 60 * 1024;

const distDir = process.argv[2] ?? 'dist';
const html = await readFile(join(distDir, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  ),
);

async function gzipSize(file: string): Promise<number> {
  return gzipSync(await readFile(join(distDir, file)), { level: 9 }).length;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
let initialTotal = 0;
for (const file of initial) {
  const size = await gzipSize(file);
  initialTotal += size;
  console.log(`  initial  ${kb(size).padStart(9)}  ${file}`);
}
const assets = (await readdir(join(distDir, 'assets'))).filter((f) => f.endsWith('.js'));
for (const file of assets.map((f) => `assets/${f}`).filter((f) => !initial.has(f))) {
  console.log(`  lazy     ${kb(await gzipSize(file)).padStart(9)}  ${file}`);
}
const verdict = initialTotal <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
console.log(`Initial JS: ${kb(initialTotal)} gzip (${verdict} the ${kb(INITIAL_JS_BUDGET_BYTES)} budget)`);
