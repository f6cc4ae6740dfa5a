import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OFFLINE_VOICE_CACHE, OfflineVoiceError } from '../../../src/client/speech/offline/voice-cache.ts';
import type { OfflineVoiceBuild } from '../../../src/client/speech/offline/voice-files.ts';
import {
  isOfflineVoiceStored,
  offlineVoiceSources,
  offlineVoiceStatus,
  removeOfflineVoice,
  storeOfflineVoice,
} from '../../../src/client/speech/offline/voice-store.ts';

const ORIGIN = 'http://127.0.0.1:8080';

/** Cache Storage as the browser keeps it: named caches of responses keyed by URL (what voice-store uses). */
class FakeCacheStorage {
  readonly caches = new Map<string, Map<string, Response>>();
  /** When set, put() rejects as a full disk does. */
  full = false;

  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
  async open(name: string) {
    const entries = this.caches.get(name) ?? new Map<string, Response>();
    this.caches.set(name, entries);
    return {
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
      match: async (request: Request | string) =>
        entries.get(typeof request === 'string' ? request : request.url)?.clone(),
      put: async (url: string, response: Response) => {
        if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        entries.set(url, response);
      },
      delete: async (request: Request | string) =>
        entries.delete(typeof request === 'string' ? request : request.url),
    };
  }
  urls(name = OFFLINE_VOICE_CACHE): string[] {
    return [...(this.caches.get(name)?.keys() ?? [])].sort();
  }
}

function build(hash: string, engineBytes = 300, dataBytes = 500): OfflineVoiceBuild {
  return {
    engine: { path: `assets/offline-voice/espeak-ng-engine-${hash}.bin`, bytes: engineBytes },
    data: { path: `assets/offline-voice/espeak-ng-data-${hash}.bin`, bytes: dataBytes },
    voices: { vie: ['vi', 'vi-VN-x-central', 'vi-VN-x-south'] },
  };
}

const CURRENT = build('aaaaaaaaaa');
const OLDER = build('0000000000', 200, 400);
const url = (path: string) => `${ORIGIN}/${path}`;

let storage: FakeCacheStorage;
let served: Map<string, Uint8Array>;
let fetched: string[];

/** The server: every file of both builds, in 100-byte chunks like a slow connection. */
function serve(b: OfflineVoiceBuild, sizes = { engine: b.engine.bytes, data: b.data.bytes }): void {
  served.set(url(b.engine.path), new Uint8Array(sizes.engine).fill(1));
  served.set(url(b.data.path), new Uint8Array(sizes.data).fill(2));
}

beforeEach(() => {
  storage = new FakeCacheStorage();
  served = new Map();
  fetched = [];
  serve(CURRENT);
  vi.stubGlobal('__LOAXA_OFFLINE_VOICE__', CURRENT);
  vi.stubGlobal('location', new URL(`${ORIGIN}/more`));
  vi.stubGlobal('caches', storage);
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    fetched.push(input);
    init?.signal?.throwIfAborted();
    const bytes = served.get(input);
    if (!bytes) return new Response('not found', { status: 404 });
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 100) chunks.push(bytes.subarray(i, i + 100));
    return new Response(
      new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      }),
    );
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Puts a complete set as an earlier `storeOfflineVoice` of build `b` would have. */
async function storeAs(b: OfflineVoiceBuild): Promise<void> {
  const cache = await storage.open(OFFLINE_VOICE_CACHE);
  for (const file of [b.engine, b.data])
    await cache.put(
      url(file.path),
      new Response(new Uint8Array(file.bytes), { headers: { 'Content-Length': String(file.bytes) } }),
    );
}

describe('offline voice store', () => {
  it('is not stored at first, and says how much storing downloads', async () => {
    expect(await offlineVoiceStatus()).toEqual({ stored: false, current: false, bytes: 800 });
    expect(await isOfflineVoiceStored()).toBe(false);
    expect(await offlineVoiceSources()).toEqual({
      engine: url(CURRENT.engine.path),
      data: url(CURRENT.data.path),
    });
    expect(storage.caches.size).toBe(0);
  });

  it('downloads both files into the named cache, reporting progress', async () => {
    const progress: [number, number][] = [];
    await storeOfflineVoice({ onProgress: (loaded, total) => progress.push([loaded, total]) });
    expect(storage.urls()).toEqual([url(CURRENT.data.path), url(CURRENT.engine.path)]);
    expect(progress[0]).toEqual([0, 800]);
    expect(progress.at(-1)).toEqual([800, 800]);
    expect(progress.every(([loaded], i) => i === 0 || loaded > (progress[i - 1]?.[0] ?? 0))).toBe(true);
    expect(await offlineVoiceStatus()).toEqual({ stored: true, current: true, bytes: 800 });
    const cached = await (await storage.open(OFFLINE_VOICE_CACHE)).match(url(CURRENT.data.path));
    expect(new Uint8Array(await (cached as Response).arrayBuffer())).toEqual(new Uint8Array(500).fill(2));
  });

  it('refuses a truncated download and keeps the set it had', async () => {
    await storeAs(OLDER);
    serve(CURRENT, { engine: 300, data: 499 });
    const failure = storeOfflineVoice();
    await expect(failure).rejects.toBeInstanceOf(OfflineVoiceError);
    await expect(failure).rejects.toMatchObject({ code: 'corrupt' });
    expect(storage.urls()).toEqual([url(OLDER.data.path), url(OLDER.engine.path)]);
  });

  it('names a missing network and a full disk, leaving no half set behind', async () => {
    served.clear();
    await expect(storeOfflineVoice()).rejects.toMatchObject({ code: 'network' });
    serve(CURRENT);
    storage.full = true;
    await expect(storeOfflineVoice()).rejects.toMatchObject({ code: 'quota' });
    expect(storage.urls()).toEqual([]);
    expect(await isOfflineVoiceStored()).toBe(false);
  });

  it('stops downloading when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(storeOfflineVoice({ signal: abort.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(storage.urls()).toEqual([]);
  });

  it('keeps using a set stored by an older build until the new one is stored, then replaces it', async () => {
    await storeAs(OLDER);
    expect(await offlineVoiceStatus()).toEqual({ stored: true, current: false, bytes: 600 });
    expect(await offlineVoiceSources()).toEqual({
      engine: url(OLDER.engine.path),
      data: url(OLDER.data.path),
    });
    await storeOfflineVoice();
    expect(storage.urls()).toEqual([url(CURRENT.data.path), url(CURRENT.engine.path)]);
    expect(await offlineVoiceStatus()).toEqual({ stored: true, current: true, bytes: 800 });
  });

  it('never pairs a lone file of this build with a file of another', async () => {
    const cache = await storage.open(OFFLINE_VOICE_CACHE);
    await cache.put(url(CURRENT.engine.path), new Response(new Uint8Array(300)));
    await cache.put(url(OLDER.data.path), new Response(new Uint8Array(400)));
    expect(await isOfflineVoiceStored()).toBe(false);
    expect(await offlineVoiceSources()).toEqual({
      engine: url(CURRENT.engine.path),
      data: url(CURRENT.data.path),
    });
  });

  it('removes the stored voice', async () => {
    await storeOfflineVoice();
    await removeOfflineVoice();
    expect(await isOfflineVoiceStored()).toBe(false);
    expect(storage.caches.has(OFFLINE_VOICE_CACHE)).toBe(false);
  });

  it('is unavailable where the page has no Cache Storage (plain http on a LAN address)', async () => {
    vi.stubGlobal('caches', undefined);
    expect(await isOfflineVoiceStored()).toBe(false);
    await expect(storeOfflineVoice()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(removeOfflineVoice()).resolves.toBeUndefined();
  });
});
