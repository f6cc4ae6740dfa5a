/**
 * Offline engine benchmark: serves the production build with `vite preview`, and in headless Chromium renders a
 * 300-word Vietnamese bulletin through the built engine module (worker, repacked eSpeak-NG, WAV encoding),
 * the same code the reader's player and WAV export run. Also reports the offline voice's download size.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { demoBulletins } from '../../src/server/demo/demo-bulletins.ts';
import { launchFreshContext } from '../../tests/helpers/chromium.ts';
import { readStockPackage, repackEspeak, size, stockDownloadBytes } from '../espeak-data.ts';
import { previewDist } from './preview.ts';
import { median, ms } from './stats.ts';

const WORDS = 300;
const WARM_RUNS = 5;
const ENGINE_MODULE = 'src/client/speech/offline/offline-engine.ts';
/** What the issue says Vietnamese needs. */
const DOWNLOAD_TARGET_BYTES = 700 * 1024;

/** The demo bulletins' bodies, cut after the sentence that reaches `words` words. */
function bulletinOf(words: number): { text: string; words: number } {
  const all = demoBulletins(isoDateOf(new Date(), VIETNAM_TIME_ZONE))
    .map((b) => b.body)
    .join('\n\n');
  const tokens = all.split(/(\s+)/);
  let text = '';
  let count = 0;
  for (const token of tokens) {
    text += token;
    if (token.trim()) count++;
    if (count >= words && /[.!?…]$/.test(token)) break;
  }
  return { text, words: count };
}

interface PageTimings {
  coldMs: number;
  warmMs: number[];
  wavBytes: number;
}

/** Result lines for the offline engine: download size and render speed in Chromium. */
export async function benchOfflineEngine(root: string, outDir: string): Promise<string[]> {
  const stock = await readStockPackage();
  const pack = repackEspeak(stock);
  const packBytes = pack.build.engine.bytes + pack.build.data.bytes;
  const stockBytes = await stockDownloadBytes(stock);

  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string }
  >;
  const chunk = manifest[ENGINE_MODULE]?.file;
  if (!chunk) throw new Error(`${ENGINE_MODULE} is not a chunk of the build`);
  const server = await previewDist(root, outDir);
  const { baseUrl } = server;
  const { context, close } = await launchFreshContext();
  try {
    const page = await context.newPage();
    await page.goto(baseUrl);
    const bulletin = bulletinOf(WORDS);
    const timings = await page.evaluate(
      async ({ module, text, runs }): Promise<PageTimings> => {
        type Engine = { renderBulletinWav: (text: string, language: { code: string }) => Promise<Blob> };
        const engine = (await import(/* @vite-ignore */ module)) as Engine;
        let start = performance.now();
        const wav = await engine.renderBulletinWav(text, { code: 'vie' });
        const coldMs = performance.now() - start;
        const warmMs: number[] = [];
        for (let i = 0; i < runs; i++) {
          start = performance.now();
          await engine.renderBulletinWav(text, { code: 'vie' });
          warmMs.push(performance.now() - start);
        }
        return { coldMs, warmMs, wavBytes: wav.size };
      },
      { module: `${baseUrl}${chunk}`, text: bulletin.text, runs: WARM_RUNS },
    );
    // 16-bit mono at eSpeak-NG's 22 050 Hz after the 44-byte header.
    const audioMs = ((timings.wavBytes - 44) / 2 / 22_050) * 1000;
    const warm = median(timings.warmMs);
    return [
      `| offline voice download (eSpeak-NG engine + Vietnamese data), gzip | ${size(packBytes)} (stock package ${size(stockBytes)}) | ≤ ${size(DOWNLOAD_TARGET_BYTES)} |`,
      `| offline engine, ${bulletin.words}-word Vietnamese bulletin (${(audioMs / 1000).toFixed(0)} s of audio): real-time factor in Chromium, median of ${WARM_RUNS} | ${(warm / audioMs).toFixed(3)} (${ms(warm)}) | < 1 |`,
      `| offline engine, first render incl. starting the worker and loading the engine | ${ms(timings.coldMs)} | |`,
    ];
  } finally {
    await close();
    await server.close();
  }
}
