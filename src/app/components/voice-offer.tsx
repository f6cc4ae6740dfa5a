/**
 * Storing the offline voice from the screen that needs it: the state and actions (useOfflineVoiceStore), shared
 * by More → "Giọng đọc ngoại tuyến" and the one-tap offer (OfflineVoiceOffer) the reader shows on a phone with
 * no Vietnamese voice and the enrolment screen (VietnameseVoiceOffer). Nothing is downloaded without a tap: on
 * 2G the voice costs minutes and the operator's data, so even a phone with no voice at all only gets the offer,
 * with its size and time spelled out.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { OfflineVoiceError } from '../../client/speech/offline/voice-cache.ts';
import {
  offlineVoiceStatus,
  removeOfflineVoice,
  storeOfflineVoice,
  type OfflineVoiceStatus,
} from '../../client/speech/offline/voice-store.ts';
import { findLanguage, VIETNAMESE, type Language } from '../../domain/languages.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { formatBytes } from './storage-usage.tsx';

/** What a real 2G link carries, as measured for the pull pages (docs/benchmarks.md, issue 2). */
const TWO_G_BITS_PER_SECOND = 35_000;

/** Whole minutes (at least one) that downloading `bytes` takes on 2G. */
export function minutesOn2g(bytes: number): number {
  return Math.max(1, Math.round((bytes * 8) / TWO_G_BITS_PER_SECOND / 60));
}

type Busy = { kind: 'storing'; percent: number; abort: AbortController } | { kind: 'removing' } | null;

/** The offline voice's state on this device and the actions on it, for the screen that shows them. */
export interface OfflineVoiceStore {
  /** Undefined until read. */
  status: OfflineVoiceStatus | undefined;
  /** Percent downloaded while storing, else null. */
  storing: number | null;
  busy: boolean;
  /** Why the last store failed, in the user's language; null when it did not (or was cancelled). */
  error: string | null;
  store(): Promise<void>;
  cancel(): void;
  remove(): Promise<void>;
  /** "590 kB" in the interface language. */
  size(bytes: number): string;
}

/** Reads the offline voice's status and stores or removes it; `onStored` runs after a successful store. */
export function useOfflineVoiceStore(onStored?: () => void): OfflineVoiceStore {
  const t = useT('speech');
  const lang = uiLanguage.value;
  const [version, setVersion] = useState(0);
  const status = useLoad(offlineVoiceStatus, [version]);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      // A download in progress finishes and is stored after its screen closed.
      mounted.current = false;
    },
    [],
  );
  const size = (bytes: number) => formatBytes(bytes, lang);

  const explain = (e: unknown) => {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    return t(`offlineVoice.errors.${e instanceof OfflineVoiceError ? e.code : 'engine'}`, {
      size: size(status.data?.bytes ?? 0),
    });
  };

  const store = async () => {
    const abort = new AbortController();
    setError(null);
    setBusy({ kind: 'storing', percent: 0, abort });
    let stored = false;
    try {
      await storeOfflineVoice({
        signal: abort.signal,
        onProgress: (loaded, total) => {
          if (mounted.current)
            setBusy({ kind: 'storing', percent: Math.floor((loaded / total) * 100), abort });
        },
      });
      stored = true;
    } catch (e) {
      if (mounted.current) setError(explain(e));
    }
    if (!mounted.current) return;
    setBusy(null);
    setVersion((n) => n + 1);
    if (stored) onStored?.();
  };

  const remove = async () => {
    setError(null);
    setBusy({ kind: 'removing' });
    await removeOfflineVoice();
    if (mounted.current) {
      setBusy(null);
      setVersion((n) => n + 1);
    }
  };

  return {
    status: status.data,
    storing: busy?.kind === 'storing' ? busy.percent : null,
    busy: busy !== null,
    error,
    store,
    cancel: () => {
      if (busy?.kind === 'storing') busy.abort.abort();
    },
    remove,
    size,
  };
}

/** The download's progress bar and its cancel button, while storing. */
export function OfflineVoiceProgress({ voice }: { voice: OfflineVoiceStore }) {
  const t = useT('speech');
  if (voice.storing === null) return null;
  return (
    <>
      <label class="offline-voice-progress">
        {t('offlineVoice.storing', { percent: voice.storing })}
        <progress max={100} value={voice.storing} data-testid="offline-voice-progress" />
      </label>
      <button type="button" class="btn btn-wide" onClick={voice.cancel}>
        {t('offlineVoice.cancel')}
      </button>
    </>
  );
}

/**
 * The one-tap offer of the offline voice where a voice is missing: its size and what it costs on 2G, the
 * download button, then the progress. Shows nothing once the voice is stored (`onStored` has run by then).
 */
export function OfflineVoiceOffer({ onStored }: { onStored: () => void }) {
  const t = useT('speech');
  const voice = useOfflineVoiceStore(onStored);
  const s = voice.status;
  if (!s || s.stored) return null;
  return (
    <div class="offline-voice-offer" data-testid="offline-voice-offer">
      <p class="hint" data-testid="offline-voice-cost" data-bytes={s.bytes}>
        {t('offlineVoice.cost', { size: voice.size(s.bytes), count: minutesOn2g(s.bytes) })}
      </p>
      {voice.error && (
        <p class="alert" role="alert" data-testid="offline-voice-error">
          {voice.error}
        </p>
      )}
      {voice.storing === null ? (
        <button
          type="button"
          class="btn btn-primary btn-wide"
          data-testid="offline-voice-store"
          onClick={() => void voice.store()}
        >
          {t('offlineVoice.storeSized', { size: voice.size(s.bytes) })}
        </button>
      ) : (
        <OfflineVoiceProgress voice={voice} />
      )}
    </div>
  );
}

/**
 * On the enrolment screen, where a new phone is set up (usually with staff, on Wi-Fi): when the phone has no
 * Vietnamese voice, the offer of the offline one, so the first bulletin can be read aloud. The check loads the
 * speech engines lazily, after the screen is shown.
 */
export function VietnameseVoiceOffer() {
  const t = useT('speech');
  const [stored, setStored] = useState(false);
  const missing = useLoad(async () => {
    const { missesOfflineVoice } = await import('../../client/speech/select-engine.ts');
    return missesOfflineVoice(findLanguage(VIETNAMESE) as Language);
  }, []);
  if (!missing.data) return null;
  return (
    <section
      class="offline-voice"
      data-testid="vietnamese-voice-offer"
      aria-labelledby="vietnamese-voice-offer"
    >
      <h2 id="vietnamese-voice-offer">{t('offlineVoice.title')}</h2>
      <p role="status">{stored ? t('offlineVoice.offerDone') : t('offlineVoice.missing')}</p>
      <OfflineVoiceOffer onStored={() => setStored(true)} />
    </section>
  );
}
