import { useState } from 'preact/hooks';
import { getBulletin } from '../../client/db/bulletin-repository.ts';
import { getLog } from '../../client/db/log-repository.ts';
import {
  deviceLanguages,
  getDeviceSettings,
  type DeviceSettings,
} from '../../client/db/settings-repository.ts';
import { isQuotaError } from '../../client/db/storage.ts';
import { LogWriteError, recordBroadcast } from '../../client/evidence/log-writer.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDateTime, formatDuration } from '../../domain/dates.ts';
import { VIETNAMESE } from '../../domain/languages.ts';
import {
  errorsOfIssues,
  formOfLog,
  newLogForm,
  parseLogForm,
  type LogFormErrors,
  type LogFormValues,
} from '../../domain/log-form.ts';
import type { BroadcastLog } from '../../domain/schemas/broadcast-log.ts';
import { FieldError, LogForm, type LogFormChange } from '../components/log-form.tsx';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

type Problem = 'fixProblems' | 'storageFull' | 'saveFailed';

interface Start {
  settings: DeviceSettings;
  /** The log being corrected, when there is one. */
  original: BroadcastLog | null;
  values: LogFormValues;
}

async function loadStart(bulletinId: string | null, correctsLogId: string | null): Promise<Start | null> {
  const settings = await getDeviceSettings(db);
  if (correctsLogId !== null) {
    const original = await getLog(db, correctsLogId);
    if (!original) return null;
    const title =
      original.bulletinId === null ? null : ((await getBulletin(db, original.bulletinId))?.title ?? null);
    return { settings, original, values: formOfLog(original, title) };
  }
  const bulletin = bulletinId === null ? undefined : await getBulletin(db, bulletinId);
  return {
    settings,
    original: null,
    values: newLogForm({
      lang: VIETNAMESE,
      channel: settings.defaultChannel,
      operator: settings.operatorName,
      now: new Date(),
      bulletin: bulletin ? { id: bulletin.id, version: bulletin.version, title: bulletin.title } : null,
    }),
  };
}

/** The form once its starting values are read; everything typed stays on screen whatever the save does. */
function LogEditor({ start, onAnother }: { start: Start; onAnother: () => void }) {
  const t = useT('logs');
  const { settings, original } = start;
  const [values, setValues] = useState(start.values);
  const [errors, setErrors] = useState<LogFormErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<BroadcastLog | null>(null);

  const change = (update: LogFormChange) => {
    setValues(update);
    setProblem(null);
    setErrors({});
  };

  const save = async () => {
    setProblem(null);
    const parsed = parseLogForm(values, {
      unitId: settings.unit?.id ?? null,
      correctsLogId: original?.id ?? null,
      now: new Date(),
    });
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setProblem('fixProblems');
      return;
    }
    setSaving(true);
    try {
      setSaved(await recordBroadcast(db, parsed.fields));
    } catch (error) {
      if (error instanceof LogWriteError && error.reason === 'invalid') {
        setErrors(errorsOfIssues(error.issues, values));
        setProblem('fixProblems');
      } else if ((error instanceof LogWriteError && error.reason === 'quota') || isQuotaError(error)) {
        setProblem('storageFull');
      } else {
        console.error(error);
        setProblem('saveFailed');
      }
    } finally {
      setSaving(false);
    }
  };

  if (saved) {
    return (
      <section class="log-saved" data-testid="log-saved" data-log-id={saved.id} role="status">
        <p>
          <strong>{original ? t('form.savedCorrection') : t('form.saved')}</strong>
        </p>
        <p>
          {t('form.savedDetail', {
            time: formatDateTime(saved.startedAt, VIETNAM_TIME_ZONE),
            duration: formatDuration(
              Date.parse(saved.endedAt) - Date.parse(saved.startedAt),
              uiLanguage.value,
            ),
          })}
        </p>
        <div class="log-draft-actions">
          <a class="btn btn-primary" href="/logs">
            {t('draft.viewLogs')}
          </a>
          {!original && (
            <button type="button" class="btn" data-testid="log-another" onClick={onAnother}>
              {t('form.another')}
            </button>
          )}
        </div>
      </section>
    );
  }

  return (
    <form
      class="log-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!settings.unit && (
        <p class="alert" data-testid="log-no-unit">
          {t('draft.noUnit')} <a href="/more">{t('draft.chooseUnit')}</a>
        </p>
      )}
      <LogForm
        values={values}
        errors={errors}
        onChange={change}
        mode="full"
        unitLevel={settings.unit?.level}
        languages={[VIETNAMESE, ...deviceLanguages(settings)]}
        disabled={saving}
      />
      <FieldError field="form" errors={errors} />
      {problem && (
        <p class="alert" role="alert" data-testid="log-problem" data-problem={problem}>
          {t(`form.${problem}`)}
        </p>
      )}
      <button
        type="submit"
        class="btn btn-primary btn-wide btn-confirm"
        data-testid="log-save"
        disabled={saving}
      >
        {saving ? t('form.saving') : original ? t('form.saveCorrection') : t('form.save')}
      </button>
    </form>
  );
}

/**
 * A broadcast logged by hand (a live reading, a relay of the district station), optionally of a library
 * bulletin, or the correction of an earlier log: a new log naming it, the original kept.
 */
export function LogNewScreen({
  bulletinId,
  correctsLogId,
}: {
  bulletinId: string | null;
  correctsLogId: string | null;
}) {
  const t = useT('logs');
  const tc = useT('common');
  const [round, setRound] = useState(0);
  const start = useLoad(() => loadStart(bulletinId, correctsLogId), [bulletinId, correctsLogId, round]);
  const correcting = correctsLogId !== null;
  useTitle(correcting ? t('form.correctTitle') : t('form.newTitle'));
  const original = start.data?.original;
  return (
    <>
      <h1>{correcting ? t('form.correctTitle') : t('form.newTitle')}</h1>
      {original ? (
        <p class="log-correcting" data-testid="correcting">
          {t('form.correctIntro', { time: formatDateTime(original.startedAt, VIETNAM_TIME_ZONE) })}
        </p>
      ) : (
        !correcting && <p class="lead">{t('form.newIntro')}</p>
      )}
      {start.failed ? (
        <p class="alert">{t('form.readError')}</p>
      ) : !start.done ? (
        <p>{tc('loading')}</p>
      ) : start.data ? (
        <LogEditor key={round} start={start.data} onAnother={() => setRound((n) => n + 1)} />
      ) : (
        <p class="empty" data-testid="original-missing">
          {t('form.originalMissing')}
        </p>
      )}
    </>
  );
}
