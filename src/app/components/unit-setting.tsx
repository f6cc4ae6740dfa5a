import { useState } from 'preact/hooks';
import {
  getDeviceSettings,
  listUnitChoices,
  setAddedLanguages,
  setDeviceUnit,
} from '../../client/db/settings-repository.ts';
import { LANGUAGE_CODES, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import { db } from '../db.ts';
import { useT } from '../i18n/i18n.ts';
import { dataVersion } from '../sync-state.ts';
import { syncStatus } from '../sync-status.ts';
import { useLoad } from '../use-load.ts';
import { useLanguageName } from './language-name.ts';

/** Indents a unit under its parent inside a <select>, where options cannot be styled. */
const INDENT = '\u00a0\u00a0\u00a0';

/**
 * "Đơn vị của tôi" in More: the unit this device serves, picked from the pulled units until the device is
 * paired and fixed by the pairing after that, and the languages the operator adds beyond the unit's. The
 * reader's language tabs follow both.
 */
export function UnitSetting() {
  const t = useT('bulletins');
  const tc = useT('common');
  const nameOf = useLanguageName();
  const [changes, setChanges] = useState(0);
  const [status, setStatus] = useState<'idle' | 'saved' | 'failed'>('idle');
  // What the operator just chose, shown at once while it is written (and dropped if writing fails).
  const [chosen, setChosen] = useState<{ unitId?: string; added?: LanguageCode[] }>({});
  const version = dataVersion.value;
  const data = useLoad(
    async () => ({ choices: await listUnitChoices(db), settings: await getDeviceSettings(db) }),
    [changes, version],
  );
  const save = (choice: typeof chosen, write: Promise<void>) => {
    setChosen((c) => ({ ...c, ...choice }));
    setStatus('idle');
    write.then(
      () => {
        setStatus('saved');
        setChanges((n) => n + 1);
      },
      (error: unknown) => {
        console.error(error);
        setChosen({});
        setStatus('failed');
      },
    );
  };

  if (!data.data) {
    return (
      <section data-testid="unit-setting">
        <h2>{t('unitSetting.title')}</h2>
        {data.failed && <p class="alert">{tc('readError')}</p>}
      </section>
    );
  }
  const { choices, settings } = data.data;
  const enrolled = syncStatus.device.value;
  const unitId = chosen.unitId ?? settings.unit?.id ?? '';
  const unit = choices.find((c) => c.unit.id === unitId)?.unit;
  const unitLanguages = unit?.languages ?? [];
  const added = new Set(chosen.added ?? settings.addedLanguages);
  const toggle = (code: LanguageCode, on: boolean) => {
    const next = on ? [...added, code] : [...added].filter((c) => c !== code);
    save({ added: next }, setAddedLanguages(db, next));
  };
  return (
    <section data-testid="unit-setting">
      <h2>{t('unitSetting.title')}</h2>
      {enrolled ? (
        <>
          <p data-testid="device-unit-fixed">
            {t('unitSetting.enrolledUnit', { unit: settings.unit?.name ?? enrolled.unitName })}
          </p>
          <p class="hint">{t('unitSetting.enrolledHint')}</p>
        </>
      ) : (
        <p>{t('unitSetting.intro')}</p>
      )}
      {enrolled ? null : choices.length === 0 ? (
        <p class="empty">{t('unitSetting.noUnits')}</p>
      ) : (
        <div class="field">
          <label for="device-unit">{t('unitSetting.unit')}</label>
          <select
            id="device-unit"
            data-testid="device-unit"
            value={unitId}
            onChange={(e) => {
              const id = e.currentTarget.value;
              save({ unitId: id }, setDeviceUnit(db, id || null));
            }}
          >
            <option value="">{t('unitSetting.none')}</option>
            {choices.map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id}>
                {INDENT.repeat(depth) + unit.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {unit && (
        <p data-testid="unit-languages">
          {t('unitSetting.unitLanguages', { languages: unitLanguages.map(nameOf).join(', ') })}
        </p>
      )}
      <details class="added-languages">
        <summary>{t('unitSetting.addedCount', { count: added.size })}</summary>
        <fieldset>
          <legend class="hint">{t('unitSetting.addedHint')}</legend>
          {LANGUAGE_CODES.filter((c) => c !== VIETNAMESE).map((code) => {
            const ofUnit = unitLanguages.includes(code);
            return (
              <label key={code} class="check">
                <input
                  type="checkbox"
                  data-testid={`add-language-${code}`}
                  checked={ofUnit || added.has(code)}
                  disabled={ofUnit}
                  onChange={(e) => toggle(code, e.currentTarget.checked)}
                />
                <span>
                  {nameOf(code)}
                  {ofUnit && <span class="hint"> · {t('unitSetting.ofUnit')}</span>}
                </span>
              </label>
            );
          })}
        </fieldset>
      </details>
      <p class="hint" role="status">
        {status === 'saved' && t('unitSetting.saved')}
      </p>
      {status === 'failed' && (
        <p class="alert" role="alert">
          {t('unitSetting.saveError')}
        </p>
      )}
    </section>
  );
}
