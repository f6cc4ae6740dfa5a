/**
 * The eSpeak-NG worker: loads the engine on its first call (from the stored offline voice, else the
 * network), then renders text to a 16-bit WAV file with word timings. Synthesis is synchronous and takes
 * a fraction of real time, so it runs here to keep the page responsive; the bridge terminates this worker to
 * cancel a call and when it has been idle for a while.
 */
import { encodeWav } from '../wav.ts';
import type { RenderRequest, RenderedAudio, WorkerCall, WorkerReply } from './espeak-protocol.ts';
import { OfflineVoiceError, readVoiceFile } from './voice-cache.ts';
import type { OfflineVoiceSources } from './voice-store.ts';

declare const self: DedicatedWorkerGlobalScope;

/** The parts of @echogarden/espeak-ng-emscripten's eSpeakNGWorker binding used here. */
interface EspeakEvent {
  type: string;
  text_position: number;
  audio_position: number;
}
interface EspeakInstance {
  /** 0 on success, an eSpeak-NG error code otherwise. */
  set_voice(name: string): number;
  set_rate(wordsPerMinute: number): void;
  get_samplerate(): number;
  /** Calls back with each block of samples and its events; returning true would abort. */
  synthesize(text: string, callback: (samples: Int16Array, events: EspeakEvent[]) => boolean): void;
}
interface EspeakModule {
  eSpeakNGWorker: new () => EspeakInstance;
}
type EspeakFactory = (options: { getPreloadedPackage: () => ArrayBuffer }) => Promise<EspeakModule>;

let engine: Promise<EspeakInstance> | undefined;

async function loadEngine(sources: OfflineVoiceSources): Promise<EspeakInstance> {
  const [code, data] = await Promise.all([readVoiceFile(sources.engine), readVoiceFile(sources.data)]);
  // The engine is an ES module that was stored as bytes: a blob URL lets it be imported with no network.
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  try {
    const { default: factory } = (await import(/* @vite-ignore */ url)) as { default: EspeakFactory };
    // Handing the data over up front stops Emscripten's preloader from fetching it.
    const module = await factory({ getPreloadedPackage: () => data });
    return new module.eSpeakNGWorker();
  } catch (error) {
    throw new OfflineVoiceError('engine', `The offline voice engine did not start: ${String(error)}`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function render(instance: EspeakInstance, request: RenderRequest): RenderedAudio {
  if (instance.set_voice(request.voice) !== 0)
    throw new OfflineVoiceError('no-voice', `The offline voice has no "${request.voice}"`);
  instance.set_rate(request.wordsPerMinute);
  const blocks: Int16Array[] = [];
  const words: RenderedAudio['words'] = [];
  instance.synthesize(request.text, (samples, events) => {
    if (samples.length > 0) blocks.push(samples);
    for (const event of events)
      if (event.type === 'word') words.push({ position: event.text_position, ms: event.audio_position });
    return false;
  });
  const samples = new Int16Array(blocks.reduce((sum, block) => sum + block.length, 0));
  let offset = 0;
  for (const block of blocks) {
    samples.set(block, offset);
    offset += block.length;
  }
  return { wav: encodeWav(samples, instance.get_samplerate()), words };
}

self.onmessage = async ({ data }: MessageEvent<WorkerCall>) => {
  let reply: WorkerReply;
  try {
    engine ??= loadEngine(data.request.sources);
    const result = render(await engine, data.request);
    reply = { id: data.id, ok: true, result };
  } catch (error) {
    // A failed load must not stick: the next call tries again (the network may be back).
    if (!(error instanceof OfflineVoiceError && error.code === 'no-voice')) engine = undefined;
    reply = {
      id: data.id,
      ok: false,
      code: error instanceof OfflineVoiceError ? error.code : 'engine',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  self.postMessage(reply, reply.ok ? [reply.result.wav.buffer] : []);
};
