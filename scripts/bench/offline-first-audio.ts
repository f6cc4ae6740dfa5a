/**
 * Offline engine time to first audio (issue 13): in headless Chromium against the production build, how long
 * from Phát (the engine's speak()) until the <audio> element plays the first sentence of the demo's storm
 * warning. Three cases: cold (a fresh page: the worker starts, loads and compiles eSpeak-NG, then renders),
 * engine loaded (the worker already runs: rendering only), and warmed (the reader pre-rendered the bulletin
 * in idle time, see prerenderOffline). Each cold run reloads the page, as opening the app again would.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { demoBulletins } from '../../src/server/demo/demo-bulletins.ts';
import { launchFreshContext } from '../../tests/helpers/chromium.ts';
import { DEMO_STORM_BULLETIN } from '../../tests/helpers/enrol-device.ts';
import { previewDist } from './preview.ts';
import { median, ms } from './stats.ts';

const RUNS = 5;
const ENGINE_MODULE = 'src/client/speech/offline/offline-engine.ts';
/** The benchmark plays without a click, which Chromium's autoplay policy would otherwise refuse. */
const AUTOPLAY = ['--autoplay-policy=no-user-gesture-required'];

interface RunTimings {
  coldMs: number;
  engineLoadedMs: number;
  warmedMs: number;
}

/** Result lines: median time from speak() to the first sentence sounding, cold, engine loaded and warmed. */
export async function benchOfflineFirstAudio(root: string, outDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string }
  >;
  const chunk = manifest[ENGINE_MODULE]?.file;
  if (!chunk) throw new Error(`${ENGINE_MODULE} is not a chunk of the build`);
  const storm = demoBulletins(isoDateOf(new Date(), VIETNAM_TIME_ZONE)).find(
    (b) => b.id === DEMO_STORM_BULLETIN,
  );
  if (!storm) throw new Error('the demo has no storm warning');
  const words = storm.body.split(/\s+/).filter(Boolean).length;
  const server = await previewDist(root, outDir);
  const { context, close } = await launchFreshContext({ extraArgs: AUTOPLAY });
  try {
    const page = await context.newPage();
    const runs: RunTimings[] = [];
    const firstAudio = (text: string, prerender: boolean) =>
      page.evaluate(
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        async ({ module, said, warm }): Promise<number> => {
          interface EngineModule {
            createOfflineEngine(): {
              speak(
                request: object,
                onProgress: (p: { sentence: number | null }) => void,
              ): { stop(): void; done: Promise<{ error?: string }> };
            };
            prerenderOffline(text: string, language: { code: string }, rate: number): Promise<void>;
          }
          const engine = (await import(/* @vite-ignore */ module)) as EngineModule;
          const language = { code: 'vie' };
          if (warm) await engine.prerenderOffline(said, language, 1);
          return new Promise<number>((resolve, reject) => {
            const start = performance.now();
            const request = { text: said, language, rate: 1, volume: 0, repeats: 1, pauseBetweenMs: 0 };
            const playback = engine.createOfflineEngine().speak(request, (p) => {
              if (p.sentence === null) return;
              resolve(performance.now() - start);
              playback.stop();
            });
            void playback.done.then((result) => reject(new Error(result.error ?? 'ended silently')));
          });
        },
        { module: `${server.baseUrl}${chunk}`, said: text, warm: prerender },
      );
    for (let i = 0; i < RUNS; i++) {
      await page.goto(server.baseUrl);
      runs.push({
        coldMs: await firstAudio(storm.body, false),
        // Other texts, so no rendering is reused: the engine is loaded, then also the bulletin pre-rendered.
        engineLoadedMs: await firstAudio(`${storm.body}\n\nHết tin.`, false),
        warmedMs: await firstAudio(`${storm.body}\n\nXin cảm ơn bà con.`, true),
      });
    }
    const med = (key: keyof RunTimings) => ms(median(runs.map((r) => r[key])));
    const label = `offline engine, Phát → first sentence sounding, ${words}-word storm warning, median of ${RUNS}`;
    return [
      `| ${label}: cold (worker starts, engine loads) | ${med('coldMs')} | |`,
      `| ${label}: engine already loaded | ${med('engineLoadedMs')} | |`,
      `| ${label}: warmed by the reader (pre-rendered) | ${med('warmedMs')} | |`,
    ];
  } finally {
    await close();
    await server.close();
  }
}
