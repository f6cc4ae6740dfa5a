import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import type { ReportPeriod } from '../../domain/coverage.ts';
import { addDays, isoDateOf } from '../../domain/dates.ts';

/** The periods plans ask reports for, plus the current month for a look at the latest figures. */
export const PERIOD_PRESETS = ['firstHalf', 'secondHalf', 'year', 'month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The days of `preset` in the Vietnam calendar year and month of `now`, both ends included. */
export function presetPeriod(preset: PeriodPreset, now: Date = new Date()): ReportPeriod {
  const today = isoDateOf(now, VIETNAM_TIME_ZONE);
  const year = today.slice(0, 4);
  switch (preset) {
    case 'firstHalf':
      return { from: `${year}-01-01`, to: `${year}-06-30` };
    case 'secondHalf':
      return { from: `${year}-07-01`, to: `${year}-12-31` };
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'month': {
      const first = `${today.slice(0, 7)}-01`;
      // The day before the first of next month: day 28 plus four days is always in the next month.
      const nextMonth = `${addDays(`${today.slice(0, 7)}-28`, 4).slice(0, 7)}-01`;
      return { from: first, to: addDays(nextMonth, -1) };
    }
  }
}
