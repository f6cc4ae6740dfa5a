import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OFFLINE_VOICES,
  filesForVoices,
  readStockPackage,
  repackEspeak,
  stockVoices,
  type OfflineVoicePack,
} from '../../../scripts/espeak-data.ts';
import { LANGUAGES } from '../../../src/domain/languages.ts';

interface EspeakInstance {
  set_voice(name: string): number;
  synthesize(text: string, callback: (samples: Int16Array, events: { type: string }[]) => boolean): void;
}
type EspeakFactory = (options: {
  getPreloadedPackage: () => ArrayBuffer;
}) => Promise<{ eSpeakNGWorker: new () => EspeakInstance }>;

let stock: Awaited<ReturnType<typeof readStockPackage>>;
let pack: OfflineVoicePack;
let dir: string;

beforeAll(async () => {
  stock = await readStockPackage();
  pack = repackEspeak(stock);
  dir = await mkdtemp(join(tmpdir(), 'loaxa-espeak-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('eSpeak-NG repack', () => {
  it('keeps only the shared phoneme data and the Vietnamese dictionary and voices', () => {
    expect(pack.build.voices).toEqual({ vie: ['vi', 'vi-VN-x-central', 'vi-VN-x-south'] });
    expect(pack.files).toEqual([
      'intonations',
      'lang/aav/vi',
      'lang/aav/vi-VN-x-central',
      'lang/aav/vi-VN-x-south',
      'phondata',
      'phonindex',
      'phontab',
      'vi_dict',
    ]);
  });

  it('shrinks the download from about 12 MB to about 0.6 MB gzip', () => {
    const engine = pack.build.engine.bytes;
    const data = pack.build.data.bytes;
    expect(pack.engineGz.length).toBe(engine);
    expect(pack.dataGz.length).toBe(data);
    expect(engine).toBeGreaterThan(200_000);
    expect(engine).toBeLessThan(280_000);
    expect(data).toBeGreaterThan(300_000);
    expect(data).toBeLessThan(400_000);
    expect(pack.stockDataBytes).toBeGreaterThan(20_000_000);
    expect(pack.dataBytes).toBeLessThan(pack.stockDataBytes / 30);
  });

  it('names the files by content, under the directory the service worker does not precache', () => {
    expect(pack.build.engine.path).toMatch(/^assets\/offline-voice\/espeak-ng-engine-[0-9a-f]{10}\.bin$/);
    expect(pack.build.data.path).toMatch(/^assets\/offline-voice\/espeak-ng-data-[0-9a-f]{10}\.bin$/);
    expect(repackEspeak(stock).build).toEqual(pack.build);
  });

  it('finds a voice’s files through its voice file and refuses a voice eSpeak-NG does not have', () => {
    expect(filesForVoices(stock, ['yue'])).toContain('yue_dict');
    expect(() => filesForVoices(stock, ['km'])).toThrow('has no voice "km"');
  });

  it('has no voice for the registry’s minority languages except Cantonese (Hoa), which is not shipped', () => {
    const voices = new Set(stockVoices(stock).map((v) => v.toLowerCase()));
    const covered = LANGUAGES.filter((l) =>
      [l.bcp47, ...l.voiceTags].some((tag) => voices.has(tag.toLowerCase())),
    ).map((l) => l.code);
    expect(covered).toEqual(['vie', 'yue']);
    expect(Object.keys(OFFLINE_VOICES)).toEqual(['vie']);
  });

  // Vitest transforms the 840 KB engine before running it: seconds, more on a busy machine.
  it(
    'produces an engine that speaks every shipped voice from the reduced data, and nothing else',
    {
      timeout: 30_000,
    },
    async () => {
      const file = join(dir, 'espeak-ng.js');
      await writeFile(file, gunzipSync(pack.engineGz));
      const data = gunzipSync(pack.dataGz);
      const { default: factory } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
        default: EspeakFactory;
      };
      const module = await factory({
        getPreloadedPackage: () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      });
      const espeak = new module.eSpeakNGWorker();
      for (const voice of OFFLINE_VOICES.vie ?? []) {
        expect(espeak.set_voice(voice)).toBe(0);
        let sumSquares = 0;
        let count = 0;
        let words = 0;
        espeak.synthesize('Xin chào bà con.', (samples, events) => {
          for (const s of samples) sumSquares += s * s;
          count += samples.length;
          words += events.filter((e) => e.type === 'word').length;
          return false;
        });
        expect(count / 22_050).toBeGreaterThan(0.5);
        expect(Math.sqrt(sumSquares / count)).toBeGreaterThan(500);
        expect(words).toBe(4);
      }
      expect(espeak.set_voice('en')).not.toBe(0);
    },
  );
});
