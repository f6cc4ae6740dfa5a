import { calendarSpan, VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import type { ReportPeriod } from '../../domain/coverage.ts';
import { addDays, isoDateOf } from '../../domain/dates.ts';
import { reportPeriod } from '../../domain/report.ts';

/** The periods plans ask reports for, plus the current month for a look at the latest figures. */
export const PERIOD_PRESETS = ['firstHalf', 'secondHalf', 'year', 'month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const REPORT_PRESET = { firstHalf: 'h1', secondHalf: 'h2', year: 'year' } as const;

/** The days of `preset` in the Vietnam calendar year and month of `now`, both ends included. */
export function presetPeriod(preset: PeriodPreset, now: Date = new Date()): ReportPeriod {
  const today = isoDateOf(now, VIETNAM_TIME_ZONE);
  if (preset === 'month') {
    const { first, next } = calendarSpan(today, 'month');
    return { from: first, to: addDays(next, -1) };
  }
  return reportPeriod(REPORT_PRESET[preset], Number(today.slice(0, 4)));
}
