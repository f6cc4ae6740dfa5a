/** Bundle benchmark: builds the PWA into a temporary directory and measures the JS a phone downloads first. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INITIAL_JS_BUDGET_BYTES, kb, measureBundle } from '../bundle-size.ts';

/** Returns result lines for the bundle section. */
export async function benchBundle(root: string): Promise<string[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'loaxa-bench-dist-'));
  try {
    await promisify(execFile)(
      join(root, 'node_modules/.bin/vite'),
      ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    const sizes = await measureBundle(outDir);
    return [
      `| initial JS (entry + static imports), gzip -9 | ${kb(sizes.initialGzip)} | ≤ ${kb(INITIAL_JS_BUDGET_BYTES)} |`,
      ...sizes.screens
        .filter((s) => ['today', 'bulletins', 'bulletin-reader'].includes(s.screen))
        .map((s) => `| JS for the first render of ${s.screen}, gzip -9 | ${kb(s.gzip)} | |`),
    ];
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
