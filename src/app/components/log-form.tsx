/**
 * The fields of a broadcast log, shared by the draft sheet (channel, operator, notes, the vehicle stop, times on
 * demand) and the manual log screen (every field). The parent holds the values and the problems to show; the
 * form reports each change. Photos are stored as attachments the moment they are taken, so a failed save never
 * loses them: the values keep their ids.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getAttachmentBlob } from '../../client/db/attachment-repository.ts';
import { getBulletin, listBulletins } from '../../client/db/bulletin-repository.ts';
import { isQuotaError } from '../../client/db/storage.ts';
import { deviceGeolocation, locate, type GeoState } from '../../client/geo/geolocation.ts';
import { PhotoError, storePhoto } from '../../client/photos/store-photo.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDateTimeSeconds, formatDuration, isoDateOf } from '../../domain/dates.ts';
import type { LanguageCode } from '../../domain/languages.ts';
import {
  isVehicleStop,
  MAX_LOG_PHOTOS,
  MAX_NOTES,
  MAX_OPERATOR,
  MAX_PLACE_NAME,
  MAX_REPEATS,
  type LogField,
  type LogFormErrors,
  type LogFormValues,
  type LogProblem,
} from '../../domain/log-form.ts';
import {
  BROADCAST_SOURCES,
  CHANNELS,
  MAX_BROADCAST_MINUTES,
  type GeoPosition,
} from '../../domain/schemas/broadcast-log.ts';
import type { UnitLevel } from '../../domain/schemas/unit.ts';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useLanguageName } from './language-name.ts';
import { TextField, type TextFieldAttributes } from './text-field.tsx';

/** A change of the form's values, computed from the latest values (photos arrive after the user moved on). */
export type LogFormChange = (values: LogFormValues) => LogFormValues;

/** The bound of each length problem, for its message. */
const MAX_OF: Partial<Record<LogField, number>> = {
  operator: MAX_OPERATOR,
  notes: MAX_NOTES,
  placeName: MAX_PLACE_NAME,
  repeats: MAX_REPEATS,
  photos: MAX_LOG_PHOTOS,
  duration: MAX_BROADCAST_MINUTES,
  end: MAX_BROADCAST_MINUTES,
};

/** The message of one field's problem, in the interface language. */
function useProblemText(): (field: LogField, problem: LogProblem) => string {
  const t = useT('logs');
  return (field, problem) => t(`form.errors.${problem}`, { max: MAX_OF[field] });
}

/** A field's problem under it, announced when it appears; nothing when the field has none. */
export function FieldError({ field, errors }: { field: LogField; errors: LogFormErrors }) {
  const text = useProblemText();
  const problem = errors[field];
  if (!problem) return null;
  return (
    <p class="field-error" id={`log-${field}-error`} role="alert" data-testid={`error-${field}`}>
      {text(field, problem)}
    </p>
  );
}

/** The attributes marking an input whose field has a problem. */
function invalid(field: LogField, errors: LogFormErrors) {
  return errors[field]
    ? { 'aria-invalid': true, 'aria-describedby': `log-${field}-error` }
    : { 'aria-invalid': false };
}

/**
 * A labelled input bound to one form value, marked invalid when its field has a problem. The problem is shown
 * under it unless several inputs share one field (start date and time), whose problem the caller shows once.
 */
function InputField({
  field,
  errors,
  showProblem = true,
  ...attributes
}: Omit<TextFieldAttributes, 'disabled'> & {
  id: string;
  label: string;
  hint?: string;
  field: LogField;
  errors: LogFormErrors;
  value: string;
  onValue: (value: string) => void;
  disabled: boolean;
  showProblem?: boolean;
}) {
  return (
    <TextField {...attributes} {...invalid(field, errors)}>
      {showProblem && <FieldError field={field} errors={errors} />}
    </TextField>
  );
}

/** A count of passes (repeats, or those played to the end): a number keyboard, up to MAX_REPEATS. */
function CountField(props: Omit<Parameters<typeof InputField>[0], 'type' | 'inputMode' | 'max'>) {
  return <InputField {...props} type="number" inputMode="numeric" max={MAX_REPEATS} />;
}

/** A stored photo as a thumbnail, read from the device. */
export function PhotoThumb({ id, label }: { id: string; label: string }) {
  const t = useT('logs');
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    getAttachmentBlob(db, id).then(
      (blob) => {
        if (!live) return;
        if (!blob) return setMissing(true);
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      (error: unknown) => {
        console.error(error);
        if (live) setMissing(true);
      },
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  if (missing) return <span class="photo-missing">{t('vehicle.photoMissing')}</span>;
  return url ? (
    <img class="photo-thumb" src={url} alt={label} data-testid="photo-thumb" data-photo-id={id} />
  ) : (
    <span class="photo-missing" aria-busy="true" />
  );
}

/** "22.35, 103.84 ±12 m". */
export function PositionText({ position }: { position: GeoPosition }) {
  const t = useT('logs');
  return (
    <>
      {t('vehicle.position', {
        lat: position.lat.toFixed(6),
        lng: position.lng.toFixed(6),
        accuracy: Math.round(position.accuracyM),
      })}
    </>
  );
}

type PhotoMessage = 'skipped' | 'unreadable' | 'storageFull' | 'photoFailed';

/** Position, place name and photos of a vehicle stop. */
function VehicleStop({
  values,
  errors,
  onChange,
  disabled,
}: {
  values: LogFormValues;
  errors: LogFormErrors;
  onChange: (change: LogFormChange) => void;
  disabled: boolean;
}) {
  const t = useT('logs');
  const [geo, setGeo] = useState<GeoState | null>(null);
  const [resizing, setResizing] = useState(false);
  const [photoMessage, setPhotoMessage] = useState<{ kind: PhotoMessage; skipped?: number } | null>(null);
  const stopLocating = useRef<(() => void) | null>(null);
  useEffect(() => () => stopLocating.current?.(), []);

  const startLocating = () => {
    stopLocating.current?.();
    stopLocating.current = locate(deviceGeolocation(), (state) => {
      setGeo(state);
      if (state.kind === 'fix') onChange((v) => ({ ...v, location: state.position }));
    });
  };

  const addPhotos = async (files: File[]) => {
    setPhotoMessage(null);
    const room = MAX_LOG_PHOTOS - values.photoIds.length;
    const taken = files.slice(0, Math.max(0, room));
    setResizing(true);
    try {
      for (const file of taken) {
        // Each photo is stored before the next is read: a failure keeps the ones already stored.
        const stored = await storePhoto(db, file);
        onChange((v) =>
          v.photoIds.includes(stored.id) || v.photoIds.length >= MAX_LOG_PHOTOS
            ? v
            : { ...v, photoIds: [...v.photoIds, stored.id] },
        );
      }
      if (files.length > taken.length) {
        setPhotoMessage({ kind: 'skipped', skipped: files.length - taken.length });
      }
    } catch (error) {
      if (error instanceof PhotoError && error.problem === 'unreadable')
        setPhotoMessage({ kind: 'unreadable' });
      else if (isQuotaError(error)) setPhotoMessage({ kind: 'storageFull' });
      else {
        console.error(error);
        setPhotoMessage({ kind: 'photoFailed' });
      }
    } finally {
      setResizing(false);
    }
  };

  const shown: GeoState | null =
    geo ?? (values.location ? { kind: 'fix', position: values.location, refining: false } : null);
  const stateKind = shown?.kind ?? 'none';
  return (
    <fieldset class="vehicle-stop" data-testid="vehicle-stop">
      <legend>{t('vehicle.title')}</legend>
      <div class="field">
        <p
          class={`geo-state geo-${stateKind}`}
          data-testid="geo-state"
          data-state={stateKind}
          role="status"
          aria-live="polite"
        >
          {shown === null ? (
            t('vehicle.state.none')
          ) : shown.kind === 'fix' ? (
            <>
              <strong>
                <PositionText position={shown.position} />
              </strong>
              {shown.refining && <span class="hint"> · {t('vehicle.state.refining')}</span>}
            </>
          ) : (
            t(`vehicle.state.${shown.kind}`)
          )}
        </p>
        <FieldError field="location" errors={errors} />
        <div class="geo-actions">
          <button
            type="button"
            class="btn"
            data-testid="geo-locate"
            disabled={disabled || shown?.kind === 'locating'}
            onClick={startLocating}
          >
            {values.location ? t('vehicle.locateAgain') : t('vehicle.locate')}
          </button>
          {values.location && (
            <button
              type="button"
              class="btn"
              data-testid="geo-clear"
              disabled={disabled}
              onClick={() => {
                stopLocating.current?.();
                setGeo(null);
                onChange((v) => ({ ...v, location: null }));
              }}
            >
              {t('vehicle.clearLocation')}
            </button>
          )}
        </div>
      </div>
      <InputField
        id="log-place"
        label={t('vehicle.placeName')}
        field="placeName"
        errors={errors}
        data-testid="place-name"
        value={values.placeName}
        maxLength={MAX_PLACE_NAME}
        placeholder={t('vehicle.placeHint')}
        disabled={disabled}
        onValue={(placeName) => onChange((v) => ({ ...v, placeName }))}
      />
      <div class="field">
        <span class="label" id="log-photos-label">
          {t('vehicle.photos')}{' '}
          <span class="hint" data-testid="photo-count">
            {t('vehicle.photoCount', { n: values.photoIds.length, max: MAX_LOG_PHOTOS })}
          </span>
        </span>
        {values.photoIds.length > 0 && (
          <ul class="photos" aria-labelledby="log-photos-label">
            {values.photoIds.map((id, i) => (
              <li key={id}>
                <PhotoThumb id={id} label={t('vehicle.photo', { n: i + 1 })} />
                <button
                  type="button"
                  class="btn photo-remove"
                  data-testid="photo-remove"
                  disabled={disabled}
                  aria-label={t('vehicle.removePhoto', { n: i + 1 })}
                  onClick={() => onChange((v) => ({ ...v, photoIds: v.photoIds.filter((p) => p !== id) }))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {values.photoIds.length < MAX_LOG_PHOTOS && (
          <label class={`btn btn-wide photo-add${disabled || resizing ? ' is-disabled' : ''}`}>
            {resizing ? t('vehicle.resizing') : t('vehicle.addPhotos')}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              class="visually-hidden"
              data-testid="photo-input"
              disabled={disabled || resizing}
              onChange={(e) => {
                const input = e.currentTarget;
                const files = [...(input.files ?? [])];
                input.value = '';
                if (files.length > 0) void addPhotos(files);
              }}
            />
          </label>
        )}
        {resizing && (
          <p class="hint" role="status" data-testid="photo-resizing">
            {t('vehicle.resizing')}
          </p>
        )}
        {photoMessage && (
          <p class="alert" role="alert" data-testid="photo-message">
            {t(`vehicle.${photoMessage.kind}`, { max: MAX_LOG_PHOTOS, skipped: photoMessage.skipped })}
          </p>
        )}
        <FieldError field="photos" errors={errors} />
      </div>
    </fieldset>
  );
}

/** Search the library and pick the bulletin a log names, or none. */
function BulletinPicker({
  values,
  errors,
  onChange,
  disabled,
}: {
  values: LogFormValues;
  errors: LogFormErrors;
  onChange: (change: LogFormChange) => void;
  disabled: boolean;
}) {
  const t = useT('logs');
  const [query, setQuery] = useState('');
  const today = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
  const results = useLoad(
    async () => (query.trim() === '' ? [] : (await listBulletins(db, { today, query })).slice(0, 6)),
    [query, today],
  );
  const chosen = values.bulletin;
  return (
    <fieldset class="field bulletin-picker">
      <legend>{t('form.bulletin')}</legend>
      {chosen ? (
        <div class="chosen-bulletin" data-testid="chosen-bulletin">
          <strong lang="vi">{chosen.title}</strong>
          <button
            type="button"
            class="btn"
            data-testid="bulletin-clear"
            disabled={disabled}
            onClick={() => onChange((v) => ({ ...v, bulletin: null }))}
          >
            {t('form.bulletinClear')}
          </button>
        </div>
      ) : (
        <>
          <p class="hint">{t('form.bulletinNone')}</p>
          <label for="log-bulletin-search">{t('form.bulletinSearch')}</label>
          <input
            id="log-bulletin-search"
            type="search"
            data-testid="bulletin-search"
            value={query}
            disabled={disabled}
            aria-describedby="log-bulletin-hint"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p class="hint" id="log-bulletin-hint">
            {t('form.bulletinSearchHint')}
          </p>
          {query.trim() !== '' && results.done && (
            <ul class="bulletin-results" aria-live="polite">
              {results.data?.length === 0 && <li class="hint">{t('form.bulletinNoResult')}</li>}
              {results.data?.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    class="bulletin-result"
                    data-testid="bulletin-result"
                    disabled={disabled}
                    onClick={() => {
                      // The version is read when chosen: a log names the version that was broadcast.
                      getBulletin(db, item.id).then(
                        (bulletin) => {
                          if (!bulletin) return;
                          setQuery('');
                          onChange((v) => ({
                            ...v,
                            bulletin: { id: bulletin.id, version: bulletin.version, title: bulletin.title },
                          }));
                        },
                        (error: unknown) => console.error(error),
                      );
                    }}
                  >
                    <span lang="vi">{item.title}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <FieldError field="bulletin" errors={errors} />
    </fieldset>
  );
}

/** The time fields: the measured times as they are, or typed start and duration (or end). */
function TimeFields({
  values,
  errors,
  onChange,
  disabled,
}: {
  values: LogFormValues;
  errors: LogFormErrors;
  onChange: (change: LogFormChange) => void;
  disabled: boolean;
}) {
  const t = useT('logs');
  const set = (change: Partial<LogFormValues>) => onChange((v) => ({ ...v, ...change }));
  if (values.measured) {
    const { startedAt, endedAt } = values.measured;
    return (
      <fieldset class="field">
        <legend>{t('form.times')}</legend>
        <p data-testid="measured-times">
          {t('form.measuredTimes', {
            start: formatDateTimeSeconds(startedAt, VIETNAM_TIME_ZONE),
            end: formatDateTimeSeconds(endedAt, VIETNAM_TIME_ZONE),
            duration: formatDuration(Date.parse(endedAt) - Date.parse(startedAt), uiLanguage.value),
          })}
        </p>
        <FieldError field="start" errors={errors} />
        <FieldError field="duration" errors={errors} />
        <button
          type="button"
          class="btn"
          data-testid="edit-times"
          disabled={disabled}
          onClick={() => set({ measured: null })}
        >
          {t('form.editTimes')}
        </button>
      </fieldset>
    );
  }
  return (
    <fieldset class="field">
      <legend>{t('form.times')}</legend>
      <div class="field-row">
        <InputField
          id="log-start-date"
          label={t('form.startDate')}
          field="start"
          errors={errors}
          showProblem={false}
          type="date"
          data-testid="start-date"
          value={values.startDate}
          disabled={disabled}
          onValue={(startDate) => set({ startDate })}
        />
        <InputField
          id="log-start-time"
          label={t('form.startTime')}
          field="start"
          errors={errors}
          showProblem={false}
          type="time"
          data-testid="start-time"
          value={values.startTime}
          disabled={disabled}
          onValue={(startTime) => set({ startTime })}
        />
      </div>
      <FieldError field="start" errors={errors} />
      <div class="field" role="group" aria-labelledby="log-end-mode">
        <span class="label" id="log-end-mode">
          {t('form.endMode')}
        </span>
        <div class="segmented">
          {(['duration', 'end'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={values.endMode === mode}
              data-testid={`end-mode-${mode}`}
              disabled={disabled}
              onClick={() => set({ endMode: mode })}
            >
              {mode === 'duration' ? t('form.byDuration') : t('form.byEnd')}
            </button>
          ))}
        </div>
      </div>
      {values.endMode === 'duration' ? (
        <InputField
          id="log-duration"
          label={t('form.durationMinutes')}
          field="duration"
          errors={errors}
          inputMode="decimal"
          data-testid="duration-minutes"
          value={values.durationMinutes}
          disabled={disabled}
          onValue={(durationMinutes) => set({ durationMinutes })}
        />
      ) : (
        <InputField
          id="log-end-time"
          label={t('form.endTime')}
          field="end"
          errors={errors}
          type="time"
          data-testid="end-time"
          value={values.endTime}
          disabled={disabled}
          onValue={(endTime) => set({ endTime })}
        />
      )}
    </fieldset>
  );
}

/** What the form shows. */
export interface LogFormProps {
  values: LogFormValues;
  errors: LogFormErrors;
  onChange: (change: LogFormChange) => void;
  /** `draft`: what a played bulletin's draft may change; `full`: every field of a manual log or a correction. */
  mode: 'draft' | 'full';
  /** The device unit's level: a team's logs are vehicle stops whatever the channel. */
  unitLevel: UnitLevel | undefined;
  /** Languages offered, Vietnamese first. */
  languages: readonly LanguageCode[];
  disabled?: boolean;
}

/** The fields of a broadcast log. */
export function LogForm({
  values,
  errors,
  onChange,
  mode,
  unitLevel,
  languages,
  disabled = false,
}: LogFormProps) {
  const t = useT('logs');
  const nameOf = useLanguageName();
  const set = (change: Partial<LogFormValues>) => onChange((v) => ({ ...v, ...change }));
  const offered = languages.includes(values.lang) ? languages : [...languages, values.lang];
  return (
    <div class="log-form" data-testid="log-form">
      {mode === 'full' && (
        <>
          <BulletinPicker values={values} errors={errors} onChange={onChange} disabled={disabled} />
          <div class="field">
            <label for="log-lang">{t('form.language')}</label>
            <select
              id="log-lang"
              data-testid="log-lang"
              value={values.lang}
              disabled={disabled}
              onChange={(e) => set({ lang: e.currentTarget.value as LanguageCode })}
            >
              {offered.map((code) => (
                <option key={code} value={code}>
                  {nameOf(code)}
                </option>
              ))}
            </select>
            <FieldError field="lang" errors={errors} />
          </div>
          <div class="field" role="group" aria-labelledby="log-source">
            <span class="label" id="log-source">
              {t('form.source')}
            </span>
            <div class="segmented">
              {BROADCAST_SOURCES.map((source) => (
                <button
                  key={source}
                  type="button"
                  aria-pressed={values.source === source}
                  data-testid={`source-${source}`}
                  disabled={disabled}
                  onClick={() => set({ source })}
                >
                  {t(`form.sources.${source}`)}
                </button>
              ))}
            </div>
            <FieldError field="source" errors={errors} />
          </div>
        </>
      )}
      <div class="field">
        <label for="log-channel">{t('form.channel')}</label>
        <select
          id="log-channel"
          data-testid="log-channel"
          value={values.channel}
          disabled={disabled}
          onChange={(e) => set({ channel: e.currentTarget.value as LogFormValues['channel'] })}
        >
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`form.channels.${channel}`)}
            </option>
          ))}
        </select>
        <FieldError field="channel" errors={errors} />
      </div>
      <TimeFields values={values} errors={errors} onChange={onChange} disabled={disabled} />
      {mode === 'full' && (
        <>
          <CountField
            id="log-repeats"
            label={t('form.repeats')}
            field="repeats"
            errors={errors}
            min={1}
            data-testid="log-repeats"
            value={values.repeats}
            disabled={disabled}
            onValue={(repeats) =>
              // Passes that were all of the repeats follow them: "3 times, all to the end" stays so.
              set(
                values.completedPasses === values.repeats
                  ? { repeats, completedPasses: repeats }
                  : { repeats },
              )
            }
          />
          <CountField
            id="log-passes"
            label={t('form.passes')}
            hint={
              values.measuredPasses === null
                ? t('form.passesHint')
                : `${t('form.passesMeasured', { count: values.measuredPasses })} ${t('form.passesHint')}`
            }
            field="passes"
            errors={errors}
            min={0}
            data-testid="log-passes"
            value={values.completedPasses}
            disabled={disabled}
            onValue={(completedPasses) => set({ completedPasses })}
          />
        </>
      )}
      <InputField
        id="log-operator"
        label={t('form.operator')}
        field="operator"
        errors={errors}
        data-testid="log-operator"
        autoComplete="name"
        value={values.operator}
        maxLength={MAX_OPERATOR}
        disabled={disabled}
        onValue={(operator) => set({ operator })}
      />
      <div class="field">
        <label for="log-notes">{values.bulletin ? t('form.notes') : t('form.notesRequired')}</label>
        <textarea
          id="log-notes"
          data-testid="log-notes"
          rows={3}
          value={values.notes}
          maxLength={MAX_NOTES}
          placeholder={values.bulletin ? undefined : t('form.notesHint')}
          disabled={disabled}
          {...invalid('notes', errors)}
          onInput={(e) => set({ notes: e.currentTarget.value })}
        />
        <FieldError field="notes" errors={errors} />
      </div>
      {isVehicleStop(values.channel, unitLevel) && (
        <VehicleStop values={values} errors={errors} onChange={onChange} disabled={disabled} />
      )}
    </div>
  );
}
