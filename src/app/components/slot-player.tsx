/**
 * The player of one language slot: says which voice will read it, plays it N times with a pause between,
 * highlights the sentence being read, keeps the screen on meanwhile, exports it as a WAV file, and offers to
 * store the offline voice or record one where the device has none. Loaded lazily with the reader: it brings the
 * speech engines.
 *
 * The operator's playing preferences (repeats, pause, speed, volume) live in localStorage, like the interface
 * language: they are read synchronously on first render and are a per-device habit, not data to sync.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EngineKind, Playback, PlaybackProgress, PlaybackResult } from '../../client/speech/engine.ts';
import { recordingToWav, saveFile, textToWav } from '../../client/speech/export-wav.ts';
import {
  coolOfflineEngine,
  offersOfflineVoice,
  resolveEngine,
  usableRecording,
  warmOfflineEngine,
  type ResolvedEngine,
} from '../../client/speech/select-engine.ts';
import { keepScreenOn } from '../../client/speech/wake-lock.ts';
import { audioFileName } from '../../domain/file-name.ts';
import { findLanguage, type Language, type LanguageCode } from '../../domain/languages.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import { splitSentences } from '../../domain/sentences.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { OfflineVoiceOffer } from './voice-offer.tsx';

const RATES = { slow: 0.8, normal: 1, fast: 1.25 } as const;
type RateName = keyof typeof RATES;

interface PlayerSettings {
  repeats: number;
  pauseSeconds: number;
  rate: RateName;
  /** Percent. */
  volume: number;
}

const MAX_REPEATS = 10;
const MAX_PAUSE_SECONDS = 120;
const DEFAULT_SETTINGS: PlayerSettings = { repeats: 1, pauseSeconds: 5, rate: 'normal', volume: 100 };
const SETTINGS_KEY = 'loaxa.player';

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
}

function readSettings(): PlayerSettings {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return DEFAULT_SETTINGS;
    const s = saved as Record<string, unknown>;
    return {
      repeats: clampInt(s.repeats, 1, MAX_REPEATS, DEFAULT_SETTINGS.repeats),
      pauseSeconds: clampInt(s.pauseSeconds, 0, MAX_PAUSE_SECONDS, DEFAULT_SETTINGS.pauseSeconds),
      rate: typeof s.rate === 'string' && s.rate in RATES ? (s.rate as RateName) : DEFAULT_SETTINGS.rate,
      volume: clampInt(s.volume, 0, 100, DEFAULT_SETTINGS.volume),
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

function writeSettings(settings: PlayerSettings): void {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Private modes may refuse storage: the settings still apply to this session.
  }
}

/** The text of a bulletin with the sentence being read highlighted; the reader may show it while playing. */
export function ReadAlong({
  text,
  sentence,
  lang,
}: {
  text: string;
  sentence: number | null;
  lang?: string;
}) {
  const t = useT('speech');
  const sentences = useMemo(() => splitSentences(text), [text]);
  const current = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [sentence]);
  const parts = [];
  let at = 0;
  for (const [i, s] of sentences.entries()) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    const speaking = i === sentence;
    parts.push(
      <span
        key={i}
        class={speaking ? 'sentence speaking' : 'sentence'}
        aria-current={speaking ? 'true' : undefined}
        ref={speaking ? current : undefined}
      >
        {s.text}
      </span>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    // A scrolling region: focusable so a keyboard can scroll it, named so a screen reader says what it is.
    <div
      class="read-along"
      lang={lang}
      data-testid="read-along"
      role="region"
      tabIndex={0}
      aria-label={t('player.readAlong')}
    >
      {parts}
    </div>
  );
}

/** What the reader hands the player. */
export interface SlotPlayerProps {
  bulletin: Bulletin;
  lang: LanguageCode;
  slot: LanguageSlot | undefined;
  /** What to read: the Vietnamese body or the slot's translation. */
  text: string;
  /** The slot's recording, read from the device; null when there is none. */
  audio: Blob | null;
  onRecordRequest: () => void;
  /** The measured result of every playback that ends, for the broadcast log. */
  onPlayed?: (result: PlaybackResult, source: EngineKind) => void;
  /**
   * Progress of a text playback from its start (the player then shows ReadAlong) and null once it ended, so the
   * reader can hide its own copy of the text meanwhile; never called for a recording, which has no read-along.
   */
  onProgress?: (progress: PlaybackProgress | null) => void;
}

interface Session {
  playback: Playback;
  kind: EngineKind;
  repeats: number;
}

type ExportState =
  { kind: 'idle' | 'busy' } | { kind: 'done'; file: string } | { kind: 'failed'; reason: string };

const KNOWN_ERRORS = [
  'no-voice',
  'synthesis-failed',
  'playback-failed',
  'empty-text',
  'not-allowed',
  'interrupted',
  'audio-busy',
  'media-decode',
  'media-unsupported',
  'no-recording',
  'empty-recording',
] as const;

/** Failures only the offline engine reports; their messages live with the offline-voice settings. */
const OFFLINE_VOICE_ERRORS = ['network', 'corrupt', 'unavailable', 'engine'] as const;

function languageName(language: Language | undefined, code: string): string {
  if (!language) return code;
  if (uiLanguage.value === 'en') return language.nameEn;
  // "Tiếng H'Mông" reads "tiếng H'Mông" in the middle of a sentence.
  return language.nameVi.charAt(0).toLowerCase() + language.nameVi.slice(1);
}

/** Plays one language slot of a bulletin. */
export function SlotPlayer({
  bulletin,
  lang,
  slot,
  text,
  audio,
  onRecordRequest,
  onPlayed,
  onProgress,
}: SlotPlayerProps) {
  const t = useT('speech');
  const language = findLanguage(lang);
  const [settings, setSettings] = useState<PlayerSettings>(readSettings);
  const [resolved, setResolved] = useState<ResolvedEngine | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [progress, setProgress] = useState<PlaybackProgress | null>(null);
  const [last, setLast] = useState<{ result: PlaybackResult; repeats: number } | null>(null);
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });
  // Bumped once the offline voice is stored from here, to choose the engine again.
  const [voicesStored, setVoicesStored] = useState(0);
  const sessionRef = useRef<Session | null>(null);
  const sentenceCount = useMemo(() => splitSentences(text).length, [text]);
  const recording = usableRecording(slot) && audio !== null ? audio : null;

  // Primitive keys: the reader re-reads the slot after every sync, which must not restart a broadcast.
  useEffect(() => {
    let live = true;
    setResolved(null);
    setLast(null);
    setExporting({ kind: 'idle' });
    if (language) {
      void resolveEngine({ slot, language, text, audio }).then((r) => live && setResolved(r));
    }
    return () => {
      live = false;
      sessionRef.current?.playback.stop();
    };
  }, [lang, text, slot?.status, slot?.audioId, audio?.size ?? -1, voicesStored]);

  const offline = resolved?.choice.kind === 'offline';
  // Phát would otherwise wait seconds for the engine to load and render; the rendering follows the rate.
  useEffect(() => {
    if (offline && language) return warmOfflineEngine(text, language, RATES[settings.rate]);
  }, [offline, text, settings.rate]);
  useEffect(() => {
    if (offline) return coolOfflineEngine;
  }, [offline]);

  const update = (change: Partial<PlayerSettings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    writeSettings(next);
  };

  const play = () => {
    const engine = resolved?.engine;
    if (!engine || !language || sessionRef.current) return;
    const releaseScreen = keepScreenOn();
    const readsAlong = engine.kind !== 'recording';
    setLast(null);
    setProgress(null);
    const playback = engine.speak(
      {
        text,
        language,
        rate: RATES[settings.rate],
        volume: settings.volume / 100,
        repeats: settings.repeats,
        pauseBetweenMs: settings.pauseSeconds * 1000,
      },
      (p) => {
        if (sessionRef.current?.playback !== playback) return;
        setProgress(p);
        if (readsAlong) onProgress?.(p);
      },
    );
    const current: Session = { playback, kind: engine.kind, repeats: settings.repeats };
    sessionRef.current = current;
    setSession(current);
    // ReadAlong shows from now on, before the voice reaches the first sentence.
    if (readsAlong) onProgress?.({ repeat: 1, sentence: null, state: 'playing' });
    void playback.done.then((result) => {
      releaseScreen();
      if (sessionRef.current === current) {
        sessionRef.current = null;
        setSession(null);
        setProgress(null);
        setLast({ result, repeats: current.repeats });
        if (readsAlong) onProgress?.(null);
      }
      onPlayed?.(result, current.kind);
    });
  };

  const exportWav = async () => {
    if (!language) return;
    setExporting({ kind: 'busy' });
    try {
      const wav = recording
        ? await recordingToWav(recording)
        : await textToWav(text, language, RATES[settings.rate]);
      const file = audioFileName(bulletin.title, lang);
      saveFile(wav, file);
      setExporting({ kind: 'done', file });
    } catch (error) {
      console.error(error);
      setExporting({ kind: 'failed', reason: error instanceof Error ? error.message : '' });
    }
  };

  if (!resolved) {
    return (
      <section class="player" aria-label={t('player.title')}>
        <p class="hint">{t('player.checking')}</p>
      </section>
    );
  }

  const { choice } = resolved;
  if (choice.kind === null) {
    // Without a translation the reader already says so; either way a recorded reading is the way out, and
    // where the build has an offline voice for the language, storing it is the quicker one.
    const offerOffline = language !== undefined && offersOfflineVoice(choice, language);
    const name = languageName(language, lang);
    return (
      <section class="player player-none" aria-label={t('player.title')}>
        <p class="alert" data-testid="no-voice" data-reason={choice.reason} role="status">
          {offerOffline
            ? t('player.noVoiceOffline', { language: name })
            : t('player.noVoice', { language: name })}
        </p>
        {offerOffline && <OfflineVoiceOffer onStored={() => setVoicesStored((n) => n + 1)} />}
        <button
          type="button"
          class={offerOffline ? 'btn btn-wide' : 'btn btn-primary btn-wide'}
          data-testid="record-voice"
          onClick={onRecordRequest}
        >
          {t('player.record')}
        </button>
      </section>
    );
  }

  const playing = session !== null;
  const paused = progress?.state === 'paused';
  const preparing = progress === null || progress.state === 'preparing';
  const canExport = recording !== null || resolved.offlineAvailable;
  const errorText = (code: string) => {
    if ((KNOWN_ERRORS as readonly string[]).includes(code))
      return t(`player.errors.${code as (typeof KNOWN_ERRORS)[number]}`);
    if ((OFFLINE_VOICE_ERRORS as readonly string[]).includes(code))
      return t(`offlineVoice.errors.${code as (typeof OFFLINE_VOICE_ERRORS)[number]}`);
    return t('player.errors.other', { code });
  };

  return (
    <section class="player" aria-label={t('player.title')} data-engine={choice.kind}>
      <p class="player-engine" data-testid="engine">
        <strong>{t(`player.engine.${choice.kind}`)}</strong>
        {choice.reason === 'own-recording' && <span class="hint"> · {t('player.ownRecording')}</span>}
      </p>

      {playing ? (
        <div class="player-controls">
          {paused ? (
            <button
              type="button"
              class="btn btn-primary"
              data-testid="resume"
              onClick={() => session.playback.resume()}
            >
              {t('player.resume')}
            </button>
          ) : (
            <button
              type="button"
              class="btn btn-primary"
              data-testid="pause"
              onClick={() => session.playback.pause()}
            >
              {t('player.pause')}
            </button>
          )}
          <button type="button" class="btn" data-testid="stop" onClick={() => session.playback.stop()}>
            <span class="stop-icon" aria-hidden="true" />
            {t('player.stop')}
          </button>
        </div>
      ) : (
        <button type="button" class="btn btn-primary btn-play" data-testid="play" onClick={play}>
          <span class="play-icon" aria-hidden="true" />
          {t('player.play')}
        </button>
      )}

      {playing && (
        <p
          class="player-progress"
          role="status"
          data-testid="progress"
          data-state={progress?.state ?? 'preparing'}
        >
          {preparing ? (
            <label class="offline-voice-progress">
              {t('player.preparing')}
              <progress />
            </label>
          ) : (
            <ProgressLine
              progress={progress}
              repeats={session.repeats}
              sentences={session.kind === 'recording' ? 0 : sentenceCount}
            />
          )}
        </p>
      )}
      {!playing && last && (
        <p
          class={last.result.outcome === 'failed' ? 'alert' : 'player-progress'}
          role="status"
          data-testid="play-result"
          data-outcome={last.result.outcome}
        >
          {last.result.outcome === 'completed' &&
            t('player.ended', { count: last.result.repeatsCompleted, repeats: last.repeats })}
          {last.result.outcome === 'stopped' &&
            t('player.stopped', { count: last.result.repeatsCompleted, repeats: last.repeats })}
          {last.result.outcome === 'failed' &&
            t('player.failed', { reason: errorText(last.result.error ?? '') })}
        </p>
      )}

      {playing && session.kind !== 'recording' && (
        <ReadAlong text={text} sentence={progress?.sentence ?? null} lang={language?.bcp47} />
      )}

      <fieldset class="player-settings" disabled={playing}>
        <legend>{t('player.settings')}</legend>
        <div class="field">
          <label for="player-repeats">{t('player.repeats')}</label>
          <div class="stepper">
            <button
              type="button"
              class="btn"
              aria-label={t('player.fewer')}
              disabled={settings.repeats <= 1}
              onClick={() => update({ repeats: settings.repeats - 1 })}
            >
              −
            </button>
            <input
              id="player-repeats"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_REPEATS}
              value={settings.repeats}
              data-testid="repeats"
              onChange={(e) =>
                update({ repeats: clampInt(e.currentTarget.valueAsNumber, 1, MAX_REPEATS, settings.repeats) })
              }
            />
            <button
              type="button"
              class="btn"
              aria-label={t('player.more')}
              disabled={settings.repeats >= MAX_REPEATS}
              onClick={() => update({ repeats: settings.repeats + 1 })}
            >
              +
            </button>
          </div>
        </div>
        {settings.repeats > 1 && (
          <div class="field">
            <label for="player-pause">{t('player.pauseBetween')}</label>
            <input
              id="player-pause"
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_PAUSE_SECONDS}
              value={settings.pauseSeconds}
              data-testid="pause-between"
              onChange={(e) =>
                update({
                  pauseSeconds: clampInt(
                    e.currentTarget.valueAsNumber,
                    0,
                    MAX_PAUSE_SECONDS,
                    settings.pauseSeconds,
                  ),
                })
              }
            />
          </div>
        )}
        <div class="field" role="group" aria-labelledby="player-rate">
          <span class="label" id="player-rate">
            {t('player.rate')}
          </span>
          <div class="segmented">
            {(Object.keys(RATES) as RateName[]).map((rate) => (
              <button
                key={rate}
                type="button"
                aria-pressed={settings.rate === rate}
                data-testid={`rate-${rate}`}
                onClick={() => update({ rate })}
              >
                {t(`player.rates.${rate}`)}
              </button>
            ))}
          </div>
        </div>
        <div class="field">
          <label for="player-volume">{t('player.volume', { percent: settings.volume })}</label>
          <input
            id="player-volume"
            class="range"
            type="range"
            min={0}
            max={100}
            step={10}
            value={settings.volume}
            onInput={(e) =>
              update({ volume: clampInt(e.currentTarget.valueAsNumber, 0, 100, settings.volume) })
            }
          />
        </div>
      </fieldset>

      {canExport && (
        <div class="player-export">
          <button
            type="button"
            class="btn btn-wide"
            data-testid="export-wav"
            disabled={exporting.kind === 'busy'}
            onClick={() => void exportWav()}
          >
            {exporting.kind === 'busy' ? t('player.exporting') : t('player.export')}
          </button>
          {exporting.kind === 'done' && (
            <p class="hint" role="status">
              {t('player.exported', { file: exporting.file })}
            </p>
          )}
          {exporting.kind === 'failed' && (
            <p class="alert" role="alert">
              {t('player.exportFailed', { reason: exporting.reason })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** "Lần 1/3 · câu 4/12", the silence between repeats, or the pause. */
function ProgressLine({
  progress,
  repeats,
  sentences,
}: {
  progress: PlaybackProgress | null;
  repeats: number;
  sentences: number;
}) {
  const t = useT('speech');
  const repeat = progress?.repeat ?? 1;
  if (progress?.state === 'pausedBetweenRepeats') return <>{t('player.between', { repeat, repeats })}</>;
  const position =
    progress?.sentence === null || progress?.sentence === undefined || sentences === 0
      ? t('player.progressRepeat', { repeat, repeats })
      : t('player.progressSentence', { repeat, repeats, sentence: progress.sentence + 1, sentences });
  return (
    <>
      {position}
      {progress?.state === 'paused' && (
        <>
          {' · '}
          <strong>{t('player.paused')}</strong>
        </>
      )}
    </>
  );
}
