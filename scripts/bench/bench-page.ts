/**
 * The bridge between a benchmark script and its page: each bench page exposes its measurements as async
 * functions on `window.loaxaBench`, and the script calls them by name with typed arguments and results.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';

type Fn<T> = T extends (...args: infer A) => infer R ? (...args: A) => R : never;

/** Waits until the page has exposed its measurements. */
export async function benchPageReady(page: Page): Promise<void> {
  await page.waitForFunction(() => 'loaxaBench' in window);
}

/** A typed caller of the measurements `B` a bench page exposes. */
export function benchPageCaller<B extends object>() {
  return <K extends keyof B & string>(
    page: Page,
    name: K,
    ...args: Parameters<Fn<B[K]>>
  ): Promise<Awaited<ReturnType<Fn<B[K]>>>> =>
    page.evaluate(
      ({ name, args }) => {
        const bench = (window as unknown as { loaxaBench: Record<string, (...a: unknown[]) => unknown> })
          .loaxaBench;
        return bench[name]!(...args);
      },
      { name, args: args as unknown[] },
    ) as Promise<Awaited<ReturnType<Fn<B[K]>>>>;
}

/** Bundles a bench page (`scripts/bench/<entry>`) into `outDir` as bench.js, outside the app's build. */
export async function buildBenchPage(root: string, entry: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: join(root, 'scripts/bench', entry), output: { entryFileNames: 'bench.js' } },
    },
  });
}
