/**
 * Reminders before the unit's broadcast slots, with what browsers offer and no push server: a timer in the open
 * app shows a notification through the service worker registration `leadMinutes` before each slot.
 *
 * Why only while the app is open: Notification Triggers (scheduled local notifications) were dropped by Chrome,
 * Periodic Background Sync fires at the browser's discretion (hours apart, and only with a network), and Push
 * needs a server and a connection. So the timer runs while LoaXa is open; Android may freeze a page a few
 * minutes after it leaves the screen, so each time the app becomes visible again the schedule is recomputed
 * and a reminder whose time passed while frozen is still shown if its slot has not begun.
 *
 * Policy: the last slot reminded is kept in localStorage (loaxa.lastReminder, the slot's ISO instant) once its
 * notification is shown, so a reload, a second tab or a late timer does not show it again, and a reminder that
 * failed to show is tried again within RETRY_WAIT_MS while its slot is ahead. Two tabs showing one at the same
 * moment give one notification: the second replaces the first, as both carry the slot's tag.
 */
import { nextReminder, reminderDueNow, type SlotOccurrence } from '../../domain/broadcast-slots.ts';

/** Whether reminders are on and for which daily times. */
export interface ReminderPlan {
  enabled: boolean;
  /** HH:mm. */
  slots: string[];
}

/** The words of one reminder. */
export interface ReminderText {
  title: string;
  body: string;
}

/** What the scheduler needs from the app. */
export interface ReminderOptions {
  leadMinutes: number;
  /** Reads the current settings; called before every scheduling decision, so changes apply at once. */
  readPlan: () => Promise<ReminderPlan>;
  /** Writes the reminder of one slot (what is due in it), in the interface language. */
  compose: (slot: SlotOccurrence) => Promise<ReminderText>;
  now?: () => Date;
}

/** A running scheduler. */
export interface ReminderScheduler {
  /** Re-reads the settings and reschedules: call after the slots or the reminder setting change. */
  refresh: () => void;
  stop: () => void;
}

const LAST_KEY = 'loaxa.lastReminder';

/** Longest single wait: the schedule is re-read at least this often, so a changed clock or setting is caught. */
const MAX_WAIT_MS = 15 * 60_000;

/** Wait after a failed check: soon enough that a reminder that failed to show still comes before its slot. */
export const RETRY_WAIT_MS = 60_000;

/** Whether this browser can show notifications and the user allowed them. */
export function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

function lastReminded(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

function rememberReminded(slotAt: string): void {
  try {
    localStorage.setItem(LAST_KEY, slotAt);
  } catch {
    // Private modes may refuse storage: at worst a reload shows this reminder once more.
  }
}

/**
 * Shows a notification through the service worker (the only way Android Chrome allows; a page's own
 * `new Notification` throws there), or from the page where no service worker controls it (development).
 */
export async function showReminder(text: ReminderText, tag: string): Promise<void> {
  const registration =
    'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  const options: NotificationOptions = {
    body: text.body,
    tag,
    data: { url: '/' },
    lang: document.documentElement.lang,
  };
  if (registration) await registration.showNotification(text.title, options);
  else new Notification(text.title, options);
}

/** Starts reminding; the returned handle reschedules on demand and stops. */
export function startReminders(options: ReminderOptions): ReminderScheduler {
  const now = options.now ?? (() => new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let run = 0;
  /** The slot whose reminder this tab is composing or showing, so a refresh meanwhile does not show it twice. */
  let showing: string | null = null;

  const remind = async (slot: SlotOccurrence) => {
    const key = slot.at.toISOString();
    if (showing === key || lastReminded() === key) return;
    showing = key;
    try {
      await showReminder(await options.compose(slot), `loaxa-slot-${key}`);
      rememberReminded(key);
    } finally {
      showing = null;
    }
  };

  /** Shows what is due now and returns how long to wait before looking again. */
  const check = async (mine: number): Promise<number> => {
    const plan = await options.readPlan();
    if (stopped || mine !== run || !plan.enabled || !notificationsAllowed()) return MAX_WAIT_MS;
    const due = reminderDueNow(plan.slots, now(), options.leadMinutes);
    if (due) await remind(due.slot);
    const next = nextReminder(plan.slots, now(), options.leadMinutes);
    return next ? Math.min(MAX_WAIT_MS, Math.max(0, next.remindAt.getTime() - now().getTime())) : MAX_WAIT_MS;
  };

  // Always re-armed, even while reminders are off or a read failed: turning them on in More is then picked
  // up within MAX_WAIT_MS without this tab being told, and a failure is retried within RETRY_WAIT_MS.
  function refresh() {
    const mine = ++run;
    clearTimeout(timer);
    void check(mine)
      .catch((error: unknown) => {
        console.error('reminder scheduling failed', error);
        return RETRY_WAIT_MS;
      })
      .then((wait) => {
        if (!stopped && mine === run) timer = setTimeout(refresh, wait);
      });
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible') refresh();
  };
  document.addEventListener('visibilitychange', onVisible);
  refresh();
  return {
    refresh,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
