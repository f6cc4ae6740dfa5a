/**
 * Prints the gzip size of the initial JS after `vite build`, and what each screen's first render needs.
 * Usage: tsx scripts/report-bundle-size.ts [distDir]
 */
import { INITIAL_JS_BUDGET_BYTES, kb, measureBundle } from './bundle-size.ts';

const sizes = await measureBundle(process.argv[2] ?? 'dist');
for (const { screen, gzip } of sizes.screens)
  console.log(`  first render of ${screen.padEnd(16)} ${kb(gzip)}`);
const verdict = sizes.initialGzip <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `Initial JS: ${kb(sizes.initialGzip)} gzip in ${sizes.initialFiles.length} files (${verdict} the ${kb(INITIAL_JS_BUDGET_BYTES)} budget)`,
);
