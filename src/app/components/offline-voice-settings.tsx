import { useEffect, useRef, useState } from 'preact/hooks';
import { findLanguage, VIETNAMESE, type Language } from '../../domain/languages.ts';
import type { Playback } from '../../client/speech/engine.ts';
import { chooseOfflineVoice, chosenOfflineVoice } from '../../client/speech/offline/voice-choice.ts';
import { offlineVoicesFor } from '../../client/speech/offline/voice-files.ts';
import { useT } from '../i18n/i18n.ts';
import { OfflineVoiceProgress, useOfflineVoiceStore } from './voice-offer.tsx';

const VIETNAMESE_LANGUAGE = findLanguage(VIETNAMESE) as Language;

/** The regional accent of each eSpeak-NG Vietnamese voice the build ships (scripts/espeak-data.ts). */
const ACCENTS: Record<string, 'north' | 'central' | 'south'> = {
  vi: 'north',
  'vi-VN-x-central': 'central',
  'vi-VN-x-south': 'south',
};

/** Failure codes of the offline voice and of playback, each with a message under offlineVoice.errors. */
const ERROR_CODES = [
  'unavailable',
  'network',
  'quota',
  'corrupt',
  'no-voice',
  'empty-text',
  'engine',
  'not-allowed',
  'playback-failed',
] as const;

function errorCode(value: string | undefined): (typeof ERROR_CODES)[number] {
  return ERROR_CODES.find((code) => code === value) ?? 'engine';
}

/** Read in Vietnamese whatever the interface language: it is the language the voice speaks. */
const SAMPLE_TEXT = 'Xin chào bà con. Đây là giọng đọc ngoại tuyến của LoaXa.';

/**
 * More → "Giọng đọc ngoại tuyến": stores the offline Vietnamese voice on demand (with progress and cancel),
 * updates or removes it, chooses the regional accent and plays a sample. The engine itself is loaded only
 * for the sample.
 */
export function OfflineVoiceSettings() {
  const t = useT('speech');
  const store = useOfflineVoiceStore();
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [voice, setVoice] = useState(() => chosenOfflineVoice(VIETNAMESE_LANGUAGE));
  const [sample, setSample] = useState<Playback | null>(null);
  const mounted = useRef(true);
  const playing = useRef<Playback | null>(null);
  useEffect(
    () => () => {
      mounted.current = false;
      // Leaving More silences the sample.
      playing.current?.stop();
    },
    [],
  );
  const voices = offlineVoicesFor(VIETNAMESE_LANGUAGE);
  if (voices.length === 0) return null;
  const s = store.status;
  const size = store.size;
  const error = store.error ?? sampleError;

  const remove = () => {
    sample?.stop();
    setSampleError(null);
    void store.remove();
  };

  const playSample = async () => {
    setSampleError(null);
    const { createOfflineEngine } = await import('../../client/speech/offline/offline-engine.ts');
    const playback = createOfflineEngine().speak(
      { text: SAMPLE_TEXT, language: VIETNAMESE_LANGUAGE, rate: 1, volume: 1, repeats: 1, pauseBetweenMs: 0 },
      () => undefined,
    );
    playing.current = playback;
    setSample(playback);
    const result = await playback.done;
    playing.current = null;
    if (!mounted.current) return;
    setSample(null);
    if (result.outcome === 'failed') setSampleError(t(`offlineVoice.errors.${errorCode(result.error)}`));
  };

  const pick = (id: string) => {
    chooseOfflineVoice(VIETNAMESE_LANGUAGE, id);
    setVoice(id);
  };

  return (
    <section class="offline-voice" data-testid="offline-voice">
      <h2>{t('offlineVoice.title')}</h2>
      <p>{t('offlineVoice.text')}</p>
      {s && (
        <p
          class={s.stored ? 'offline-voice-state offline-voice-stored' : 'offline-voice-state'}
          data-testid="offline-voice-state"
          data-stored={String(s.stored)}
          data-bytes={s.bytes}
          role="status"
        >
          {s.stored
            ? s.current
              ? t('offlineVoice.stored', { size: size(s.bytes) })
              : t('offlineVoice.outdated', { size: size(s.bytes) })
            : t('offlineVoice.notStored', { size: size(s.bytes) })}
        </p>
      )}
      {error && (
        <p class="alert" role="alert" data-testid="offline-voice-error">
          {error}
        </p>
      )}
      {store.storing !== null ? (
        <OfflineVoiceProgress voice={store} />
      ) : (
        s &&
        (!s.stored || !s.current) && (
          <button
            type="button"
            class="btn btn-primary btn-wide"
            data-testid="offline-voice-store"
            disabled={store.busy}
            onClick={() => {
              setSampleError(null);
              void store.store();
            }}
          >
            {s.stored ? t('offlineVoice.update') : t('offlineVoice.store')}
          </button>
        )
      )}
      {s?.stored && (
        <>
          <h3>{t('offlineVoice.accent')}</h3>
          <div class="segmented" role="group" aria-label={t('offlineVoice.accent')}>
            {voices.map((id) => (
              <button
                key={id}
                type="button"
                aria-pressed={voice === id}
                data-testid={`offline-voice-accent-${id}`}
                onClick={() => pick(id)}
              >
                {ACCENTS[id] ? t(`offlineVoice.accents.${ACCENTS[id]}`) : id}
              </button>
            ))}
          </div>
          <div class="offline-voice-actions">
            {sample ? (
              <button
                type="button"
                class="btn"
                data-testid="offline-voice-sample"
                onClick={() => sample.stop()}
              >
                {t('offlineVoice.stopSample')}
              </button>
            ) : (
              <button
                type="button"
                class="btn"
                data-testid="offline-voice-sample"
                disabled={store.busy}
                onClick={() => void playSample()}
              >
                {t('offlineVoice.sample')}
              </button>
            )}
            <button
              type="button"
              class="btn"
              data-testid="offline-voice-remove"
              disabled={store.busy}
              onClick={remove}
            >
              {t('offlineVoice.remove')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
