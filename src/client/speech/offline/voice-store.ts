/**
 * Storing the offline voice on demand. Persistence policy:
 * - What: the two gzip-compressed files of the repacked eSpeak-NG build (engine ≈ 240 KB, Vietnamese data
 *   ≈ 350 KB), exactly as downloaded, in the Cache Storage cache `loaxa-offline-voice` (voice-cache.ts).
 * - When: only when the operator taps "store" in More. They are deliberately not in the service worker's
 *   precache, so installing or updating the app never costs a 2G commune this download, and removal frees it.
 * - How many: one set. Storing writes both files first and only then deletes any other entries, so a failed
 *   download never leaves the device without the set it had.
 * - Updates: a new build may name new files (a new eSpeak-NG package or voice list). The set stored by an
 *   older build keeps working, because the worker loads whichever complete set is stored, until the
 *   operator stores the new one (`current: false` in the status lets the UI offer that).
 */
import { OFFLINE_VOICE_CACHE, OfflineVoiceError, hasCacheStorage } from './voice-cache.ts';
import {
  DATA_FILE_PREFIX,
  ENGINE_FILE_PREFIX,
  offlineVoiceBuild,
  offlineVoiceDownloadBytes,
  voiceFileUrl,
  type OfflineVoiceBuild,
} from './voice-files.ts';

/** Where the offline voice stands on this device. */
export interface OfflineVoiceStatus {
  /** A complete set is stored and can speak with no network. */
  stored: boolean;
  /** The stored set is this build's. */
  current: boolean;
  /** Bytes stored, or bytes to download when nothing is stored. */
  bytes: number;
}

/** The URLs the eSpeak worker loads the engine and its data from. */
export interface OfflineVoiceSources {
  engine: string;
  data: string;
}

function requireBuild(): OfflineVoiceBuild {
  const build = offlineVoiceBuild();
  if (!build) throw new OfflineVoiceError('unavailable', 'This build has no offline voice');
  return build;
}

function currentSources(build: OfflineVoiceBuild): OfflineVoiceSources {
  return { engine: voiceFileUrl(build.engine), data: voiceFileUrl(build.data) };
}

async function storedEntries(): Promise<{ url: string; bytes: number }[]> {
  if (!hasCacheStorage() || !(await caches.has(OFFLINE_VOICE_CACHE))) return [];
  const cache = await caches.open(OFFLINE_VOICE_CACHE);
  const entries = [];
  for (const request of await cache.keys()) {
    const length = (await cache.match(request))?.headers.get('Content-Length');
    entries.push({ url: request.url, bytes: Number(length ?? 0) });
  }
  return entries;
}

/** The stored set, preferring this build's; null when no complete set is stored. */
async function storedSources(): Promise<(OfflineVoiceSources & { bytes: number; current: boolean }) | null> {
  const entries = await storedEntries();
  const build = offlineVoiceBuild();
  const wanted = build ? currentSources(build) : null;
  const byUrl = (url: string | undefined) => entries.find((e) => e.url === url);
  const [engine, data] = [byUrl(wanted?.engine), byUrl(wanted?.data)];
  if (engine && data)
    return { engine: engine.url, data: data.url, bytes: engine.bytes + data.bytes, current: true };
  // An older build's set; a lone file of this build's set is never paired with another build's file.
  const older = entries.filter((e) => e.url !== wanted?.engine && e.url !== wanted?.data);
  const named = (prefix: string) => older.find((e) => e.url.includes(`/${prefix}-`));
  const olderEngine = named(ENGINE_FILE_PREFIX);
  const olderData = named(DATA_FILE_PREFIX);
  if (!olderEngine || !olderData) return null;
  return {
    engine: olderEngine.url,
    data: olderData.url,
    bytes: olderEngine.bytes + olderData.bytes,
    current: false,
  };
}

/** Whether an offline voice is stored on this device, and whether it is this build's. */
export async function offlineVoiceStatus(): Promise<OfflineVoiceStatus> {
  const stored = await storedSources();
  if (stored) return { stored: true, current: stored.current, bytes: stored.bytes };
  return { stored: false, current: false, bytes: offlineVoiceDownloadBytes() };
}

/** Whether the offline voice can be loaded with no network. */
export async function isOfflineVoiceStored(): Promise<boolean> {
  return (await storedSources()) !== null;
}

/** What the worker should load: the stored set if there is one, else this build's files from the network. */
export async function offlineVoiceSources(): Promise<OfflineVoiceSources> {
  const stored = await storedSources();
  return stored ? { engine: stored.engine, data: stored.data } : currentSources(requireBuild());
}

async function download(
  url: string,
  expectedBytes: number,
  signal: AbortSignal | undefined,
  onChunk: (bytes: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new OfflineVoiceError('network', `Cannot download ${url}: ${String(error)}`);
  }
  if (!response.ok || !response.body)
    throw new OfflineVoiceError('network', `Cannot download ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(expectedBytes);
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > expectedBytes)
      throw new OfflineVoiceError('corrupt', `${url} is larger than the ${expectedBytes} bytes expected`);
    bytes.set(value, received);
    received += value.length;
    onChunk(value.length);
  }
  if (received !== expectedBytes)
    throw new OfflineVoiceError('corrupt', `${url}: received ${received} of ${expectedBytes} bytes`);
  return bytes;
}

/** Progress of `storeOfflineVoice`, in bytes. */
export type StoreProgress = (loaded: number, total: number) => void;

/**
 * Downloads this build's offline voice into Cache Storage, replacing any older set once both files are in.
 * Rejects with an OfflineVoiceError (network, quota, corrupt, unavailable) or the signal's reason.
 */
export async function storeOfflineVoice(
  options: { signal?: AbortSignal; onProgress?: StoreProgress } = {},
): Promise<void> {
  const build = requireBuild();
  if (!hasCacheStorage())
    throw new OfflineVoiceError('unavailable', 'Cache Storage is not available (an insecure origin?)');
  const sources = currentSources(build);
  const total = build.engine.bytes + build.data.bytes;
  let loaded = 0;
  const onChunk = (bytes: number) => {
    loaded += bytes;
    options.onProgress?.(loaded, total);
  };
  options.onProgress?.(0, total);
  const [engine, data] = await Promise.all([
    download(sources.engine, build.engine.bytes, options.signal, onChunk),
    download(sources.data, build.data.bytes, options.signal, onChunk),
  ]);
  const cache = await caches.open(OFFLINE_VOICE_CACHE);
  const put = (url: string, bytes: Uint8Array<ArrayBuffer>) =>
    cache.put(
      url,
      new Response(bytes, {
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) },
      }),
    );
  try {
    await Promise.all([put(sources.engine, engine), put(sources.data, data)]);
  } catch (error) {
    // Half a set is useless: leave the cache as it was before.
    await Promise.all([cache.delete(sources.engine), cache.delete(sources.data)]);
    if (error instanceof DOMException && error.name === 'QuotaExceededError')
      throw new OfflineVoiceError('quota', 'Not enough storage for the offline voice');
    throw error;
  }
  for (const request of await cache.keys())
    if (request.url !== sources.engine && request.url !== sources.data) await cache.delete(request);
}

/** Deletes the stored offline voice; the engine then needs the network again. */
export async function removeOfflineVoice(): Promise<void> {
  if (hasCacheStorage()) await caches.delete(OFFLINE_VOICE_CACHE);
}
