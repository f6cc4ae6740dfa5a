/**
 * Measures what a phone downloads before it can show something: the initial JS (the entry and its static
 * imports) and, per screen, the JS its first render needs (initial + the screen's lazy chunk and imports).
 * Reads Vite's build manifest (dist/.vite/manifest.json).
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The project's budget for JS a phone must download before the first screen. */
export const INITIAL_JS_BUDGET_BYTES = 60 * 1024;

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The app's screens by chunk name: Rollup may key a screen's chunk by a shared module, never rename it. */
const SCREEN_NAMES = new Set(
  readdirSync(new URL('../src/app/screens', import.meta.url)).map((file) => file.replace(/\.tsx?$/, '')),
);

/** Gzip sizes in bytes (level 9) of the initial JS and of each screen's first render. */
export interface BundleSizes {
  initialGzip: number;
  initialFiles: string[];
  screens: { screen: string; gzip: number }[];
  lazyFiles: { file: string; gzip: number }[];
}

function closure(manifest: Record<string, ManifestChunk>, key: string, into: Set<string>): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

/** Reads the manifest of a built dist directory and gzips every JS chunk it lists. */
export async function measureBundle(distDir: string): Promise<BundleSizes> {
  const manifest = JSON.parse(await readFile(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const sizes = new Map<string, number>();
  for (const chunk of Object.values(manifest)) {
    if (chunk.file.endsWith('.js'))
      sizes.set(chunk.file, gzipSync(await readFile(join(distDir, chunk.file)), { level: 9 }).length);
  }
  const total = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + (sizes.get(f) ?? 0), 0);
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (entryKey === undefined) throw new Error(`No entry chunk in ${distDir}/.vite/manifest.json`);
  const initial = closure(manifest, entryKey, new Set());
  const screens = (manifest[entryKey]?.dynamicImports ?? [])
    .filter((key) => SCREEN_NAMES.has(manifest[key]?.name ?? ''))
    .map((key) => ({
      screen: manifest[key]?.name ?? key,
      gzip: total(closure(manifest, key, new Set(initial))),
    }));
  return {
    initialGzip: total(initial),
    initialFiles: [...initial],
    screens,
    lazyFiles: [...sizes].filter(([f]) => !initial.has(f)).map(([file, gzip]) => ({ file, gzip })),
  };
}

/** Formats bytes as KB with one decimal, as the budget is written. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
