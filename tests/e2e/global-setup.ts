import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPwa, startAppServer } from '../helpers/app-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the real LoaXa server serves the built PWA and /api during e2e tests. */
    baseUrl: string;
    /** The built PWA, for tests that start a server of their own (an empty one, for the first run). */
    staticDir: string;
  }
}

/** Builds the PWA once and starts the real server on a free port with a fresh database and demo data. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'loaxa-e2e-dist-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'loaxa-e2e-data-'));
  await buildPwa(outDir);
  const server = await startAppServer({ dataDir, staticDir: outDir });
  project.provide('baseUrl', server.baseUrl);
  project.provide('staticDir', outDir);
  return async () => {
    await server.stop();
    await rm(outDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  };
}
