/**
 * Where the offline voice lives on the device: the Cache Storage cache `loaxa-offline-voice`, keyed by the
 * absolute URL of each content-hashed, gzip-compressed file. Both the page (storing, removing, checking) and
 * the eSpeak worker (loading) open it directly, so no service-worker route is involved: it works on a first
 * visit, in the dev server and whatever the service worker's state. voice-store.ts owns the policy.
 */

/** The named cache that holds the stored offline voice and nothing else. */
export const OFFLINE_VOICE_CACHE = 'loaxa-offline-voice';

/** Why the offline voice could not be stored, loaded or used; the UI turns the code into a message. */
export type OfflineVoiceErrorCode =
  'unavailable' | 'network' | 'quota' | 'corrupt' | 'no-voice' | 'empty-text' | 'engine';

/** A failure of the offline voice with a code the UI can explain in the user's language. */
export class OfflineVoiceError extends Error {
  constructor(
    readonly code: OfflineVoiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OfflineVoiceError';
  }
}

/** Whether this context has Cache Storage (it does not over plain http on a LAN address, for instance). */
export function hasCacheStorage(): boolean {
  return typeof caches !== 'undefined';
}

/** The stored copy of `url`, else the network's; rejects with an OfflineVoiceError when neither answers. */
async function fetchVoiceFile(url: string): Promise<Response> {
  const stored = hasCacheStorage() ? await (await caches.open(OFFLINE_VOICE_CACHE)).match(url) : undefined;
  if (stored) return stored;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new OfflineVoiceError('network', `Cannot download ${url}: ${String(error)}`);
  }
  if (!response.ok) throw new OfflineVoiceError('network', `Cannot download ${url}: HTTP ${response.status}`);
  return response;
}

/** Reads one voice file (stored copy first) and inflates it. */
export async function readVoiceFile(url: string): Promise<ArrayBuffer> {
  const response = await fetchVoiceFile(url);
  if (!response.body) throw new OfflineVoiceError('corrupt', `Empty voice file ${url}`);
  try {
    return await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  } catch (error) {
    throw new OfflineVoiceError('corrupt', `Damaged voice file ${url}: ${String(error)}`);
  }
}
