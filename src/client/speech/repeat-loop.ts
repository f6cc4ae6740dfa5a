/**
 * The part every engine shares: play a bulletin N times with a silence between, pause and resume anywhere
 * (also inside the silence), stop, and measure when sound really started and ended. An engine only supplies
 * how to prepare (find a voice, render audio) and how to play one pass.
 */
import type { EngineKind, Playback, PlaybackProgress, PlaybackResult, PlaybackState } from './engine.ts';

/** What a pass reports back; calls after the pass was paused by `stop()` or superseded are ignored. */
export interface PassEvents {
  /** Sound is coming out now (the first call of the whole playback is its measured start). */
  sounding(): void;
  /** Text engines: the index of the sentence now being read. */
  sentence(index: number): void;
  ended(): void;
  /** A failure code such as 'synthesis-failed' or 'not-allowed'. */
  failed(error: string): void;
}

/** One pass over the bulletin. Events must arrive asynchronously, never from inside these calls. */
export interface Pass {
  /** Starts the pass, or continues it after `pause()`. */
  play(): void;
  pause(): void;
  /** Silences the pass for good. */
  stop(): void;
}

/** How a playback is run. */
export interface RepeatLoopOptions<T> {
  engine: EngineKind;
  repeats: number;
  pauseBetweenMs: number;
  /** Runs once before the first pass; a rejection fails the playback with the error's message as code. */
  prepare: () => Promise<T>;
  /** Makes the pass for one repeat (1-based). */
  createPass: (events: PassEvents, prepared: T, repeat: number) => Pass;
  onProgress: (progress: PlaybackProgress) => void;
  /** Releases what `prepare` took (object URLs, audio elements) once the playback is over. */
  cleanup?: () => void;
  now?: () => Date;
}

type Phase = 'preparing' | 'ready' | 'playing' | 'gap' | 'done';

/** The failure code when `prepare` rejects with something that is not an Error. */
const UNKNOWN_ERROR = 'unknown';

/**
 * Runs a playback; the returned handle controls it and `done` resolves (never rejects) when it is over.
 * `onProgress` is first called on a later microtask, never from inside this call.
 */
export function runRepeatLoop<T>(options: RepeatLoopOptions<T>): Playback {
  const now = options.now ?? (() => new Date());
  const repeats = Math.max(1, Math.floor(options.repeats));
  const pauseBetweenMs = Math.max(0, options.pauseBetweenMs);
  let phase: Phase = 'preparing';
  let paused = false;
  let repeat = 1;
  let sentence: number | null = null;
  let completed = 0;
  let startedAt: Date | null = null;
  let prepared: { value: T } | null = null;
  let pass: Pass | null = null;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let gapLeftMs = 0;
  let gapArmedAt = 0;
  let resolveDone: (result: PlaybackResult) => void = () => undefined;
  const done = new Promise<PlaybackResult>((resolve) => (resolveDone = resolve));

  const report = (state: PlaybackState) => options.onProgress({ repeat, sentence, state });

  const finish = (outcome: PlaybackResult['outcome'], error?: string) => {
    if (phase === 'done') return;
    phase = 'done';
    clearTimeout(gapTimer);
    const stopping = pass;
    pass = null;
    stopping?.stop();
    options.cleanup?.();
    const endedAt = now();
    report(outcome === 'completed' ? 'ended' : outcome);
    resolveDone({
      engine: options.engine,
      startedAt: (startedAt ?? endedAt).toISOString(),
      endedAt: endedAt.toISOString(),
      repeatsCompleted: completed,
      outcome,
      ...(error === undefined ? {} : { error }),
    });
  };

  const armGap = () => {
    gapArmedAt = now().getTime();
    gapTimer = setTimeout(() => {
      gapTimer = undefined;
      repeat++;
      startPass();
    }, gapLeftMs);
  };

  const startGap = () => {
    phase = 'gap';
    sentence = null;
    gapLeftMs = pauseBetweenMs;
    report('pausedBetweenRepeats');
    armGap();
  };

  function startPass() {
    if (!prepared) return;
    phase = 'playing';
    sentence = null;
    const current: Pass = options.createPass(
      {
        sounding: () => {
          if (pass === current) startedAt ??= now();
        },
        sentence: (index) => {
          if (pass !== current) return;
          sentence = index;
          report('playing');
        },
        ended: () => {
          if (pass !== current) return;
          pass = null;
          completed++;
          if (repeat >= repeats) finish('completed');
          else startGap();
        },
        failed: (error) => {
          if (pass !== current) return;
          pass = null;
          finish('failed', error);
        },
      },
      prepared.value,
      repeat,
    );
    pass = current;
    report('playing');
    current.play();
  }

  // Never report from inside speak(): the caller has not received its Playback yet.
  void Promise.resolve()
    .then(() => {
      if (phase === 'preparing' && !paused) report('preparing');
      return options.prepare();
    })
    .then(
      (value) => {
        if (phase !== 'preparing') return;
        prepared = { value };
        phase = 'ready';
        if (!paused) startPass();
      },
      (error: unknown) => finish('failed', error instanceof Error ? error.message : UNKNOWN_ERROR),
    );

  return {
    done,
    pause() {
      if (phase === 'done' || paused) return;
      paused = true;
      if (phase === 'playing') pass?.pause();
      if (phase === 'gap') {
        clearTimeout(gapTimer);
        gapLeftMs = Math.max(0, gapLeftMs - (now().getTime() - gapArmedAt));
      }
      report('paused');
    },
    resume() {
      if (phase === 'done' || !paused) return;
      paused = false;
      if (phase === 'ready') startPass();
      else if (phase === 'gap') {
        report('pausedBetweenRepeats');
        armGap();
      } else {
        report(phase === 'preparing' ? 'preparing' : 'playing');
        if (phase === 'playing') pass?.play();
      }
    },
    stop() {
      finish('stopped');
    },
  };
}
