import './units.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LANGUAGES, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import { UNIT_LEVELS, type Unit, type UnitLevel } from '../../domain/schemas/unit.ts';
import {
  UnitInputSchema,
  UnitUpdateSchema,
  PLACEMENT_FIELDS,
  placementProblem,
  unitLanguages,
  usualChildLevel,
  type PlacementProblem,
} from '../../domain/unit-input.ts';
import { validate } from '../../domain/validation.ts';
import { StaffApiError, createUnit, listUnits, updateUnit } from '../../client/staff/staff-api.ts';
import { useLanguageName } from '../components/language-name.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { flash, mayOn, units, unitsById } from './session.ts';
import { failedFields, issueFields, topField } from './form-issues.ts';
import { useErrorText } from './staff-i18n.ts';
import { UnitSelect } from './unit-select.tsx';
import { subtreeRows, type UnitRow } from './unit-tree.ts';

/** Form fields that can carry an error, as the API names them in issues[].field. */
const FIELDS = ['name', 'code', 'level', 'parentId', 'languages'] as const;
type Field = (typeof FIELDS)[number];

/** Why a field is wrong: the schema's checks (one message per field) or a placement rule. */
type FieldErrors = ReadonlyMap<Field, 'invalid' | PlacementProblem>;

/** What the form is for: a new unit under `parentId`, or an edit (and move) of `unit`. */
type Editing = { kind: 'create'; parentId: string } | { kind: 'edit'; unit: Unit };

/** Deeper levels are indented no further: a small step keeps deep trees readable on a phone. */
const MAX_INDENT = 8;

/** Every unit the account reads, as a tree from the top of the list (its highest ancestor) down. */
function treeRows(list: readonly Unit[]): UnitRow[] {
  const ids = new Set(list.map((u) => u.id));
  const roots = list.filter((u) => u.parentId === null || !ids.has(u.parentId));
  return roots.flatMap((root) => subtreeRows(list, root.id));
}

/** Ids of the ancestors of `unitId` among the units read, nearest first. */
function ancestorsOf(unitId: string): string[] {
  const byId = unitsById.value;
  const seen: string[] = [];
  for (let at = byId.get(unitId)?.parentId; at && !seen.includes(at); at = byId.get(at)?.parentId)
    seen.push(at);
  return seen;
}

/** The first placement rule a write would break for `unit` (undefined: a new unit), by the tree as read. */
function localPlacement(wanted: { level: UnitLevel; parentId: string | null }, unit: Unit | undefined) {
  const parent = wanted.parentId === null ? null : unitsById.value.get(wanted.parentId);
  return placementProblem({
    unitId: unit?.id ?? null,
    level: wanted.level,
    currentParentId: unit ? unit.parentId : undefined,
    parent: parent ? { id: parent.id, level: parent.level, ancestorIds: ancestorsOf(parent.id) } : null,
    childLevels: unit ? units.value.filter((u) => u.parentId === unit.id).map((u) => u.level) : [],
  });
}

/** Reads the units again into the session, so the tree and every picker of the workspace show them as they are. */
async function refreshUnits(): Promise<void> {
  units.value = await listUnits();
}

/** The API's field path ("languages.1") reduced to the form field showing it. */
const fieldOf = (path: string): Field | undefined => topField(FIELDS, path);

function UnitForm({ editing, onDone }: { editing: Editing; onDone: (saved: Unit | null) => void }) {
  const t = useT('staff');
  const errorText = useErrorText();
  const languageName = useLanguageName();
  const heading = useRef<HTMLHeadingElement>(null);
  const unit = editing.kind === 'edit' ? editing.unit : undefined;
  const [name, setName] = useState(unit?.name ?? '');
  const [code, setCode] = useState(unit?.code ?? '');
  const [parentId, setParentId] = useState<string | null>(
    unit ? unit.parentId : editing.kind === 'create' ? editing.parentId : null,
  );
  const [level, setLevel] = useState<UnitLevel>(
    () => unit?.level ?? usualChildLevel(unitsById.value.get(parentId ?? '')?.level ?? 'district'),
  );
  const [languages, setLanguages] = useState<readonly LanguageCode[]>(unit?.languages ?? [VIETNAMESE]);
  const [wrong, setWrong] = useState<FieldErrors>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The form opens under the row that asked for it, so the reader keeps their place in a long tree; on a
    // phone its heading may still be below the fold.
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, []);

  // The parent may change only where the account writes both the old parent and the new one (a root stays one).
  const movable = unit === undefined || (unit.parentId !== null && mayOn('units.write', unit.parentId));
  const parentName = parentId === null ? t('units.root') : (unitsById.value.get(parentId)?.name ?? '');
  // Offered parents: none below the unit itself and no team; level problems are explained on the level.
  const acceptsParent = (candidate: Unit) =>
    candidate.level !== 'team' &&
    candidate.id !== unit?.id &&
    !ancestorsOf(candidate.id).includes(unit?.id ?? '');

  const save = async () => {
    const content = {
      name: name.trim(),
      code: code.trim().toUpperCase() || null,
      level,
      languages: unitLanguages(languages),
      parentId,
    };
    // The checks the server makes, made first so the common mistakes are explained without a round trip.
    const checked =
      unit === undefined
        ? validate(UnitInputSchema, content)
        : validate(UnitUpdateSchema, { ...content, updatedAt: unit.updatedAt });
    const found = new Map<Field, 'invalid' | PlacementProblem>();
    for (const field of issueFields(checked.ok ? [] : checked.issues, fieldOf)) found.set(field, 'invalid');
    const problem = checked.ok ? localPlacement(content, unit) : null;
    if (problem) found.set(PLACEMENT_FIELDS[problem], problem);
    setWrong(found);
    if (found.size > 0) {
      setError(t('units.fix'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        unit === undefined
          ? await createUnit({ ...content, parentId: parentId ?? '' })
          : await updateUnit(unit.id, { ...content, updatedAt: unit.updatedAt }),
      );
    } catch (failure) {
      const fields = new Map<Field, 'invalid' | PlacementProblem>();
      if (failure instanceof StaffApiError) {
        if (failure.code === 'unit_cycle') fields.set('parentId', 'cycle');
        // Someone else changed the tree: the next form opens on the units as they are now.
        if (failure.code === 'version_conflict' || failure.code === 'unit_cycle')
          void refreshUnits().catch(() => {});
      }
      for (const field of failedFields(failure, fieldOf)) fields.set(field, 'invalid');
      setWrong(fields);
      setError(fields.size > 0 ? t('units.fix') : errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: Field) => {
    const why = wrong.get(field);
    if (why === undefined) return null;
    return (
      <p class="field-error" id={`uf-${field}-error`} data-testid={`unit-error-${field}`}>
        {why === 'invalid' ? t(`units.errors.${field}`) : t(`units.placement.${why}`)}
      </p>
    );
  };
  const described = (field: Field) => (wrong.has(field) ? `uf-${field}-error` : undefined);

  return (
    <form
      class="unit-form"
      data-testid="unit-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 ref={heading} tabIndex={-1}>
        {unit
          ? t('units.editHeading', { name: unit.name })
          : t('units.createHeading', { parent: parentName })}
      </h2>
      <TextField
        id="uf-name"
        label={t('units.name')}
        data-testid="unit-name"
        value={name}
        aria-invalid={wrong.has('name')}
        aria-describedby={described('name')}
        onValue={setName}
      >
        {errorOf('name')}
      </TextField>
      <TextField
        id="uf-code"
        label={t('units.code')}
        hint={t('units.codeHint')}
        data-testid="unit-code"
        autocapitalize="characters"
        value={code}
        aria-invalid={wrong.has('code')}
        onValue={setCode}
      >
        {errorOf('code')}
      </TextField>
      <div class="field">
        <label for="uf-level">{t('units.level')}</label>
        <select
          id="uf-level"
          data-testid="unit-level"
          value={level}
          aria-invalid={wrong.has('level')}
          aria-describedby={described('level')}
          onChange={(e) => setLevel(e.currentTarget.value as UnitLevel)}
        >
          {UNIT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`units.levels.${l}`)}
            </option>
          ))}
        </select>
        {errorOf('level')}
      </div>
      {movable ? (
        <>
          <UnitSelect
            id="uf-parent"
            label={unit ? t('units.moveTo') : t('units.parent')}
            testId="unit-parent"
            action="units.write"
            value={parentId ?? ''}
            accepts={acceptsParent}
            onChange={setParentId}
          />
          {errorOf('parentId')}
        </>
      ) : (
        <p class="hint" data-testid="unit-parent-fixed">
          {t('units.parentFixed', { parent: parentName })}
        </p>
      )}
      <fieldset class="field unit-languages" aria-describedby={described('languages')}>
        <legend>{t('units.languages')}</legend>
        <p class="hint">{t('units.languagesHint')}</p>
        {LANGUAGES.map((language) => (
          <label key={language.code} class="check">
            <input
              type="checkbox"
              data-testid="unit-language"
              value={language.code}
              checked={languages.includes(language.code)}
              disabled={language.code === VIETNAMESE}
              onChange={(e) =>
                setLanguages(
                  e.currentTarget.checked
                    ? [...languages, language.code]
                    : languages.filter((c) => c !== language.code),
                )
              }
            />
            {languageName(language.code)}
          </label>
        ))}
        {errorOf('languages')}
      </fieldset>
      {error && (
        <p class="alert alert-strong" role="alert" data-testid="unit-form-error">
          {error}
        </p>
      )}
      <div class="staff-actions">
        <button type="submit" class="btn btn-primary" data-testid="unit-save" disabled={busy}>
          {busy ? t('units.saving') : t('units.save')}
        </button>
        <button
          type="button"
          class="btn"
          data-testid="unit-cancel"
          disabled={busy}
          onClick={() => onDone(null)}
        >
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function UnitTreeRow({
  row,
  onEdit,
  form,
}: {
  row: UnitRow;
  onEdit: (editing: Editing) => void;
  /** The add or edit form this row opened, shown under it. */
  form: ComponentChildren;
}) {
  const t = useT('staff');
  const languageName = useLanguageName();
  const { unit, depth } = row;
  const writable = mayOn('units.write', unit.id);
  return (
    <li
      class="unit-row"
      data-testid="unit-row"
      data-unit-id={unit.id}
      data-depth={depth}
      style={{ '--depth': Math.min(depth, MAX_INDENT) }}
    >
      <p class="unit-row-head">
        <span class="unit-row-name" title={unit.name} data-testid="unit-row-name">
          {unit.name}
        </span>
        <span class="staff-badge">{t(`units.levels.${unit.level}`)}</span>
        {depth > MAX_INDENT && <span class="item-meta">{t('units.depth', { depth })}</span>}
      </p>
      <p class="item-meta unit-row-meta">
        {unit.code && (
          <>
            <span data-testid="unit-code-shown">{t('units.codeShown', { code: unit.code })}</span>
            {' · '}
          </>
        )}
        <span data-testid="unit-languages">
          {unit.languages.map((code) => languageName(code)).join(', ')}
        </span>
      </p>
      {writable && (
        <div class="staff-row-actions">
          {unit.level !== 'team' && (
            <button
              type="button"
              class="btn"
              data-testid="unit-add"
              aria-label={`${t('units.addChild')}: ${unit.name}`}
              onClick={() => onEdit({ kind: 'create', parentId: unit.id })}
            >
              {t('units.addChild')}
            </button>
          )}
          <button
            type="button"
            class="btn"
            data-testid="unit-edit"
            aria-label={`${t('units.edit')} ${unit.name}`}
            onClick={() => onEdit({ kind: 'edit', unit })}
          >
            {t('units.edit')}
          </button>
        </div>
      )}
      {form}
    </li>
  );
}

/** The row an add or edit form opens under: the unit edited, or the parent of the unit to add. */
function formRowOf(editing: Editing): string {
  return editing.kind === 'edit' ? editing.unit.id : editing.parentId;
}

/** The units the account reads as a tree, with their languages; province and admin staff add, edit and move. */
export function UnitsScreen() {
  const t = useT('staff');
  useTitle(t('units.title'));
  const [editing, setEditing] = useState<Editing | null>(null);
  const rows = treeRows(units.value);
  const open = (next: Editing) => {
    // The last confirmation is about another unit: gone once the next form opens.
    flash.value = null;
    setEditing(next);
  };
  useEffect(() => {
    // The tree read at sign-in may be old: others may have changed it since. If this read fails, it stays.
    refreshUnits().catch(() => {});
  }, []);
  const done = async (saved: Unit | null) => {
    setEditing(null);
    if (saved === null) return;
    await refreshUnits().catch(() => {
      units.value = [...units.value.filter((u) => u.id !== saved.id), saved];
    });
    flash.value = { path: '/staff/units', text: t('units.saved', { name: saved.name }) };
  };
  return (
    <>
      <h1>{t('units.title')}</h1>
      <p class="hint">
        {rows.some((r) => mayOn('units.write', r.unit.id)) ? t('units.leadWrite') : t('units.leadRead')}
      </p>
      <ul class="unit-rows" data-testid="units-tree" aria-label={t('units.treeLabel')}>
        {rows.map((row) => (
          <UnitTreeRow
            key={row.unit.id}
            row={row}
            onEdit={open}
            form={
              editing &&
              formRowOf(editing) === row.unit.id && (
                <UnitForm
                  key={JSON.stringify(editing)}
                  editing={editing}
                  onDone={(saved) => void done(saved)}
                />
              )
            }
          />
        ))}
      </ul>
    </>
  );
}
