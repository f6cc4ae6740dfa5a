/**
 * A fake of window.speechSynthesis and SpeechSynthesisUtterance that behaves as Chromium does, for unit tests
 * of the Web Speech engine (headless Chromium has no voices at all). Modelled on Blink's
 * third_party/blink/renderer/modules/speech/speech_synthesis.cc and content/browser/speech/tts_controller_impl.cc:
 *
 * - speak() appends to a queue; when the queue was empty the head goes to the platform at once. Events come
 *   later, on timers (the platform answers over Mojo): start, then a `boundary` (name 'word') per word, then
 *   `end`. The utterance is removed from the queue before its `end`/`error` fires, so an `end` handler that
 *   calls speak() starts the new utterance immediately.
 * - cancel() empties the queue synchronously. Only the utterance the platform holds gets an event, `error`
 *   with error 'interrupted' (TtsControllerImpl::Stop sends TTS_EVENT_INTERRUPTED), and only later; queued
 *   utterances were never sent to the platform and get no event at all ("The platform may still have
 *   references to some of these utterances and may fire events on them asynchronously", SpeechSynthesis::Cancel).
 *   The specification, and WebKit since 2025 (bugs.webkit.org/show_bug.cgi?id=290750, WebKit PR #43377), fire
 *   error 'canceled' on them instead: `queuedOnCancel: 'canceled'` models that.
 * - `speaking` is true while an utterance is current, paused or not; `pending` while more than one is queued;
 *   `paused` turns true only when the platform confirms the pause (the `pause` event). resume() does nothing
 *   without a current utterance.
 * - getVoices() returns [] until the voices load, then `voiceschanged` fires (Chrome loads them lazily).
 */
/** A voice as getVoices() lists it. */
export function fakeVoice(lang: string, name: string, options: { local?: boolean; default?: boolean } = {}) {
  const voice: SpeechSynthesisVoice = {
    lang,
    name,
    voiceURI: name,
    localService: options.local ?? true,
    default: options.default ?? false,
  };
  return voice;
}

class FakeSpeechSynthesisEvent extends Event implements SpeechSynthesisEvent {
  readonly utterance: SpeechSynthesisUtterance;
  readonly charIndex: number;
  readonly charLength: number;
  readonly elapsedTime: number;
  readonly name: string;

  constructor(type: string, init: SpeechSynthesisEventInit) {
    super(type);
    this.utterance = init.utterance;
    this.charIndex = init.charIndex ?? 0;
    this.charLength = init.charLength ?? 0;
    this.elapsedTime = init.elapsedTime ?? 0;
    this.name = init.name ?? '';
  }
}

class FakeSpeechSynthesisErrorEvent extends FakeSpeechSynthesisEvent implements SpeechSynthesisErrorEvent {
  readonly error: SpeechSynthesisErrorCode;

  constructor(init: SpeechSynthesisErrorEventInit) {
    super('error', init);
    this.error = init.error;
  }
}

type Handler<E> = ((this: SpeechSynthesisUtterance, ev: E) => unknown) | null;

/** SpeechSynthesisUtterance: plain settings plus the on… handler attributes and listeners. */
export class FakeSpeechSynthesisUtterance extends EventTarget implements SpeechSynthesisUtterance {
  text: string;
  lang = '';
  voice: SpeechSynthesisVoice | null = null;
  volume = 1;
  rate = 1;
  pitch = 1;
  onstart: Handler<SpeechSynthesisEvent> = null;
  onend: Handler<SpeechSynthesisEvent> = null;
  onerror: Handler<SpeechSynthesisErrorEvent> = null;
  onboundary: Handler<SpeechSynthesisEvent> = null;
  onpause: Handler<SpeechSynthesisEvent> = null;
  onresume: Handler<SpeechSynthesisEvent> = null;
  onmark: Handler<SpeechSynthesisEvent> = null;

  constructor(text = '') {
    super();
    this.text = text;
  }

  /** Runs the handler attribute, then the listeners, as an event dispatch does. */
  fire(event: FakeSpeechSynthesisEvent): void {
    const handler = {
      start: this.onstart,
      end: this.onend,
      error: this.onerror,
      boundary: this.onboundary,
      pause: this.onpause,
      resume: this.onresume,
      mark: this.onmark,
    }[event.type] as Handler<FakeSpeechSynthesisEvent> | undefined;
    handler?.call(this, event);
    this.dispatchEvent(event);
  }
}

/** One event as it reached an utterance, for asserting the order. */
export interface FakeSpeechRecord {
  type: string;
  text: string;
  error?: string;
  charIndex?: number;
}

/** How long the fake platform takes; times are in milliseconds. */
export interface FakeSpeechOptions {
  /** Speaking time per character at rate 1. */
  msPerChar?: number;
  /** Delay before `start` (and before cancel's `error`, pause, resume): the Mojo round trip. */
  latencyMs?: number;
  /** What cancel() does to queued utterances: nothing (Chrome) or an error 'canceled' (spec, WebKit). */
  queuedOnCancel?: 'silent' | 'canceled';
}

/** SpeechSynthesis with Chromium's queue and event order, plus controls for tests. */
export class FakeSpeechSynthesis extends EventTarget implements SpeechSynthesis {
  onvoiceschanged: ((this: SpeechSynthesis, ev: Event) => unknown) | null = null;
  /** Every event fired on an utterance, in order. */
  readonly records: FakeSpeechRecord[] = [];
  /** Every utterance handed to speak(), in order. */
  readonly utterances: FakeSpeechSynthesisUtterance[] = [];
  /** How often cancel() and pause() were called. */
  cancelCalls = 0;
  pauseCalls = 0;

  private readonly msPerChar: number;
  private readonly latencyMs: number;
  private readonly queuedOnCancel: 'silent' | 'canceled';
  private voices: SpeechSynthesisVoice[] = [];
  private queue: FakeSpeechSynthesisUtterance[] = [];
  private platformPaused = false;
  private isPaused = false;
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** Progress of the current utterance: how many ms of it were spoken before the latest pause. */
  private spokenMs = 0;
  private resumedAt = 0;
  private started = false;
  private failNext: SpeechSynthesisErrorCode | null = null;

  constructor(options: FakeSpeechOptions = {}) {
    super();
    this.msPerChar = options.msPerChar ?? 60;
    this.latencyMs = options.latencyMs ?? 5;
    this.queuedOnCancel = options.queuedOnCancel ?? 'silent';
  }

  get speaking(): boolean {
    return this.queue.length > 0;
  }

  get pending(): boolean {
    return this.queue.length > 1;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  getVoices(): SpeechSynthesisVoice[] {
    return [...this.voices];
  }

  /** Test control: the voices finish loading after `delayMs`, then `voiceschanged` fires. */
  loadVoices(voices: SpeechSynthesisVoice[], delayMs = 0): void {
    setTimeout(() => {
      this.voices = [...voices];
      const event = new Event('voiceschanged');
      this.onvoiceschanged?.call(this, event);
      this.dispatchEvent(event);
    }, delayMs);
  }

  /** Test control: the next utterance to start fails with `error` instead of speaking. */
  failNextUtterance(error: SpeechSynthesisErrorCode = 'synthesis-failed'): void {
    this.failNext = error;
  }

  /** How long the platform takes to say `text` at `rate`. */
  durationOf(text: string, rate = 1): number {
    return Math.max(1, Math.round((text.length * this.msPerChar) / rate));
  }

  /** The texts that were spoken to their end, in order. */
  finishedTexts(): string[] {
    return this.records.filter((r) => r.type === 'end').map((r) => r.text);
  }

  speak(utterance: SpeechSynthesisUtterance): void {
    if (!(utterance instanceof FakeSpeechSynthesisUtterance)) {
      throw new TypeError('FakeSpeechSynthesis speaks FakeSpeechSynthesisUtterance only');
    }
    this.utterances.push(utterance);
    this.queue.push(utterance);
    if (this.queue.length === 1) this.startCurrent();
  }

  cancel(): void {
    this.cancelCalls++;
    const current = this.queue[0];
    const queued = this.queue.slice(1);
    this.queue = [];
    this.clearTimers();
    this.isPaused = false;
    this.platformPaused = false;
    if (current) {
      setTimeout(() => this.complete(current, 'interrupted'), this.latencyMs);
    }
    if (this.queuedOnCancel === 'canceled') {
      for (const utterance of queued) setTimeout(() => this.complete(utterance, 'canceled'), this.latencyMs);
    }
  }

  pause(): void {
    this.pauseCalls++;
    if (this.isPaused || this.platformPaused) return;
    this.platformPaused = true;
    const current = this.queue[0];
    if (!current) return;
    this.clearTimers();
    if (this.started) this.spokenMs += Date.now() - this.resumedAt;
    setTimeout(() => {
      if (this.queue[0] !== current || !this.platformPaused) return;
      this.isPaused = true;
      this.emit(current, 'pause');
    }, this.latencyMs);
  }

  resume(): void {
    const current = this.queue[0];
    if (!current || !this.platformPaused) return;
    this.platformPaused = false;
    setTimeout(() => {
      if (this.queue[0] !== current || this.platformPaused) return;
      this.isPaused = false;
      this.emit(current, 'resume');
      if (this.started) this.scheduleSpeech(current);
      else this.startCurrent();
    }, this.latencyMs);
  }

  private startCurrent(): void {
    const current = this.queue[0];
    if (!current) return;
    this.started = false;
    this.spokenMs = 0;
    this.isPaused = false;
    // Blink resets its paused flag here, but the platform stays paused: the utterance waits for resume().
    if (this.platformPaused) return;
    this.timers.push(
      setTimeout(() => {
        if (this.queue[0] !== current) return;
        const failure = this.failNext;
        if (failure) {
          this.failNext = null;
          this.complete(current, failure);
          return;
        }
        this.started = true;
        this.emit(current, 'start');
        this.scheduleSpeech(current);
      }, this.latencyMs),
    );
  }

  /** Schedules the remaining word boundaries and the end from where the current utterance stands. */
  private scheduleSpeech(current: FakeSpeechSynthesisUtterance): void {
    this.resumedAt = Date.now();
    const total = this.durationOf(current.text, current.rate);
    for (const word of current.text.matchAll(/\S+/gu)) {
      const at = (word.index / Math.max(1, current.text.length)) * total;
      if (at < this.spokenMs) continue;
      this.timers.push(
        setTimeout(
          () =>
            this.emit(current, 'boundary', {
              charIndex: word.index,
              charLength: word[0].length,
              name: 'word',
            }),
          at - this.spokenMs,
        ),
      );
    }
    this.timers.push(setTimeout(() => this.complete(current, null), total - this.spokenMs));
  }

  /** HandleSpeakingCompleted: pop the utterance if current, fire end or error, start the next one. */
  private complete(utterance: FakeSpeechSynthesisUtterance, error: SpeechSynthesisErrorCode | null): void {
    let startNext = false;
    if (this.queue[0] === utterance) {
      this.clearTimers();
      this.queue.shift();
      startNext = this.queue.length > 0;
    }
    if (error) this.emit(utterance, 'error', { error });
    else this.emit(utterance, 'end');
    if (startNext && this.queue.length > 0) this.startCurrent();
  }

  private emit(
    utterance: FakeSpeechSynthesisUtterance,
    type: string,
    extra: { charIndex?: number; charLength?: number; name?: string; error?: SpeechSynthesisErrorCode } = {},
  ): void {
    this.records.push({
      type,
      text: utterance.text,
      ...(extra.error ? { error: extra.error } : {}),
      ...(type === 'boundary' ? { charIndex: extra.charIndex ?? 0 } : {}),
    });
    const init = { utterance, ...extra };
    utterance.fire(
      extra.error
        ? new FakeSpeechSynthesisErrorEvent({ ...init, error: extra.error })
        : new FakeSpeechSynthesisEvent(type, init),
    );
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
