/**
 * The page's side of the eSpeak-NG worker, in the manner of Squoosh's worker bridge: typed calls, an
 * AbortSignal per call, one call at a time, and the worker (with the engine's memory) terminated after
 * `IDLE_MS` without work. Synthesis cannot be interrupted from outside, so aborting a running call
 * terminates the worker; the next call starts a fresh one.
 */
import type { RenderRequest, RenderedAudio, WorkerCall, WorkerReply } from './espeak-protocol.ts';
import { OfflineVoiceError } from './voice-cache.ts';

/** How long an idle worker keeps the loaded engine (about 20 MB of memory on a cheap phone). */
export const IDLE_MS = 60_000;

let worker: Worker | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let nextId = 0;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Worker {
  return new Worker(new URL('./espeak-worker.ts', import.meta.url), { type: 'module', name: 'espeak-ng' });
}

function terminate(): void {
  worker?.terminate();
  worker = undefined;
}

function call(request: RenderRequest, signal: AbortSignal | undefined): Promise<RenderedAudio> {
  clearTimeout(idleTimer);
  const running = (worker ??= startWorker());
  const id = ++nextId;
  return new Promise<RenderedAudio>((resolve, reject) => {
    const settle = () => {
      running.removeEventListener('message', onMessage);
      running.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = ({ data }: MessageEvent<WorkerReply>) => {
      if (data.id !== id) return;
      settle();
      if (data.ok) resolve(data.result);
      else reject(new OfflineVoiceError(data.code, data.message));
    };
    const onError = (event: ErrorEvent) => {
      settle();
      terminate();
      reject(new OfflineVoiceError('engine', `The offline voice worker failed: ${event.message}`));
    };
    const onAbort = () => {
      settle();
      terminate();
      reject(signal?.reason);
    };
    running.addEventListener('message', onMessage);
    running.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    running.postMessage({ id, request } satisfies WorkerCall);
  });
}

/** Renders text in the worker; rejects with the signal's reason when aborted, or an OfflineVoiceError. */
export function renderInWorker(request: RenderRequest, signal?: AbortSignal): Promise<RenderedAudio> {
  const result = queue.then(() => {
    signal?.throwIfAborted();
    return call(request, signal);
  });
  queue = result
    .catch(() => undefined)
    .then(() => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(terminate, IDLE_MS);
    });
  return result;
}
