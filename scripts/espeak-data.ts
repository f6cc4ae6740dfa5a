/**
 * Repacks eSpeak-NG for LoaXa's offline voice. @echogarden/espeak-ng-emscripten ships the engine
 * (espeak-ng.js: eSpeak-NG compiled by Emscripten, with wasm2js, so it is plain JavaScript) and one 24 MB data
 * file (12 MB gzip) for 130+ languages, which Emscripten's file packager preloads from a file list written
 * into espeak-ng.js. A commune on 2G cannot wait for that: this keeps only the files the voices LoaXa uses
 * read (the shared phoneme tables and intonations, each language's dictionary and voice files), writes a new
 * data file and rewrites the file list in a copy of espeak-ng.js to match it.
 *
 * Both files are gzip-compressed here and served as opaque .bin assets that the worker inflates itself, so
 * the download is the gzip size whatever the web server does (a `.gz` name makes some servers, `vite
 * preview` among them, add Content-Encoding and the browser would inflate it first), and Cache Storage
 * keeps them compressed.
 * The Vite plugin runs this on every build and dev start (a clean checkout needs no generated file): it emits
 * the two files under assets/offline-voice/ with content hashes, outside the service worker's precache
 * manifest, and hands their paths and sizes to the app as the `__LOAXA_OFFLINE_VOICE__` constant.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import {
  DATA_FILE_PREFIX,
  ENGINE_FILE_PREFIX,
  type OfflineVoiceBuild,
} from '../src/client/speech/offline/voice-files.ts';

/**
 * The eSpeak-NG voices LoaXa ships, by registry language code; the first voice is the default. eSpeak-NG
 * has no voice for Khmer, H'Mông or the other minority languages of the registry. It has Cantonese (yue,
 * the registry's Hoa) but its dictionary alone adds about 240 KB gzip for every commune, Hoa bulletins are
 * written in Chinese characters and phones that need them usually have a Cantonese voice: not shipped.
 */
export const OFFLINE_VOICES: Readonly<Record<string, readonly string[]>> = {
  vie: ['vi', 'vi-VN-x-central', 'vi-VN-x-south'],
};

/** Files every eSpeak-NG voice reads: phoneme tables (all languages' phonemes are in one table) and tunes. */
const SHARED_FILES = ['phontab', 'phonindex', 'phondata', 'intonations'];

const DATA_ROOT = '/usr/share/espeak-ng-data/';
/** Where the build puts the two files; the service worker's precache globs never match `.bin`. */
export const OFFLINE_VOICE_DIR = 'assets/offline-voice';

/** One file of the Emscripten data package: its path in the virtual file system and byte range. */
interface PackedFile {
  filename: string;
  start: number;
  end: number;
}

/** The stock package: engine source, data bytes and the file list written into the engine. */
interface StockPackage {
  version: string;
  engine: string;
  data: Buffer;
  files: PackedFile[];
  /** The `loadPackage({...})` call in `engine` that lists `files`. */
  loadCall: string;
}

/** What the repack produced: gzip-compressed engine and data, and the figures the build prints. */
export interface OfflineVoicePack {
  engineGz: Buffer;
  dataGz: Buffer;
  /** Paths in the data package, relative to espeak-ng-data. */
  files: string[];
  dataBytes: number;
  stockDataBytes: number;
  packageVersion: string;
  /** Paths, sizes and voices as the app sees them. */
  build: OfflineVoiceBuild;
}

const LOAD_CALL = /loadPackage\(\{files:\[(.*?)\],remote_package_size:(\d+)\}\)/s;
const FILE_ENTRY = /\{filename:"([^"]+)",start:(\d+),end:(\d+)\}/g;

/** Reads the installed package and the file list Emscripten's packager wrote into its engine. */
export async function readStockPackage(): Promise<StockPackage> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@echogarden/espeak-ng-emscripten/package.json'));
  const [engine, data, manifest] = await Promise.all([
    readFile(join(dir, 'espeak-ng.js'), 'utf8'),
    readFile(join(dir, 'espeak-ng.data')),
    readFile(join(dir, 'package.json'), 'utf8'),
  ]);
  const calls = [...engine.matchAll(new RegExp(LOAD_CALL, 'gs'))];
  const call = calls[0];
  if (calls.length !== 1 || !call?.[1] || !call[2])
    throw new Error(
      'espeak-ng.js: expected exactly one loadPackage({files:[…]}) call; has the package changed?',
    );
  const files = [...call[1].matchAll(FILE_ENTRY)].map((m) => ({
    filename: m[1] ?? '',
    start: Number(m[2]),
    end: Number(m[3]),
  }));
  if (Number(call[2]) !== data.length || files.at(-1)?.end !== data.length)
    throw new Error('espeak-ng.js and espeak-ng.data disagree on the package size');
  return {
    version: (JSON.parse(manifest) as { version: string }).version,
    engine,
    data,
    files,
    loadCall: call[0],
  };
}

/** The dictionary a voice file names, else its first language's primary subtag (eSpeak-NG's own default). */
function dictionaryOf(voiceFile: string): string {
  const named = /^dictionary\s+(\S+)/m.exec(voiceFile)?.[1];
  const language = /^language\s+(\S+)/m.exec(voiceFile)?.[1];
  const dictionary = named ?? language?.split('-')[0];
  if (!dictionary) throw new Error(`eSpeak-NG voice file without a language:\n${voiceFile}`);
  return dictionary;
}

function bytesOf(stock: StockPackage, file: PackedFile): Buffer {
  return stock.data.subarray(file.start, file.end);
}

/** Paths (relative to espeak-ng-data) of every file the given voices read. */
export function filesForVoices(stock: StockPackage, voices: readonly string[]): string[] {
  const byPath = new Map(stock.files.map((f) => [f.filename.slice(DATA_ROOT.length), f]));
  const wanted = new Set(SHARED_FILES);
  for (const voice of voices) {
    const path = [...byPath.keys()].find((p) => p.startsWith('lang/') && p.endsWith(`/${voice}`));
    const file = path === undefined ? undefined : byPath.get(path);
    if (!path || !file) throw new Error(`eSpeak-NG ${stock.version} has no voice "${voice}"`);
    wanted.add(path);
    wanted.add(`${dictionaryOf(bytesOf(stock, file).toString('utf8'))}_dict`);
  }
  for (const path of wanted) if (!byPath.has(path)) throw new Error(`eSpeak-NG data lacks ${path}`);
  return [...wanted].sort();
}

/** eSpeak-NG voice ids (the last segment of lang/<family>/<id>) present in the stock data. */
export function stockVoices(stock: StockPackage): string[] {
  return stock.files
    .map((f) => f.filename.slice(DATA_ROOT.length))
    .filter((p) => p.startsWith('lang/'))
    .map((p) => p.slice(p.lastIndexOf('/') + 1));
}

function contentName(base: string, bytes: Buffer): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  return `${OFFLINE_VOICE_DIR}/${base}-${hash}.bin`;
}

/** Builds the reduced data package and the engine that preloads it. */
export function repackEspeak(
  stock: StockPackage,
  voices: Readonly<Record<string, readonly string[]>> = OFFLINE_VOICES,
): OfflineVoicePack {
  const files = filesForVoices(stock, Object.values(voices).flat());
  const byPath = new Map(stock.files.map((f) => [f.filename.slice(DATA_ROOT.length), f]));
  const parts: Buffer[] = [];
  const entries: PackedFile[] = [];
  let offset = 0;
  for (const path of files) {
    const bytes = bytesOf(stock, byPath.get(path) as PackedFile);
    entries.push({ filename: DATA_ROOT + path, start: offset, end: offset + bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  const data = Buffer.concat(parts);
  // The same call the packager would write for these files; a function keeps `$` in the JSON literal.
  const loadCall = `loadPackage(${JSON.stringify({ files: entries, remote_package_size: data.length })})`;
  const engine = stock.engine.replace(stock.loadCall, () => loadCall);
  // Level 9 and Node's fixed gzip header make the output, and so the content hash, reproducible.
  const engineGz = gzipSync(engine, { level: 9 });
  const dataGz = gzipSync(data, { level: 9 });
  return {
    engineGz,
    dataGz,
    files,
    dataBytes: data.length,
    stockDataBytes: stock.data.length,
    packageVersion: stock.version,
    build: {
      engine: { path: contentName(ENGINE_FILE_PREFIX, engineGz), bytes: engineGz.length },
      data: { path: contentName(DATA_FILE_PREFIX, dataGz), bytes: dataGz.length },
      voices,
    },
  };
}

/** Gzip size (level 9) of the stock download: engine plus the full data file. */
export async function stockDownloadBytes(stock: StockPackage): Promise<number> {
  const compress = promisify(gzip);
  const [engine, data] = await Promise.all([
    compress(stock.engine, { level: 9 }),
    compress(stock.data, { level: 9 }),
  ]);
  return engine.length + data.length;
}

/** Formats bytes as KB or MB with one decimal. */
export function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** One line for build logs: the offline voice download before and after the repack. */
export function describePack(pack: OfflineVoicePack, stockGzip: number): string {
  const total = pack.build.engine.bytes + pack.build.data.bytes;
  return (
    `offline voice (eSpeak-NG ${pack.packageVersion}, ${Object.values(pack.build.voices).flat().join(', ')}): ` +
    `${size(total)} gzip (engine ${size(pack.build.engine.bytes)} + data ${size(pack.build.data.bytes)}), ` +
    `stock package ${size(stockGzip)} gzip`
  );
}

/**
 * Vite plugin: repacks at startup, defines `__LOAXA_OFFLINE_VOICE__`, emits the two files in builds and
 * serves them in dev, and prints the download size before and after the repack.
 */
export function offlineVoicePlugin(): Plugin {
  let stock: StockPackage;
  let pack: OfflineVoicePack;
  let stockGzip: Promise<number> | undefined;
  let log: (message: string) => void = console.log;
  return {
    name: 'loaxa-offline-voice',
    async config() {
      stock = await readStockPackage();
      pack = repackEspeak(stock);
      return { define: { __LOAXA_OFFLINE_VOICE__: JSON.stringify(pack.build) } };
    },
    configResolved(config) {
      log = (message) => config.logger.info(message);
    },
    configureServer(server) {
      const served = new Map([
        [`/${pack.build.engine.path}`, pack.engineGz],
        [`/${pack.build.data.path}`, pack.dataGz],
      ]);
      server.middlewares.use((req, res, next) => {
        const bytes = served.get(req.url ?? '');
        if (!bytes) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(bytes);
      });
    },
    generateBundle() {
      // Gzipping 24 MB takes a second: it runs on libuv's pool while Vite writes the bundle.
      stockGzip = stockDownloadBytes(stock);
      this.emitFile({ type: 'asset', fileName: pack.build.engine.path, source: pack.engineGz });
      this.emitFile({ type: 'asset', fileName: pack.build.data.path, source: pack.dataGz });
    },
    async closeBundle() {
      if (stockGzip) log(describePack(pack, await stockGzip));
    },
  };
}
