/**
 * Reminders before the broadcast slots, wired to the device settings and Today's plan. The timing and its
 * limits (only while the app is open) are in src/client/reminders/reminder-scheduler.ts; this module says
 * what a reminder lists and turns reminders on and off with the browser's permission.
 */
import i18next from 'i18next';
import { getDeviceSettings, setRemindersEnabled } from '../client/db/settings-repository.ts';
import { readToday } from '../client/db/today-repository.ts';
import {
  notificationsAllowed,
  startReminders,
  type ReminderScheduler,
  type ReminderText,
} from '../client/reminders/reminder-scheduler.ts';
import type { SlotOccurrence } from '../domain/broadcast-slots.ts';
import { planToday } from '../domain/due-bulletins.ts';
import { db } from './db.ts';
import { uiLanguage } from './i18n/i18n.ts';

/** How long before a slot its reminder shows. */
export const REMINDER_LEAD_MINUTES = 10;

/** Most bulletin titles one notification lists; the rest are counted. */
const LISTED = 4;

/** Where reminders stand after the operator switched them. */
export type ReminderSwitch = 'on' | 'off' | 'denied' | 'unsupported';

let scheduler: ReminderScheduler | null = null;

/** The reminder of one slot: the bulletins due in it, as Today plans them a minute before it. */
async function compose(slot: SlotOccurrence): Promise<ReminderText> {
  const t = i18next.getFixedT(uiLanguage.value, 'today');
  const at = new Date(slot.at.getTime() - 60_000);
  const data = await readToday(db, at);
  const plan = planToday(data.bulletins, data.logs, data.todayLogs, data.settings.broadcastSlots, at);
  const titles = new Map(data.bulletins.map((b) => [b.id, b.title]));
  const due = plan.slots.find((s) => s.time === slot.time)?.due ?? [];
  const listed = due
    .slice(0, LISTED)
    .map(({ bulletinId, times }) =>
      times > 1
        ? t('reminder.item', { title: titles.get(bulletinId), times })
        : (titles.get(bulletinId) ?? ''),
    );
  const more = due.length - listed.length;
  const body =
    due.length === 0
      ? t('reminder.nothingDue')
      : [listed.join('\n'), more > 0 ? t('reminder.more', { count: more }) : ''].filter(Boolean).join('\n');
  return { title: t('reminder.title', { time: slot.time, count: due.length }), body };
}

/** Starts the reminders of this tab (once); they stay idle while switched off or not allowed. */
export function startAppReminders(): void {
  scheduler ??= startReminders({
    leadMinutes: REMINDER_LEAD_MINUTES,
    readPlan: async () => {
      const settings = await getDeviceSettings(db);
      return { enabled: settings.remindersEnabled, slots: settings.broadcastSlots };
    },
    compose,
  });
}

/** Reschedules after the broadcast times or the reminder setting changed. */
export function refreshReminders(): void {
  scheduler?.refresh();
}

/** Whether reminders can show here: on, blocked by the browser, or impossible in this browser. */
export function notificationState(): 'allowed' | 'denied' | 'ask' | 'unsupported' {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (notificationsAllowed()) return 'allowed';
  return Notification.permission === 'denied' ? 'denied' : 'ask';
}

/**
 * Turns reminders on (asking the browser for notification permission first, so call it from a tap) or off,
 * and reschedules. Reminders stay off when the permission is refused.
 */
export async function switchReminders(on: boolean): Promise<ReminderSwitch> {
  if (on) {
    if (typeof Notification === 'undefined') return 'unsupported';
    if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  }
  await setRemindersEnabled(db, on);
  startAppReminders();
  refreshReminders();
  return on ? 'on' : 'off';
}
