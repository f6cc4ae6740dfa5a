import { useState } from 'preact/hooks';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { formatDate, formatDateTime, isoDateOf } from '../../domain/dates.ts';
import {
  TOPICS,
  URGENCIES,
  type Bulletin,
  type BulletinStatus,
  type Topic,
  type Urgency,
} from '../../domain/schemas/bulletin.ts';
import type { BulletinInput } from '../../domain/bulletin-input.ts';
import {
  StaffApiError,
  createBulletin,
  getBulletin,
  publishBulletin,
  updateBulletin,
} from '../../client/staff/staff-api.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { navigate } from '../router.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { failedFields, topField } from './form-issues.ts';
import { LoadState } from './load-state.tsx';
import { flash, mayOn, session, units } from './session.ts';
import { useErrorText } from './staff-i18n.ts';
import { subtreeRows } from './unit-tree.ts';

/** Fields of the form that can carry an error message, as the API names them in issues[].field. */
const FIELDS = [
  'title',
  'summary',
  'body',
  'topic',
  'policyRef',
  'issuer',
  'urgency',
  'validFrom',
  'validUntil',
  'targetUnitIds',
  'airing',
] as const;
type Field = (typeof FIELDS)[number];

/** What the form holds: text as typed, so nothing is lost when the server refuses it. */
interface Draft {
  title: string;
  summary: string;
  body: string;
  topic: Topic;
  policyRef: string;
  issuer: string;
  urgency: Urgency;
  validFrom: string;
  validUntil: string;
  targets: readonly string[];
  airingOn: boolean;
  times: string;
  perDays: string;
  airingUntil: string;
}

/** The API's field path ("airing.times", "targetUnitIds.0") reduced to the form field showing it. */
const fieldOf = (path: string): Field | undefined => topField(FIELDS, path);

/** The checks the server would make, done first so the common mistakes are explained without a round trip. */
function localErrors(d: Draft): Set<Field> {
  const wrong = new Set<Field>();
  if (d.title.trim() === '') wrong.add('title');
  if (d.body.trim() === '') wrong.add('body');
  if (d.issuer.trim() === '') wrong.add('issuer');
  if (d.validFrom === '') wrong.add('validFrom');
  if (d.validUntil !== '' && d.validUntil < d.validFrom) wrong.add('validUntil');
  if (d.targets.length === 0) wrong.add('targetUnitIds');
  const whole = (s: string, max: number) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= max;
  if (d.airingOn && (!whole(d.times, 50) || !whole(d.perDays, 366))) wrong.add('airing');
  return wrong;
}

function inputOf(d: Draft): BulletinInput {
  return {
    title: d.title.trim(),
    summary: d.summary.trim(),
    body: d.body.trim(),
    topic: d.topic,
    policyRef: d.policyRef.trim(),
    issuer: d.issuer.trim(),
    urgency: d.urgency,
    validFrom: d.validFrom,
    validUntil: d.validUntil || null,
    targetUnitIds: [...d.targets],
    airing: d.airingOn
      ? { times: Number(d.times), perDays: Number(d.perDays), untilDate: d.airingUntil || null }
      : null,
  };
}

/** The form's text for a stored bulletin: what an edit starts from. */
function draftOf(b: Bulletin): Draft {
  return {
    title: b.title,
    summary: b.summary,
    body: b.body,
    topic: b.topic,
    policyRef: b.policyRef,
    issuer: b.issuer,
    urgency: b.urgency,
    validFrom: b.validFrom,
    validUntil: b.validUntil ?? '',
    targets: b.targetUnitIds,
    airingOn: b.airing !== null,
    times: String(b.airing?.times ?? 3),
    perDays: String(b.airing?.perDays ?? 7),
    airingUntil: b.airing?.untilDate ?? '',
  };
}

/** The server's copy the next write builds on: its id, version and status, and its content as the form sends it. */
interface Saved {
  id: string;
  version: number;
  status: BulletinStatus;
  input: string;
}

function savedOf(b: Bulletin, input: string = JSON.stringify(inputOf(draftOf(b)))): Saved {
  return { id: b.id, version: b.version, status: b.status, input };
}

/** A new bulletin: written, targeted and given an airing requirement, then saved as a draft or published. */
export function BulletinFormScreen() {
  const t = useT('staff');
  useTitle(t('form.heading'));
  const info = session.value;
  const [start] = useState<Draft>(() => ({
    title: '',
    summary: '',
    body: '',
    topic: 'other',
    policyRef: '',
    issuer: info?.unit.name ?? '',
    urgency: 'normal',
    validFrom: isoDateOf(new Date(), VIETNAM_TIME_ZONE),
    validUntil: '',
    targets: [],
    airingOn: false,
    times: '3',
    perDays: '7',
    airingUntil: '',
  }));
  return <BulletinForm start={start} />;
}

/**
 * A stored bulletin's content to change: saving makes it the next version, in the same status, so an edit of
 * a published bulletin reaches the target units' devices on their next sync.
 */
export function BulletinEditScreen({ id }: { id: string }) {
  const t = useT('staff');
  useTitle(t('form.editHeading'));
  const [attempt, setAttempt] = useState(0);
  // A bulletin this account may only read (one relayed from above) is refused: said plainly, not as a failed read.
  const loaded = useLoad(
    () =>
      getBulletin(id).catch((error: unknown) => {
        if (error instanceof StaffApiError && error.code === 'forbidden') return 'forbidden' as const;
        throw error;
      }),
    [id, attempt],
  );
  const bulletin = loaded.data;
  const back = (
    <p>
      <a href="/staff/bulletins">{t('form.back')}</a>
    </p>
  );
  if (!loaded.done || loaded.failed)
    return (
      <>
        {back}
        <LoadState loaded={loaded} empty={false} emptyText="" onRetry={() => setAttempt((n) => n + 1)} />
      </>
    );
  if (bulletin === undefined || bulletin === 'forbidden' || bulletin.status === 'withdrawn')
    return (
      <>
        {back}
        <p class="alert" data-testid="bulletin-not-editable">
          {t(
            bulletin === undefined
              ? 'form.missing'
              : bulletin === 'forbidden'
                ? 'errors.forbidden'
                : 'errors.bulletin_withdrawn',
          )}
        </p>
      </>
    );
  return <BulletinForm key={bulletin.id} start={draftOf(bulletin)} editing={bulletin} />;
}

/**
 * The form both screens share: a new bulletin when `editing` is absent, else the next version of `editing`.
 * Whatever the server answers, the text typed stays in the form.
 */
function BulletinForm({ start, editing }: { start: Draft; editing?: Bulletin }) {
  const t = useT('staff');
  const tb = useT('bulletins');
  const errorText = useErrorText();
  const info = session.value;
  const [draft, setDraft] = useState<Draft>(start);
  const [wrong, setWrong] = useState<ReadonlySet<Field>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Once saved, a retry must publish (or edit) that bulletin, never create a second one; `input` is what the
  // server holds, so an unchanged retry sends no new version. An edit starts from the version it opened.
  const [saved, setSaved] = useState<Saved | null>(() => (editing ? savedOf(editing) : null));
  // Someone saved a newer version while this one was being edited: the newer one, and whether we were publishing.
  const [conflict, setConflict] = useState<{ latest: Bulletin; publish: boolean } | null>(null);
  const published = editing?.status === 'published';
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const rows = subtreeRows(units.value, info?.user.unitId ?? '').filter((row) =>
    mayOn('bulletins.write', row.unit.id),
  );
  const covered = (unitId: string): boolean => {
    const byId = new Map(units.value.map((u) => [u.id, u]));
    for (let at = byId.get(unitId)?.parentId; at; at = byId.get(at)?.parentId)
      if (draft.targets.includes(at)) return true;
    return false;
  };

  /** What the list says once the bulletin is stored as `stored` (and published, when asked). */
  const doneText = (publish: boolean, stored: Saved, changed: boolean): string => {
    const title = draft.title.trim();
    const version = stored.version;
    if (!editing) return t(publish ? 'form.published' : 'form.saved', { title });
    if (publish || (changed && stored.status === 'published'))
      return t('form.versionPublished', { title, version });
    return t(changed ? 'form.versionSaved' : 'form.unchanged', { title, version });
  };

  /** Stores `input` (as `text`) as a new draft, or as the next version of `base`. */
  const write = async (base: Saved | null, input: BulletinInput, text: string): Promise<Saved> => {
    const written =
      base === null
        ? await createBulletin(input)
        : await updateBulletin(base.id, { ...input, version: base.version });
    const next = savedOf(written, text);
    setSaved(next);
    return next;
  };

  const save = async (publish: boolean, base: Saved | null = saved) => {
    const local = localErrors(draft);
    setWrong(local);
    if (local.size > 0) {
      setError(t('form.fix'));
      return;
    }
    setBusy(true);
    setError(null);
    setConflict(null);
    try {
      const input = inputOf(draft);
      const text = JSON.stringify(input);
      const stored = base !== null && base.input === text ? base : await write(base, input, text);
      if (publish) await publishBulletin(stored.id);
      flash.value = { path: '/staff/bulletins', text: doneText(publish, stored, stored !== base) };
      navigate('/staff/bulletins');
    } catch (failure) {
      const fields = new Set(failedFields(failure, fieldOf));
      setWrong(fields);
      const latest =
        failure instanceof StaffApiError && failure.code === 'version_conflict' && base
          ? await getBulletin(base.id).catch(() => undefined)
          : undefined;
      if (latest) setConflict({ latest, publish });
      else setError(fields.size > 0 ? t('form.fix') : errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  /** Drops what was typed here and carries on from the newer version. */
  const takeLatest = (latest: Bulletin) => {
    setDraft(draftOf(latest));
    setSaved(savedOf(latest));
    setConflict(null);
  };

  const fieldError = (field: Field) =>
    wrong.has(field) && (
      <p class="field-error" id={`bf-${field}-error`} data-testid={`bulletin-error-${field}`}>
        {t(`form.errors.${field}`)}
      </p>
    );
  const described = (field: Field) => (wrong.has(field) ? `bf-${field}-error` : undefined);
  const text = (field: 'title' | 'policyRef' | 'issuer', testId?: string) => (
    <TextField
      id={`bf-${field}`}
      label={t(`form.${field}`)}
      data-testid={testId}
      value={draft[field]}
      aria-invalid={wrong.has(field)}
      aria-describedby={described(field)}
      onValue={(value) => set(field, value)}
    >
      {fieldError(field)}
    </TextField>
  );

  return (
    <form
      class="bulletin-form"
      data-testid="bulletin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <p>
        <a href="/staff/bulletins">{t('form.back')}</a>
      </p>
      <h1>{t(editing ? 'form.editHeading' : 'form.heading')}</h1>
      {editing && (
        <p class="hint" data-testid="bulletin-editing">
          {t(published ? 'form.editingPublished' : 'form.editingDraft', { version: saved?.version })}
        </p>
      )}
      {!editing && saved && <p class="hint">{t('form.savedDraft')}</p>}
      <div class="staff-columns">
        <div>
          {text('title', 'bulletin-title')}
          <div class="field">
            <label for="bf-summary">{t('form.summary')}</label>
            <textarea
              id="bf-summary"
              rows={2}
              value={draft.summary}
              aria-invalid={wrong.has('summary')}
              aria-describedby={described('summary')}
              onInput={(e) => set('summary', e.currentTarget.value)}
            />
            {fieldError('summary')}
          </div>
          <div class="field">
            <label for="bf-body">{t('form.body')}</label>
            <textarea
              id="bf-body"
              data-testid="bulletin-body"
              rows={10}
              value={draft.body}
              aria-invalid={wrong.has('body')}
              aria-describedby={described('body')}
              onInput={(e) => set('body', e.currentTarget.value)}
            />
            <p class="hint">{t('form.bodyHint')}</p>
            {fieldError('body')}
          </div>
          <div class="field">
            <label for="bf-topic">{t('form.topic')}</label>
            <select
              id="bf-topic"
              value={draft.topic}
              onChange={(e) => set('topic', e.currentTarget.value as Topic)}
            >
              {TOPICS.map((topic) => (
                <option key={topic} value={topic}>
                  {tb(`topics.${topic}`)}
                </option>
              ))}
            </select>
            {fieldError('topic')}
          </div>
          {text('policyRef')}
          {text('issuer')}
        </div>
        <div>
          <fieldset class="field">
            <legend>{t('form.urgency')}</legend>
            <div class="segmented">
              {URGENCIES.map((urgency) => (
                <button
                  key={urgency}
                  type="button"
                  aria-pressed={draft.urgency === urgency}
                  onClick={() => set('urgency', urgency)}
                >
                  {t(`form.urgencies.${urgency}`)}
                </button>
              ))}
            </div>
          </fieldset>
          <div class="field-row">
            <div class="field">
              <label for="bf-validFrom">{t('form.validFrom')}</label>
              <input
                id="bf-validFrom"
                type="date"
                value={draft.validFrom}
                aria-invalid={wrong.has('validFrom')}
                onInput={(e) => set('validFrom', e.currentTarget.value)}
              />
              {draft.validFrom && <p class="hint">{formatDate(draft.validFrom)}</p>}
              {fieldError('validFrom')}
            </div>
            <div class="field">
              <label for="bf-validUntil">{t('form.validUntil')}</label>
              <input
                id="bf-validUntil"
                type="date"
                value={draft.validUntil}
                min={draft.validFrom}
                aria-invalid={wrong.has('validUntil')}
                onInput={(e) => set('validUntil', e.currentTarget.value)}
              />
              <p class="hint">{draft.validUntil ? formatDate(draft.validUntil) : t('form.noEnd')}</p>
              {fieldError('validUntil')}
            </div>
          </div>
          <fieldset class="field" aria-describedby={described('targetUnitIds')}>
            <legend>{t('form.targets')}</legend>
            <p class="hint">{t('form.targetsHint')}</p>
            <ul class="unit-tree">
              {rows.map(({ unit, depth }) => {
                const inherited = covered(unit.id);
                return (
                  <li key={unit.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                    <label class="check">
                      <input
                        type="checkbox"
                        data-testid="bulletin-target"
                        value={unit.id}
                        checked={inherited || draft.targets.includes(unit.id)}
                        disabled={inherited}
                        onChange={(e) =>
                          set(
                            'targets',
                            e.currentTarget.checked
                              ? [...draft.targets, unit.id]
                              : draft.targets.filter((id) => id !== unit.id),
                          )
                        }
                      />{' '}
                      {unit.name}
                      {inherited && <span class="hint"> {t('form.included')}</span>}
                    </label>
                  </li>
                );
              })}
            </ul>
            {fieldError('targetUnitIds')}
          </fieldset>
          <fieldset class="field">
            <legend>{t('form.airing')}</legend>
            <label class="check">
              <input
                type="checkbox"
                data-testid="bulletin-airing"
                checked={draft.airingOn}
                onChange={(e) => set('airingOn', e.currentTarget.checked)}
              />{' '}
              {t('form.airingOn')}
            </label>
            {draft.airingOn && (
              <div class="airing-fields">
                <input
                  aria-label={t('form.times')}
                  inputMode="numeric"
                  value={draft.times}
                  aria-invalid={wrong.has('airing')}
                  onInput={(e) => set('times', e.currentTarget.value)}
                />
                <span>{t('form.timesPer')}</span>
                <input
                  aria-label={t('form.perDays')}
                  inputMode="numeric"
                  value={draft.perDays}
                  aria-invalid={wrong.has('airing')}
                  onInput={(e) => set('perDays', e.currentTarget.value)}
                />
                <span>{t('form.daysUntil')}</span>
                <input
                  type="date"
                  aria-label={t('form.airingUntil')}
                  value={draft.airingUntil}
                  onInput={(e) => set('airingUntil', e.currentTarget.value)}
                />
              </div>
            )}
            {draft.airingOn && (
              <p class="hint">
                {t('form.airingSummary', {
                  times: draft.times,
                  days: draft.perDays,
                  until: draft.airingUntil ? formatDate(draft.airingUntil) : t('form.airingOpen'),
                })}
              </p>
            )}
            {fieldError('airing')}
          </fieldset>
        </div>
      </div>
      {error && (
        <p class="alert alert-strong" role="alert" data-testid="bulletin-form-error">
          {error}
        </p>
      )}
      {conflict && (
        <div class="alert alert-strong" role="alert" data-testid="bulletin-conflict">
          <p>
            {t('form.conflict', {
              version: conflict.latest.version,
              time: formatDateTime(conflict.latest.updatedAt, VIETNAM_TIME_ZONE),
            })}
          </p>
          <div class="staff-actions">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="bulletin-conflict-keep"
              disabled={busy}
              onClick={() => void save(conflict.publish, savedOf(conflict.latest))}
            >
              {t('form.conflictKeep', { version: conflict.latest.version + 1 })}
            </button>
            <button
              type="button"
              class="btn"
              data-testid="bulletin-conflict-latest"
              disabled={busy}
              onClick={() => takeLatest(conflict.latest)}
            >
              {t('form.conflictLatest', { version: conflict.latest.version })}
            </button>
          </div>
        </div>
      )}
      <div class="staff-actions">
        <button
          type="submit"
          class={published ? 'btn btn-primary' : 'btn'}
          data-testid="bulletin-save"
          disabled={busy}
        >
          {t(editing ? 'form.saveVersion' : 'form.saveDraft')}
        </button>
        {!published && (
          <button
            type="button"
            class="btn btn-primary"
            data-testid="bulletin-publish"
            disabled={busy}
            onClick={() => void save(true)}
          >
            {t('form.publish')}
          </button>
        )}
      </div>
    </form>
  );
}
