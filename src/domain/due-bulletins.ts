/**
 * What the Today screen puts in front of the operator: the bulletins in force today for the device's unit, in
 * the order they should go on air, and what each of today's broadcast slots should carry.
 *
 * - Order: urgent bulletins first; then those whose airing requirement is not yet met in the current period
 *   ("còn 2 lần trong tuần này"); then the rest in force today. Within a group, what still needs airing comes
 *   first, then the period ending soonest (a daily requirement before a weekly one), then the title.
 * - A slot's share: what still needs airing is spread evenly over the slots left in the period (today's open
 *   slots and the same slots on each later day of the period, up to the requirement's end): by the end of the
 *   i-th slot left, floor(remaining·i/slotsLeft + phase) airings are due. Each bulletin has its own phase in
 *   [0, 1) (the golden-ratio sequence over its place in the list), so bulletins with the same requirement fall
 *   on different slots instead of all on the same ones; the last slot of the period always carries what is
 *   left. Urgent bulletins go as early as possible (phase just under 1: due at the next slot). An urgent
 *   bulletin without a requirement is due once at the next slot until it has been aired today.
 */
import {
  airingProgress,
  completeAirings,
  VIETNAM_TIME_ZONE,
  type AiringProgress,
  type CountedLog,
} from './airing.ts';
import { validityOn } from './bulletin-listing.ts';
import { slotStates, type SlotState } from './broadcast-slots.ts';
import { DAY_MS, addDays, isoDateOf, startOfDay } from './dates.ts';
import { compareVietnamese } from './fold.ts';
import type { Bulletin } from './schemas/bulletin.ts';
import type { Unit } from './schemas/unit.ts';

/** The groups of the Today list, in their order. */
export const DUE_GROUPS = ['urgent', 'due', 'rest'] as const;
/** A group of the Today list. */
export type DueGroup = (typeof DUE_GROUPS)[number];

/** The part of a bulletin the Today list needs. */
export type DueInput = Pick<
  Bulletin,
  'id' | 'title' | 'urgency' | 'airing' | 'validFrom' | 'validUntil' | 'targetUnitIds'
>;

/** A bulletin on the Today list. */
export interface DueBulletin<B extends DueInput = DueInput> {
  bulletin: B;
  group: DueGroup;
  /** Progress against the airing requirement; null when the bulletin has none. */
  progress: AiringProgress | null;
  /** Start times (ISO) of the bulletin's airings today that count, earliest first. */
  airedToday: string[];
  /** Whether it should still go on air today or in its period. */
  needsAiring: boolean;
}

/** One of today's slots with what it should carry. */
export interface SlotPlan {
  /** HH:mm. */
  time: string;
  /** ISO instant. */
  at: string;
  state: SlotState;
  /** Broadcasts today (any bulletin, live ones too) nearer to this slot than to any other. */
  aired: number;
  /** The bulletins due at this slot and how many times, in the Today list's order; empty once past. */
  due: { bulletinId: string; times: number }[];
}

/** The unit and every unit above it, by parent links; a loop in the links ends the walk. */
export function unitLineage(unitId: string, units: readonly Pick<Unit, 'id' | 'parentId'>[]): Set<string> {
  const parents = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const lineage = new Set<string>();
  let current: string | null | undefined = unitId;
  while (current != null && !lineage.has(current)) {
    lineage.add(current);
    current = parents.get(current);
  }
  return lineage;
}

/** Whether a bulletin is meant for a unit: it targets the unit or a unit above it. */
export function isForUnit(bulletin: Pick<Bulletin, 'targetUnitIds'>, lineage: ReadonlySet<string>): boolean {
  return bulletin.targetUnitIds.some((id) => lineage.has(id));
}

function stillNeeded(bulletin: DueInput, progress: AiringProgress | null, airedToday: number): boolean {
  if (progress) return progress.label === progress.period && progress.remaining > 0;
  return bulletin.urgency === 'urgent' && airedToday === 0;
}

function groupOf(bulletin: DueInput, progress: AiringProgress | null): DueGroup {
  if (bulletin.urgency === 'urgent') return 'urgent';
  return progress && stillNeeded(bulletin, progress, 0) ? 'due' : 'rest';
}

function compareDue(a: DueBulletin, b: DueBulletin): number {
  const byGroup = DUE_GROUPS.indexOf(a.group) - DUE_GROUPS.indexOf(b.group);
  if (byGroup !== 0) return byGroup;
  if (a.needsAiring !== b.needsAiring) return a.needsAiring ? -1 : 1;
  const endOf = (entry: DueBulletin) => (entry.needsAiring ? (entry.progress?.periodEnd ?? '') : '');
  const byEnd = endOf(a).localeCompare(endOf(b));
  if (byEnd !== 0) return byEnd;
  const byRemaining = (b.progress?.remaining ?? 0) - (a.progress?.remaining ?? 0);
  return (
    byRemaining ||
    compareVietnamese(a.bulletin.title, b.bulletin.title) ||
    a.bulletin.id.localeCompare(b.bulletin.id)
  );
}

/**
 * The bulletins in force on the day of `now`, in Today's order (see the module comment). `logs` are the logs
 * of these bulletins and every log correcting one of them (listLogsForBulletins).
 */
export function dueBulletins<B extends DueInput>(
  bulletins: readonly B[],
  logs: readonly CountedLog[],
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): DueBulletin<B>[] {
  const today = isoDateOf(now, timeZone);
  const dayStart = startOfDay(today, timeZone).getTime();
  const dayEnd = startOfDay(addDays(today, 1), timeZone).getTime();
  const counted = completeAirings(logs);
  const todayByBulletin = new Map<string, string[]>();
  for (const log of counted) {
    const at = Date.parse(log.startedAt);
    if (log.bulletinId === null || at < dayStart || at >= dayEnd) continue;
    todayByBulletin.set(log.bulletinId, [...(todayByBulletin.get(log.bulletinId) ?? []), log.startedAt]);
  }
  const entries = bulletins
    .filter((bulletin) => validityOn(bulletin, today) === 'current')
    .map((bulletin): DueBulletin<B> => {
      const progress = airingProgress(bulletin, counted, now, timeZone);
      const airedToday = (todayByBulletin.get(bulletin.id) ?? []).sort();
      return {
        bulletin,
        group: groupOf(bulletin, progress),
        progress,
        airedToday,
        needsAiring: stillNeeded(bulletin, progress, airedToday.length),
      };
    });
  return entries.sort(compareDue);
}

/** The fractional part of the golden ratio: successive multiples of it mod 1 spread evenly over [0, 1). */
const GOLDEN_FRACTION = 0.6180339887498949;
/** The largest phase below 1: floor(x + ALMOST_ONE) is ceil(x) for the fractions a spread produces. */
const ALMOST_ONE = 1 - 1e-9;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** How many more airings the entry wants and over how many of the period's later days they may be spread. */
function demandOf(entry: DueBulletin, today: string): { remaining: number; laterDays: number } {
  const { progress, bulletin } = entry;
  if (!progress) return { remaining: entry.needsAiring ? 1 : 0, laterDays: 0 };
  if (!entry.needsAiring) return { remaining: 0, laterDays: 0 };
  const ends = [progress.lastDay, bulletin.airing?.untilDate ?? bulletin.validUntil].filter(
    (day): day is string => day !== null && day !== undefined,
  );
  const lastDay = ends.sort()[0] ?? today;
  return { remaining: progress.remaining, laterDays: Math.max(0, daysBetween(today, lastDay)) };
}

/**
 * Today's slots with what each should carry (see the module comment) and how many broadcasts went out at each.
 * `due` is dueBulletins' result; `todayLogs` are today's logs that count (any bulletin).
 */
export function slotPlan(
  times: readonly string[],
  due: readonly DueBulletin[],
  todayLogs: readonly Pick<CountedLog, 'startedAt'>[],
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): SlotPlan[] {
  const slots = slotStates(times, now, timeZone);
  const plans: SlotPlan[] = slots.map((slot) => ({
    time: slot.time,
    at: slot.at.toISOString(),
    state: slot.state,
    aired: 0,
    due: [],
  }));
  for (const log of todayLogs) {
    const at = Date.parse(log.startedAt);
    let nearest: SlotPlan | undefined;
    for (const plan of plans) {
      if (!nearest || Math.abs(Date.parse(plan.at) - at) < Math.abs(Date.parse(nearest.at) - at))
        nearest = plan;
    }
    if (nearest) nearest.aired += 1;
  }
  const open = plans.filter((plan) => plan.state !== 'past');
  const today = isoDateOf(now, timeZone);
  due.forEach((entry, index) => {
    const { remaining, laterDays } = demandOf(entry, today);
    if (remaining === 0 || open.length === 0) return;
    const slotsLeft = open.length + laterDays * plans.length;
    const phase = entry.bulletin.urgency === 'urgent' ? ALMOST_ONE : ((index + 1) * GOLDEN_FRACTION) % 1;
    let given = 0;
    open.forEach((plan, i) => {
      const byThen = Math.min(remaining, Math.floor((remaining * (i + 1)) / slotsLeft + phase));
      const timesHere = byThen - given;
      given = Math.max(given, byThen);
      if (timesHere > 0) plan.due.push({ bulletinId: entry.bulletin.id, times: timesHere });
    });
  });
  return plans;
}

/** Today's list and slots together, as the Today screen and the reminders show them. */
export interface TodayPlan<B extends DueInput> {
  due: DueBulletin<B>[];
  slots: SlotPlan[];
}

/**
 * Today's list (dueBulletins) and slot plan (slotPlan). `logs` are the bulletins' logs with their corrections,
 * `todayLogs` every log started today with its corrections.
 */
export function planToday<B extends DueInput>(
  bulletins: readonly B[],
  logs: readonly CountedLog[],
  todayLogs: readonly CountedLog[],
  slotTimes: readonly string[],
  now: Date,
  timeZone: string = VIETNAM_TIME_ZONE,
): TodayPlan<B> {
  const due = dueBulletins(bulletins, logs, now, timeZone);
  return { due, slots: slotPlan(slotTimes, due, completeAirings(todayLogs), now, timeZone) };
}
