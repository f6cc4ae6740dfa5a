import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  RETRY_WAIT_MS,
  startReminders,
  type ReminderScheduler,
  type ReminderText,
} from '../../../src/client/reminders/reminder-scheduler.ts';
import type { SlotOccurrence } from '../../../src/domain/broadcast-slots.ts';

/** The 17:00 slot of Wednesday 25/11/2026 in Vietnam. */
const SLOT_AT = '2026-11-25T10:00:00.000Z';
const TAG = `loaxa-slot-${SLOT_AT}`;

type Show = (title: string, options: NotificationOptions) => Promise<void>;

/** The browser around the scheduler: storage, permission and a service worker registration that shows. */
function stubBrowser(show: Show): Map<string, string> {
  const stored = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
  });
  vi.stubGlobal('Notification', { permission: 'granted' });
  vi.stubGlobal('navigator', {
    serviceWorker: { getRegistration: async () => ({ showNotification: show }) },
  });
  vi.stubGlobal('document', {
    visibilityState: 'visible',
    documentElement: { lang: 'vi' },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  });
  return stored;
}

const compose = async (slot: SlotOccurrence): Promise<ReminderText> => ({
  title: `Sắp đến giờ phát ${slot.time}`,
  body: 'Thông báo khẩn: chủ động ứng phó với bão số 14 (2 lần)',
});

let scheduler: ReminderScheduler | undefined;

function start(options: { compose?: typeof compose } = {}): ReminderScheduler {
  scheduler = startReminders({
    leadMinutes: 10,
    readPlan: async () => ({ enabled: true, slots: ['06:00', '17:00'] }),
    compose: options.compose ?? compose,
  });
  return scheduler;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('startReminders', () => {
  it('shows the reminder ten minutes before the slot, once, and remembers it', async () => {
    // 16:40 in Vietnam: nothing is due until 16:50.
    vi.setSystemTime(new Date('2026-11-25T09:40:00.000Z'));
    const show = vi.fn<Show>(async () => undefined);
    const stored = stubBrowser(show);
    start();

    await vi.advanceTimersByTimeAsync(10 * 60_000 - 1);
    expect(show).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledWith(
      'Sắp đến giờ phát 17:00',
      expect.objectContaining({ tag: TAG, body: 'Thông báo khẩn: chủ động ứng phó với bão số 14 (2 lần)' }),
    );
    expect(stored.get('loaxa.lastReminder')).toBe(SLOT_AT);

    scheduler?.refresh();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('tries a reminder that failed to show again within a minute, and remembers it only once shown', async () => {
    vi.setSystemTime(new Date('2026-11-25T09:50:30.000Z'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const show = vi
      .fn<Show>()
      .mockRejectedValueOnce(new TypeError('No notification permission has been granted'))
      .mockResolvedValue(undefined);
    const stored = stubBrowser(show);
    start();

    await vi.advanceTimersByTimeAsync(0);
    expect(show).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('reminder scheduling failed', expect.any(TypeError));
    expect(stored.has('loaxa.lastReminder')).toBe(false);

    await vi.advanceTimersByTimeAsync(RETRY_WAIT_MS);
    expect(show).toHaveBeenCalledTimes(2);
    expect(stored.get('loaxa.lastReminder')).toBe(SLOT_AT);
  });

  it('does not show a slot twice when the schedule is refreshed while its reminder is being written', async () => {
    vi.setSystemTime(new Date('2026-11-25T09:50:30.000Z'));
    const show = vi.fn<Show>(async () => undefined);
    stubBrowser(show);
    let write = () => undefined as void;
    const written = new Promise<void>((resolve) => (write = resolve));
    const slow = async (slot: SlotOccurrence) => {
      await written;
      return compose(slot);
    };
    const running = start({ compose: slow });

    await vi.advanceTimersByTimeAsync(0);
    running.refresh();
    await vi.advanceTimersByTimeAsync(0);
    write();
    await vi.advanceTimersByTimeAsync(0);
    expect(show).toHaveBeenCalledTimes(1);
  });
});
