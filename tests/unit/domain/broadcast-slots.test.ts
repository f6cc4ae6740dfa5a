import { describe, expect, it } from 'vitest';
import {
  isSlotTime,
  nextReminder,
  nextSlot,
  normalizeSlots,
  reminderDueNow,
  slotInstant,
  slotStates,
} from '../../../src/domain/broadcast-slots.ts';

const SLOTS = ['17:00', '06:00'];
/** Vietnam is UTC+7 all year: 06:00 there is 23:00Z the day before. */
const at = (iso: string) => new Date(iso);

describe('slot times', () => {
  it('accepts HH:mm on a 24-hour clock only', () => {
    expect(['06:00', '17:30', '00:00', '23:59'].every(isSlotTime)).toBe(true);
    expect(['6:00', '24:00', '17:60', '17h', '', '06:00 '].some(isSlotTime)).toBe(false);
  });

  it('keeps valid times once, earliest first', () => {
    expect(normalizeSlots(['17:00', 'bad', '06:00', '17:00'])).toEqual(['06:00', '17:00']);
  });

  it('places a slot on its Vietnam calendar day', () => {
    expect(slotInstant('2026-11-25', '06:00').toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(slotInstant('2026-11-25', '17:00').toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });
});

describe('nextSlot', () => {
  it('is the first slot after now, today or tomorrow', () => {
    expect(nextSlot(SLOTS, at('2026-11-24T22:00:00.000Z'))?.at.toISOString()).toBe(
      '2026-11-24T23:00:00.000Z',
    );
    expect(nextSlot(SLOTS, at('2026-11-25T03:00:00.000Z'))).toMatchObject({
      day: '2026-11-25',
      time: '17:00',
    });
    // 20:00 in Vietnam: tomorrow's 06:00.
    expect(nextSlot(SLOTS, at('2026-11-25T13:00:00.000Z'))).toMatchObject({
      day: '2026-11-26',
      time: '06:00',
    });
  });

  it('is none without slots', () => {
    expect(nextSlot([], at('2026-11-25T03:00:00.000Z'))).toBeNull();
  });
});

describe('slotStates', () => {
  it('marks a slot on air for 30 minutes after it begins, then past; the first one ahead is next', () => {
    const states = (iso: string) => slotStates(['06:00', '11:00', '17:00'], at(iso)).map((s) => s.state);
    // 05:00 in Vietnam.
    expect(states('2026-11-24T22:00:00.000Z')).toEqual(['next', 'later', 'later']);
    // 06:10.
    expect(states('2026-11-24T23:10:00.000Z')).toEqual(['now', 'next', 'later']);
    // 06:30.
    expect(states('2026-11-24T23:30:00.000Z')).toEqual(['past', 'next', 'later']);
    // 21:00.
    expect(states('2026-11-25T14:00:00.000Z')).toEqual(['past', 'past', 'past']);
  });
});

describe('reminders', () => {
  it('schedules the next reminder lead minutes before the next slot', () => {
    const reminder = nextReminder(SLOTS, at('2026-11-25T03:00:00.000Z'), 10);
    expect(reminder?.slot.time).toBe('17:00');
    expect(reminder?.remindAt.toISOString()).toBe('2026-11-25T09:50:00.000Z');
  });

  it('skips a slot whose reminder time has passed and goes on to the next day', () => {
    // 16:55 in Vietnam: 17:00's reminder (16:50) has passed; the next is 05:50 tomorrow.
    const reminder = nextReminder(SLOTS, at('2026-11-25T09:55:00.000Z'), 10);
    expect(reminder?.slot).toMatchObject({ day: '2026-11-26', time: '06:00' });
    expect(reminder?.remindAt.toISOString()).toBe('2026-11-25T22:50:00.000Z');
  });

  it('reminds before a slot shortly after midnight on the previous Vietnam day', () => {
    const reminder = nextReminder(['00:05'], at('2026-11-25T16:50:00.000Z'), 10);
    expect(reminder?.slot).toMatchObject({ day: '2026-11-26', time: '00:05' });
    expect(reminder?.remindAt.toISOString()).toBe('2026-11-25T16:55:00.000Z');
  });

  it('is due now between the reminder time and the slot, so a late timer still reminds', () => {
    expect(reminderDueNow(SLOTS, at('2026-11-25T09:55:00.000Z'), 10)?.slot.time).toBe('17:00');
    expect(reminderDueNow(SLOTS, at('2026-11-25T09:49:00.000Z'), 10)).toBeNull();
    expect(reminderDueNow(SLOTS, at('2026-11-25T10:00:00.000Z'), 10)).toBeNull();
  });

  it('is none without slots', () => {
    expect(nextReminder([], at('2026-11-25T03:00:00.000Z'), 10)).toBeNull();
    expect(reminderDueNow([], at('2026-11-25T03:00:00.000Z'), 10)).toBeNull();
  });
});
