/**
 * Repacks eSpeak-NG as the build does and prints what it keeps, the download before and after, and which
 * registry languages eSpeak-NG has a voice for. With a directory argument, also writes the two files there.
 * Usage: tsx scripts/build-espeak-data.ts [outDir]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LANGUAGES } from '../src/domain/languages.ts';
import {
  OFFLINE_VOICES,
  describePack,
  filesForVoices,
  readStockPackage,
  repackEspeak,
  size,
  stockDownloadBytes,
  stockVoices,
} from './espeak-data.ts';

const stock = await readStockPackage();
const pack = repackEspeak(stock);
console.log(describePack(pack, await stockDownloadBytes(stock)));
console.log(`  data ${size(pack.dataBytes)} of ${size(pack.stockDataBytes)}: ${pack.files.join(', ')}`);

const available = new Set(stockVoices(stock).map((v) => v.toLowerCase()));
for (const language of LANGUAGES) {
  const voices = [language.bcp47, ...language.voiceTags].filter((tag) => available.has(tag.toLowerCase()));
  if (voices.length === 0) continue;
  const shipped = OFFLINE_VOICES[language.code] !== undefined;
  const extra = filesForVoices(stock, voices).filter((file) => !pack.files.includes(file));
  const withIt = repackEspeak(stock, { ...OFFLINE_VOICES, [language.code]: voices });
  const added = withIt.build.data.bytes - pack.build.data.bytes;
  console.log(
    `  ${language.code} (${language.nameEn}): eSpeak-NG voices ${voices.join(', ')}; ` +
      (shipped ? 'shipped' : `not shipped (${extra.join(', ')} would add ${size(added)} gzip)`),
  );
}

const outDir = process.argv[2];
if (outDir) {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, basename(pack.build.engine.path)), pack.engineGz);
  await writeFile(join(outDir, basename(pack.build.data.path)), pack.dataGz);
  console.log(
    `  wrote ${basename(pack.build.engine.path)} and ${basename(pack.build.data.path)} to ${outDir}`,
  );
}
