/**
 * The draft of a broadcast log, shown when a playback ends: the measured times, language, source and repeats
 * with the device's channel and operator; one tap confirms it, "Sửa" opens the fields a draft may change. Drafts
 * are stored as soon as they are made (src/client/logs/drafts.ts), so the sheets come back after a reload until
 * each is confirmed or discarded; what the operator types in a sheet is kept with its draft.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isQuotaError } from '../../client/db/storage.ts';
import {
  getDeviceSettings,
  setOperatorName,
  type DeviceSettings,
} from '../../client/db/settings-repository.ts';
import { LogWriteError } from '../../client/evidence/log-writer.ts';
import {
  confirmDraft,
  discardDraft,
  DraftGoneError,
  listPendingDrafts,
  saveDraftEdits,
} from '../../client/logs/drafts.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { isCompleteAiring } from '../../domain/completion.ts';
import { formatDateTimeSeconds, formatDuration } from '../../domain/dates.ts';
import type { LogDraft } from '../../domain/log-draft.ts';
import {
  errorsOfIssues,
  formOfLog,
  parseLogForm,
  type LogFormErrors,
  type LogFormValues,
} from '../../domain/log-form.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useLanguageName } from './language-name.ts';
import { FieldError, LogForm, type LogFormChange } from './log-form.tsx';

/** How long typing may pause before the draft's edits are written to the device. */
const SAVE_EDITS_AFTER_MS = 400;

type Problem = 'fixProblems' | 'storageFull' | 'saveFailed' | 'gone';

function parseDraft(values: LogFormValues, draft: LogDraft, settings: DeviceSettings) {
  return parseLogForm(values, {
    unitId: draft.log.unitId || settings.unit?.id || null,
    correctsLogId: null,
    now: new Date(),
  });
}

/** One pending draft, confirmed with one tap or edited first. */
export function LogDraftSheet({
  draft,
  settings,
  onDone,
}: {
  draft: LogDraft;
  settings: DeviceSettings;
  onDone: (log: BroadcastLog | null) => void;
}) {
  const t = useT('logs');
  const nameOf = useLanguageName();
  const [values, setValues] = useState<LogFormValues>(
    () => draft.form ?? formOfLog(draft.log, draft.bulletinTitle),
  );
  const [editing, setEditing] = useState(draft.form !== null);
  const [errors, setErrors] = useState<LogFormErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const [edited, setEdited] = useState(0);
  const section = useRef<HTMLElement>(null);
  const pendingSave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(values);
  latest.current = values;

  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);

  // Typed edits are written with the draft, so a reload or a closed tab keeps them.
  useEffect(() => {
    if (edited === 0) return;
    clearTimeout(pendingSave.current);
    pendingSave.current = setTimeout(() => {
      const parsed = parseDraft(latest.current, draft, settings);
      saveDraftEdits(db, draft.id, latest.current, parsed.ok ? parsed.fields : null).catch((error: unknown) =>
        console.error(error),
      );
    }, SAVE_EDITS_AFTER_MS);
    return () => clearTimeout(pendingSave.current);
  }, [edited]);

  const change = (update: LogFormChange) => {
    setValues(update);
    setProblem(null);
    setErrors({});
    setEdited((n) => n + 1);
  };

  const confirm = async () => {
    clearTimeout(pendingSave.current);
    setProblem(null);
    const parsed = parseDraft(values, draft, settings);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setProblem('fixProblems');
      if (Object.keys(parsed.errors).some((field) => field !== 'operator' && field !== 'unit'))
        setEditing(true);
      return;
    }
    setBusy(true);
    try {
      await saveDraftEdits(db, draft.id, values, parsed.fields);
      const log = await confirmDraft(db, draft.id);
      if (!settings.operatorName) {
        // Remembered for the next drafts; the log is saved whatever happens here.
        setOperatorName(db, log.operator).catch((error: unknown) => console.error(error));
      }
      onDone(log);
    } catch (error) {
      if (error instanceof DraftGoneError) setProblem('gone');
      else if (error instanceof LogWriteError && error.reason === 'invalid') {
        setErrors(errorsOfIssues(error.issues, values));
        setProblem('fixProblems');
        setEditing(true);
      } else if ((error instanceof LogWriteError && error.reason === 'quota') || isQuotaError(error)) {
        setProblem('storageFull');
      } else {
        console.error(error);
        setProblem('saveFailed');
      }
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    clearTimeout(pendingSave.current);
    setBusy(true);
    try {
      await discardDraft(db, draft.id);
      onDone(null);
    } catch (error) {
      console.error(error);
      setProblem(isQuotaError(error) ? 'storageFull' : 'saveFailed');
      setBusy(false);
    }
  };

  const { playback } = draft;
  const durationMs = Date.parse(playback.endedAt) - Date.parse(playback.startedAt);
  const repeatsKey =
    playback.outcome === 'completed'
      ? 'draft.repeatsCompleted'
      : playback.outcome === 'stopped'
        ? 'draft.repeatsStopped'
        : 'draft.repeatsFailed';
  const noUnit = !draft.log.unitId && !settings.unit;
  const headingId = `log-draft-${draft.id}`;
  return (
    <section
      class="log-draft"
      ref={section}
      data-testid="log-draft"
      data-draft-id={draft.id}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{t('draft.title')}</h2>
      <p class="log-draft-bulletin" lang="vi">
        <strong>{draft.bulletinTitle}</strong>
      </p>
      <dl class="facts log-draft-facts">
        <div>
          <dt>{t('draft.started')}</dt>
          <dd data-testid="draft-started">{formatDateTimeSeconds(playback.startedAt, VIETNAM_TIME_ZONE)}</dd>
        </div>
        <div>
          <dt>{t('draft.ended')}</dt>
          <dd data-testid="draft-ended">{formatDateTimeSeconds(playback.endedAt, VIETNAM_TIME_ZONE)}</dd>
        </div>
        <div>
          <dt>{t('draft.duration')}</dt>
          <dd data-testid="draft-duration" data-ms={durationMs}>
            {formatDuration(durationMs, uiLanguage.value)}
          </dd>
        </div>
        <div>
          <dt>{t('draft.repeats')}</dt>
          <dd data-testid="draft-repeats" data-partial={!isCompleteAiring(draft.log)}>
            {isCompleteAiring(draft.log)
              ? t(repeatsKey, { n: playback.repeatsCompleted })
              : t('history.partial')}
          </dd>
        </div>
        <div>
          <dt>{t('draft.language')}</dt>
          <dd data-testid="draft-language">{nameOf(draft.log.lang)}</dd>
        </div>
        <div>
          <dt>{t('draft.source')}</dt>
          <dd data-testid="draft-source" data-source={draft.log.source}>
            {t(`form.sources.${draft.log.source}`)}
          </dd>
        </div>
        <div>
          <dt>{t('draft.channel')}</dt>
          <dd data-testid="draft-channel" data-channel={values.channel}>
            {t(`form.channels.${values.channel}`)}
          </dd>
        </div>
        {(settings.operatorName || editing) && (
          <div>
            <dt>{t('draft.operator')}</dt>
            <dd data-testid="draft-operator">{values.operator}</dd>
          </div>
        )}
      </dl>

      {noUnit && (
        <p class="alert" data-testid="draft-no-unit">
          {t('draft.noUnit')} <a href="/more">{t('draft.chooseUnit')}</a>
        </p>
      )}
      {!settings.operatorName && !editing && (
        <div class="field">
          <label for={`${headingId}-operator`}>{t('draft.operator')}</label>
          <input
            id={`${headingId}-operator`}
            data-testid="draft-operator-input"
            autoComplete="name"
            value={values.operator}
            disabled={busy}
            aria-describedby={`${headingId}-operator-hint`}
            onInput={(e) => {
              const operator = e.currentTarget.value;
              change((v) => ({ ...v, operator }));
            }}
          />
          <p class="hint" id={`${headingId}-operator-hint`}>
            {t('draft.operatorHint')}
          </p>
          <FieldError field="operator" errors={errors} />
        </div>
      )}

      {editing && (
        <LogForm
          values={values}
          errors={errors}
          onChange={change}
          mode="draft"
          unitLevel={settings.unit?.level}
          languages={[draft.log.lang]}
          disabled={busy}
        />
      )}
      <FieldError field="form" errors={errors} />
      {problem && (
        <p class="alert" role="alert" data-testid="draft-problem" data-problem={problem}>
          {t(`draft.${problem}`)}
        </p>
      )}

      {problem === 'gone' ? (
        <button type="button" class="btn btn-wide" onClick={() => onDone(null)}>
          {t('draft.close')}
        </button>
      ) : askDiscard ? (
        <div class="log-draft-discard" role="group" aria-label={t('draft.discardQuestion')}>
          <p>
            <strong>{t('draft.discardQuestion')}</strong>
          </p>
          <div class="log-draft-actions">
            <button
              type="button"
              class="btn"
              data-testid="log-discard-confirm"
              disabled={busy}
              onClick={() => void discard()}
            >
              {t('draft.discardYes')}
            </button>
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy}
              onClick={() => setAskDiscard(false)}
            >
              {t('draft.discardNo')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <button
            type="button"
            class="btn btn-primary btn-wide btn-confirm"
            data-testid="log-confirm"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {busy ? t('draft.saving') : t('draft.confirm')}
          </button>
          <div class="log-draft-actions">
            <button
              type="button"
              class="btn"
              data-testid="log-edit"
              aria-expanded={editing}
              disabled={busy}
              onClick={() => setEditing((open) => !open)}
            >
              {editing ? t('draft.closeEdit') : t('draft.edit')}
            </button>
            <button
              type="button"
              class="btn"
              data-testid="log-discard"
              disabled={busy}
              onClick={() => setAskDiscard(true)}
            >
              {t('draft.discard')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** "Đã lưu nhật ký": shown in place of a confirmed draft until the operator closes it. */
function SavedNotice({ log, onClose }: { log: BroadcastLog; onClose: () => void }) {
  const t = useT('logs');
  return (
    <section class="log-saved" data-testid="log-saved" data-log-id={log.id} role="status">
      <p>
        <strong>{t('draft.saved')}</strong>
      </p>
      <p>{t('draft.savedDetail', { time: formatDateTimeSeconds(log.startedAt, VIETNAM_TIME_ZONE) })}</p>
      <div class="log-draft-actions">
        <a class="btn" href="/logs">
          {t('draft.viewLogs')}
        </a>
        <button type="button" class="btn" onClick={onClose}>
          {t('draft.close')}
        </button>
      </div>
    </section>
  );
}

/**
 * The pending drafts (of one bulletin when `bulletinId` is given), each as a sheet; a confirmed one leaves a
 * "saved" notice. `refresh` changes when a new draft was stored; `onLogged` runs after each confirmation.
 */
export function PendingDrafts({
  bulletinId,
  refresh = 0,
  onLogged,
}: {
  bulletinId?: string;
  refresh?: number;
  onLogged?: (log: BroadcastLog) => void;
}) {
  const [changes, setChanges] = useState(0);
  const [saved, setSaved] = useState<BroadcastLog[]>([]);
  const data = useLoad(
    async () => ({ drafts: await listPendingDrafts(db), settings: await getDeviceSettings(db) }),
    [refresh, changes],
  );
  const drafts = (data.data?.drafts ?? []).filter(
    (d) => bulletinId === undefined || d.log.bulletinId === bulletinId,
  );
  const settings = data.data?.settings;
  return (
    <>
      {saved.map((log) => (
        <SavedNotice
          key={log.id}
          log={log}
          onClose={() => setSaved((list) => list.filter((l) => l.id !== log.id))}
        />
      ))}
      {settings &&
        [...drafts].reverse().map((draft) => (
          <LogDraftSheet
            key={draft.id}
            draft={draft}
            settings={settings}
            onDone={(log) => {
              if (log) {
                setSaved((list) => [...list, log]);
                onLogged?.(log);
              }
              setChanges((n) => n + 1);
            }}
          />
        ))}
    </>
  );
}
