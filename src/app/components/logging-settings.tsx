import { useState } from 'preact/hooks';
import {
  getDeviceSettings,
  MAX_BROADCAST_SLOTS,
  setBroadcastSlots,
  setDefaultChannel,
  setOperatorName,
} from '../../client/db/settings-repository.ts';
import { isSlotTime } from '../../domain/broadcast-slots.ts';
import { MAX_OPERATOR } from '../../domain/log-form.ts';
import { CHANNELS, type Channel } from '../../domain/schemas/broadcast-log.ts';
import { db } from '../db.ts';
import { useT } from '../i18n/i18n.ts';
import { notificationState, refreshReminders, switchReminders } from '../reminders.ts';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';

type Status = 'idle' | 'saved' | 'failed';

/**
 * "Ghi nhật ký phát thanh" in More: the operator name and the usual channel every drafted log starts with, the
 * station's daily broadcast times (Today groups due bulletins by them) and the reminders before them.
 */
export function LoggingSettings() {
  const t = useT('logs');
  const tc = useT('common');
  const [changes, setChanges] = useState(0);
  const [status, setStatus] = useState<Status>('idle');
  const [operator, setOperator] = useState<string | null>(null);
  const [slots, setSlots] = useState<string[] | null>(null);
  const [permission, setPermission] = useState(notificationState);
  const version = dataVersion.value;
  const data = useLoad(() => getDeviceSettings(db), [changes, version]);

  const save = (write: Promise<void>) => {
    setStatus('idle');
    write.then(
      () => {
        setStatus('saved');
        setChanges((n) => n + 1);
      },
      (error: unknown) => {
        console.error(error);
        setStatus('failed');
      },
    );
  };

  if (!data.data) {
    return (
      <section data-testid="logging-settings">
        <h2>{t('settings.title')}</h2>
        {data.failed && <p class="alert">{tc('readError')}</p>}
      </section>
    );
  }
  const settings = data.data;
  const shownOperator = operator ?? settings.operatorName;
  const shownSlots = slots ?? settings.broadcastSlots;
  const saveSlots = (next: string[]) => {
    setSlots(next);
    // A new or half-typed time is not written until every time reads as HH:mm; then the list shows sorted.
    if (next.every(isSlotTime)) {
      save(
        setBroadcastSlots(db, next).then(() => {
          setSlots(null);
          refreshReminders();
        }),
      );
    }
  };
  // Turning on asks the browser first; a refusal leaves reminders off and the hint below says why.
  const toggleReminders = (on: boolean) =>
    save(switchReminders(on).then(() => setPermission(notificationState())));

  return (
    <section data-testid="logging-settings">
      <h2>{t('settings.title')}</h2>
      <p>{t('settings.intro')}</p>
      <div class="field">
        <label for="settings-operator">{t('settings.operator')}</label>
        <input
          id="settings-operator"
          data-testid="operator-name"
          autoComplete="name"
          maxLength={MAX_OPERATOR}
          value={shownOperator}
          aria-describedby="settings-operator-hint"
          onInput={(e) => setOperator(e.currentTarget.value)}
          onChange={(e) => save(setOperatorName(db, e.currentTarget.value))}
        />
        <p class="hint" id="settings-operator-hint">
          {t('settings.operatorHint')}
        </p>
      </div>
      <div class="field">
        <label for="settings-channel">{t('settings.channel')}</label>
        <select
          id="settings-channel"
          data-testid="default-channel"
          value={settings.defaultChannel}
          onChange={(e) => save(setDefaultChannel(db, e.currentTarget.value as Channel))}
        >
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`form.channels.${channel}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field broadcast-slots">
        <legend>{t('settings.slots')}</legend>
        <p class="hint">{t('settings.slotsHint')}</p>
        {shownSlots.length === 0 && <p class="empty">{t('settings.noSlots')}</p>}
        <ul>
          {shownSlots.map((time, i) => (
            <li key={i}>
              <label class="visually-hidden" for={`settings-slot-${i}`}>
                {t('settings.slotLabel', { n: i + 1 })}
              </label>
              <input
                id={`settings-slot-${i}`}
                type="time"
                data-testid="broadcast-slot"
                value={time}
                onChange={(e) => saveSlots(shownSlots.map((s, j) => (j === i ? e.currentTarget.value : s)))}
              />
              <button
                type="button"
                class="btn"
                data-testid="remove-slot"
                aria-label={t('settings.removeSlot', { time })}
                onClick={() => saveSlots(shownSlots.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {shownSlots.length < MAX_BROADCAST_SLOTS && (
          <button
            type="button"
            class="btn"
            data-testid="add-slot"
            onClick={() => saveSlots([...shownSlots, ''])}
          >
            {t('settings.addSlot')}
          </button>
        )}
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          data-testid="reminders"
          checked={settings.remindersEnabled && permission === 'allowed'}
          disabled={permission === 'unsupported' || permission === 'denied'}
          onChange={(e) => toggleReminders(e.currentTarget.checked)}
        />
        <span>{t('settings.reminders')}</span>
      </label>
      {permission === 'denied' && <p class="hint">{t('settings.remindersDenied')}</p>}
      {permission === 'unsupported' && <p class="hint">{t('settings.remindersUnsupported')}</p>}
      <p class="hint" role="status">
        {status === 'saved' && t('settings.saved')}
      </p>
      {status === 'failed' && (
        <p class="alert" role="alert">
          {t('settings.saveError')}
        </p>
      )}
    </section>
  );
}
