import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot work on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep headless Chromium quiet on a machine with a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's fake capture device (a beep every second) and no permission prompt: for `extraArgs`. */
export const FAKE_MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** A browser context with its own fresh profile directory, removed again by `close()`. */
export interface FreshContext {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Launches Chromium with a new empty profile, as a first-time user's phone would be. */
export async function launchFreshContext(
  options: { viewport?: { width: number; height: number }; locale?: string; extraArgs?: string[] } = {},
): Promise<FreshContext> {
  const profileDir = await mkdtemp(join(tmpdir(), 'loaxa-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    headless: true,
    viewport: options.viewport ?? { width: 360, height: 740 },
    locale: options.locale ?? 'vi-VN',
    deviceScaleFactor: 2,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
