/** Bundle benchmark: the JS a phone downloads first, measured on the production build. */
import { INITIAL_JS_BUDGET_BYTES, kb, measureBundle } from '../bundle-size.ts';

/** Returns result lines for the bundle section, from the build in `distDir`. */
export async function benchBundle(distDir: string): Promise<string[]> {
  const sizes = await measureBundle(distDir);
  return [
    `| initial JS (entry + static imports), gzip -9 | ${kb(sizes.initialGzip)} | ≤ ${kb(INITIAL_JS_BUDGET_BYTES)} |`,
    ...sizes.screens
      .filter((s) => ['today', 'bulletins', 'bulletin-reader'].includes(s.screen))
      .map((s) => `| JS for the first render of ${s.screen}, gzip -9 | ${kb(s.gzip)} | |`),
  ];
}
