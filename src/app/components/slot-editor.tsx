import { useEffect, useRef, useState } from 'preact/hooks';
import { AttachmentError, getAttachmentBlob } from '../../client/db/attachment-repository.ts';
import {
  discardLocalSlot,
  getSlotState,
  getTranslatorName,
  saveLocalSlot,
  SlotEditError,
  type SlotAudio,
  type SlotState,
} from '../../client/db/slot-repository.ts';
import { isQuotaError } from '../../client/db/storage.ts';
import {
  MAX_RECORDING_MS,
  RecorderError,
  startRecording,
  type ActiveRecording,
  type RecordedAudio,
  type RecorderFailure,
} from '../../client/speech/recorder.ts';
import { formatDateTime, formatDuration } from '../../domain/dates.ts';
import { findLanguage, type LanguageCode } from '../../domain/languages.ts';
import { MAX_ATTACHMENT_BYTES } from '../../domain/schemas/attachment.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import {
  checkSlotEdit,
  MAX_SLOT_TEXT,
  MAX_TRANSLATOR,
  type LocalSlotStatus,
  type SlotEditProblem,
} from '../../domain/slot-edit.ts';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLanguageName } from './language-name.ts';
import { SlotStatusBadge } from './slot-status-badge.tsx';

/** The recording the editor holds: none, one stored on the device, or a new one not saved yet. */
type AudioState =
  { kind: 'none' } | { kind: 'stored'; id: string } | { kind: 'new'; recorded: RecordedAudio };

type RecorderPhase = 'idle' | 'starting' | 'recording' | 'finishing';

type Confirming = 'rerecord' | 'remove' | 'discard' | null;

type Message = { kind: 'ok' | 'error'; text: string } | null;

function audioOf(slot: LanguageSlot | undefined): AudioState {
  return slot?.audioId ? { kind: 'stored', id: slot.audioId } : { kind: 'none' };
}

function toSlotAudio(audio: AudioState): SlotAudio {
  if (audio.kind === 'stored') return { id: audio.id };
  if (audio.kind === 'new') return { blob: audio.recorded.blob, mime: audio.recorded.mime };
  return null;
}

/** An object URL for the recording held, read from the device when stored; revoked when it changes. */
function useAudioUrl(audio: AudioState): { url: string | null; missing: boolean } {
  const [state, setState] = useState<{ url: string | null; missing: boolean }>({ url: null, missing: false });
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    const show = (blob: Blob | undefined) => {
      if (!live) return;
      url = blob ? URL.createObjectURL(blob) : null;
      setState({ url, missing: !blob });
    };
    if (audio.kind === 'new') show(audio.recorded.blob);
    else if (audio.kind === 'stored') {
      getAttachmentBlob(db, audio.id).then(show, (error: unknown) => {
        console.error(error);
        show(undefined);
      });
    } else setState({ url: null, missing: false });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [audio]);
  return state;
}

/** Asks before leaving the page while an edit is unsaved (a reload would lose a recording). */
function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const guard = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [active]);
}

/** Editor props: the reader renders it for one bulletin and language and reloads after a save. */
export interface SlotEditorProps {
  bulletin: Bulletin;
  lang: LanguageCode;
  slot: LanguageSlot | undefined;
  onSaved: () => void;
}

/**
 * Writes a translation and records a reading for one language slot, saved on the device as a draft or marked
 * for review. Works offline; a full disk is reported and loses nothing already stored.
 */
export function SlotEditor({ bulletin, lang, slot, onSaved }: SlotEditorProps) {
  const t = useT('slots');
  const language = findLanguage(lang);
  const languageName = useLanguageName()(lang);
  const [text, setText] = useState(slot?.text ?? '');
  const [translator, setTranslator] = useState(slot?.translator ?? '');
  const [audio, setAudio] = useState<AudioState>(() => audioOf(slot));
  const [shown, setShown] = useState<LanguageSlot | undefined>(slot);
  const [state, setState] = useState<SlotState | null>(null);
  const [phase, setPhase] = useState<RecorderPhase>('idle');
  const [level, setLevel] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [metadata, setMetadata] = useState<{ url: string; ms: number } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [problems, setProblems] = useState<SlotEditProblem[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const recording = useRef<ActiveRecording | null>(null);
  const player = useRef<HTMLAudioElement>(null);
  const { url, missing } = useAudioUrl(audio);
  const maxMinutes = MAX_RECORDING_MS / 60_000;
  useLeaveGuard(dirty || phase !== 'idle');

  useEffect(() => {
    let live = true;
    getSlotState(db, bulletin.id, lang).then(
      (s) => live && setState(s),
      (error: unknown) => console.error(error),
    );
    if (!slot?.translator) {
      getTranslatorName(db).then(
        (name) => live && name && setTranslator((current) => current || name),
        (error: unknown) => console.error(error),
      );
    }
    return () => {
      live = false;
    };
  }, [bulletin.id, lang]);

  // Leaving the editor mid-recording releases the microphone and drops the unfinished take.
  useEffect(() => () => recording.current?.cancel(), []);

  // A change answers the problems shown; they are checked again at the next save.
  const edited = () => {
    setDirty(true);
    setMessage(null);
    setProblems([]);
  };

  const micMessage = (failure: RecorderFailure) => setMessage({ kind: 'error', text: t(`mic.${failure}`) });

  const record = async () => {
    setConfirming(null);
    setMessage(null);
    setLevel(0);
    setElapsed(0);
    setPhase('starting');
    setPlaying(false);
    player.current?.pause();
    let active: ActiveRecording;
    try {
      active = await startRecording({ onLevel: setLevel, onElapsed: setElapsed });
    } catch (error) {
      setPhase('idle');
      if (!(error instanceof RecorderError)) console.error(error);
      micMessage(error instanceof RecorderError ? error.failure : 'failed');
      return;
    }
    recording.current = active;
    setPhase('recording');
    try {
      const recorded = await active.result;
      if (!recorded) return;
      setAudio({ kind: 'new', recorded });
      edited();
      if (recorded.endedBy === 'limit') {
        setMessage({ kind: 'ok', text: t('editor.limitReached', { max: maxMinutes }) });
      } else if (recorded.endedBy === 'device') {
        setMessage({ kind: 'error', text: t('editor.deviceEnded') });
      }
    } catch (error) {
      if (!(error instanceof RecorderError)) console.error(error);
      micMessage(error instanceof RecorderError ? error.failure : 'failed');
    } finally {
      recording.current = null;
      setPhase('idle');
      setLevel(0);
    }
  };

  const stop = () => {
    setPhase('finishing');
    recording.current?.stop();
  };

  const togglePlay = () => {
    const element = player.current;
    if (!element) return;
    if (element.paused) void element.play().catch((error: unknown) => console.error(error));
    else element.pause();
  };

  const saveFailure = (error: unknown) => {
    if (error instanceof SlotEditError) return setProblems(error.problems);
    if (isQuotaError(error)) return setMessage({ kind: 'error', text: t('errors.storageFull') });
    if (error instanceof AttachmentError && error.problem !== 'empty') {
      const max = MAX_ATTACHMENT_BYTES / (1024 * 1024);
      return setMessage({ kind: 'error', text: t(`errors.${error.problem}`, { max }) });
    }
    console.error(error);
    setMessage({ kind: 'error', text: t('errors.saveFailed') });
  };

  const save = async (status: LocalSlotStatus) => {
    setMessage(null);
    const found = checkSlotEdit({ text, translator, hasRecording: audio.kind !== 'none', status });
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const saved = await saveLocalSlot(db, {
        bulletinId: bulletin.id,
        bulletinVersion: bulletin.version,
        lang,
        text,
        translator,
        status,
        audio: toSlotAudio(audio),
      });
      setShown(saved);
      setText(saved.text);
      setAudio(audioOf(saved));
      setDirty(false);
      const time = formatDateTime(saved.updatedAt);
      setMessage({
        kind: 'ok',
        text: t(status === 'draft' ? 'editor.savedDraft' : 'editor.savedSubmitted', { time }),
      });
      // The save is done: a failure to re-read the notes above the form must not report it as failed.
      getSlotState(db, bulletin.id, lang).then(setState, (error: unknown) => console.error(error));
      onSaved();
    } catch (error) {
      saveFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const discard = async () => {
    setConfirming(null);
    try {
      await discardLocalSlot(db, bulletin.id, lang);
      const fresh = await getSlotState(db, bulletin.id, lang);
      setState(fresh);
      setShown(fresh.server);
      setText(fresh.server?.text ?? '');
      setAudio(audioOf(fresh.server));
      setDirty(false);
      setMessage({ kind: 'ok', text: t('editor.discarded') });
      onSaved();
    } catch (error) {
      saveFailure(error);
    }
  };

  const busy = phase !== 'idle' || saving;
  const durationMs =
    audio.kind === 'new' ? audio.recorded.durationMs : metadata?.url === url ? metadata.ms : null;
  const problemText = (p: SlotEditProblem) =>
    t(`problems.${p}`, { max: p === 'textTooLong' ? MAX_SLOT_TEXT : MAX_TRANSLATOR });
  const server = state?.server;

  return (
    <section class="slot-editor" data-testid="slot-editor" aria-labelledby="slot-editor-title">
      <h2 id="slot-editor-title">
        {t('editor.title')}: {languageName}
      </h2>
      <p>
        <SlotStatusBadge slot={shown} />
      </p>
      {state?.local && state.resolution.source === 'local' && <p class="hint">{t('editor.localNote')}</p>}
      {state?.resolution.serverNewer && server && (
        <div class="alert" data-testid="slot-server-newer">
          <p>{t('editor.serverNewer', { status: t(`status.${server.status}`) })}</p>
          <button type="button" class="btn" disabled={busy} onClick={() => setConfirming('discard')}>
            {t('editor.discard')}
          </button>
        </div>
      )}
      {shown?.status === 'rejected' && (
        <p class="alert alert-strong" role="status" data-testid="slot-rejected">
          {shown.reviewComment
            ? t('editor.rejectedBy', { comment: shown.reviewComment })
            : t('editor.rejectedPlain')}
        </p>
      )}
      {shown && shown.bulletinVersion < bulletin.version && (
        <p class="alert">
          {t('editor.stale', { version: shown.bulletinVersion, current: bulletin.version })}
        </p>
      )}

      <details class="slot-source" open={!slot?.text}>
        <summary>{t('editor.source')}</summary>
        <div class="prose" lang="vi">
          <p>
            <strong>{bulletin.title}</strong>
          </p>
          {bulletin.summary && <p>{bulletin.summary}</p>}
          <p>{bulletin.body}</p>
        </div>
      </details>

      <div class="field">
        <label for="slot-text">
          {t('editor.text', { language: languageName, endonym: language?.endonym })}
        </label>
        <textarea
          id="slot-text"
          data-testid="slot-text"
          lang={language?.bcp47}
          dir="auto"
          rows={8}
          value={text}
          aria-describedby="slot-text-hint"
          aria-invalid={problems.includes('textTooLong') || undefined}
          onInput={(e) => {
            setText(e.currentTarget.value);
            edited();
          }}
        />
        <p class="hint" id="slot-text-hint">
          {t('editor.textHint', { count: text.trim().length })}
        </p>
      </div>

      <div class="field">
        <label for="slot-translator">{t('editor.translator')}</label>
        <input
          id="slot-translator"
          data-testid="slot-translator"
          type="text"
          autocomplete="name"
          value={translator}
          aria-describedby="slot-translator-hint"
          aria-invalid={
            problems.includes('translatorMissing') || problems.includes('translatorTooLong') || undefined
          }
          onInput={(e) => {
            setTranslator(e.currentTarget.value);
            edited();
          }}
        />
        <p class="hint" id="slot-translator-hint">
          {t('editor.translatorHint')}
        </p>
      </div>

      <fieldset class="recorder" data-phase={phase}>
        <legend>{t('editor.recording')}</legend>
        {phase === 'idle' && audio.kind === 'none' && (
          <>
            <p class="hint">{t('editor.recordHint', { max: maxMinutes })}</p>
            <button
              type="button"
              class="btn btn-primary btn-record"
              data-testid="record-start"
              disabled={saving}
              onClick={() => void record()}
            >
              <span class="rec-dot" aria-hidden="true" />
              {t('editor.record')}
            </button>
          </>
        )}
        {phase === 'starting' && <p>{t('editor.record')}…</p>}
        {(phase === 'recording' || phase === 'finishing') && (
          <>
            <p class="recording-now">
              <span class="rec-dot rec-dot-live" aria-hidden="true" />
              {t('editor.recordingNow')}
            </p>
            <div
              class="level-meter"
              role="meter"
              data-testid="level-meter"
              aria-label={t('editor.level')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(level * 100)}
            >
              <span class="level-meter-fill" style={{ width: `${Math.round(level * 100)}%` }} />
            </div>
            <p class="recording-elapsed" role="timer" data-testid="record-elapsed">
              {t('editor.elapsed', {
                elapsed: formatDuration(elapsed, uiLanguage.value),
                max: formatDuration(MAX_RECORDING_MS, uiLanguage.value),
              })}
            </p>
            <button
              type="button"
              class="btn btn-primary btn-record"
              data-testid="record-stop"
              disabled={phase === 'finishing'}
              onClick={stop}
            >
              <span class="stop-square" aria-hidden="true" />
              {t('editor.stop')}
            </button>
          </>
        )}
        {phase === 'idle' && audio.kind !== 'none' && (
          <>
            {missing ? (
              <p class="hint">{t('editor.missingAudio')}</p>
            ) : (
              url && (
                <>
                  <audio
                    ref={player}
                    src={url}
                    controls
                    preload="metadata"
                    data-testid="recording-audio"
                    aria-label={t('editor.audio')}
                    onLoadedMetadata={(e) => {
                      const seconds = e.currentTarget.duration;
                      if (Number.isFinite(seconds)) setMetadata({ url, ms: seconds * 1000 });
                    }}
                    onPlay={() => setPlaying(true)}
                    onPause={() => setPlaying(false)}
                    onEmptied={() => setPlaying(false)}
                    onEnded={() => setPlaying(false)}
                  />
                  <button
                    type="button"
                    class="btn btn-wide"
                    data-testid="recording-play"
                    aria-pressed={playing}
                    onClick={togglePlay}
                  >
                    {playing ? t('editor.pause') : t('editor.play')}
                  </button>
                </>
              )
            )}
            {durationMs !== null && (
              <p data-testid="recording-duration">
                {t('editor.duration', { duration: formatDuration(durationMs, uiLanguage.value) })}
              </p>
            )}
            {audio.kind === 'new' && <p class="hint">{t('editor.unsaved')}</p>}
            <div class="recorder-actions">
              <button
                type="button"
                class="btn"
                data-testid="record-again"
                disabled={saving}
                onClick={() => setConfirming('rerecord')}
              >
                {t('editor.rerecord')}
              </button>
              <button
                type="button"
                class="btn"
                data-testid="recording-remove"
                disabled={saving}
                onClick={() => setConfirming('remove')}
              >
                {t('editor.remove')}
              </button>
            </div>
          </>
        )}
      </fieldset>

      {confirming && (
        <div class="alert confirm" role="alertdialog" aria-labelledby="slot-confirm-text">
          <p id="slot-confirm-text">
            {confirming === 'rerecord'
              ? t('editor.rerecordConfirm')
              : confirming === 'remove'
                ? t('editor.removeConfirm')
                : t('editor.discardConfirm')}
          </p>
          <div class="recorder-actions">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="confirm-yes"
              onClick={() => {
                if (confirming === 'rerecord') void record();
                else if (confirming === 'remove') {
                  setConfirming(null);
                  setAudio({ kind: 'none' });
                  edited();
                } else void discard();
              }}
            >
              {t('editor.yes')}
            </button>
            <button type="button" class="btn" data-testid="confirm-no" onClick={() => setConfirming(null)}>
              {t('editor.no')}
            </button>
          </div>
        </div>
      )}

      {problems.length > 0 && (
        <ul class="alert problems" role="alert" data-testid="slot-problems">
          {problems.map((p) => (
            <li key={p}>{problemText(p)}</li>
          ))}
        </ul>
      )}
      {message && (
        <p
          class={message.kind === 'error' ? 'alert alert-strong' : 'result'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="slot-message"
        >
          {message.text}
        </p>
      )}

      <p class="hint">{t('editor.saveHint')}</p>
      <div class="slot-actions">
        <button
          type="button"
          class="btn btn-wide"
          data-testid="slot-save"
          disabled={busy}
          onClick={() => void save('draft')}
        >
          {saving ? t('editor.saving') : t('editor.save')}
        </button>
        <button
          type="button"
          class="btn btn-primary btn-wide"
          data-testid="slot-submit"
          disabled={busy}
          onClick={() => void save('submitted')}
        >
          {t('editor.submit')}
        </button>
      </div>
    </section>
  );
}
