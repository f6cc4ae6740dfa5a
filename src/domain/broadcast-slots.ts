/**
 * A unit's daily broadcast slots ("06:00", "17:00") in the commune's time zone: when the next one is, where a
 * slot stands now, and when to remind the operator before it. Slot times are wall-clock times of every day;
 * Vietnam keeps no daylight saving, so a slot is its day's midnight plus its minutes.
 */
import { VIETNAM_TIME_ZONE } from './airing.ts';
import { addDays, isoDateOf, startOfDay } from './dates.ts';

/** HH:mm on a 24-hour clock. */
const SLOT_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** How long after its start a slot still counts as on air ("now") rather than past. */
export const SLOT_GRACE_MINUTES = 30;

/** Where a slot of today stands at a given instant. */
export type SlotState = 'past' | 'now' | 'next' | 'later';

/** One slot on one calendar day. */
export interface SlotOccurrence {
  /** yyyy-mm-dd in the time zone. */
  day: string;
  /** HH:mm. */
  time: string;
  at: Date;
}

/** A reminder of a slot: shown `leadMinutes` before it. */
export interface SlotReminder {
  slot: SlotOccurrence;
  remindAt: Date;
}

/** Whether a text is a slot time, HH:mm on a 24-hour clock. */
export function isSlotTime(text: string): boolean {
  return SLOT_TIME.test(text);
}

/** The valid slot times, each once, earliest first. */
export function normalizeSlots(times: readonly string[]): string[] {
  return [...new Set(times.filter(isSlotTime))].sort();
}

/** The instant a slot time begins on a calendar day in the time zone. */
export function slotInstant(day: string, time: string, timeZone: string = VIETNAM_TIME_ZONE): Date {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(startOfDay(day, timeZone).getTime() + (hours * 60 + minutes) * 60_000);
}

/** The day's slots, earliest first. */
export function slotsOn(
  day: string,
  times: readonly string[],
  timeZone: string = VIETNAM_TIME_ZONE,
): SlotOccurrence[] {
  return normalizeSlots(times).map((time) => ({ day, time, at: slotInstant(day, time, timeZone) }));
}

/**
 * Today's slots and where each stands at `now`: past once SLOT_GRACE_MINUTES have gone by since it began, now
 * within that time, next for the first one after that, later for the rest.
 */
export function slotStates(
  times: readonly string[],
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): (SlotOccurrence & { state: SlotState })[] {
  let nextGiven = false;
  return slotsOn(isoDateOf(now, timeZone), times, timeZone).map((slot) => {
    const startsIn = slot.at.getTime() - now.getTime();
    let state: SlotState;
    if (startsIn <= -SLOT_GRACE_MINUTES * 60_000) state = 'past';
    else if (startsIn <= 0) state = 'now';
    else if (!nextGiven) state = 'next';
    else state = 'later';
    if (state === 'next') nextGiven = true;
    return { ...slot, state };
  });
}

/** The first slot beginning after `now`, today or on a following day; null when there are no slots. */
export function nextSlot(
  times: readonly string[],
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): SlotOccurrence | null {
  const today = isoDateOf(now, timeZone);
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    const found = slotsOn(day, times, timeZone).find((slot) => slot.at.getTime() > now.getTime());
    if (found) return found;
  }
  return null;
}

/**
 * The next reminder to schedule: the first slot whose reminder time (`leadMinutes` before it) is after `now`.
 * A slot whose reminder time has just passed is not here but in reminderDueNow.
 */
export function nextReminder(
  times: readonly string[],
  now: Date,
  leadMinutes: number,
  timeZone: string = VIETNAM_TIME_ZONE,
): SlotReminder | null {
  const lead = leadMinutes * 60_000;
  const today = isoDateOf(now, timeZone);
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    for (const slot of slotsOn(day, times, timeZone)) {
      const remindAt = new Date(slot.at.getTime() - lead);
      if (remindAt.getTime() > now.getTime()) return { slot, remindAt };
    }
  }
  return null;
}

/**
 * The reminder that should be showing at `now`: a slot that begins within `leadMinutes`. A timer that fired
 * late (the phone slept, the tab was frozen) still reminds before the slot instead of never.
 */
export function reminderDueNow(
  times: readonly string[],
  now: Date,
  leadMinutes: number,
  timeZone: string = VIETNAM_TIME_ZONE,
): SlotReminder | null {
  const slot = nextSlot(times, now, timeZone);
  if (!slot) return null;
  const remindAt = new Date(slot.at.getTime() - leadMinutes * 60_000);
  return remindAt.getTime() <= now.getTime() ? { slot, remindAt } : null;
}
