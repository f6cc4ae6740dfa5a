import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  RenderRequest,
  RenderedAudio,
  WorkerCall,
  WorkerReply,
} from '../../../src/client/speech/offline/espeak-protocol.ts';
import { OfflineVoiceError } from '../../../src/client/speech/offline/voice-cache.ts';

/** A dedicated worker as the bridge sees it: messages in order, events dispatched on a later task. */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  readonly posted: WorkerCall[] = [];
  terminated = false;

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.created.push(this);
  }

  postMessage(message: WorkerCall): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.posted.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker answers the call it received last. */
  answer(reply: Omit<WorkerReply, 'id'> & Partial<WorkerReply>): void {
    const id = this.posted.at(-1)?.id ?? -1;
    setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: { id, ...reply } })), 0);
  }
}

const REQUEST: RenderRequest = {
  text: 'Xin chào bà con.',
  voice: 'vi',
  wordsPerMinute: 175,
  sources: { engine: 'http://x/e.bin', data: 'http://x/d.bin' },
};
const AUDIO: RenderedAudio = { wav: new Uint8Array(44), words: [{ position: 1, ms: 0 }] };

async function loadBridge() {
  vi.resetModules();
  return import('../../../src/client/speech/offline/espeak-bridge.ts');
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWorker.created = [];
  vi.stubGlobal('Worker', FakeWorker);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('eSpeak worker bridge', () => {
  it('starts one module worker lazily and returns its rendering', async () => {
    const { renderInWorker } = await loadBridge();
    expect(FakeWorker.created).toHaveLength(0);
    const result = renderInWorker(REQUEST);
    await vi.advanceTimersByTimeAsync(0);
    const worker = FakeWorker.created[0] as FakeWorker;
    expect(worker.options).toEqual({ type: 'module', name: 'espeak-ng' });
    expect(worker.url.pathname).toMatch(/espeak-worker\.ts$/);
    expect(worker.posted).toEqual([{ id: 1, request: REQUEST }]);
    worker.answer({ ok: true, result: AUDIO });
    await vi.advanceTimersByTimeAsync(0);
    await expect(result).resolves.toEqual(AUDIO);
  });

  it('passes the worker’s failure on as an OfflineVoiceError with its code', async () => {
    const { renderInWorker } = await loadBridge();
    const result = renderInWorker(REQUEST);
    const rejected = expect(result).rejects.toEqual(new OfflineVoiceError('no-voice', 'no "xx"'));
    await vi.advanceTimersByTimeAsync(0);
    FakeWorker.created[0]?.answer({ ok: false, code: 'no-voice', message: 'no "xx"' });
    await vi.advanceTimersByTimeAsync(0);
    await rejected;
  });

  it('runs calls one at a time in the same worker', async () => {
    const { renderInWorker } = await loadBridge();
    const first = renderInWorker(REQUEST);
    const second = renderInWorker({ ...REQUEST, voice: 'vi-VN-x-south' });
    await vi.advanceTimersByTimeAsync(0);
    const worker = FakeWorker.created[0] as FakeWorker;
    expect(worker.posted).toHaveLength(1);
    worker.answer({ ok: true, result: AUDIO });
    await vi.advanceTimersByTimeAsync(0);
    await first;
    expect(worker.posted.map((c) => c.request.voice)).toEqual(['vi', 'vi-VN-x-south']);
    worker.answer({ ok: true, result: AUDIO });
    await vi.advanceTimersByTimeAsync(0);
    await expect(second).resolves.toEqual(AUDIO);
    expect(FakeWorker.created).toHaveLength(1);
  });

  it('terminates the worker to abort a running call, and starts a fresh one for the next', async () => {
    const { renderInWorker } = await loadBridge();
    const abort = new AbortController();
    const aborted = renderInWorker(REQUEST, abort.signal);
    const rejected = expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const next = renderInWorker(REQUEST);
    await vi.advanceTimersByTimeAsync(0);
    abort.abort();
    await rejected;
    expect(FakeWorker.created[0]?.terminated).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    const fresh = FakeWorker.created[1] as FakeWorker;
    expect(fresh.posted).toHaveLength(1);
    fresh.answer({ ok: true, result: AUDIO });
    await vi.advanceTimersByTimeAsync(0);
    await expect(next).resolves.toEqual(AUDIO);
  });

  it('never posts a call aborted while it waited its turn', async () => {
    const { renderInWorker } = await loadBridge();
    const first = renderInWorker(REQUEST);
    const abort = new AbortController();
    const waiting = renderInWorker(REQUEST, abort.signal);
    const rejected = expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    abort.abort();
    await vi.advanceTimersByTimeAsync(0);
    const worker = FakeWorker.created[0] as FakeWorker;
    worker.answer({ ok: true, result: AUDIO });
    await vi.advanceTimersByTimeAsync(0);
    await first;
    await rejected;
    expect(worker.posted).toHaveLength(1);
    expect(worker.terminated).toBe(false);
  });

  it('shuts the worker down after a minute without work, not before', async () => {
    const { IDLE_MS, renderInWorker } = await loadBridge();
    const once = async () => {
      const result = renderInWorker(REQUEST);
      await vi.advanceTimersByTimeAsync(0);
      FakeWorker.created.at(-1)?.answer({ ok: true, result: AUDIO });
      await vi.advanceTimersByTimeAsync(0);
      return result;
    };
    await once();
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1_000);
    expect(FakeWorker.created[0]?.terminated).toBe(false);
    await once();
    expect(FakeWorker.created).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(FakeWorker.created[0]?.terminated).toBe(true);
    await once();
    expect(FakeWorker.created).toHaveLength(2);
  });
});
